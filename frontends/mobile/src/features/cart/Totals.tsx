import { Text, View } from "react-native";

import { formatMoney } from "@/lib/money";

/** The server's totals, shown as they came (the app never recomputes them). */
export function Totals({
  t,
}: {
  t: { subtotal: number; discount: number; shipping: number; taxIncluded: number; total: number; currency: string; couponCode?: string | undefined };
}) {
  const row = (label: string, value: string, strong = false) => (
    <View className="flex-row justify-between">
      <Text className={strong ? "text-lg font-bold text-ink" : "text-ink"}>{label}</Text>
      <Text className={strong ? "text-lg font-bold text-ink" : "text-ink"}>{value}</Text>
    </View>
  );
  return (
    <View className="gap-1 rounded-xl bg-white p-4" accessibilityLabel="Resumen del pedido">
      {row("Subtotal", formatMoney(t.subtotal, t.currency))}
      {t.discount > 0 ? row(`Descuento${t.couponCode ? ` (${t.couponCode})` : ""}`, `−${formatMoney(t.discount, t.currency)}`) : null}
      {row("Envío", formatMoney(t.shipping, t.currency))}
      {row("Total", formatMoney(t.total, t.currency), true)}
      <Text className="text-sm text-ink-soft">Incluye IVA por {formatMoney(t.taxIncluded, t.currency)}</Text>
    </View>
  );
}
