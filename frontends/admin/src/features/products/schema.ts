// The product form: what is checked before sending (the same limits as the contract) and how the server's field
// errors come back onto the inputs.
import { isApiProblem } from "@donpalito/api-client";
import type { FieldPath, UseFormSetError } from "react-hook-form";
import { z } from "zod";

import { pesosToMinor } from "../../lib/format";

export const productSchema = z.object({
  name: z.string().trim().min(1, "Escribe el nombre").max(120, "Máximo 120 caracteres"),
  description: z.string().trim().min(1, "Escribe una descripción").max(2000, "Máximo 2000 caracteres"),
  price: z
    .string()
    .trim()
    .min(1, "Escribe el precio")
    .refine((v) => !Number.isNaN(pesosToMinor(v)), "Escribe el precio en pesos, por ejemplo 12500")
    .refine((v) => pesosToMinor(v) >= 1, "El precio debe ser mayor que cero")
    .refine((v) => pesosToMinor(v) <= 100_000_000_000, "El precio es demasiado alto"),
  stock: z
    .string()
    .trim()
    .min(1, "Escribe el stock")
    .refine((v) => /^\d+$/.test(v), "El stock es un número entero de 0 en adelante")
    .refine((v) => Number(v) <= 1_000_000, "Máximo 1.000.000 unidades"),
  category: z.string().trim().min(1, "Escribe la categoría").max(60, "Máximo 60 caracteres"),
  isActive: z.boolean(),
});

export type ProductValues = z.infer<typeof productSchema>;

const FIELDS: (keyof ProductValues)[] = ["name", "description", "price", "stock", "category", "isActive"];

/** `body.price`, `/price` or `price` → `price` when it is one of the form's fields. */
export function formField(field: string | undefined): keyof ProductValues | null {
  if (!field) return null;
  const last = field.replace(/^body[./]?/, "").replace(/^\//, "").split(/[./]/)[0] ?? "";
  return (FIELDS as string[]).includes(last) ? (last as keyof ProductValues) : null;
}

/**
 * Puts the server's field errors onto the inputs. Returns the message to show above the form for whatever did
 * not belong to a field (or null when everything found its input).
 */
export function applyServerErrors(error: unknown, setError: UseFormSetError<ProductValues>): string | null {
  if (!isApiProblem(error)) return error instanceof Error ? error.message : "No se pudo guardar.";
  let placed = 0;
  for (const e of error.errors) {
    const f = formField(e.field);
    if (f) {
      setError(f as FieldPath<ProductValues>, { type: "server", message: e.message ?? "Valor no válido" });
      placed++;
    }
  }
  if (placed > 0 && placed === error.errors.length) return null;
  return error.detail ?? error.title;
}
