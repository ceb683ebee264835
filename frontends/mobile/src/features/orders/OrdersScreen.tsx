// Pedidos: my orders with a status filter and pull to refresh.
import { Link, useRouter } from "expo-router";
import { useState } from "react";
import { FlatList, Pressable, RefreshControl, ScrollView, Text, View } from "react-native";

import { Chip } from "@/components/Chip";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, Loading } from "@/components/States";
import { useAuth } from "@/lib/auth/context";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";

import { useOrders } from "./api";
import { STATUS_LABEL, type OrderStatus } from "./status";
import { StatusBadge } from "./StatusBadge";

const FILTERS: (OrderStatus | null)[] = [null, "pending", "paid", "in_preparation", "ready", "delivered", "canceled"];

export function OrdersScreen() {
  const router = useRouter();
  const auth = useAuth();
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const orders = useOrders(status);

  if (auth.status === "loading") return <Screen><Loading label="Cargando pedidos…" /></Screen>;
  if (auth.status === "signedOut") {
    return (
      <Screen>
        <EmptyState
          title="Tus pedidos"
          message="Inicia sesión para ver tus pedidos y su estado."
          actionLabel="Iniciar sesión"
          onAction={() => router.push({ pathname: "/ingresar", params: { next: "/pedidos" } })}
        />
      </Screen>
    );
  }
  return (
    <Screen>
      <Text accessibilityRole="header" className="px-4 pb-2 pt-3 text-2xl font-bold text-ink">
        Pedidos
      </Text>
      <View>
        <ScrollView horizontal showsHorizontalScrollIndicator={false} contentContainerClassName="gap-2 px-4 pb-2" accessibilityLabel="Filtrar por estado">
          {FILTERS.map((f) => (
            <Chip key={f ?? "all"} label={f ? STATUS_LABEL[f] : "Todos"} selected={status === f} onPress={() => setStatus(f)} />
          ))}
        </ScrollView>
      </View>
      {orders.isPending ? (
        <Loading label="Cargando pedidos…" />
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : (
        <FlatList
          data={orders.data.items}
          keyExtractor={(o) => o.id}
          contentContainerClassName="gap-2 px-4 pb-8"
          refreshControl={<RefreshControl refreshing={orders.isRefetching} onRefresh={() => void orders.refetch()} />}
          ListEmptyComponent={
            <EmptyState
              title={status ? `No tienes pedidos en «${STATUS_LABEL[status]}»` : "Aún no tienes pedidos"}
              message={status ? undefined : "Cuando compres, tus pedidos aparecerán aquí."}
              actionLabel={status ? "Ver todos" : "Ver productos"}
              onAction={() => (status ? setStatus(null) : router.navigate("/"))}
            />
          }
          renderItem={({ item: o }) => (
            <Link href={`/pedido/${o.id}`} asChild>
              <Pressable
                accessibilityRole="link"
                className="min-h-[44px] gap-1 rounded-xl bg-white p-3"
              >
                <View className="flex-row items-center justify-between">
                  <Text className="font-bold text-ink">Pedido #{o.reference}</Text>
                  <Text className="font-bold text-ink">{formatMoney(o.total, o.currency)}</Text>
                </View>
                <StatusBadge status={o.status} />
                <Text className="text-ink-soft">
                  {formatDateTime(o.createdAt)} · {o.lines.reduce((n, l) => n + l.quantity, 0)} productos
                </Text>
              </Pressable>
            </Link>
          )}
        />
      )}
    </Screen>
  );
}
