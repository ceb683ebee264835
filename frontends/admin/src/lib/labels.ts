// Spanish names of the contract's enums. Names only: which moves are allowed always comes from the server
// (`order.allowedTransitions`), never from a table kept here.
import type { Schema } from "@donpalito/api-client";

export const ORDER_STATUS_LABEL: Record<Schema<"OrderStatus">, string> = {
  pending: "Pendiente",
  paid: "Pagado",
  in_preparation: "En preparación",
  ready: "Listo",
  delivered: "Entregado",
  canceled: "Cancelado",
  rejected: "Rechazado",
};

export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABEL) as Schema<"OrderStatus">[];

export const PAYMENT_METHOD_LABEL: Record<Schema<"PaymentMethod">, string> = {
  card: "Tarjeta",
  transfer: "Transferencia",
};

export const PAYMENT_STATUS_LABEL: Record<Schema<"PaymentStatus">, string> = {
  pending: "Pendiente",
  processing: "En proceso",
  succeeded: "Aprobado",
  failed: "Fallido",
  canceled: "Anulado",
};

export const REFUND_STATUS_LABEL: Record<Schema<"RefundStatus">, string> = {
  pending: "Reembolso en curso",
  succeeded: "Reembolsado",
  failed: "Reembolso fallido",
};

export const PAYMENT_FLAG_LABEL: Record<string, string> = {
  amount_mismatch: "El monto pagado no coincide",
  late_payment: "Pago tardío (después del vencimiento)",
};

export const PROVIDER_LABEL: Record<string, string> = {
  stripe: "Stripe",
  simulated: "Simulado (desarrollo)",
  manual: "Manual",
};

export const ACTOR_LABEL: Record<Schema<"OrderActor">, string> = {
  customer: "Cliente",
  admin: "Administrador",
  system: "Sistema",
  payment: "Pasarela de pago",
};

export const DOCUMENT_TYPE_LABEL: Record<Schema<"DocumentType">, string> = {
  cedula_ciudadania: "Cédula de ciudadanía",
  cedula_extranjeria: "Cédula de extranjería",
  pasaporte: "Pasaporte",
};

export const EVENT_STATE_LABEL: Record<Schema<"OutboxEventState">, string> = {
  pending: "Pendiente",
  processing: "Procesando",
  delivered: "Entregado",
  dead: "Fallido",
};

/** Tailwind classes with AA contrast for each order status pill. */
export const ORDER_STATUS_TONE: Record<Schema<"OrderStatus">, string> = {
  pending: "bg-amber-100 text-amber-900 ring-amber-300",
  paid: "bg-sky-100 text-sky-900 ring-sky-300",
  in_preparation: "bg-violet-100 text-violet-900 ring-violet-300",
  ready: "bg-teal-100 text-teal-900 ring-teal-300",
  delivered: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  canceled: "bg-stone-200 text-stone-800 ring-stone-300",
  rejected: "bg-rose-100 text-rose-900 ring-rose-300",
};
