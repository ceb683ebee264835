// The dev "pago simulado" panel: approves or declines a card order through
// POST /api/dev/payments/{orderId}/simulate, which drives the server's real webhook path.
import { useMutation } from "@tanstack/react-query";
import { Text, View } from "react-native";

import { Button } from "@/components/Button";
import { InlineError } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { api } from "@/lib/api";

import type { Order } from "./useCheckout";

export function SimulatedPaymentPanel({ order, onResult }: { order: Order; onResult: (o: Order) => void }) {
  const simulate = useMutation({
    mutationFn: async (outcome: "succeeded" | "failed") =>
      (await api.POST("/api/dev/payments/{orderId}/simulate", { params: { path: { orderId: order.id } }, body: { outcome } })).data!.order,
    onSuccess: onResult,
  });
  return (
    <View className="gap-3 rounded-xl border-2 border-dashed border-amber-500 bg-amber-50 p-4" testID="simulated-payment">
      <Text accessibilityRole="header" className="text-lg font-bold text-ink">
        Pago simulado
      </Text>
      <Text className="text-ink-soft">
        Modo desarrollo: no se cobra ninguna tarjeta. Elige el resultado del pago y el servidor lo procesa como si viniera de Stripe.
      </Text>
      <Button label="Aprobar pago" onPress={() => simulate.mutate("succeeded")} loading={simulate.isPending && simulate.variables === "succeeded"} disabled={simulate.isPending} />
      <Button label="Rechazar pago" variant="secondary" onPress={() => simulate.mutate("failed")} loading={simulate.isPending && simulate.variables === "failed"} disabled={simulate.isPending} />
      <InlineError message={simulate.isError ? problemMessage(simulate.error) : null} />
    </View>
  );
}
