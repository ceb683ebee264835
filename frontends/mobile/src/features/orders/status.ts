import type { Schema } from "@donpalito/api-client";

export type OrderStatus = Schema<"OrderStatus">;

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Pendiente de pago",
  paid: "Pagado",
  in_preparation: "En preparación",
  ready: "Listo para entregar",
  delivered: "Entregado",
  canceled: "Cancelado",
  rejected: "Rechazado",
};

export const STATUS_TONE: Record<OrderStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  paid: "bg-green-100 text-green-900",
  in_preparation: "bg-sky-100 text-sky-900",
  ready: "bg-sky-100 text-sky-900",
  delivered: "bg-green-200 text-green-950",
  canceled: "bg-stone-200 text-stone-800",
  rejected: "bg-red-100 text-red-900",
};

export const ACTOR_LABEL: Record<string, string> = {
  customer: "tú",
  admin: "la tienda",
  payment: "el pago",
  system: "el sistema",
};

/** Whether the customer may cancel: from the server's allowedTransitions, which the app never recomputes. */
export function canCancel(order: Schema<"Order"> & { allowedTransitions?: OrderStatus[] }): boolean {
  if (order.allowedTransitions) return order.allowedTransitions.includes("canceled");
  // Older servers do not send allowedTransitions yet; their rule for customers was "while pending".
  return order.status === "pending";
}

export function invoiceAvailable(order: Schema<"Order">): boolean {
  return !!order.invoiceNumber || ["paid", "in_preparation", "ready", "delivered"].includes(order.status);
}
