// The payment adapter's UI for a pending card order: Stripe's Payment Element when the server uses Stripe
// (loaded lazily, so nothing is fetched from Stripe until a shopper pays by card), or the development
// "Pago simulado" panel when the server simulates the provider.
import { newIdempotencyKey } from "@donpalito/api-client";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useRef, useState } from "react";

import { api, useConfig, type Order } from "../api";
import { formatMoney } from "../money";
import { problemMessage } from "../problems";
import { choosePaymentMode } from "./mode";

const StripeForm = lazy(() => import("./StripeForm"));

interface Props {
  order: Order;
  /** Called with the order the server returns after a simulated outcome (or when Stripe redirects back). */
  onSettled: (order: Order | undefined) => void;
}

export function CardPayment({ order, onSettled }: Props) {
  const config = useConfig();
  const key = useRef(newIdempotencyKey());
  const intent = useQuery({
    queryKey: ["payment-intent", order.id],
    queryFn: async () => {
      const { data } = await api.POST("/api/payment/create-intent", {
        params: { header: { "Idempotency-Key": key.current } },
        body: { orderId: order.id },
      });
      return data ?? null;
    },
    staleTime: Infinity,
    retry: false,
  });
  const mode = choosePaymentMode(config.data, intent.data ? { provider: intent.data.provider, publishableKey: intent.data.publishableKey } : undefined);

  return (
    <section aria-labelledby="card-pay-title" className="rounded-box border border-base-300 bg-base-100 p-5">
      <h2 id="card-pay-title" className="font-display text-xl font-bold">
        Pago con tarjeta
      </h2>
      <p className="mt-1 text-base-content/75">Total a pagar: <strong>{formatMoney(order.total, order.currency)}</strong></p>
      {(intent.isLoading || config.isLoading) && <div className="skeleton mt-4 h-32" role="status" aria-label="Preparando el pago…" />}
      {intent.error && (
        <div role="alert" className="alert alert-error alert-soft mt-4">
          <span>{problemMessage(intent.error)}</span>
          <button type="button" className="btn btn-sm" onClick={() => void intent.refetch()}>
            Reintentar
          </button>
        </div>
      )}
      {intent.data && mode === "simulated" && <SimulatedPanel orderId={order.id} onSettled={onSettled} />}
      {intent.data && mode === "stripe" && (
        <Suspense fallback={<div className="skeleton mt-4 h-48" role="status" aria-label="Cargando el formulario de pago…" />}>
          <StripeForm
            publishableKey={intent.data.publishableKey || config.data?.stripePublishableKey || ""}
            clientSecret={intent.data.clientSecret}
            returnPath={`/checkout/exito/${order.id}`}
          />
        </Suspense>
      )}
      {intent.data && mode === "unavailable" && (
        <p role="alert" className="alert alert-warning mt-4">
          El pago con tarjeta no está disponible en este momento. Puedes cancelar este pedido y pagar por transferencia.
        </p>
      )}
    </section>
  );
}

function SimulatedPanel({ orderId, onSettled }: { orderId: string; onSettled: Props["onSettled"] }) {
  const [busy, setBusy] = useState<"succeeded" | "failed" | null>(null);
  const [error, setError] = useState<string>();
  const [declined, setDeclined] = useState(false);
  const simulate = async (outcome: "succeeded" | "failed") => {
    setBusy(outcome);
    setError(undefined);
    try {
      const { data } = await api.POST("/api/dev/payments/{orderId}/simulate", {
        params: { path: { orderId } },
        body: { outcome },
      });
      setDeclined(outcome === "failed");
      onSettled(data?.order as Order | undefined);
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="mt-4 rounded-box border-2 border-dashed border-warning bg-warning/10 p-4" data-testid="simulated-payment">
      <p className="font-semibold">Pago simulado</p>
      <p className="text-sm text-base-content/80">
        Esta tienda está en modo de desarrollo: no se cobra ninguna tarjeta. Elige el resultado del pago para probar el
        flujo completo.
      </p>
      {declined && (
        <p role="alert" className="mt-2 text-sm font-medium text-error">
          El pago fue rechazado. Puedes intentarlo de nuevo.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm font-medium text-error">
          {error}
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" className="btn btn-success" disabled={busy !== null} onClick={() => void simulate("succeeded")}>
          {busy === "succeeded" && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          Aprobar pago
        </button>
        <button type="button" className="btn btn-outline btn-error" disabled={busy !== null} onClick={() => void simulate("failed")}>
          {busy === "failed" && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          Rechazar pago
        </button>
      </div>
    </div>
  );
}
