import type { Schema } from "@donpalito/api-client";

import { api, type Product } from "../../lib/api";

export type ProductStatus = "active" | "inactive" | "all" | "deleted";

/** POST /api/admin/products/{id}/restore: the product comes back inactive, with its images and stock. */
export async function restoreProduct(id: string): Promise<Product> {
  const { data } = await api.POST("/api/admin/products/{id}/restore", { params: { path: { id } } });
  return data!;
}

/** Stock level of a product as the server reads it (StockLevel in the contract); the Productos filter asks for one. */
export type StockLevel = Schema<"StockLevel">;

/** The level of `stock` units under the shop's threshold — the server's rule, for the label of each row. */
export function stockLevel(stock: number, lowThreshold: number): StockLevel {
  if (stock <= 0) return "out";
  if (stock <= lowThreshold) return "low";
  return "ok";
}

export const STOCK_LEVEL_LABEL: Record<StockLevel, string> = {
  out: "Sin stock",
  low: "Bajo",
  ok: "Disponible",
};
