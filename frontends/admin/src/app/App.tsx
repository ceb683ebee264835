import { isApiProblem } from "@donpalito/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";

import { ToastProvider } from "../components/toast";
import { AccessDenied, AccountInactive, ConfigError, FullPageLoading } from "../features/auth/screens";
import { SignIn } from "../features/auth/SignIn";
import { AuthGate } from "../lib/auth";
import { router } from "./router";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // Client errors (4xx) will not get better by asking again.
      retry: (count, error) => !(isApiProblem(error) && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <AuthGate
          screens={{
            loading: <FullPageLoading />,
            signIn: (p) => <SignIn {...p} />,
            denied: (p) => <AccessDenied {...p} />,
            inactive: (p) => <AccountInactive {...p} />,
            configError: (p) => <ConfigError {...p} />,
          }}
        >
          <RouterProvider router={router} />
        </AuthGate>
      </ToastProvider>
    </QueryClientProvider>
  );
}
