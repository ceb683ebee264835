// The shop's configuration (GET /api/config): read once per session and shared by the auth gate and any screen that
// needs a shop setting, so no screen mirrors a server default.
import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "./api";

export const storeConfigQuery = queryOptions({
  queryKey: ["get", "/api/config"],
  queryFn: async () => (await api.GET("/api/config")).data!,
  staleTime: Infinity,
});

/** The stock at or below which a product is low (LOW_STOCK_THRESHOLD); undefined until the config is loaded. */
export function useLowStockThreshold(): number | undefined {
  return useQuery(storeConfigQuery).data?.lowStockThreshold;
}
