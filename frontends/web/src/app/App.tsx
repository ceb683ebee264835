import { isApiProblem } from "@donpalito/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { RouterProvider } from "react-router";

import { setAuthFailureHandler, useConfig } from "../lib/api";
import { chooseAuthMode } from "../lib/auth/mode";
import { useAuthStore } from "../lib/auth/store";
import { router } from "./router";

const ClerkRoot = lazy(() => import("../lib/auth/clerk").then((m) => ({ default: m.ClerkRoot })));

/** 401 → sign in again with a way back; 403 account_inactive → the account-inactive page. */
function routeAuthFailure(status: 401 | 403, code: string): void {
  const here = window.location.pathname + window.location.search;
  if (status === 401) {
    useAuthStore.getState().setDev(null);
    if (!here.startsWith("/ingresar")) void router.navigate(`/ingresar?next=${encodeURIComponent(here)}`, { replace: true });
  } else if (code === "account_inactive") {
    if (!here.startsWith("/cuenta-inactiva")) void router.navigate("/cuenta-inactiva", { replace: true });
  }
}

setAuthFailureHandler(routeAuthFailure);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(isApiProblem(err) && err.status < 500) && count < 2,
    },
  },
});

function AuthRoot({ children }: { children: ReactNode }) {
  const { data } = useConfig();
  if (chooseAuthMode(data) === "clerk" && data?.clerkPublishableKey) {
    return (
      <Suspense fallback={null}>
        <ClerkRoot publishableKey={data.clerkPublishableKey}>{children}</ClerkRoot>
      </Suspense>
    );
  }
  return <>{children}</>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthRoot>
        <RouterProvider router={router} />
      </AuthRoot>
    </QueryClientProvider>
  );
}
