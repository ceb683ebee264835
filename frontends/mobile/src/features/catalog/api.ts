import { useInfiniteQuery } from "@tanstack/react-query";

import type { Schema } from "@donpalito/api-client";

import { $api, api } from "@/lib/api";

export type Product = Schema<"Product">;

export const PAGE_SIZE = 12;

/** The catalog, page by page from the server (infinite scroll), filtered by search and category. */
export function useProductPages(q: string, category: string | null) {
  const query = { q: q || undefined, category: category ?? undefined, limit: PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: ["get", "/api/products", query],
    initialPageParam: 1,
    queryFn: async ({ pageParam }) => {
      const { data } = await api.GET("/api/products", { params: { query: { ...query, page: pageParam } } });
      return data!;
    },
    getNextPageParam: (last) => (last.page * last.limit < last.total ? last.page + 1 : undefined),
  });
}

export function useCategories() {
  return $api.useQuery("get", "/api/categories", {}, { staleTime: 5 * 60 * 1000 });
}

export function useProduct(id: string) {
  return $api.useQuery("get", "/api/products/{id}", { params: { path: { id } } });
}

export function useProductReviews(id: string) {
  return $api.useQuery("get", "/api/products/{id}/reviews", { params: { path: { id }, query: { limit: 5 } } });
}

/** The smallest image good for a grid cell: a resized variant when the server offers them. */
export function thumbnailUrl(product: Pick<Product, "images">, minWidth = 320): string | undefined {
  const image = product.images[0] as (Product["images"][number] & { variants?: { width: number; url: string }[] }) | undefined;
  if (!image) return undefined;
  const variants = [...(image.variants ?? [])].sort((a, b) => a.width - b.width);
  return (variants.find((v) => v.width >= minWidth) ?? variants[variants.length - 1])?.url ?? image.url;
}
