// Which sign-in the shop uses is decided by the server's config, never by the build.

export type AuthMode = "dev" | "clerk" | "unavailable";

export interface AuthConfigLike {
  authMode: "dev" | "clerk";
  clerkPublishableKey?: string | null;
}

/**
 * dev → the server's development tokens (POST /api/dev/token); clerk → Clerk's components with the key from
 * config; clerk without a key is a misconfigured server: say so instead of showing a broken sign-in.
 */
export function chooseAuthMode(config: AuthConfigLike | undefined): AuthMode {
  if (!config) return "unavailable";
  if (config.authMode === "dev") return "dev";
  return config.clerkPublishableKey ? "clerk" : "unavailable";
}
