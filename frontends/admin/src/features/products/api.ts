import { api, type Product } from "../../lib/api";

export type ProductStatus = "active" | "inactive" | "all" | "deleted";

/**
 * POST /api/admin/products/{id}/restore (agreed in the BRIEF, landed by the staff helper). Until the generated
 * client knows the path, it is called through the same client without its path typing.
 */
export async function restoreProduct(id: string): Promise<Product> {
  const untyped = api as unknown as {
    POST: (path: string, init: { params: { path: { id: string } } }) => Promise<{ data?: Product }>;
  };
  const { data } = await untyped.POST("/api/admin/products/{id}/restore", { params: { path: { id } } });
  return data!;
}

/** Stock level of a product as the Productos filter names it. */
export type StockLevel = "out" | "low" | "ok";

export const LOW_STOCK = 5;

export function stockLevel(stock: number): StockLevel {
  if (stock <= 0) return "out";
  if (stock <= LOW_STOCK) return "low";
  return "ok";
}

export const STOCK_LEVEL_LABEL: Record<StockLevel, string> = {
  out: "Sin stock",
  low: "Bajo",
  ok: "Disponible",
};
