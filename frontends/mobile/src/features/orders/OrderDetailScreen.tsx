// Pedido: lines, address, timeline, cancel while the server allows it, invoice once paid, and
// rating each product of a delivered order.
import { Stack } from "expo-router";
import { useState } from "react";
import { Pressable, RefreshControl, ScrollView, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Screen } from "@/components/Screen";
import { ErrorState, InlineError, Loading, Notice } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { formatPhone } from "@/lib/phone";

import { Totals } from "../cart/Totals";
import { useCancelOrder, useOrder, useRateProduct } from "./api";
import { downloadInvoice } from "./invoice";
import { ACTOR_LABEL, canCancel, invoiceAvailable, STATUS_LABEL } from "./status";
import { StatusBadge } from "./StatusBadge";
import { TransferInstructions } from "./TransferInstructions";

function RateLine({ orderId, productId, name }: { orderId: string; productId: string; name: string }) {
  const rate = useRateProduct();
  const [rating, setRating] = useState(0);
  return (
    <View className="gap-1">
      <Text className="text-ink">Califica {name}</Text>
      <View className="flex-row">
        {[1, 2, 3, 4, 5].map((n) => (
          <Pressable
            key={n}
            accessibilityRole="button"
            accessibilityLabel={`Calificar ${name} con ${n} de 5 estrellas`}
            accessibilityState={{ selected: rating === n }}
            onPress={() => {
              setRating(n);
              rate.mutate({ orderId, productId, rating: n });
            }}
            className="h-11 w-11 items-center justify-center"
          >
            <Text className={`text-2xl ${n <= rating ? "text-amber-500" : "text-stone-300"}`}>★</Text>
          </Pressable>
        ))}
      </View>
      {rate.isSuccess ? <Text className="text-green-800">¡Gracias por tu calificación!</Text> : null}
      <InlineError message={rate.isError ? problemMessage(rate.error) : null} />
    </View>
  );
}

export function OrderDetailScreen({ id }: { id: string }) {
  const order = useOrder(id);
  const cancel = useCancelOrder();
  const [asking, setAsking] = useState(false);
  const [invoiceMsg, setInvoiceMsg] = useState<string | null>(null);
  const [invoiceErr, setInvoiceErr] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  if (order.isPending) return <Screen edges={[]}><Loading label="Cargando pedido…" /></Screen>;
  if (order.isError) return <Screen edges={[]}><ErrorState error={order.error} onRetry={() => void order.refetch()} /></Screen>;
  const o = order.data;

  const getInvoice = async () => {
    setDownloading(true);
    setInvoiceErr(null);
    try {
      setInvoiceMsg(await downloadInvoice(o.id, `factura-${o.invoiceNumber ?? o.reference}.pdf`));
    } catch (err) {
      setInvoiceErr(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Screen edges={[]}>
      <Stack.Screen options={{ title: `Pedido #${o.reference}` }} />
      <ScrollView contentContainerClassName="gap-4 p-4 pb-10" refreshControl={<RefreshControl refreshing={order.isRefetching} onRefresh={() => void order.refetch()} />}>
        <View className="gap-1">
          <Text accessibilityRole="header" className="text-xl font-bold text-ink">
            Pedido #{o.reference}
          </Text>
          <StatusBadge status={o.status} />
          <Text className="text-ink-soft">{formatDateTime(o.createdAt)}</Text>
        </View>

        {o.status === "pending" && o.paymentMethod === "transfer" ? <TransferInstructions order={o} /> : null}

        <View className="gap-2 rounded-xl bg-white p-3">
          <Text accessibilityRole="header" className="font-bold text-ink">Productos</Text>
          {o.lines.map((l) => (
            <View key={l.productId} className="flex-row justify-between">
              <Text className="flex-1 text-ink">
                {l.quantity} × {l.name}
              </Text>
              <Text className="text-ink">{formatMoney(l.lineTotal, l.currency)}</Text>
            </View>
          ))}
        </View>
        <Totals t={o} />

        <View className="gap-1 rounded-xl bg-white p-3">
          <Text accessibilityRole="header" className="font-bold text-ink">Entrega</Text>
          <Text className="text-ink">{o.address.fullName}</Text>
          <Text className="text-ink">{o.address.streetAddress}, {o.address.city}</Text>
          <Text className="text-ink">{formatPhone(o.address.phoneNumber)}</Text>
          <Text className="text-ink-soft">Pago: {o.paymentMethod === "card" ? "tarjeta" : "transferencia bancaria"}</Text>
        </View>

        <View className="gap-2 rounded-xl bg-white p-3" accessibilityLabel="Historial del pedido">
          <Text accessibilityRole="header" className="font-bold text-ink">Historial</Text>
          {o.timeline.map((t, i) => (
            <View key={`${t.status}-${i}`} className="flex-row gap-2">
              <View className="mt-1.5 h-2.5 w-2.5 rounded-full bg-brand" />
              <View className="flex-1">
                <Text className="font-semibold text-ink">{STATUS_LABEL[t.status]}</Text>
                <Text className="text-ink-soft">
                  {formatDateTime(t.at)} · por {ACTOR_LABEL[t.actor] ?? t.actor}
                </Text>
                {t.note ? <Text className="text-ink-soft">{t.note}</Text> : null}
              </View>
            </View>
          ))}
        </View>

        {invoiceAvailable(o) ? (
          <View className="gap-2">
            <Button label="Descargar factura" variant="secondary" onPress={() => void getInvoice()} loading={downloading} />
            {invoiceMsg ? <Notice tone="success" message={invoiceMsg} /> : null}
            <InlineError message={invoiceErr ? problemMessage(invoiceErr) : null} />
          </View>
        ) : null}

        {o.status === "delivered" ? (
          <View className="gap-3 rounded-xl bg-white p-3">
            <Text accessibilityRole="header" className="font-bold text-ink">¿Qué tal estuvo?</Text>
            {o.lines.map((l) => (
              <RateLine key={l.productId} orderId={o.id} productId={l.productId} name={l.name} />
            ))}
          </View>
        ) : null}

        {canCancel(o) ? (
          <>
            <Button label="Cancelar pedido" variant="danger" onPress={() => setAsking(true)} />
            <InlineError message={cancel.isError ? problemMessage(cancel.error) : null} />
          </>
        ) : null}
      </ScrollView>
      <ConfirmDialog
        visible={asking}
        title="¿Cancelar el pedido?"
        message={`El pedido #${o.reference} se cancelará y los productos vuelven a la tienda.`}
        confirmLabel="Sí, cancelar"
        busy={cancel.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={() => cancel.mutate(o.id, { onSettled: () => setAsking(false) })}
      />
    </Screen>
  );
}
