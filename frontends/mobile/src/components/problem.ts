// What to tell a person about a failed call: the server's Spanish detail when it sent one.
import { isApiProblem } from "@donpalito/api-client";

import { isNetworkError } from "@/lib/network";

export function problemMessage(err: unknown, fallback = "Algo salió mal. Inténtalo de nuevo."): string {
  if (isNetworkError(err)) return "No pudimos conectar con la tienda. Revisa tu conexión.";
  if (isApiProblem(err)) {
    if (err.status === 401) return "Tu sesión terminó. Inicia sesión de nuevo.";
    if (err.status === 429) return "Demasiados intentos seguidos. Espera un momento.";
    if (err.status >= 500) return "La tienda tuvo un problema. Inténtalo en un momento.";
    return err.detail ?? err.errors[0]?.message ?? fallback;
  }
  return fallback;
}

/** The message of the field error for `field` (the server names fields like `phoneNumber` or `body.phoneNumber`). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiProblem(err)) return out;
  for (const e of err.errors) {
    if (!e.field || !e.message) continue;
    const name = e.field.replace(/^body\./, "").split(".").pop() ?? e.field;
    out[name] ??= e.message;
  }
  return out;
}
