// The checkout's step logic, free of React so it can be tested: which step the shopper may be on, what the
// order request looks like, and how a 409 price_changed problem is read.
import type { Schema } from "@donpalito/api-client";

export const STEPS = ["summary", "address", "payment"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  summary: "Resumen",
  address: "Dirección",
  payment: "Pago",
};

export type AddressChoice =
  | { kind: "saved"; id: string }
  | { kind: "new"; address: Schema<"ShippingAddressInput">; save: boolean; label?: string };

export interface CheckoutState {
  step: Step;
  couponCode?: string;
  address?: AddressChoice;
  method?: "card" | "transfer";
  notes?: string;
}

export interface CartFacts {
  lineCount: number;
  /** Lines the server flags as not purchasable (sold out, unavailable, short of stock). */
  blockingWarnings: number;
}

/** Whether the shopper has what a step needs to move on. */
export function canLeave(step: Step, s: CheckoutState, cart: CartFacts): boolean {
  switch (step) {
    case "summary":
      return cart.lineCount > 0 && cart.blockingWarnings === 0;
    case "address":
      return s.address !== undefined;
    case "payment":
      return s.method !== undefined && s.address !== undefined && cart.lineCount > 0 && cart.blockingWarnings === 0;
  }
}

/** The furthest step reachable from the start with the current state (guards deep links and back navigation). */
export function furthestStep(s: CheckoutState, cart: CartFacts): Step {
  if (!canLeave("summary", s, cart)) return "summary";
  if (!canLeave("address", s, cart)) return "address";
  return "payment";
}

/** The step to show: the requested one, unless an earlier step is not complete. */
export function clampStep(requested: Step, s: CheckoutState, cart: CartFacts): Step {
  const max = STEPS.indexOf(furthestStep(s, cart));
  return STEPS[Math.min(STEPS.indexOf(requested), max)] ?? "summary";
}

export function nextStep(step: Step): Step {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)] ?? step;
}
export function previousStep(step: Step): Step {
  return STEPS[Math.max(STEPS.indexOf(step) - 1, 0)] ?? step;
}

const BLOCKING = new Set(["product_unavailable", "out_of_stock", "low_stock"]);
export function isBlockingWarning(code: string | undefined): boolean {
  return code !== undefined && BLOCKING.has(code);
}

export type OrderBody = Schema<"OrderCreate"> & { expectedTotal?: number };

/**
 * The body of POST /api/orders. A new address the shopper chose to save is created first (its id is passed
 * in `savedAddressId`); otherwise it travels inline, used once. `expectedTotal` is the total the shopper saw.
 */
export function buildOrderBody(s: CheckoutState, expectedTotal: number | undefined, savedAddressId?: string): OrderBody {
  if (!s.method) throw new Error("checkout: no payment method chosen");
  if (!s.address) throw new Error("checkout: no address chosen");
  const body: OrderBody = { paymentMethod: s.method };
  if (s.address.kind === "saved") body.addressId = s.address.id;
  else if (savedAddressId) body.addressId = savedAddressId;
  else body.address = stripEmpty(s.address.address);
  if (s.couponCode) body.couponCode = s.couponCode;
  if (s.notes?.trim()) body.notes = s.notes.trim();
  if (expectedTotal !== undefined) body.expectedTotal = expectedTotal;
  return body;
}

function stripEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}

export interface PriceChange {
  productId: string;
  name: string;
  oldUnitPrice: number;
  newUnitPrice: number;
}

/** The price changes of a 409 price_changed problem (empty when the problem carries none). */
export function priceChangesOf(problem: { code: string; problem?: Record<string, unknown> | undefined }): PriceChange[] {
  if (problem.code !== "price_changed") return [];
  const raw = problem.problem?.["priceChanges"];
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is PriceChange =>
      typeof c === "object" && c !== null && typeof (c as PriceChange).productId === "string" && typeof (c as PriceChange).newUnitPrice === "number",
  );
}
