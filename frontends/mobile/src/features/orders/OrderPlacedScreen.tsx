// After checkout: the order's reference, its state ("Pagado" for an approved card), and for a
// transfer how to pay it.
import { useRouter } from "expo-router";
import { ScrollView, Text } from "react-native";

import { Button } from "@/components/Button";
import { Screen } from "@/components/Screen";
import { ErrorState, Loading } from "@/components/States";
import { formatMoney } from "@/lib/money";

import { useOrder } from "./api";
import { StatusBadge } from "./StatusBadge";
import { TransferInstructions } from "./TransferInstructions";

export function OrderPlacedScreen({ id }: { id: string }) {
  const router = useRouter();
  const order = useOrder(id);
  if (order.isPending) return <Screen><Loading label="Cargando tu pedido…" /></Screen>;
  if (order.isError) return <Screen><ErrorState error={order.error} onRetry={() => void order.refetch()} /></Screen>;
  const o = order.data;
  return (
    <Screen>
      <ScrollView contentContainerClassName="gap-4 p-4 pb-10">
        <Text accessibilityRole="header" className="text-2xl font-extrabold text-green-900">
          {o.status === "paid" ? "¡Pago recibido!" : "¡Pedido recibido!"}
        </Text>
        <Text className="text-lg text-ink">
          Referencia <Text className="font-bold" testID="order-reference">{o.reference}</Text>
        </Text>
        <StatusBadge status={o.status} />
        <Text className="text-ink">Total: {formatMoney(o.total, o.currency)}</Text>
        {o.status === "pending" && o.paymentMethod === "transfer" ? <TransferInstructions order={o} /> : null}
        <Button label="Ver mis pedidos" onPress={() => router.replace("/pedidos")} />
        <Button label="Seguir comprando" variant="secondary" onPress={() => router.replace("/")} />
      </ScrollView>
    </Screen>
  );
}
