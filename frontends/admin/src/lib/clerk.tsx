// Clerk mode, in its own chunk: @clerk/react is downloaded only when the server's config names a Clerk key.
import { ClerkProvider, SignIn, useAuth as useClerkAuth, useClerk } from "@clerk/react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, type ReactNode } from "react";

import { SessionGate, type GateScreens } from "./auth";
import { setTokenGetter } from "./session";

export default function ClerkGate({
  publishableKey,
  screens,
  children,
}: {
  publishableKey: string;
  screens: GateScreens;
  children: ReactNode;
}) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <ClerkSession screens={screens}>{children}</ClerkSession>
    </ClerkProvider>
  );
}

function ClerkSession({ screens, children }: { screens: GateScreens; children: ReactNode }) {
  const { isLoaded, isSignedIn, sessionId, getToken } = useClerkAuth();
  const clerk = useClerk();
  const queryClient = useQueryClient();
  const signOut = useCallback(() => {
    queryClient.clear();
    void clerk.signOut();
  }, [clerk, queryClient]);
  if (!isLoaded) return screens.loading;
  if (!isSignedIn || !sessionId) {
    return (
      <main className="grid min-h-screen place-items-center bg-base-200 p-4">
        <SignIn routing="hash" />
      </main>
    );
  }
  setTokenGetter(() => getToken());
  return (
    <SessionGate mode="clerk" sessionKey={sessionId} signOut={signOut} screens={screens}>
      {children}
    </SessionGate>
  );
}
