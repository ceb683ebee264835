// Favoritos: the wishlist; a tap opens the product (the old app's taps did nothing).
import { FlatList, RefreshControl } from "react-native";
import { useRouter } from "expo-router";

import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, Loading } from "@/components/States";

import { ProductCard } from "../catalog/ProductCard";
import { useWishlist } from "./wishlist";

export function FavoritesScreen() {
  const router = useRouter();
  const wishlist = useWishlist();
  if (wishlist.isPending) return <Screen edges={[]}><Loading label="Cargando favoritos…" /></Screen>;
  if (wishlist.isError) return <Screen edges={[]}><ErrorState error={wishlist.error} onRetry={() => void wishlist.refetch()} /></Screen>;
  return (
    <Screen edges={[]}>
      <FlatList
        data={wishlist.data.items}
        keyExtractor={(p) => p.id}
        numColumns={2}
        contentContainerClassName="p-3"
        refreshControl={<RefreshControl refreshing={wishlist.isRefetching} onRefresh={() => void wishlist.refetch()} />}
        renderItem={({ item }) => <ProductCard product={item} />}
        ListEmptyComponent={
          <EmptyState title="Aún no tienes favoritos" message="Toca «Guardar en favoritos» en un producto para encontrarlo aquí." actionLabel="Ver productos" onAction={() => router.navigate("/")} />
        }
      />
    </Screen>
  );
}
