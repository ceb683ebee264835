// Clerk, loaded only when the server's config says authMode "clerk" (this module is its own chunk, so dev and
// test builds never fetch Clerk's script). The bridge publishes Clerk's session into the app's auth store.
import { ClerkProvider, SignIn, useAuth, useClerk, useUser } from "@clerk/react";
import { useEffect, type ReactNode } from "react";

import { useAuthStore } from "./store";

function Bridge() {
  const { isSignedIn, getToken } = useAuth();
  const { user } = useUser();
  const clerk = useClerk();
  const setClerk = useAuthStore((s) => s.setClerk);
  useEffect(() => {
    setClerk({
      signedIn: Boolean(isSignedIn),
      getToken: () => getToken(),
      signOut: () => clerk.signOut(),
      email: user?.primaryEmailAddress?.emailAddress,
      name: user?.fullName ?? undefined,
    });
  }, [isSignedIn, getToken, user, clerk, setClerk]);
  return null;
}

export function ClerkRoot({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <Bridge />
      {children}
    </ClerkProvider>
  );
}

export function ClerkSignIn({ next }: { next: string }) {
  return <SignIn routing="hash" forceRedirectUrl={next} signUpForceRedirectUrl={next} />;
}
