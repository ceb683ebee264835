import type { StoreConfig } from "../config";

export type CardPaymentMode = "stripe" | "simulated" | "unavailable";

/**
 * How a card is paid (DESIGN §10): Stripe's PaymentSheet when the server publishes a Stripe key
 * (native apps only: the sheet has no web version), the dev "pago simulado" panel when card
 * payments are on without a key (the server's simulated provider), else not at all.
 */
export function cardPaymentMode(config: Pick<StoreConfig, "paymentMethods" | "stripePublishableKey" | "authMode">, platform: string): CardPaymentMode {
  if (!config.paymentMethods.includes("card")) return "unavailable";
  if (config.stripePublishableKey) return platform === "web" ? "unavailable" : "stripe";
  return config.authMode === "dev" ? "simulated" : "unavailable";
}
