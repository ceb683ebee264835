// The PaymentSheet has no web version; cardPaymentMode never offers Stripe on the web.
export type SheetResult = { ok: true } | { ok: false; canceled: boolean; message: string };

export async function payWithPaymentSheet(_opts: { publishableKey: string; clientSecret: string }): Promise<SheetResult> {
  return { ok: false, canceled: false, message: "El pago con tarjeta está disponible en la app para teléfonos." };
}
