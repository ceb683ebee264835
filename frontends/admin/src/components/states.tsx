import { isApiProblem } from "@donpalito/api-client";
import type { ReactNode } from "react";

/** Skeleton rows while a list or a card loads. */
export function Loading({ rows = 4, label = "Cargando…" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3 p-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton h-6 w-full" />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-12 text-center">
      <p className="font-semibold">{title}</p>
      {children ? <div className="text-sm text-base-content/70">{children}</div> : null}
    </div>
  );
}

/** The Spanish text to show for any error: the problem's detail when the server gave one. */
export function errorText(error: unknown): string {
  if (isApiProblem(error)) return error.detail ?? error.title;
  if (error instanceof TypeError) return "No hay conexión con el servidor.";
  if (error instanceof Error) return error.message;
  return "Algo salió mal.";
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div role="alert" className="alert alert-error m-4 flex flex-wrap justify-between">
      <span>{errorText(error)}</span>
      {retry ? (
        <button type="button" className="btn btn-sm" onClick={retry}>
          Reintentar
        </button>
      ) : null}
    </div>
  );
}
