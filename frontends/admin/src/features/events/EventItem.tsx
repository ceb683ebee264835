import type { Schema } from "@donpalito/api-client";

import { Pill, type PillTone } from "../../components/Pill";
import { formatDateTime } from "../../lib/format";
import { EVENT_STATE_LABEL } from "../../lib/labels";

type OutboxEvent = Schema<"OutboxEvent">;

const TONE: Record<string, PillTone> = { pending: "warn", processing: "info", delivered: "good", dead: "bad" };

/** A dead event gave up after its attempts; a pending one is still on its way and needs no push. */
export const canRetry = (ev: Pick<OutboxEvent, "state">) => ev.state === "dead";

/** One outbox event: type, state, attempts, last error, the payload on demand and, when dead, a retry. */
export function EventItem({
  event: ev,
  open,
  onToggle,
  onRetry,
}: {
  event: OutboxEvent;
  open: boolean;
  onToggle: () => void;
  onRetry: (id: string) => void;
}) {
  return (
    <li className="px-5 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="link link-hover font-mono font-medium" aria-expanded={open} onClick={onToggle}>
          {ev.type}
        </button>
        <Pill tone={TONE[ev.state] ?? "neutral"}>{EVENT_STATE_LABEL[ev.state]}</Pill>
        <span className="text-base-content/70">
          {ev.attempts} {ev.attempts === 1 ? "intento" : "intentos"}
        </span>
        <span className="ml-auto text-xs text-base-content/70">{formatDateTime(ev.createdAt)}</span>
        {canRetry(ev) ? (
          <button type="button" className="btn btn-xs btn-outline" aria-label={`Reintentar ${ev.type}`} onClick={() => onRetry(ev.id)}>
            Reintentar
          </button>
        ) : null}
      </div>
      {ev.lastError ? <p className="mt-1 text-error">Último error: {ev.lastError}</p> : null}
      {open ? (
        <pre className="mt-2 max-h-72 overflow-auto rounded-lg bg-base-200 p-3 text-xs" data-testid="event-payload">
          {JSON.stringify(ev.payload, null, 2)}
        </pre>
      ) : null}
    </li>
  );
}
