// Stripe's PaymentSheet (native). Required lazily so tests and dev builds never load the native SDK.
export type SheetResult = { ok: true } | { ok: false; canceled: boolean; message: string };

export async function payWithPaymentSheet(opts: { publishableKey: string; clientSecret: string }): Promise<SheetResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stripe = require("@stripe/stripe-react-native") as typeof import("@stripe/stripe-react-native");
  await stripe.initStripe({ publishableKey: opts.publishableKey, merchantIdentifier: "merchant.co.donpalitojr" });
  const init = await stripe.initPaymentSheet({
    paymentIntentClientSecret: opts.clientSecret,
    merchantDisplayName: "Don Palito Jr",
    defaultBillingDetails: { address: { country: "CO" } },
  });
  if (init.error) return { ok: false, canceled: false, message: init.error.localizedMessage ?? init.error.message };
  const result = await stripe.presentPaymentSheet();
  if (result.error) {
    return { ok: false, canceled: result.error.code === "Canceled", message: result.error.localizedMessage ?? result.error.message };
  }
  return { ok: true };
}
