import { useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";

import { BankDetails } from "../../components/BankDetails";
import { Totals } from "../../components/OrderSummary";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { ErrorState, Loading } from "../../components/States";
import { $api, keys, useConfig, type Order } from "../../lib/api";
import { whatsappLink } from "../../lib/contact";
import { formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { StatusBadge } from "../../lib/orderStatus";
import { CardPayment } from "../../lib/payment/CardPayment";
import { toast } from "../../lib/toast";

export default function SuccessPage() {
  const { id = "" } = useParams();
  usePageTitle("Pedido recibido");
  const q = $api.useQuery("get", "/api/orders/{id}", { params: { path: { id } } });
  const config = useConfig();
  const qc = useQueryClient();
  const order = q.data as Order | undefined;

  if (q.isLoading) return <div className="mx-auto max-w-3xl px-4 py-10"><Loading label="Cargando tu pedido…"><div className="skeleton h-72" /></Loading></div>;
  if (q.error || !order) return <div className="mx-auto max-w-3xl px-4 py-10"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></div>;

  const transfer = order.paymentMethod === "transfer";
  const pendingCard = order.paymentMethod === "card" && order.status === "pending";
  const wa = whatsappLink(config.data?.contact, `Hola, hice el pedido ${order.reference} por ${formatMoney(order.total, order.currency)}.`);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <div className="text-center">
        <div className="mx-auto mb-3 flex h-16 w-16 items-center justify-center rounded-full bg-success/15 text-success" aria-hidden="true">
          <svg viewBox="0 0 24 24" className="h-9 w-9"><path d="M5 12l5 5 9-10" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" /></svg>
        </div>
        <PageHeading>{order.status === "paid" ? "¡Pago recibido, gracias!" : "¡Recibimos tu pedido!"}</PageHeading>
        <p className="mt-2 text-base-content/80">
          Referencia <strong className="font-mono text-lg text-primary" data-testid="order-reference">{order.reference}</strong> · <StatusBadge status={order.status} />
        </p>
        <p className="mt-1">Total: <strong>{formatMoney(order.total, order.currency)}</strong></p>
      </div>

      {transfer && order.status === "pending" && (
        <section aria-labelledby="next-title" className="mt-8 rounded-box border border-base-300 bg-base-100 p-5">
          <h2 id="next-title" className="font-display text-xl font-bold">Qué sigue: haz la transferencia</h2>
          <p className="mt-1 text-sm text-base-content/80">
            Transfiere <strong>{formatMoney(order.total, order.currency)}</strong> a esta cuenta y escribe la referencia{" "}
            <strong className="font-mono">{order.reference}</strong> en la descripción.
            {order.expiresAt && <> Guardamos tus productos hasta el <strong>{formatDateTime(order.expiresAt)}</strong>; si no recibimos el pago, el pedido se cancela solo.</>}
          </p>
          <div className="mt-4">
            <BankDetails bank={config.data?.bankTransfer} reference={order.reference} />
          </div>
          {wa && (
            <a href={wa} target="_blank" rel="noopener noreferrer" className="btn btn-success mt-4">
              Enviar el comprobante por WhatsApp
            </a>
          )}
        </section>
      )}
      {pendingCard && (
        <div className="mt-8">
          <CardPayment
            order={order}
            onSettled={(o) => {
              if (o) qc.setQueryData(["get", "/api/orders/{id}", { params: { path: { id } } }], o);
              void qc.invalidateQueries({ queryKey: keys.order });
              void qc.invalidateQueries({ queryKey: keys.orders });
              if (o?.status === "paid") toast.success("¡Pago aprobado!");
            }}
          />
        </div>
      )}
      {order.status === "paid" && (
        <p className="alert alert-success alert-soft mt-8">
          Ya estamos preparando tu pedido. Te avisaremos por correo cuando salga para tu casa.
        </p>
      )}

      <section aria-labelledby="detail-title" className="mt-8 rounded-box border border-base-300 bg-base-100 p-5">
        <h2 id="detail-title" className="font-display text-lg font-bold">Detalle</h2>
        <ul className="my-3 space-y-1 text-sm">
          {order.lines.map((l) => (
            <li key={l.productId} className="flex justify-between gap-2">
              <span>{l.quantity} × {l.name}</span>
              <span>{formatMoney(l.lineTotal, l.currency)}</span>
            </li>
          ))}
        </ul>
        <Totals t={order} />
      </section>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to={`/perfil/pedidos/${order.id}`} className="btn btn-primary">Ver mi pedido</Link>
        <Link to="/catalogo" className="btn btn-ghost">Seguir comprando</Link>
      </div>
    </div>
  );
}
