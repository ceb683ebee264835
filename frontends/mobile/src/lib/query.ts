// The TanStack Query client: every error goes through one place so an unreachable API shows the
// offline banner and a deactivated account lands on the account-inactive screen.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";

import { isApiProblem } from "@donpalito/api-client";

import { reportError, reportSuccess } from "./network";

export interface QueryClientHooks {
  onAccountInactive?: () => void;
  onUnauthenticated?: () => void;
}

const hooks: QueryClientHooks = {};

/** The auth adapter registers what to do on 403 account_inactive and 401. */
export function setQueryClientHooks(h: QueryClientHooks): void {
  Object.assign(hooks, h);
}

function onError(err: unknown) {
  reportError(err);
  if (isApiProblem(err, "account_inactive")) hooks.onAccountInactive?.();
  else if (isApiProblem(err) && err.status === 401) hooks.onUnauthenticated?.();
}

export function createQueryClient(options: { test?: boolean } = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError, onSuccess: reportSuccess }),
    mutationCache: new MutationCache({ onError, onSuccess: reportSuccess }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors (4xx) will not fix themselves; retry only what may be transient.
        retry: options.test
          ? false
          : (count, err) => count < 2 && !(isApiProblem(err) && err.status >= 400 && err.status < 500),
        // Infinity in tests: Jest otherwise waits for garbage-collection timers and hangs.
        ...(options.test ? { gcTime: Infinity } : {}),
      },
      mutations: { retry: false },
    },
  });
}
