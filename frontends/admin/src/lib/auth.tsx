// The auth adapter (DESIGN §10). `authMode: dev` → a labelled development sign-in that mints a token with
// POST /api/dev/token; `authMode: clerk` → Clerk's components, loaded only then. Either way the rest of the
// app sees one context: who is signed in and how to sign out.
import { isApiProblem, type Schema } from "@donpalito/api-client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import { api } from "./api";
import { storeConfigQuery } from "./config";
import { readDevToken, saveDevToken, setTokenGetter } from "./session";

export type Me = Schema<"Me">;

export interface AuthState {
  mode: "dev" | "clerk";
  user: Me;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthGate");
  return ctx;
}

/** For components that may render before sign-in. */
export function useOptionalAuth(): AuthState | null {
  return useContext(AuthContext);
}

export interface GateScreens {
  loading: ReactNode;
  signIn: (props: { onSignedIn: (token: string) => void }) => ReactNode;
  denied: (props: { user: Me; signOut: () => void }) => ReactNode;
  inactive: (props: { signOut: () => void }) => ReactNode;
  configError: (props: { retry: () => void }) => ReactNode;
}

const ClerkGate = lazy(() => import("./clerk"));

/** Renders `children` only for a signed-in, active admin. */
export function AuthGate({ screens, children }: { screens: GateScreens; children: ReactNode }) {
  const config = useQuery(storeConfigQuery);
  if (config.isPending) return screens.loading;
  if (config.isError) return screens.configError({ retry: () => void config.refetch() });
  const cfg = config.data as Schema<"StoreConfig"> & { clerkPublishableKey?: string | null };
  if (cfg.authMode === "clerk" && cfg.clerkPublishableKey) {
    return (
      <Suspense fallback={screens.loading}>
        <ClerkGate publishableKey={cfg.clerkPublishableKey} screens={screens}>
          {children}
        </ClerkGate>
      </Suspense>
    );
  }
  return <DevGate screens={screens}>{children}</DevGate>;
}

function DevGate({ screens, children }: { screens: GateScreens; children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => readDevToken());
  const queryClient = useQueryClient();
  const signOut = useCallback(() => {
    saveDevToken(null);
    setToken(null);
    queryClient.clear();
  }, [queryClient]);
  const onSignedIn = useCallback(
    (t: string) => {
      saveDevToken(t);
      setTokenGetter(() => readDevToken());
      queryClient.clear();
      setToken(t);
    },
    [queryClient],
  );
  if (!token) return screens.signIn({ onSignedIn });
  return (
    <SessionGate mode="dev" sessionKey={token} signOut={signOut} screens={screens}>
      {children}
    </SessionGate>
  );
}

/** Shared by both modes once a token exists: loads /api/users/me and decides what to show. */
export function SessionGate({
  mode,
  sessionKey,
  signOut,
  screens,
  children,
}: {
  mode: "dev" | "clerk";
  sessionKey: string;
  signOut: () => void;
  screens: GateScreens;
  children: ReactNode;
}) {
  const me = useQuery({
    queryKey: ["get", "/api/users/me", sessionKey],
    queryFn: async () => (await api.GET("/api/users/me")).data!,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const value = useMemo<AuthState | null>(
    () => (me.data ? { mode, user: me.data, signOut } : null),
    [me.data, mode, signOut],
  );
  if (me.isPending) return screens.loading;
  if (me.isError) {
    if (isApiProblem(me.error, "account_inactive")) return screens.inactive({ signOut });
    // An expired or unknown token: back to sign-in; the URL stays, so the user returns where they were.
    if (isApiProblem(me.error) && me.error.status === 401) {
      queueMicrotask(signOut);
      return screens.loading;
    }
    return screens.configError({ retry: () => void me.refetch() });
  }
  if (!value) return screens.loading;
  if (value.user.role !== "admin") return screens.denied({ user: value.user, signOut });
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
