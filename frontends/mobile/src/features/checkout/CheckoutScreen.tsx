// Checkout: choose or add an address, pay by card (PaymentSheet, or the dev simulated panel) or by
// bank transfer; the server's totals; one Idempotency-Key per attempt; price changes confirmed.
import { Redirect, useRouter } from "expo-router";
import { useEffect, useState } from "react";
import { Platform, Pressable, ScrollView, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, InlineError, Loading, Notice } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { useConfig } from "@/lib/config";
import { formatMoney } from "@/lib/money";
import { cardPaymentMode } from "@/lib/payments/mode";
import { payWithPaymentSheet } from "@/lib/payments/payment-sheet";
import { formatPhone } from "@/lib/phone";

import { AddressForm } from "../account/AddressForm";
import { useAddresses, useCreateAddress } from "../account/addresses";
import { appliedCoupon, useCart } from "../cart/api";
import { Totals } from "../cart/Totals";
import { SimulatedPaymentPanel } from "./SimulatedPaymentPanel";
import { useCheckout, type CheckoutRequest, type Order, type PaymentMethod } from "./useCheckout";

function Radio({ label, detail, selected, onPress }: { label: string; detail?: string; selected: boolean; onPress: () => void }) {
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityLabel={detail ? `${label}, ${detail}` : label}
      accessibilityState={{ checked: selected }}
      // react-native-web turns only aria-checked (not accessibilityState) into the attribute a radio requires.
      aria-checked={selected}
      onPress={onPress}
      className={`min-h-[44px] flex-row items-center gap-3 rounded-xl border p-3 ${selected ? "border-brand bg-amber-50" : "border-stone-300 bg-white"}`}
    >
      <View className={`h-5 w-5 items-center justify-center rounded-full border-2 ${selected ? "border-brand" : "border-stone-400"}`}>
        {selected ? <View className="h-2.5 w-2.5 rounded-full bg-brand" /> : null}
      </View>
      <View className="flex-1">
        <Text className="font-semibold text-ink">{label}</Text>
        {detail ? <Text className="text-ink-soft">{detail}</Text> : null}
      </View>
    </Pressable>
  );
}

export function CheckoutScreen() {
  const router = useRouter();
  const auth = useAuth();
  const config = useConfig();
  const cart = useCart();
  const addresses = useAddresses();
  const createAddress = useCreateAddress();
  const checkout = useCheckout();
  const coupon = appliedCoupon.use();
  const [addressId, setAddressId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [pending, setPending] = useState<Order | null>(null);
  const [cardError, setCardError] = useState<string | null>(null);

  const list = addresses.data?.items;
  useEffect(() => {
    if (list && addressId === null) {
      const def = list.find((a) => a.isDefault) ?? list[0];
      if (def) setAddressId(def.id);
      else setAdding(true);
    }
  }, [list, addressId]);

  if (auth.status === "signedOut") return <Redirect href={{ pathname: "/ingresar", params: { next: "/checkout" } }} />;
  if (auth.status === "loading" || config.isPending || cart.isPending || addresses.isPending) {
    return <Screen edges={[]}><Loading label="Preparando el pago…" /></Screen>;
  }
  const failed = config.isError ? config : cart.isError ? cart : addresses.isError ? addresses : null;
  if (failed) return <Screen edges={[]}><ErrorState error={failed.error} onRetry={() => void failed.refetch()} /></Screen>;
  const cfg = config.data!;
  const c = cart.data!;

  if (pending) {
    return (
      <Screen edges={[]}>
        <ScrollView contentContainerClassName="gap-4 p-4">
          <Text accessibilityRole="header" className="text-xl font-bold text-ink">
            Paga tu pedido #{pending.reference}
          </Text>
          <Text className="text-ink">Total: {formatMoney(pending.total, pending.currency)}</Text>
          <SimulatedPaymentPanel
            order={pending}
            onResult={(o) => {
              if (o.status === "paid") router.replace(`/pedido-confirmado/${o.id}`);
              else setCardError(o.payment.lastError ?? "El pago fue rechazado. Puedes intentarlo de nuevo.");
            }}
          />
          {cardError ? <Notice tone="warning" message={cardError} /> : null}
          <Button label="Ver el pedido" variant="ghost" onPress={() => router.replace(`/pedido/${pending.id}`)} />
        </ScrollView>
      </Screen>
    );
  }

  if (c.lines.length === 0) {
    return (
      <Screen edges={[]}>
        <EmptyState title="No hay nada que pagar" message="Tu carrito está vacío." actionLabel="Ver productos" onAction={() => router.navigate("/")} />
      </Screen>
    );
  }

  const cardMode = cardPaymentMode(cfg, Platform.OS);
  const methods: { value: PaymentMethod; label: string; detail: string }[] = [];
  if (cfg.paymentMethods.includes("card") && cardMode !== "unavailable") {
    methods.push({ value: "card", label: "Tarjeta", detail: cardMode === "simulated" ? "Pago simulado (modo desarrollo)" : "Crédito o débito, con Stripe" });
  }
  if (cfg.paymentMethods.includes("transfer")) {
    methods.push({ value: "transfer", label: "Transferencia bancaria", detail: "Te damos los datos de la cuenta al confirmar" });
  }

  const pay = async (expectedTotal: number) => {
    if (!method || !addressId) return;
    setCardError(null);
    const body: CheckoutRequest = { addressId, paymentMethod: method, expectedTotal, ...(coupon ? { couponCode: coupon } : {}) };
    const order = await checkout.submitAsync(body).catch(() => null);
    if (!order) return;
    appliedCoupon.set(null);
    if (order.paymentMethod === "transfer") {
      router.replace(`/pedido-confirmado/${order.id}`);
      return;
    }
    if (cardMode === "stripe") {
      let secret = order.payment.clientSecret;
      let key = order.payment.publishableKey ?? cfg.stripePublishableKey ?? "";
      if (!secret) {
        const intent = (await api.POST("/api/payment/create-intent", { body: { orderId: order.id } })).data!;
        secret = intent.clientSecret;
        key = intent.publishableKey ?? key;
      }
      const result = await payWithPaymentSheet({ publishableKey: key, clientSecret: secret });
      if (result.ok) router.replace(`/pedido-confirmado/${order.id}`);
      else {
        setCardError(result.canceled ? "Cancelaste el pago. Tu pedido queda pendiente: puedes pagarlo desde Pedidos." : result.message);
        router.replace(`/pedido/${order.id}`);
      }
      return;
    }
    setPending(order);
  };

  const changes = checkout.priceChanges;
  return (
    <Screen edges={[]}>
      <ScrollView contentContainerClassName="gap-4 p-4 pb-10">
        <Text accessibilityRole="header" className="text-lg font-bold text-ink">
          Dirección de entrega
        </Text>
        {list?.map((a) => (
          <Radio
            key={a.id}
            label={a.label}
            detail={`${a.streetAddress}, ${a.city} · ${formatPhone(a.phoneNumber)}`}
            selected={!adding && addressId === a.id}
            onPress={() => {
              setAdding(false);
              setAddressId(a.id);
            }}
          />
        ))}
        {adding ? (
          <View className="rounded-xl bg-white p-3">
            <AddressForm
              submitLabel="Guardar dirección"
              busy={createAddress.isPending}
              error={createAddress.error}
              onCancel={list && list.length > 0 ? () => setAdding(false) : undefined}
              onSubmit={(body) =>
                createAddress.mutate(
                  { ...body, isDefault: !list || list.length === 0 },
                  {
                    onSuccess: (a) => {
                      setAddressId(a.id);
                      setAdding(false);
                    },
                  },
                )
              }
            />
          </View>
        ) : (
          <Button label="Agregar una dirección" variant="secondary" onPress={() => setAdding(true)} />
        )}

        <Text accessibilityRole="header" className="text-lg font-bold text-ink">
          Forma de pago
        </Text>
        {methods.length === 0 ? <Notice tone="warning" message="La tienda no tiene formas de pago disponibles en este momento." /> : null}
        {methods.map((m) => (
          <Radio key={m.value} label={m.label} detail={m.detail} selected={method === m.value} onPress={() => setMethod(m.value)} />
        ))}
        {method === "transfer" && cfg.bankTransfer ? (
          <Notice message={`Al confirmar te mostramos la cuenta ${cfg.bankTransfer.bank} para transferir y la referencia del pedido.`} />
        ) : null}

        <Totals t={c} />
        {c.warnings.map((w) => (
          <Notice key={`${w.code}-${w.productId ?? ""}`} tone="warning" message={w.message} />
        ))}

        {changes.length > 0 ? (
          <View className="gap-2 rounded-xl border border-amber-500 bg-amber-100 p-3" accessibilityRole="alert">
            <Text className="font-bold text-ink">Algunos precios cambiaron</Text>
            {changes.map((ch) => (
              <Text key={ch.productId} className="text-ink">
                {ch.name}: {formatMoney(ch.oldUnitPrice, c.currency)} → {formatMoney(ch.newUnitPrice, c.currency)}
              </Text>
            ))}
            <Text className="text-ink">Nuevo total: {formatMoney(c.total, c.currency)}</Text>
            <Button label="Confirmar y pagar con los nuevos precios" onPress={() => void pay(c.total)} loading={checkout.isPending} disabled={cart.isFetching} />
          </View>
        ) : (
          <>
            <InlineError message={checkout.error ? problemMessage(checkout.error) : null} />
            <InlineError message={cardError} />
            <Button
              label={method === "transfer" ? "Confirmar pedido" : `Pagar ${formatMoney(c.total, c.currency)}`}
              onPress={() => void pay(c.total)}
              loading={checkout.isPending}
              disabled={!method || !addressId || adding}
              accessibilityHint={!method ? "Elige una forma de pago" : undefined}
            />
          </>
        )}
      </ScrollView>
    </Screen>
  );
}
