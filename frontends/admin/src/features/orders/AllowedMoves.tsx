import { useState } from "react";

import { ConfirmDialog } from "../../components/Modal";
import type { Order, OrderStatus } from "../../lib/api";
import { ORDER_STATUS_LABEL } from "../../lib/labels";
import { formatMoney } from "../../lib/format";

/** What the server says this caller may do with the order next (DESIGN: the app never mirrors the table). */
export function allowedMoves(order: Order): OrderStatus[] {
  return (order as Order & { allowedTransitions?: OrderStatus[] }).allowedTransitions ?? [];
}

const DESTRUCTIVE: OrderStatus[] = ["canceled", "rejected"];

/** The button text for moving `order` to `to`. */
export function moveLabel(order: Order, to: OrderStatus): string {
  switch (to) {
    case "paid":
      return order.paymentMethod === "transfer" ? "Confirmar pago de la transferencia" : "Marcar como pagado";
    case "rejected":
      return order.paymentMethod === "transfer" ? "Rechazar transferencia" : "Rechazar";
    case "in_preparation":
      return "Pasar a preparación";
    case "ready":
      return "Marcar como listo";
    case "delivered":
      return "Marcar como entregado";
    case "canceled":
      return "Cancelar pedido";
    default:
      return `Pasar a «${ORDER_STATUS_LABEL[to]}»`;
  }
}

/** True when canceling now would refund a card payment. */
export function cancelRefunds(order: Order): boolean {
  return order.paymentMethod === "card" && order.payment.status === "succeeded";
}

export function AllowedMoves({
  order,
  busy,
  onMove,
}: {
  order: Order;
  busy: boolean;
  onMove: (to: OrderStatus, note?: string) => void;
}) {
  const [asking, setAsking] = useState<OrderStatus | null>(null);
  const [note, setNote] = useState("");
  const moves = allowedMoves(order);
  const forward = moves.filter((m) => !DESTRUCTIVE.includes(m));
  const destructive = moves.filter((m) => DESTRUCTIVE.includes(m));
  if (moves.length === 0) {
    return <p className="text-sm text-base-content/70">Este pedido no admite más cambios de estado.</p>;
  }
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Cambiar estado">
      {forward.map((to) => (
        <button key={to} type="button" className="btn btn-sm btn-primary" disabled={busy} onClick={() => onMove(to)}>
          {moveLabel(order, to)}
        </button>
      ))}
      {destructive.map((to) => (
        <button
          key={to}
          type="button"
          className="btn btn-sm btn-outline btn-error"
          disabled={busy}
          onClick={() => {
            setNote("");
            setAsking(to);
          }}
        >
          {moveLabel(order, to)}
        </button>
      ))}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? `${moveLabel(order, asking)} #${order.reference}` : ""}
        confirmLabel={asking ? moveLabel(order, asking) : ""}
        danger
        busy={busy}
        message={
          <>
            {asking === "canceled" && cancelRefunds(order) ? (
              <p role="alert" className="alert alert-warning mb-3">
                Este pedido se pagó con tarjeta: al cancelarlo se reembolsan {formatMoney(order.payment.amount)} al
                cliente.
              </p>
            ) : null}
            <p>El stock y el cupón del pedido se liberan. Esta acción no se puede deshacer.</p>
          </>
        }
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (!asking) return;
          onMove(asking, note.trim() || undefined);
          setAsking(null);
        }}
      >
        <label className="mt-3 block">
          <span className="mb-1 block text-sm font-medium">Nota (la ve el historial del pedido)</span>
          <textarea className="textarea textarea-bordered w-full" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </ConfirmDialog>
    </div>
  );
}
