// Inicio: search, category chips, and the product grid with infinite scroll over the server's
// pages and pull to refresh.
import { useEffect, useState } from "react";
import { ActivityIndicator, FlatList, RefreshControl, ScrollView, Text, TextInput, View } from "react-native";

import { Chip } from "@/components/Chip";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, Loading } from "@/components/States";

import { useCategories, useProductPages } from "./api";
import { ProductCard } from "./ProductCard";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function HomeScreen() {
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const q = useDebounced(search.trim(), 300);
  const products = useProductPages(q, category);
  const categories = useCategories();
  const items = products.data?.pages.flatMap((p) => p.items) ?? [];
  const total = products.data?.pages[0]?.total ?? 0;

  return (
    <Screen>
      <View className="gap-3 px-4 pb-2 pt-3">
        <Text accessibilityRole="header" className="text-2xl font-extrabold text-brand-dark">
          Don Palito Jr
        </Text>
        <TextInput
          accessibilityLabel="Buscar productos"
          placeholder="Buscar palitos, buñuelos, natilla…"
          placeholderTextColor="#78716c"
          value={search}
          onChangeText={setSearch}
          returnKeyType="search"
          className="min-h-[44px] rounded-xl border border-stone-300 bg-white px-3 text-base text-ink"
        />
        <ScrollView horizontal showsHorizontalScrollIndicator={false} contentContainerClassName="gap-2" accessibilityLabel="Categorías">
          <Chip label="Todo" selected={category === null} onPress={() => setCategory(null)} accessibilityLabel="Todo: todas las categorías" />
          {categories.data?.items.map((c) => (
            <Chip key={c.name} label={c.name} selected={category === c.name} onPress={() => setCategory(category === c.name ? null : c.name)} />
          ))}
        </ScrollView>
      </View>
      {products.isPending ? (
        <Loading label="Cargando productos…" />
      ) : !products.data ? (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      ) : (
        <FlatList
          data={items}
          keyExtractor={(p) => p.id}
          numColumns={2}
          contentContainerClassName="px-3 pb-6"
          renderItem={({ item }) => <ProductCard product={item} />}
          onEndReachedThreshold={0.5}
          onEndReached={() => {
            if (products.hasNextPage && !products.isFetchingNextPage) void products.fetchNextPage();
          }}
          refreshControl={
            <RefreshControl
              refreshing={products.isRefetching && !products.isFetchingNextPage}
              onRefresh={() => void products.refetch()}
              accessibilityLabel="Actualizar productos"
            />
          }
          ListHeaderComponent={
            items.length > 0 ? (
              <Text className="px-1 pb-1 text-ink-soft">{total === 1 ? "1 producto" : `${total} productos`}</Text>
            ) : null
          }
          ListEmptyComponent={
            <EmptyState
              title="No encontramos productos"
              message={q || category ? "Prueba con otra búsqueda o categoría." : "Aún no hay productos a la venta."}
              actionLabel={q || category ? "Ver todo" : undefined}
              onAction={() => {
                setSearch("");
                setCategory(null);
              }}
            />
          }
          ListFooterComponent={
            products.isFetchingNextPage ? (
              <ActivityIndicator accessibilityLabel="Cargando más productos" className="py-4" />
            ) : products.isFetchNextPageError ? (
              <ErrorState title="No pudimos cargar más" error={products.error} onRetry={() => void products.fetchNextPage()} />
            ) : null
          }
        />
      )}
    </Screen>
  );
}
