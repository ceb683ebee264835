// Carrito: lines with +/− and delete (with confirmation), the server's warnings, a coupon checked by
// POST /api/coupons/validate (with the server's reason when it does not apply), the server's totals.
import { useRouter } from "expo-router";
import { useState } from "react";
import { FlatList, Image, Pressable, RefreshControl, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, InlineError, Loading, Notice } from "@/components/States";
import { TextField } from "@/components/TextField";
import { problemMessage } from "@/components/problem";
import { useAuth } from "@/lib/auth/context";
import { formatMoney } from "@/lib/money";

import { appliedCoupon, clampQuantity, useCart, useRemoveLine, useSetQuantity, useValidateCoupon, type CartLine } from "./api";
import { Totals } from "./Totals";

function Line({ line, onAsk }: { line: CartLine; onAsk: (l: CartLine) => void }) {
  const setQty = useSetQuantity();
  const change = (delta: number) => {
    const next = clampQuantity(line.quantity + delta, line.availableStock);
    if (next !== line.quantity) setQty.mutate({ productId: line.productId, quantity: next });
  };
  return (
    <View className="mb-2 gap-2 rounded-xl bg-white p-3" testID={`cart-line-${line.productId}`}>
      <View className="flex-row gap-3">
        {line.image ? <Image source={{ uri: line.image }} className="h-16 w-16 rounded-lg" accessibilityIgnoresInvertColors /> : <View className="h-16 w-16 rounded-lg bg-amber-100" />}
        <View className="flex-1">
          <Text className="font-semibold text-ink">{line.name}</Text>
          <Text className="text-ink-soft">{formatMoney(line.unitPrice, line.currency)} c/u</Text>
          <Text className="font-bold text-ink">{formatMoney(line.lineTotal, line.currency)}</Text>
        </View>
      </View>
      {line.warning ? <Notice tone="warning" message={line.warning.message} /> : null}
      <View className="flex-row items-center gap-2">
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={`Quitar una unidad de ${line.name}`}
          disabled={line.quantity <= 1 || setQty.isPending}
          onPress={() => change(-1)}
          className={`h-11 w-11 items-center justify-center rounded-full border border-stone-300 ${line.quantity <= 1 ? "opacity-40" : ""}`}
        >
          <Text className="text-xl">−</Text>
        </Pressable>
        <Text accessibilityLabel={`Cantidad de ${line.name}: ${line.quantity}`} className="min-w-[28px] text-center text-lg font-semibold">
          {line.quantity}
        </Text>
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={`Agregar una unidad de ${line.name}`}
          disabled={line.quantity >= Math.min(99, line.availableStock) || setQty.isPending}
          onPress={() => change(1)}
          className={`h-11 w-11 items-center justify-center rounded-full border border-stone-300 ${line.quantity >= Math.min(99, line.availableStock) ? "opacity-40" : ""}`}
        >
          <Text className="text-xl">+</Text>
        </Pressable>
        <View className="flex-1" />
        <Button label="Eliminar" variant="ghost" accessibilityLabel={`Eliminar ${line.name} del carrito`} onPress={() => onAsk(line)} />
      </View>
      <InlineError message={setQty.isError ? problemMessage(setQty.error) : null} />
    </View>
  );
}

function CouponBox() {
  const coupon = appliedCoupon.use();
  const [code, setCode] = useState(coupon ?? "");
  const validate = useValidateCoupon();
  const apply = () => {
    const c = code.trim().toUpperCase();
    if (!c) return;
    validate.mutate(c, { onSuccess: (v) => appliedCoupon.set(v.code) });
  };
  if (coupon) {
    return (
      <View className="flex-row items-center justify-between rounded-xl bg-green-50 p-3">
        <Text className="text-green-900">Cupón {coupon} aplicado</Text>
        <Button label="Quitar" variant="ghost" accessibilityLabel={`Quitar el cupón ${coupon}`} onPress={() => { appliedCoupon.set(null); validate.reset(); }} />
      </View>
    );
  }
  return (
    <View className="gap-2 rounded-xl bg-white p-3">
      <TextField label="Cupón de descuento" value={code} onChangeText={setCode} autoCapitalize="characters" placeholder="BIENVENIDA10" />
      <InlineError message={validate.isError ? problemMessage(validate.error) : null} />
      <Button label="Aplicar cupón" variant="secondary" onPress={apply} loading={validate.isPending} disabled={!code.trim()} />
    </View>
  );
}

export function CartScreen() {
  const router = useRouter();
  const auth = useAuth();
  const cart = useCart();
  const remove = useRemoveLine();
  const [asking, setAsking] = useState<CartLine | null>(null);

  if (auth.status === "loading") return <Screen><Loading label="Cargando carrito…" /></Screen>;
  if (auth.status === "signedOut") {
    return (
      <Screen>
        <EmptyState
          title="Tu carrito"
          message="Inicia sesión para guardar productos en tu carrito y comprar."
          actionLabel="Iniciar sesión"
          onAction={() => router.push({ pathname: "/ingresar", params: { next: "/carrito" } })}
        />
      </Screen>
    );
  }
  if (cart.isPending) return <Screen><Loading label="Cargando carrito…" /></Screen>;
  if (cart.isError) return <Screen><ErrorState error={cart.error} onRetry={() => void cart.refetch()} /></Screen>;
  const c = cart.data;
  const couponWarning = c.warnings.find((w) => w.code.startsWith("coupon_"));

  return (
    <Screen>
      <Text accessibilityRole="header" className="px-4 pb-2 pt-3 text-2xl font-bold text-ink">
        Carrito
      </Text>
      <FlatList
        data={c.lines}
        keyExtractor={(l) => l.productId}
        contentContainerClassName="px-4 pb-8"
        refreshControl={<RefreshControl refreshing={cart.isRefetching} onRefresh={() => void cart.refetch()} />}
        renderItem={({ item }) => <Line line={item} onAsk={setAsking} />}
        ListEmptyComponent={
          <EmptyState title="Tu carrito está vacío" message="Agrega palitos, buñuelos o natilla desde Inicio." actionLabel="Ver productos" onAction={() => router.navigate("/")} />
        }
        ListFooterComponent={
          c.lines.length > 0 ? (
            <View className="gap-3">
              {c.warnings
                .filter((w) => !w.productId && !w.code.startsWith("coupon_"))
                .map((w) => (
                  <Notice key={w.code + w.message} tone="warning" message={w.message} />
                ))}
              <CouponBox />
              {couponWarning ? <Notice tone="warning" message={couponWarning.message} /> : null}
              <Totals t={c} />
              <Button label="Ir a pagar" onPress={() => router.push("/checkout")} accessibilityHint="Elige dirección y forma de pago" />
            </View>
          ) : null
        }
      />
      <ConfirmDialog
        visible={asking !== null}
        title="¿Eliminar del carrito?"
        message={asking ? `Se quitará ${asking.name} de tu carrito.` : ""}
        confirmLabel="Eliminar"
        busy={remove.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          if (asking) remove.mutate(asking.productId, { onSettled: () => setAsking(null) });
        }}
      />
    </Screen>
  );
}
