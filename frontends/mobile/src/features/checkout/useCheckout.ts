// Checkout logic: one Idempotency-Key per attempt (reused when the same attempt is retried after a
// network failure, new when anything in the request changes), the total the shopper saw sent as
// expectedTotal, and 409 price_changed turned into a list of changes to confirm.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";

import { isApiProblem, type Schema } from "@donpalito/api-client";

import { api } from "@/lib/api";
import { newAttemptKey } from "@/lib/ids";

export type Order = Schema<"Order">;
export type PaymentMethod = Schema<"PaymentMethod">;

export interface PriceChange {
  productId: string;
  name: string;
  oldUnitPrice: number;
  newUnitPrice: number;
}

export type CheckoutRequest = Schema<"OrderCreate"> & {
  /** The total the shopper saw (agreed contract addition; the server answers 409 price_changed when it differs). */
  expectedTotal?: number;
};

/** The price changes a 409 price_changed problem carries (empty for any other error). */
export function priceChangesOf(err: unknown): PriceChange[] {
  if (!isApiProblem(err, "price_changed")) return [];
  const list = (err.problem?.priceChanges ?? []) as unknown;
  return Array.isArray(list) ? (list as PriceChange[]) : [];
}

// Servers from before the expectedTotal contract change refuse the unknown field (400); the app then
// checks out without it, as those servers price from the catalog anyway.
let serverTakesExpectedTotal = true;

function refusesExpectedTotal(err: unknown): boolean {
  return isApiProblem(err, "validation_failed") && JSON.stringify(err.problem ?? {}).includes("expectedTotal");
}

function sameRequest(a: CheckoutRequest | null, b: CheckoutRequest): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

export function useCheckout() {
  const client = useQueryClient();
  const attempt = useRef<{ key: string; body: CheckoutRequest } | null>(null);
  const [priceChanges, setPriceChanges] = useState<PriceChange[]>([]);

  const mutation = useMutation({
    mutationFn: async (body: CheckoutRequest): Promise<Order> => {
      // A retry of the very same request keeps its key, so the server answers it once.
      if (!attempt.current || !sameRequest(attempt.current.body, body)) {
        attempt.current = { key: newAttemptKey(), body };
      }
      const send = async (b: CheckoutRequest, key: string) => {
        const payload: Schema<"OrderCreate"> = b;
        const { data } = await api.POST("/api/orders", { body: payload, params: { header: { "Idempotency-Key": key } } });
        return data!;
      };
      const { expectedTotal, ...withoutTotal } = body;
      if (!serverTakesExpectedTotal || expectedTotal === undefined) return send(withoutTotal, attempt.current.key);
      try {
        return await send(body, attempt.current.key);
      } catch (err) {
        if (!refusesExpectedTotal(err)) throw err;
        serverTakesExpectedTotal = false;
        attempt.current = { key: newAttemptKey(), body };
        return send(withoutTotal, attempt.current.key);
      }
    },
    onSuccess: () => {
      attempt.current = null;
      setPriceChanges([]);
      void client.invalidateQueries({ queryKey: ["get", "/api/cart"] });
      void client.invalidateQueries({ queryKey: ["get", "/api/orders"] });
    },
    onError: (err) => {
      const changes = priceChangesOf(err);
      if (changes.length > 0) {
        setPriceChanges(changes);
        void client.invalidateQueries({ queryKey: ["get", "/api/cart"] });
      }
    },
  });

  return {
    submit: mutation.mutate,
    submitAsync: mutation.mutateAsync,
    order: mutation.data,
    error: mutation.error,
    isPending: mutation.isPending,
    priceChanges,
    /** The key the current attempt uses (for tests and logs). */
    currentKey: () => attempt.current?.key ?? null,
    reset: () => {
      mutation.reset();
      setPriceChanges([]);
    },
  };
}
