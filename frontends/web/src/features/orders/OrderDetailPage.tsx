import { isApiProblem } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useParams } from "react-router";

import { AccountNav } from "../../components/AccountNav";
import { Totals } from "../../components/OrderSummary";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { ErrorState, Loading } from "../../components/States";
import { $api, api, keys, type Order } from "../../lib/api";
import { formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { METHOD_LABELS, STATUS_LABELS, StatusBadge } from "../../lib/orderStatus";
import { CardPayment } from "../../lib/payment/CardPayment";
import { problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";
import { NotFoundContent } from "../content/NotFoundPage";

const ACTORS: Record<string, string> = { customer: "Tú", admin: "La tienda", system: "Automático", payment: "Pasarela de pago" };

export default function OrderDetailPage() {
  const { id = "" } = useParams();
  const q = $api.useQuery("get", "/api/orders/{id}", { params: { path: { id } } });
  const order = q.data as Order | undefined;
  usePageTitle(order ? `Pedido ${order.reference}` : "Pedido");
  const qc = useQueryClient();

  if (q.error && isApiProblem(q.error) && (q.error.status === 404 || q.error.status === 400)) return <NotFoundContent what="No encontramos ese pedido en tu cuenta." />;
  if (q.error) return <div className="mx-auto max-w-5xl px-4 py-8"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (!order) return <div className="mx-auto max-w-5xl px-4 py-8"><Loading label="Cargando el pedido…"><div className="skeleton h-80" /></Loading></div>;

  const refresh = (o?: Order) => {
    if (o) qc.setQueryData(["get", "/api/orders/{id}", { params: { path: { id } } }], o);
    void qc.invalidateQueries({ queryKey: keys.order });
    void qc.invalidateQueries({ queryKey: keys.orders });
  };
  const canCancel = order.allowedTransitions ? order.allowedTransitions.includes("canceled") : order.status === "pending";
  const canInvoice = ["paid", "in_preparation", "ready", "delivered"].includes(order.status);

  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <Link to="/perfil/pedidos" className="link text-sm">← Mis pedidos</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <PageHeading>Pedido {order.reference}</PageHeading>
        <span data-testid="order-status"><StatusBadge status={order.status} /></span>
      </div>
      <p className="mt-1 text-base-content/70">Hecho el {formatDateTime(order.createdAt)} · {METHOD_LABELS[order.paymentMethod]}</p>
      <AccountNav />

      {order.status === "pending" && order.paymentMethod === "card" && (
        <div className="mt-6"><CardPayment order={order} onSettled={(o) => refresh(o)} /></div>
      )}

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_320px]">
        <div className="space-y-6">
          <section aria-labelledby="lines-title" className="rounded-box border border-base-300 bg-base-100 p-5">
            <h2 id="lines-title" className="font-display text-lg font-bold">Productos</h2>
            <ul className="mt-3 divide-y divide-base-300">
              {order.lines.map((l) => (
                <li key={l.productId} className="py-3">
                  <div className="flex justify-between gap-2">
                    <span><Link className="link-hover font-medium" to={`/producto/${l.productId}`}>{l.name}</Link> <span className="text-base-content/70">× {l.quantity}</span></span>
                    <span>{formatMoney(l.lineTotal, l.currency)}</span>
                  </div>
                  {order.status === "delivered" && <ReviewForm orderId={order.id} productId={l.productId} name={l.name} />}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="timeline-title" className="rounded-box border border-base-300 bg-base-100 p-5">
            <h2 id="timeline-title" className="font-display text-lg font-bold">Historial</h2>
            <ol className="mt-3 space-y-3 border-l-2 border-primary/30 pl-4">
              {(order.timeline ?? []).map((t, i) => (
                <li key={i}>
                  <p className="font-semibold">{STATUS_LABELS[t.status]}</p>
                  <p className="text-sm text-base-content/70">{formatDateTime(t.at)} · {ACTORS[t.actor] ?? t.actor}</p>
                  {t.note && <p className="text-sm">{t.note}</p>}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="totals-title" className="rounded-box border border-base-300 bg-base-100 p-5">
            <h2 id="totals-title" className="mb-3 font-display text-lg font-bold">Totales</h2>
            <Totals t={order} />
          </section>
          <section aria-labelledby="address-title" className="rounded-box border border-base-300 bg-base-100 p-5">
            <h2 id="address-title" className="font-display text-lg font-bold">Entrega</h2>
            <address className="mt-2 text-sm not-italic">
              {order.address.fullName}<br />{order.address.streetAddress}<br />{order.address.city}<br />{order.address.phoneNumber}
              {order.address.notes && <><br /><span className="text-base-content/70">{order.address.notes}</span></>}
            </address>
          </section>
          <div className="flex flex-col gap-2">
            {canInvoice && <InvoiceButton order={order} />}
            {canCancel && <CancelButton order={order} onDone={refresh} />}
          </div>
        </aside>
      </div>
    </div>
  );
}

function InvoiceButton({ order }: { order: Order }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const { data } = await api.GET("/api/orders/{id}/invoice", { params: { path: { id: order.id } }, parseAs: "blob" });
          if (!data) return;
          const url = URL.createObjectURL(data as Blob);
          const a = document.createElement("a");
          a.href = url;
          a.download = `factura-${order.invoiceNumber ?? order.reference}.pdf`;
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        } catch (err) {
          toast.error(problemMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
      Descargar factura (PDF)
    </button>
  );
}

function CancelButton({ order, onDone }: { order: Order; onDone: (o?: Order) => void }) {
  const dialogId = useId();
  const [busy, setBusy] = useState(false);
  const open = () => (document.getElementById(dialogId) as HTMLDialogElement | null)?.showModal();
  const close = () => (document.getElementById(dialogId) as HTMLDialogElement | null)?.close();
  return (
    <>
      <button type="button" className="btn btn-outline btn-error" onClick={open}>Cancelar pedido</button>
      <dialog id={dialogId} className="modal" aria-labelledby={`${dialogId}-title`}>
        <div className="modal-box">
          <h2 id={`${dialogId}-title`} className="font-display text-lg font-bold">¿Cancelar el pedido {order.reference}?</h2>
          <p className="py-3">Liberaremos los productos reservados. Esta acción no se puede deshacer.</p>
          <div className="modal-action">
            <button type="button" className="btn btn-ghost" onClick={close}>No, volver</button>
            <button
              type="button"
              className="btn btn-error"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const { data } = await api.POST("/api/orders/{id}/cancel", { params: { path: { id: order.id } } });
                  toast.success("Cancelamos tu pedido.");
                  close();
                  onDone(data as Order | undefined);
                } catch (err) {
                  toast.error(problemMessage(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              Sí, cancelar
            </button>
          </div>
        </div>
        <form method="dialog" className="modal-backdrop"><button type="submit">Cerrar</button></form>
      </dialog>
    </>
  );
}

function ReviewForm({ orderId, productId, name }: { orderId: string; productId: string; name: string }) {
  const me = $api.useQuery("get", "/api/users/me", {}, { staleTime: Infinity });
  const reviews = $api.useQuery("get", "/api/products/{id}/reviews", { params: { path: { id: productId }, query: { limit: 100 } } });
  const mine = reviews.data?.items.find((r) => r.orderId === orderId && r.userId === me.data?.id);
  const [rating, setRating] = useState<number>();
  const [comment, setComment] = useState<string>();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const value = rating ?? mine?.rating ?? 0;
  const text = comment ?? mine?.comment ?? "";
  const gid = useId();
  return (
    <form
      className="mt-2 rounded-box bg-base-200/60 p-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (value < 1) {
          toast.error("Elige de 1 a 5 estrellas.");
          return;
        }
        setBusy(true);
        try {
          await api.POST("/api/reviews", { body: { productId, orderId, rating: value, ...(text.trim() ? { comment: text.trim() } : {}) } });
          toast.success(mine ? "Actualizamos tu opinión." : "¡Gracias por tu opinión!");
          void qc.invalidateQueries({ queryKey: ["get", "/api/products/{id}/reviews"] });
          void qc.invalidateQueries({ queryKey: keys.product });
        } catch (err) {
          toast.error(problemMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium">{mine ? "Tu calificación de" : "Califica"} {name}</legend>
        <div className="rating rating-sm mt-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <input key={n} type="radio" name={gid} className="mask mask-star-2 bg-warning" aria-label={`${n} ${n === 1 ? "estrella" : "estrellas"}`} checked={value === n} onChange={() => setRating(n)} />
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${gid}-c`} className="sr-only">Comentario sobre {name}</label>
      <textarea id={`${gid}-c`} className="textarea textarea-sm mt-2 w-full" maxLength={500} rows={2} placeholder="Cuéntanos qué te pareció (opcional)" value={text} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="btn btn-sm btn-primary mt-2" disabled={busy}>{mine ? "Actualizar opinión" : "Enviar opinión"}</button>
    </form>
  );
}
