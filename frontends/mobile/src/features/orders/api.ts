import { useMutation, useQueryClient } from "@tanstack/react-query";

import { $api, api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";

import type { OrderStatus } from "./status";

export function useOrders(status: OrderStatus | null) {
  const auth = useAuth();
  return $api.useQuery(
    "get",
    "/api/orders",
    { params: { query: { limit: 50, ...(status ? { status } : {}) } } },
    { enabled: auth.status === "signedIn" },
  );
}

export function useOrder(id: string) {
  const auth = useAuth();
  return $api.useQuery("get", "/api/orders/{id}", { params: { path: { id } } }, { enabled: auth.status === "signedIn" });
}

export function useCancelOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.POST("/api/orders/{id}/cancel", { params: { path: { id } } })).data!,
    onSuccess: () => client.invalidateQueries({ queryKey: ["get", "/api/orders"] }),
  });
}

export function useRateProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (v: { productId: string; orderId: string; rating: number }) => (await api.POST("/api/reviews", { body: v })).data!,
    onSuccess: (_r, v) => client.invalidateQueries({ queryKey: ["get", "/api/products/{id}/reviews", { params: { path: { id: v.productId } } }] }),
  });
}

/** The invoice PDF's bytes, fetched with the session's token. */
export async function fetchInvoice(id: string): Promise<ArrayBuffer> {
  const { data } = await api.GET("/api/orders/{id}/invoice", { params: { path: { id } }, parseAs: "arrayBuffer" });
  return data as unknown as ArrayBuffer;
}
