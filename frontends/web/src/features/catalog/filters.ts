// The catalog view lives in the URL (?q=queso&category=Dulces&sort=price_asc&page=2) so reload, back/forward
// and shared links show the same thing. Prices in the URL are whole pesos, as a shopper types them.
import { toMinor } from "../../lib/money";

export const SORTS = ["newest", "price_asc", "price_desc", "rating", "name"] as const;
export type Sort = (typeof SORTS)[number];

export const SORT_LABELS: Record<Sort, string> = {
  newest: "Más recientes",
  price_asc: "Precio: menor a mayor",
  price_desc: "Precio: mayor a menor",
  rating: "Mejor calificados",
  name: "Nombre (A–Z)",
};

export const PAGE_SIZE = 12;

export interface CatalogFilters {
  q: string;
  category: string;
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  sort: Sort;
  page: number;
}

function posInt(v: string | null): number | undefined {
  if (v === null || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function parseFilters(params: URLSearchParams): CatalogFilters {
  const sort = params.get("sort");
  const page = posInt(params.get("page"));
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    category: params.get("category") ?? "",
    minPrice: posInt(params.get("minPrice")),
    maxPrice: posInt(params.get("maxPrice")),
    inStock: params.get("inStock") === "1",
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : "newest",
    page: page && page > 0 ? page : 1,
  };
}

/** The URL query for filters, without defaults (so the plain catalog is just /catalogo). */
export function serializeFilters(f: CatalogFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.category) p.set("category", f.category);
  if (f.minPrice !== undefined) p.set("minPrice", String(f.minPrice));
  if (f.maxPrice !== undefined) p.set("maxPrice", String(f.maxPrice));
  if (f.inStock) p.set("inStock", "1");
  if (f.sort !== "newest") p.set("sort", f.sort);
  if (f.page > 1) p.set("page", String(f.page));
  return p;
}

/** The query of GET /api/products for the filters. */
export function toApiQuery(f: CatalogFilters) {
  return {
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.minPrice !== undefined ? { minPrice: toMinor(f.minPrice) } : {}),
    ...(f.maxPrice !== undefined ? { maxPrice: toMinor(f.maxPrice) } : {}),
    ...(f.inStock ? { inStock: true } : {}),
    sort: f.sort,
    page: f.page,
    limit: PAGE_SIZE,
  };
}

export function activeFilterCount(f: CatalogFilters): number {
  return [f.q.trim(), f.category, f.minPrice !== undefined, f.maxPrice !== undefined, f.inStock].filter(Boolean).length;
}
