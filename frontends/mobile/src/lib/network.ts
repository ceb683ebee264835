// Whether the API answered lately. Any request failing before an HTTP answer (a fetch TypeError,
// not an ApiProblem) marks the shop unreachable; the next answer of any kind marks it reachable.
// The offline banner reads this and retries every failed query.
import { useSyncExternalStore } from "react";

import { ApiProblem } from "@donpalito/api-client";

let unreachable = false;
const listeners = new Set<() => void>();

function set(value: boolean) {
  if (unreachable === value) return;
  unreachable = value;
  listeners.forEach((l) => l());
}

/** True when the error means the API could not be reached at all. */
export function isNetworkError(err: unknown): boolean {
  if (err instanceof ApiProblem) return false;
  if (err instanceof TypeError) return true;
  const msg = err instanceof Error ? err.message : String(err);
  return /network|fetch|Failed to|ECONNREFUSED/i.test(msg);
}

export function reportError(err: unknown): void {
  if (isNetworkError(err)) set(true);
  else if (err instanceof ApiProblem) set(false);
}

export function reportSuccess(): void {
  set(false);
}

export function useUnreachable(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unreachable,
    () => unreachable,
  );
}
