// Producto: image carousel, price, stock, quantity clamped to stock, add to cart, wishlist, reviews.
import { Stack, useRouter } from "expo-router";
import { useState } from "react";
import { Image, Pressable, ScrollView, Text, useWindowDimensions, View } from "react-native";

import { Button } from "@/components/Button";
import { Screen } from "@/components/Screen";
import { ErrorState, InlineError, Loading, Notice } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { useAuth } from "@/lib/auth/context";
import { formatDate } from "@/lib/dates";
import { formatMoney } from "@/lib/money";

import { useToggleWishlist, useWishlist } from "../account/wishlist";
import { clampQuantity, pendingAdd, useAddToCart } from "../cart/api";
import { useProduct, useProductReviews } from "./api";

function Stars({ rating }: { rating: number }) {
  const full = Math.round(rating);
  return <Text accessibilityLabel={`${rating.toFixed(1)} de 5 estrellas`}>{"★".repeat(full) + "☆".repeat(5 - full)}</Text>;
}

export function ProductScreen({ id }: { id: string }) {
  const router = useRouter();
  const auth = useAuth();
  const { width } = useWindowDimensions();
  const product = useProduct(id);
  const reviews = useProductReviews(id);
  const wishlist = useWishlist();
  const toggle = useToggleWishlist();
  const add = useAddToCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);

  if (product.isPending) return <Screen><Loading label="Cargando producto…" /></Screen>;
  if (product.isError) {
    return (
      <Screen>
        <ErrorState title="No pudimos cargar el producto" error={product.error} onRetry={() => void product.refetch()} />
      </Screen>
    );
  }
  const p = product.data;
  const stock = p.stock;
  const inWishlist = wishlist.data?.items.some((w) => w.id === p.id) ?? false;
  const imageWidth = Math.min(width, 480);

  const onAdd = () => {
    setAdded(false);
    if (auth.status !== "signedIn") {
      pendingAdd.set({ productId: p.id, quantity });
      router.push({ pathname: "/ingresar", params: { next: `/producto/${p.id}` } });
      return;
    }
    add.mutate({ productId: p.id, quantity }, { onSuccess: () => setAdded(true) });
  };
  const onWishlist = () => {
    if (auth.status !== "signedIn") {
      router.push({ pathname: "/ingresar", params: { next: `/producto/${p.id}` } });
      return;
    }
    toggle.mutate({ productId: p.id, add: !inWishlist });
  };

  return (
    <Screen edges={[]}>
      <Stack.Screen options={{ title: p.name }} />
      <ScrollView contentContainerClassName="pb-10">
        <ScrollView horizontal pagingEnabled showsHorizontalScrollIndicator={false} accessibilityLabel="Fotos del producto">
          {p.images.length === 0 ? (
            <View style={{ width: imageWidth, height: imageWidth }} className="items-center justify-center bg-amber-100">
              <Text className="text-ink-soft">Sin foto</Text>
            </View>
          ) : (
            p.images.map((img, i) => (
              <Image
                key={img.id}
                source={{ uri: img.url }}
                accessibilityLabel={`Foto ${i + 1} de ${p.images.length} de ${p.name}`}
                style={{ width: imageWidth, height: imageWidth }}
                resizeMode="cover"
              />
            ))
          )}
        </ScrollView>
        <View className="gap-3 p-4">
          <Text className="text-sm uppercase text-ink-soft">{p.category}</Text>
          <Text accessibilityRole="header" className="text-2xl font-bold text-ink">
            {p.name}
          </Text>
          <Text className="text-2xl font-extrabold text-brand-dark">{formatMoney(p.price, p.currency)}</Text>
          {p.reviewCount > 0 ? (
            <View className="flex-row items-center gap-2">
              <Stars rating={p.averageRating} />
              <Text className="text-ink-soft">({p.reviewCount})</Text>
            </View>
          ) : null}
          <Text className={stock > 0 ? "text-green-800" : "text-red-800"}>
            {stock <= 0 ? "Agotado" : stock <= 5 ? `¡Quedan solo ${stock}!` : `${stock} disponibles`}
          </Text>
          <Text className="text-base text-ink">{p.description}</Text>

          {stock > 0 ? (
            <View className="flex-row items-center gap-3">
              <Text className="text-ink">Cantidad</Text>
              <Pressable
                accessibilityRole="button"
                accessibilityLabel="Quitar una unidad"
                disabled={quantity <= 1}
                onPress={() => setQuantity(clampQuantity(quantity - 1, stock))}
                className="h-11 w-11 items-center justify-center rounded-full border border-stone-300 bg-white"
              >
                <Text className="text-xl">−</Text>
              </Pressable>
              <Text accessibilityLabel={`Cantidad: ${quantity}`} className="min-w-[24px] text-center text-lg font-semibold">
                {quantity}
              </Text>
              <Pressable
                accessibilityRole="button"
                accessibilityLabel="Agregar una unidad"
                disabled={quantity >= Math.min(stock, 99)}
                onPress={() => setQuantity(clampQuantity(quantity + 1, stock))}
                className="h-11 w-11 items-center justify-center rounded-full border border-stone-300 bg-white"
              >
                <Text className="text-xl">+</Text>
              </Pressable>
            </View>
          ) : null}
          <Button label="Agregar al carrito" onPress={onAdd} disabled={stock <= 0} loading={add.isPending} />
          {added ? <Notice tone="success" message={`Agregado al carrito (${quantity}).`} /> : null}
          <InlineError message={add.isError ? problemMessage(add.error) : null} />
          <Button
            label={inWishlist ? "Quitar de favoritos" : "Guardar en favoritos"}
            variant="secondary"
            onPress={onWishlist}
            loading={toggle.isPending}
          />
          <InlineError message={toggle.isError ? problemMessage(toggle.error) : null} />

          <Text accessibilityRole="header" className="mt-4 text-lg font-bold text-ink">
            Opiniones
          </Text>
          {reviews.isPending ? (
            <Loading label="Cargando opiniones…" rows={1} />
          ) : reviews.isError ? (
            <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
          ) : reviews.data.items.length === 0 ? (
            <Text className="text-ink-soft">Aún no hay opiniones de este producto.</Text>
          ) : (
            reviews.data.items.map((r) => (
              <View key={r.id} className="gap-1 rounded-xl bg-white p-3">
                <View className="flex-row justify-between">
                  <Text className="font-semibold text-ink">{r.authorName}</Text>
                  <Stars rating={r.rating} />
                </View>
                {r.comment ? <Text className="text-ink">{r.comment}</Text> : null}
                <Text className="text-sm text-ink-soft">{formatDate(r.createdAt)}</Text>
              </View>
            ))
          )}
        </View>
      </ScrollView>
    </Screen>
  );
}
