// How a card payment is taken, decided from the server's config and the order's payment record.

export type PaymentMode = "stripe" | "simulated" | "unavailable";

export interface PaymentConfigLike {
  stripePublishableKey: string | null;
  paymentMethods: readonly string[];
  authMode?: string;
}

export interface OrderPaymentLike {
  provider?: "stripe" | "simulated" | "manual" | string;
  publishableKey?: string;
  clientSecret?: string;
}

/**
 * stripe → Stripe's Payment Element (loaded lazily) with the key from the order or config;
 * simulated → the dev "Pago simulado" panel that calls POST /api/dev/payments/{id}/simulate;
 * unavailable → card payments are not offered.
 */
export function choosePaymentMode(config: PaymentConfigLike | undefined, payment?: OrderPaymentLike): PaymentMode {
  if (!config || !config.paymentMethods.includes("card")) return "unavailable";
  if (payment?.provider === "simulated") return "simulated";
  const key = payment?.publishableKey || config.stripePublishableKey;
  if (payment?.provider === "stripe") return key ? "stripe" : "unavailable";
  if (key) return "stripe";
  // No key: only the development server simulates card payments.
  return config.authMode === "dev" ? "simulated" : "unavailable";
}
