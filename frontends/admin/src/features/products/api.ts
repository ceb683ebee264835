import { api, type Product } from "../../lib/api";

export type ProductStatus = "active" | "inactive" | "all" | "deleted";

/** POST /api/admin/products/{id}/restore: the product comes back inactive, with its images and stock. */
export async function restoreProduct(id: string): Promise<Product> {
  const { data } = await api.POST("/api/admin/products/{id}/restore", { params: { path: { id } } });
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
