// The session of the shopper, whichever adapter signed them in. Dev tokens live in sessionStorage (a tab
// forgets them when closed); with Clerk the token is asked of Clerk on every call and never stored here.
import { create } from "zustand";

import { readJSON, session, writeJSON } from "../storage";

export interface DevSession {
  token: string;
  expiresAt: string;
  email: string;
  name?: string;
}

/** What the Clerk bridge registers once Clerk has loaded. */
export interface ClerkBridge {
  signedIn: boolean;
  getToken: () => Promise<string | null>;
  signOut: () => Promise<void>;
  email?: string;
  name?: string;
}

interface AuthState {
  dev: DevSession | null;
  clerk: ClerkBridge | null;
  setDev: (s: DevSession | null) => void;
  setClerk: (b: ClerkBridge | null) => void;
}

export const SESSION_KEY = "donpalito.session";

function initialDev(): DevSession | null {
  const s = readJSON<DevSession>(session(), SESSION_KEY);
  if (!s?.token) return null;
  return isExpired(s) ? null : s;
}

export function isExpired(s: DevSession, now = Date.now()): boolean {
  const t = Date.parse(s.expiresAt);
  return Number.isFinite(t) && t <= now;
}

export const useAuthStore = create<AuthState>((set) => ({
  dev: initialDev(),
  clerk: null,
  setDev: (s) => {
    writeJSON(session(), SESSION_KEY, s ?? undefined);
    set({ dev: s });
  },
  setClerk: (b) => set({ clerk: b }),
}));

/** The bearer token for the next API call, or null when nobody is signed in. */
export async function currentToken(): Promise<string | null> {
  const { dev, clerk } = useAuthStore.getState();
  if (clerk?.signedIn) return clerk.getToken();
  if (dev && !isExpired(dev)) return dev.token;
  return null;
}

/** True when somebody is signed in (synchronous, for rendering). */
export function useSignedIn(): boolean {
  return useAuthStore((s) => Boolean(s.clerk?.signedIn || (s.dev && !isExpired(s.dev))));
}

export function useSessionName(): string | undefined {
  return useAuthStore((s) => (s.clerk?.signedIn ? (s.clerk.name ?? s.clerk.email) : (s.dev?.name ?? s.dev?.email)));
}

export async function signOut(): Promise<void> {
  const { clerk, setDev } = useAuthStore.getState();
  setDev(null);
  if (clerk?.signedIn) await clerk.signOut();
}
