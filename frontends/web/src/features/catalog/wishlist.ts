import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { $api, api, keys } from "../../lib/api";
import { useSignedIn } from "../../lib/auth/store";
import { problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";

/** Ids in the shopper's wishlist (one page of up to 100, the most a shopper keeps). */
export function useWishlistIds(): Set<string> {
  const signedIn = useSignedIn();
  const q = $api.useQuery("get", "/api/users/wishlist", { params: { query: { limit: 100 } } }, { enabled: signedIn });
  return new Set(q.data?.items.map((p) => p.id) ?? []);
}

export function useToggleWishlist() {
  const qc = useQueryClient();
  return useCallback(
    async (productId: string, name: string, inList: boolean) => {
      try {
        if (inList) {
          await api.DELETE("/api/users/wishlist/{productId}", { params: { path: { productId } } });
          toast.info(`Quitamos ${name} de tus favoritos.`);
        } else {
          await api.POST("/api/users/wishlist", { body: { productId } });
          toast.success(`Guardamos ${name} en tus favoritos.`);
        }
        await qc.invalidateQueries({ queryKey: keys.wishlist });
      } catch (err) {
        toast.error(problemMessage(err));
      }
    },
    [qc],
  );
}
