import type { ReactNode } from "react";

import { problemMessage } from "../lib/problems";

export function Skeleton({ className = "" }: { className?: string }) {
  return <div className={`skeleton rounded-box ${className}`} aria-hidden="true" />;
}

/** A region that is loading: announced once, drawn as skeletons. */
export function Loading({ label = "Cargando…", children }: { label?: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = "No pudimos cargar esta información" }: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div role="alert" className="alert alert-error alert-soft my-4 flex flex-col items-start gap-2 sm:flex-row sm:items-center">
      <div className="flex-1">
        <p className="font-semibold">{title}</p>
        <p className="text-sm">{problemMessage(error)}</p>
      </div>
      {onRetry && (
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Reintentar
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-box border border-dashed border-base-300 bg-base-100 px-6 py-12 text-center">
      <svg viewBox="0 0 64 64" className="mx-auto mb-4 h-14 w-14 text-primary/70" aria-hidden="true">
        <circle cx="32" cy="36" r="20" fill="currentColor" opacity=".15" />
        <path d="M18 30h28l-3 18H21z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
        <path d="M25 30c0-6 3-10 7-10s7 4 7 10" fill="none" stroke="currentColor" strokeWidth="3" />
      </svg>
      <h2 className="font-display text-xl font-semibold">{title}</h2>
      {children && <div className="mx-auto mt-2 max-w-md text-base-content/75">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
