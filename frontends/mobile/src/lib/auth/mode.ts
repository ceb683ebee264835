import type { StoreConfig } from "../config";

export type AuthModeChoice =
  | { mode: "dev" }
  | { mode: "clerk"; publishableKey: string }
  | { mode: "misconfigured"; message: string };

/** Which sign-in the app offers, from the server's config (DESIGN §10: dev tokens in dev, Clerk in production). */
export function chooseAuthMode(config: Pick<StoreConfig, "authMode" | "clerkPublishableKey">): AuthModeChoice {
  if (config.authMode === "dev") return { mode: "dev" };
  const key = config.clerkPublishableKey ?? "";
  if (!/^pk_(test|live)_/.test(key)) {
    return {
      mode: "misconfigured",
      message: "La tienda usa Clerk para iniciar sesión, pero no publica su clave (clerkPublishableKey). Avísale al administrador.",
    };
  }
  return { mode: "clerk", publishableKey: key };
}
