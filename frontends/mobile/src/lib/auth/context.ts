import { createContext, useContext, type ComponentType } from "react";

export type AuthStatus = "loading" | "signedOut" | "signedIn";

export interface SignInFormProps {
  /** Called once the session is ready. */
  onSignedIn: () => void;
}

/** What the rest of the app knows about the session, whichever adapter (dev tokens or Clerk) runs it. */
export interface Auth {
  mode: "dev" | "clerk";
  status: AuthStatus;
  /** The server said 403 account_inactive. */
  inactive: boolean;
  email: string | null;
  /** The sign-in form of this mode (dev: email and name; Clerk: email code and Google). */
  SignInForm: ComponentType<SignInFormProps>;
  signOut: () => Promise<void>;
  markInactive: () => void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}
