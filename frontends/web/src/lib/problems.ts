// Turning the server's RFC 9457 problems into what a shopper reads: a Spanish sentence, and field errors placed
// on the right inputs.
import { isApiProblem, type ApiFieldError } from "@donpalito/api-client";

const couponReasons: Record<string, string> = {
  coupon_not_found: "Ese cupón no existe. Revisa que esté bien escrito.",
  coupon_inactive: "Ese cupón ya no está activo.",
  coupon_expired: "Ese cupón ya venció.",
  coupon_not_started: "Ese cupón todavía no está vigente.",
  coupon_min_subtotal: "Tu compra no alcanza el mínimo que pide este cupón.",
  coupon_usage_limit: "Ese cupón ya se agotó.",
  coupon_already_used: "Ya usaste este cupón el máximo de veces permitido.",
};

const byCode: Record<string, string> = {
  ...couponReasons,
  out_of_stock: "No hay unidades suficientes: el producto está sin stock.",
  cart_empty: "Tu carrito está vacío.",
  rate_limited: "Hiciste demasiadas solicitudes seguidas. Espera un momento e inténtalo de nuevo.",
  payment_method_unavailable: "Ese medio de pago no está disponible en este momento.",
  account_inactive: "Tu cuenta está desactivada.",
  unauthenticated: "Tu sesión terminó. Vuelve a ingresar.",
  invoice_unavailable: "La factura estará disponible cuando el pedido esté pagado.",
  too_many_addresses: "Puedes guardar hasta 10 direcciones.",
  idempotency_key_in_progress: "Estamos procesando tu pedido, espera un momento.",
};

/** Why a coupon does not apply, from its `coupon_*` code; the server's detail when the code is new to us. */
export function couponReason(code: string, detail?: string): string {
  return couponReasons[code] ?? detail ?? "No pudimos aplicar ese cupón.";
}

/** One Spanish sentence for any error a call can throw. */
export function problemMessage(err: unknown): string {
  if (isApiProblem(err)) {
    if (err.code.startsWith("coupon_")) return couponReason(err.code, err.detail);
    if (err.status >= 500) return err.detail ?? "Tuvimos un problema en la tienda. Inténtalo de nuevo en un momento.";
    return err.detail ?? byCode[err.code] ?? err.title;
  }
  if (err instanceof TypeError) return "No pudimos conectar con la tienda. Revisa tu conexión e inténtalo de nuevo.";
  return "Algo salió mal. Inténtalo de nuevo.";
}

/** The form field an `errors[].field` points at: `body.address.fullName` → `fullName` when the form has it. */
export function matchField(field: string | undefined, known: readonly string[]): string | undefined {
  if (!field) return undefined;
  const path = field.replace(/^(body|query|path)\./, "").replace(/\[\d+\]/g, "");
  if (known.includes(path)) return path;
  const last = path.split(".").pop() ?? path;
  return known.includes(last) ? last : undefined;
}

export interface MappedErrors {
  /** field name → message, for the fields the form has. */
  fields: Record<string, string>;
  /** messages that belong to no field of the form (shown above it). */
  general: string[];
}

/** Splits a problem's errors[] into per-field messages (first one wins) and the rest. */
export function mapFieldErrors(errors: readonly ApiFieldError[], known: readonly string[]): MappedErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const e of errors) {
    const msg = e.message ?? "Valor no válido.";
    const f = matchField(e.field, known);
    if (f && !(f in fields)) fields[f] = msg;
    else if (!f) general.push(msg);
  }
  return { fields, general };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SetError = (name: any, error: { type: string; message: string }, options?: { shouldFocus: boolean }) => void;

/**
 * Puts an error's field messages on a react-hook-form form. Returns the message to show above the form
 * (problem detail plus errors that match no field), or undefined when everything landed on a field.
 */
export function applyProblemToForm(err: unknown, setError: SetError, known: readonly string[]): string | undefined {
  if (!isApiProblem(err) || err.errors.length === 0) return problemMessage(err);
  const { fields, general } = mapFieldErrors(err.errors, known);
  let first = true;
  for (const [name, message] of Object.entries(fields)) {
    setError(name, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
  if (general.length > 0) return general.join(" ");
  return Object.keys(fields).length === 0 ? problemMessage(err) : undefined;
}
