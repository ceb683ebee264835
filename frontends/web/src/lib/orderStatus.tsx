import type { OrderStatus } from "./api";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Pendiente",
  paid: "Pagado",
  in_preparation: "En preparación",
  ready: "Listo para entregar",
  delivered: "Entregado",
  canceled: "Cancelado",
  rejected: "Rechazado",
};

export const STATUS_BADGE: Record<OrderStatus, string> = {
  pending: "badge-warning",
  paid: "badge-success",
  in_preparation: "badge-info",
  ready: "badge-info",
  delivered: "badge-success",
  canceled: "badge-neutral",
  rejected: "badge-error",
};

export const METHOD_LABELS: Record<string, string> = { card: "Tarjeta", transfer: "Transferencia bancaria" };

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge ${STATUS_BADGE[status]} whitespace-nowrap`}>{STATUS_LABELS[status]}</span>;
}
