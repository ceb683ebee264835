import { newIdempotencyKey } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { OrderStatusPill, Pill } from "../../components/Pill";
import { ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { icons } from "../../components/icons";
import { $api, api, type Order, type OrderStatus } from "../../lib/api";
import { filenameFromDisposition, saveBlob } from "../../lib/download";
import { formatDateTime, formatMoney } from "../../lib/format";
import {
  ACTOR_LABEL,
  ORDER_STATUS_LABEL,
  PAYMENT_FLAG_LABEL,
  PAYMENT_METHOD_LABEL,
  PAYMENT_STATUS_LABEL,
  PROVIDER_LABEL,
  REFUND_STATUS_LABEL,
} from "../../lib/labels";
import { AllowedMoves } from "./AllowedMoves";

export function OrderDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const order = $api.useQuery("get", "/api/admin/orders/{id}", { params: { path: { id } } });
  return (
    <section aria-labelledby="order-detail-title" className="card bg-base-100 ring-1 ring-base-300" data-testid="order-detail">
      <div className="flex items-center justify-between border-b border-base-300 px-5 py-3">
        <h2 id="order-detail-title" className="font-semibold">
          {order.data ? `Pedido #${order.data.reference}` : "Pedido"}
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Cerrar
        </button>
      </div>
      {order.isPending ? (
        <Loading rows={8} />
      ) : order.isError ? (
        <ErrorState error={order.error} retry={() => void order.refetch()} />
      ) : (
        <OrderBody order={order.data} />
      )}
    </section>
  );
}

function OrderBody({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [downloading, setDownloading] = useState(false);
  const move = $api.useMutation("patch", "/api/admin/orders/{id}/status", {
    onSuccess: (updated) => {
      queryClient.setQueryData(["get", "/api/admin/orders/{id}", { params: { path: { id: updated.id } } }], updated);
      void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/orders"] });
      void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/stats"] });
      toast.show(`Pedido #${updated.reference}: ${ORDER_STATUS_LABEL[updated.status]}`);
    },
    onError: (err) => toast.show(errorText(err), "error"),
  });
  const onMove = (to: OrderStatus, note?: string) =>
    move.mutate({
      params: { path: { id: order.id }, header: { "Idempotency-Key": newIdempotencyKey() } },
      body: { status: to, ...(note ? { note } : {}) },
    });
  const downloadInvoice = async () => {
    setDownloading(true);
    try {
      const { data, response } = await api.GET("/api/orders/{id}/invoice", { params: { path: { id: order.id } }, parseAs: "blob" });
      saveBlob(data as Blob, filenameFromDisposition(response.headers.get("content-disposition"), `factura-${order.reference}.pdf`));
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setDownloading(false);
    }
  };
  const p = order.payment;
  return (
    <div className="flex flex-col gap-5 p-5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <OrderStatusPill status={order.status} />
        <Pill>{PAYMENT_METHOD_LABEL[order.paymentMethod]}</Pill>
        <span className="text-base-content/70">{formatDateTime(order.createdAt)}</span>
      </div>

      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-base-content/70">Acciones</h3>
        <AllowedMoves order={order} busy={move.isPending} onMove={onMove} />
        {order.paidAt ? (
          <button type="button" className="btn btn-sm btn-outline mt-3 gap-2" onClick={downloadInvoice} disabled={downloading}>
            {icons.download}
            Descargar factura{order.invoiceNumber ? ` ${order.invoiceNumber}` : ""}
          </button>
        ) : null}
      </div>

      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-base-content/70">Productos</h3>
        <table className="table table-xs">
          <caption className="sr-only">Líneas del pedido</caption>
          <thead>
            <tr className="text-base-content">
              <th scope="col">Producto</th>
              <th scope="col" className="text-right">Cant.</th>
              <th scope="col" className="text-right">Total</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.productId}>
                <td>
                  {l.name}
                  <span className="block text-xs text-base-content/70">{formatMoney(l.unitPrice)} c/u</span>
                </td>
                <td className="num text-right">{l.quantity}</td>
                <td className="num text-right">{formatMoney(l.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
          <dt className="text-base-content/70">Subtotal</dt>
          <dd className="num text-right">{formatMoney(order.subtotal)}</dd>
          {order.discount > 0 ? (
            <>
              <dt className="text-base-content/70">Descuento{order.couponCode ? ` (${order.couponCode})` : ""}</dt>
              <dd className="num text-right">-{formatMoney(order.discount)}</dd>
            </>
          ) : null}
          <dt className="text-base-content/70">Envío</dt>
          <dd className="num text-right">{formatMoney(order.shipping)}</dd>
          <dt className="text-base-content/70">IVA incluido</dt>
          <dd className="num text-right">{formatMoney(order.taxIncluded)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="num text-right font-semibold">{formatMoney(order.total)}</dd>
        </dl>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-base-content/70">Cliente</h3>
          <p className="font-medium">{order.customer.name}</p>
          <p className="break-all">{order.customer.email}</p>
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-base-content/70">Entrega</h3>
          <address className="not-italic">
            {order.address.fullName}
            <br />
            {order.address.streetAddress}, {order.address.city}
            <br />
            Tel. {order.address.phoneNumber}
            {order.address.notes ? (
              <>
                <br />
                <span className="text-base-content/70">{order.address.notes}</span>
              </>
            ) : null}
          </address>
        </div>
      </div>
      {order.notes ? (
        <p className="rounded-lg bg-base-200 p-3">
          <span className="font-medium">Nota del cliente: </span>
          {order.notes}
        </p>
      ) : null}

      <div data-testid="order-payment">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-base-content/70">Pago</h3>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
          <dt className="text-base-content/70">Proveedor</dt>
          <dd>{PROVIDER_LABEL[p.provider] ?? p.provider}</dd>
          <dt className="text-base-content/70">Estado</dt>
          <dd>{PAYMENT_STATUS_LABEL[p.status]}</dd>
          <dt className="text-base-content/70">Monto</dt>
          <dd className="num">{formatMoney(p.amount)}</dd>
          {p.intentId ? (
            <>
              <dt className="text-base-content/70">Referencia</dt>
              <dd className="break-all font-mono text-xs">{p.intentId}</dd>
            </>
          ) : null}
          {p.refundStatus ? (
            <>
              <dt className="text-base-content/70">Reembolso</dt>
              <dd data-testid="refund">
                <Pill tone={p.refundStatus === "failed" ? "bad" : p.refundStatus === "succeeded" ? "good" : "warn"}>
                  {REFUND_STATUS_LABEL[p.refundStatus]}
                </Pill>{" "}
                {p.refundedAmount ? <span className="num">{formatMoney(p.refundedAmount)}</span> : null}
              </dd>
            </>
          ) : null}
        </dl>
        {p.flag ? (
          <p role="alert" className="alert alert-warning mt-2 py-2 text-sm">
            {PAYMENT_FLAG_LABEL[p.flag] ?? p.flag}
          </p>
        ) : null}
        {p.lastError ? <p className="mt-2 text-error">Último error: {p.lastError}</p> : null}
      </div>

      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-base-content/70">Historial</h3>
        <ol className="relative ml-2 border-l border-base-300" aria-label="Historial del pedido" data-testid="timeline">
          {order.timeline.map((t, i) => (
            <li key={i} className="mb-3 ml-4">
              <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-base-100 bg-primary" aria-hidden />
              <p className="font-medium">{ORDER_STATUS_LABEL[t.status]}</p>
              <p className="text-xs text-base-content/70">
                {formatDateTime(t.at)} · {ACTOR_LABEL[t.actor]}
              </p>
              {t.note ? <p className="text-xs">{t.note}</p> : null}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
