import { Link } from "expo-router";
import { Image, Pressable, Text, View } from "react-native";

import { formatMoney } from "@/lib/money";

import { thumbnailUrl, type Product } from "./api";

export function ProductCard({ product }: { product: Product }) {
  const uri = thumbnailUrl(product);
  const soldOut = product.stock <= 0;
  return (
    <Link href={`/producto/${product.id}`} asChild>
      <Pressable
        accessibilityRole="link"
        accessibilityLabel={`${product.name}, ${formatMoney(product.price, product.currency)}${soldOut ? ", agotado" : ""}`}
        className="m-1 flex-1 overflow-hidden rounded-2xl bg-white shadow-sm"
      >
        <View className="aspect-square w-full bg-amber-100">
          {uri ? <Image source={{ uri }} accessibilityIgnoresInvertColors className="h-full w-full" resizeMode="cover" /> : null}
        </View>
        <View className="gap-1 p-2">
          <Text numberOfLines={2} className="min-h-[40px] font-semibold text-ink">
            {product.name}
          </Text>
          <Text className="font-bold text-brand-dark">{formatMoney(product.price, product.currency)}</Text>
          {soldOut ? <Text className="text-sm text-red-800">Agotado</Text> : null}
        </View>
      </Pressable>
    </Link>
  );
}
