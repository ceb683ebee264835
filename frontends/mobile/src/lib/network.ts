// Whether the API answered lately, watched at the transport (lib/api.ts wraps fetch): a request
// failing before any HTTP answer marks the shop unreachable; an answer of any kind to a request sent
// after that failure marks it reachable again. A late answer to a request sent before the outage
// proves nothing, so it does not hide the banner. The offline banner reads this and retries.
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

// Bumped on every failure; a request remembers the value it started under.
let failures = 0;

/** Wraps a fetch so every request reports whether the shop answered. */
export function watchedFetch(inner: (input: Request) => Promise<Response>): (input: Request) => Promise<Response> {
  return async (input) => {
    const startedUnder = failures;
    try {
      const res = await inner(input);
      if (startedUnder === failures) set(false);
      return res;
    } catch (err) {
      if (isNetworkError(err)) {
        failures += 1;
        set(true);
      }
      throw err;
    }
  };
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
