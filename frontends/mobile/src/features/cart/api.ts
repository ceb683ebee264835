import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { Schema } from "@donpalito/api-client";

import { $api, api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { createStore } from "@/lib/store";

export type Cart = Schema<"Cart">;
export type CartLine = Schema<"CartLine">;

/** The coupon the shopper applied in Carrito (validated by the server), carried to Checkout. */
export const appliedCoupon = createStore<string | null>(null);

/** An add-to-cart made before signing in, done right after sign-in. */
export const pendingAdd = createStore<{ productId: string; quantity: number } | null>(null);

export function useCart() {
  const auth = useAuth();
  const coupon = appliedCoupon.use();
  return $api.useQuery(
    "get",
    "/api/cart",
    { params: { query: coupon ? { couponCode: coupon } : {} } },
    { enabled: auth.status === "signedIn" },
  );
}

function useCartMutation<V>(fn: (v: V) => Promise<Cart>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ["get", "/api/cart"] }),
  });
}

export function useAddToCart() {
  return useCartMutation(async (v: { productId: string; quantity: number }) => {
    const { data } = await api.POST("/api/cart", { body: v });
    return data!;
  });
}

export function useSetQuantity() {
  return useCartMutation(async (v: { productId: string; quantity: number }) => {
    const { data } = await api.PUT("/api/cart/{productId}", {
      params: { path: { productId: v.productId } },
      body: { quantity: v.quantity },
    });
    return data!;
  });
}

export function useRemoveLine() {
  return useCartMutation(async (productId: string) => {
    const { data } = await api.DELETE("/api/cart/{productId}", { params: { path: { productId } } });
    return data!;
  });
}

export function useValidateCoupon() {
  return useMutation({
    mutationFn: async (code: string) => {
      const { data } = await api.POST("/api/coupons/validate", { body: { code } });
      return data!;
    },
  });
}

/** The quantity a stepper may move to: 1–99 and never above the stock the server reports. */
export function clampQuantity(next: number, availableStock: number): number {
  const max = Math.max(1, Math.min(99, availableStock));
  return Math.min(max, Math.max(1, Math.round(next)));
}
