import { useMutation, useQueryClient } from "@tanstack/react-query";

import { $api, api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";

export function useWishlist() {
  const auth = useAuth();
  return $api.useQuery("get", "/api/users/wishlist", { params: { query: { limit: 100 } } }, { enabled: auth.status === "signedIn" });
}

export function useToggleWishlist() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ productId, add }: { productId: string; add: boolean }) => {
      if (add) await api.POST("/api/users/wishlist", { body: { productId } });
      else await api.DELETE("/api/users/wishlist/{productId}", { params: { path: { productId } } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["get", "/api/users/wishlist"] }),
  });
}
