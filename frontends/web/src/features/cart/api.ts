// One cart for the whole app: the server's cart for a signed-in shopper, the anonymous cart priced from the API
// otherwise. Components use these hooks and never care which one they have.
import { isApiProblem } from "@donpalito/api-client";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { create } from "zustand";

import { $api, api, keys, useConfig, type Cart, type Product } from "../../lib/api";
import { useSignedIn } from "../../lib/auth/store";
import { problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";
import { useAnonCart } from "./anon";
import { describeNote, runMerge, type MergeNote } from "./merge";

export interface CartView {
  source: "server" | "local";
  lines: Cart["lines"];
  itemCount: number;
  subtotal: number;
  discount: number;
  shipping: number;
  taxIncluded: number;
  total: number;
  currency: string;
  warnings: NonNullable<Cart["warnings"]>;
}

/** The server cart (signed in). `couponCode` previews a coupon on the totals. */
export function useServerCart(couponCode?: string, enabled = true) {
  const signedIn = useSignedIn();
  return $api.useQuery(
    "get",
    "/api/cart",
    { params: { query: couponCode ? { couponCode } : {} } },
    { enabled: signedIn && enabled, placeholderData: (prev) => prev },
  );
}

/** Products of the anonymous cart, each read from the API. */
function useAnonProducts() {
  const lines = useAnonCart((s) => s.lines);
  const results = useQueries({
    queries: lines.map((l) => ({
      ...$api.queryOptions("get", "/api/products/{id}", { params: { path: { id: l.productId } } }),
      retry: (count: number, err: unknown) => !(isApiProblem(err) && err.status === 404) && count < 2,
    })),
  });
  return { lines, results };
}

export function useCartView(): {
  data: CartView | undefined;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
} {
  const signedIn = useSignedIn();
  const server = useServerCart();
  const { lines, results } = useAnonProducts();
  const config = useConfig();
  if (signedIn) {
    const c = server.data;
    return {
      data: c && { ...c, source: "server", warnings: c.warnings ?? [] },
      isLoading: server.isLoading,
      error: server.error,
      refetch: () => void server.refetch(),
    };
  }
  const loading = results.some((r) => r.isLoading) || config.isLoading;
  const failed = results.find((r) => r.error && !(isApiProblem(r.error) && r.error.status === 404));
  const currency = config.data?.currency ?? "COP";
  const view: CartView["lines"] = [];
  const warnings: CartView["warnings"] = [];
  lines.forEach((l, i) => {
    const r = results[i];
    const p = r?.data as Product | undefined;
    const gone = r?.error && isApiProblem(r.error) && r.error.status === 404;
    if (!p && !gone) return;
    const available = Boolean(p && p.isActive && p.stock > 0);
    let warning: CartView["lines"][number]["warning"];
    if (!p || !p.isActive) warning = { code: "product_unavailable", message: "Este producto ya no está disponible.", productId: l.productId };
    else if (p.stock === 0) warning = { code: "out_of_stock", message: "Se agotó este producto.", productId: l.productId };
    else if (p.stock < l.quantity)
      warning = { code: "low_stock", message: `Solo quedan ${p.stock} unidades.`, productId: l.productId };
    if (warning) warnings.push(warning);
    view.push({
      productId: l.productId,
      name: p?.name ?? "Producto no disponible",
      image: p?.images[0]?.url,
      unitPrice: p?.price ?? 0,
      quantity: l.quantity,
      lineTotal: (p?.price ?? 0) * l.quantity,
      currency,
      availableStock: p?.stock ?? 0,
      isAvailable: available,
      ...(warning ? { warning } : {}),
    });
  });
  const subtotal = view.filter((l) => l.isAvailable).reduce((s, l) => s + l.lineTotal, 0);
  const shipping = subtotal > 0 ? (config.data?.shippingFee ?? 0) : 0;
  const total = subtotal + shipping;
  const taxRate = config.data?.taxRate ?? 0.19;
  return {
    data: loading
      ? undefined
      : {
          source: "local",
          lines: view,
          itemCount: lines.reduce((s, l) => s + l.quantity, 0),
          subtotal,
          discount: 0,
          shipping,
          taxIncluded: Math.round(total - total / (1 + taxRate)),
          total,
          currency,
          warnings,
        },
    isLoading: loading,
    error: failed?.error ?? config.error,
    refetch: () => results.forEach((r) => void r.refetch()),
  };
}

/** Number of units in the cart, for the header badge. */
export function useCartCount(): number {
  const signedIn = useSignedIn();
  const server = useServerCart();
  const anon = useAnonCart((s) => s.lines);
  if (signedIn) return server.data?.itemCount ?? 0;
  return anon.reduce((s, l) => s + l.quantity, 0);
}

/** Cart actions that work for both carts. Each returns true on success and toasts on failure. */
export function useCartActions() {
  const signedIn = useSignedIn();
  const qc = useQueryClient();
  const anon = useAnonCart();
  const setCart = useCallback(
    (cart: Cart) => {
      qc.setQueriesData({ queryKey: keys.cart, exact: false }, (old: unknown) => (old === undefined ? old : cart));
      void qc.invalidateQueries({ queryKey: keys.cart });
    },
    [qc],
  );
  const add = useCallback(
    async (product: Pick<Product, "id" | "stock">, quantity: number): Promise<boolean> => {
      if (!signedIn) {
        anon.add(product.id, quantity, product.stock);
        return true;
      }
      try {
        const { data } = await api.POST("/api/cart", { body: { productId: product.id, quantity } });
        if (data) setCart(data);
        return true;
      } catch (err) {
        toast.error(problemMessage(err));
        return false;
      }
    },
    [signedIn, anon, setCart],
  );
  const setQuantity = useCallback(
    async (productId: string, quantity: number): Promise<boolean> => {
      if (!signedIn) {
        anon.set(productId, quantity);
        return true;
      }
      try {
        const { data } = await api.PUT("/api/cart/{productId}", {
          params: { path: { productId } },
          body: { quantity },
        });
        if (data) setCart(data);
        return true;
      } catch (err) {
        toast.error(problemMessage(err));
        return false;
      }
    },
    [signedIn, anon, setCart],
  );
  const remove = useCallback(
    async (productId: string): Promise<boolean> => {
      if (!signedIn) {
        anon.remove(productId);
        return true;
      }
      try {
        const { data } = await api.DELETE("/api/cart/{productId}", { params: { path: { productId } } });
        if (data) setCart(data);
        return true;
      } catch (err) {
        toast.error(problemMessage(err));
        return false;
      }
    },
    [signedIn, anon, setCart],
  );
  return { add, setQuantity, remove };
}

interface MergeState {
  notes: MergeNote[];
  setNotes: (n: MergeNote[]) => void;
}
/** What the last merge could not bring over, shown on the cart page until dismissed. */
export const useMergeNotes = create<MergeState>((set) => ({ notes: [], setNotes: (notes) => set({ notes }) }));

/** Mounted once in the layout: when a shopper signs in with an anonymous cart, merge it into theirs. */
export function useMergeAnonCartOnSignIn(): void {
  const signedIn = useSignedIn();
  const lines = useAnonCart((s) => s.lines);
  const qc = useQueryClient();
  const running = useRef(false);
  useEffect(() => {
    if (!signedIn || lines.length === 0 || running.current) return;
    running.current = true;
    const snapshot = [...lines];
    runMerge(snapshot, {
      serverLines: async () => (await api.GET("/api/cart", { params: { query: {} } })).data?.lines ?? [],
      product: async (id) => {
        try {
          const { data } = await api.GET("/api/products/{id}", { params: { path: { id } } });
          return data && { name: data.name, stock: data.stock, available: data.isActive };
        } catch (err) {
          if (isApiProblem(err) && err.status === 404) return undefined;
          throw err;
        }
      },
      add: async (l) => {
        await api.POST("/api/cart", { body: l });
      },
    })
      .then((notes) => {
        useAnonCart.getState().clear();
        useMergeNotes.getState().setNotes(notes);
        if (notes.length === 0) toast.success("Unimos los productos que tenías en el carrito con tu cuenta.");
        else toast.info(notes.map(describeNote).join(" "));
      })
      .catch((err) => {
        // 401/403 are routed by the query layer; anything else: keep the anonymous cart to try again later.
        if (!isApiProblem(err) || (err.status !== 401 && err.status !== 403)) toast.error(problemMessage(err));
      })
      .finally(() => {
        running.current = false;
        void qc.invalidateQueries({ queryKey: keys.cart });
      });
  }, [signedIn, lines, qc]);
}
