import { isApiProblem, newIdempotencyKey, type Schema } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";

import { AddressForm, type AddressValues } from "../../components/AddressForm";
import { BankDetails } from "../../components/BankDetails";
import { Totals } from "../../components/OrderSummary";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { $api, api, keys, useConfig, type Order } from "../../lib/api";
import { formatMoney } from "../../lib/money";
import { couponReason, problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";
import { useServerCart } from "../cart/api";
import {
  buildOrderBody,
  canLeave,
  clampStep,
  isBlockingWarning,
  nextStep,
  previousStep,
  priceChangesOf,
  STEP_LABELS,
  STEPS,
  type CheckoutState,
  type PriceChange,
  type Step,
} from "./steps";

export default function CheckoutPage() {
  usePageTitle("Pagar");
  const [state, setState] = useState<CheckoutState>({ step: "summary" });
  const [failure, setFailure] = useState<string>();
  const cart = useServerCart(state.couponCode);
  const config = useConfig();
  const c = cart.data;
  const facts = {
    lineCount: c?.lines.length ?? 0,
    blockingWarnings: c?.lines.filter((l) => isBlockingWarning(l.warning?.code) || !l.isAvailable).length ?? 0,
  };
  const step = c ? clampStep(state.step, state, facts) : "summary";
  const go = (s: Step) => setState((p) => ({ ...p, step: s }));

  if (cart.isLoading || config.isLoading)
    return (
      <Shell step="summary">
        <Loading label="Cargando tu carrito…">
          <div className="skeleton h-64" />
        </Loading>
      </Shell>
    );
  if (cart.error) return <Shell step="summary"><ErrorState error={cart.error} onRetry={() => void cart.refetch()} /></Shell>;
  if (!c || c.lines.length === 0)
    return (
      <Shell step="summary">
        <EmptyState title="Tu carrito está vacío" action={<Link to="/catalogo" className="btn btn-primary">Ver el catálogo</Link>}>
          Agrega productos para poder pagar.
        </EmptyState>
      </Shell>
    );

  return (
    <Shell step={step}>
      {failure && (
        <div role="alert" className="alert alert-error mb-6" data-testid="checkout-error">
          <span>{failure}</span>
          <button type="button" className="btn btn-sm" onClick={() => setFailure(undefined)}>
            Entendido
          </button>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_340px]">
        <div>
          {step === "summary" && (
            <SummaryStep
              state={state}
              setCoupon={(code) => setState((p) => ({ ...p, couponCode: code }))}
              blocking={facts.blockingWarnings > 0}
              onNext={() => canLeave("summary", state, facts) && go(nextStep("summary"))}
            />
          )}
          {step === "address" && (
            <AddressStep
              state={state}
              onChoose={(address) => setState((p) => ({ ...p, address, step: "payment" }))}
              onBack={() => go(previousStep("address"))}
            />
          )}
          {step === "payment" && (
            <PaymentStep
              state={state}
              total={c.total}
              setMethod={(method) => setState((p) => ({ ...p, method }))}
              setNotes={(notes) => setState((p) => ({ ...p, notes }))}
              onBack={() => go(previousStep("payment"))}
              onCouponRejected={() => setState((p) => ({ ...p, couponCode: undefined, step: "summary" }))}
              setError={setFailure}
            />
          )}
        </div>
        <aside aria-label="Resumen del pedido" className="h-fit rounded-box border border-base-300 bg-base-100 p-5 lg:sticky lg:top-20">
          <h2 className="font-display text-lg font-bold">Tu pedido</h2>
          <ul className="my-3 space-y-1 text-sm">
            {c.lines.map((l) => (
              <li key={l.productId} className="flex justify-between gap-2">
                <span>
                  {l.quantity} × {l.name}
                </span>
                <span>{formatMoney(l.lineTotal, l.currency)}</span>
              </li>
            ))}
          </ul>
          <Totals t={{ ...c, couponCode: c.discount > 0 ? state.couponCode : undefined }} />
        </aside>
      </div>
    </Shell>
  );
}

function Shell({ step, children }: { step: Step; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeading>Pagar</PageHeading>
      <ol className="steps steps-horizontal my-6 w-full" aria-label="Pasos del pago">
        {STEPS.map((s, i) => (
          <li key={s} className={`step ${STEPS.indexOf(step) >= i ? "step-primary" : ""}`} aria-current={s === step ? "step" : undefined}>
            {STEP_LABELS[s]}
          </li>
        ))}
      </ol>
      {children}
    </div>
  );
}

function SummaryStep({
  state,
  setCoupon,
  blocking,
  onNext,
}: {
  state: CheckoutState;
  setCoupon: (code: string | undefined) => void;
  blocking: boolean;
  onNext: () => void;
}) {
  const id = useId();
  const [code, setCode] = useState(state.couponCode ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    const v = code.trim().toUpperCase();
    if (!/^[A-Z0-9_-]{3,40}$/.test(v)) {
      setMessage({ ok: false, text: "Escribe un código de cupón válido (letras y números)." });
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.POST("/api/coupons/validate", { body: { code: v } });
      if (data) {
        setCoupon(data.code);
        setMessage({ ok: true, text: `Cupón ${data.code} aplicado: ahorras ${formatMoney(data.discount, data.currency)}.` });
      }
    } catch (err) {
      setCoupon(undefined);
      setMessage({ ok: false, text: isApiProblem(err) && err.code.startsWith("coupon_") ? couponReason(err.code, err.detail) : problemMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="summary-title" className="rounded-box border border-base-300 bg-base-100 p-5">
      <h2 id="summary-title" className="font-display text-xl font-bold">
        Resumen y cupón
      </h2>
      <form
        className="mt-4"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <label htmlFor={id} className="label text-sm font-medium text-base-content">
          ¿Tienes un cupón?
        </label>
        <div className="join w-full max-w-md">
          <input
            id={id}
            className="input join-item w-full uppercase"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="BIENVENIDO10"
            autoComplete="off"
            aria-describedby={message ? `${id}-msg` : undefined}
          />
          <button type="submit" className="btn btn-secondary join-item" disabled={busy}>
            Aplicar
          </button>
        </div>
        {message && (
          <p id={`${id}-msg`} role={message.ok ? "status" : "alert"} className={`mt-2 text-sm font-medium ${message.ok ? "text-success" : "text-error"}`} data-testid="coupon-message">
            {message.text}
          </p>
        )}
        {state.couponCode && (
          <button
            type="button"
            className="btn btn-link btn-sm px-0"
            onClick={() => {
              setCoupon(undefined);
              setCode("");
              setMessage(undefined);
            }}
          >
            Quitar cupón
          </button>
        )}
      </form>
      {blocking && (
        <p role="alert" className="alert alert-warning mt-4">
          Algunos productos de tu carrito ya no están disponibles en la cantidad pedida.{" "}
          <Link to="/carrito" className="link">Revisa tu carrito</Link>.
        </p>
      )}
      <div className="mt-6 flex justify-between">
        <Link to="/carrito" className="btn btn-ghost">Volver al carrito</Link>
        <button type="button" className="btn btn-primary" disabled={blocking} onClick={onNext}>
          Continuar
        </button>
      </div>
    </section>
  );
}

function AddressStep({ state, onChoose, onBack }: { state: CheckoutState; onChoose: (a: NonNullable<CheckoutState["address"]>) => void; onBack: () => void }) {
  const q = $api.useQuery("get", "/api/users/addresses");
  const items = q.data?.items ?? [];
  const preset = state.address?.kind === "saved" ? state.address.id : (items.find((a) => a.isDefault) ?? items[0])?.id;
  const [selected, setSelected] = useState<string | "new" | undefined>(undefined);
  const current = selected ?? (items.length === 0 ? "new" : preset);
  const [save, setSave] = useState(true);
  const groupId = useId();

  if (q.isLoading) return <Loading label="Cargando tus direcciones…"><div className="skeleton h-48" /></Loading>;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <section aria-labelledby="address-title" className="rounded-box border border-base-300 bg-base-100 p-5">
      <h2 id="address-title" className="font-display text-xl font-bold">
        ¿A dónde lo enviamos?
      </h2>
      <fieldset className="mt-4 space-y-2" aria-labelledby={`${groupId}-legend`}>
        <legend id={`${groupId}-legend`} className="sr-only">Dirección de entrega</legend>
        {items.map((a) => (
          <label key={a.id} className={`flex cursor-pointer gap-3 rounded-box border p-3 ${current === a.id ? "border-primary bg-primary/5" : "border-base-300"}`}>
            <input type="radio" name={groupId} className="radio radio-primary mt-1" checked={current === a.id} onChange={() => setSelected(a.id)} />
            <span>
              <span className="font-semibold">{a.label}</span> {a.isDefault && <span className="badge badge-ghost badge-sm">Principal</span>}
              <span className="block text-sm text-base-content/80">
                {a.fullName} · {a.streetAddress}, {a.city} · {a.phoneNumber}
              </span>
            </span>
          </label>
        ))}
        {items.length > 0 && (
          <label className={`flex cursor-pointer gap-3 rounded-box border p-3 ${current === "new" ? "border-primary bg-primary/5" : "border-base-300"}`}>
            <input type="radio" name={groupId} className="radio radio-primary" checked={current === "new"} onChange={() => setSelected("new")} />
            <span className="font-semibold">Usar otra dirección</span>
          </label>
        )}
      </fieldset>
      {current === "new" ? (
        <div className="mt-4">
          <AddressForm
            idPrefix="checkout-address"
            withLabel={save}
            submitLabel="Usar esta dirección"
            defaultValues={state.address?.kind === "new" ? { ...state.address.address, label: state.address.label } : { label: "Casa" }}
            extra={
              items.length < 10 && (
                <label className="flex cursor-pointer items-center gap-2">
                  <input type="checkbox" className="checkbox checkbox-sm" checked={save} onChange={(e) => setSave(e.target.checked)} />
                  <span>Guardar esta dirección en mi cuenta</span>
                </label>
              )
            }
            onSubmit={async (v: AddressValues) => {
              const { label, ...address } = v;
              onChoose({ kind: "new", address, save: save && items.length < 10, label: label || "Casa" });
            }}
          />
          <button type="button" className="btn btn-ghost mt-4" onClick={onBack}>
            Atrás
          </button>
        </div>
      ) : (
        <div className="mt-6 flex justify-between">
          <button type="button" className="btn btn-ghost" onClick={onBack}>
            Atrás
          </button>
          <button type="button" className="btn btn-primary" disabled={!current} onClick={() => current && current !== "new" && onChoose({ kind: "saved", id: current })}>
            Continuar
          </button>
        </div>
      )}
    </section>
  );
}

function PaymentStep({
  state,
  total,
  setMethod,
  setNotes,
  onBack,
  onCouponRejected,
  setError,
}: {
  state: CheckoutState;
  total: number;
  /** Failures are shown by the page, above whichever step the shopper ends up on. */
  setError: (message: string | undefined) => void;
  setMethod: (m: "card" | "transfer") => void;
  setNotes: (n: string) => void;
  onBack: () => void;
  onCouponRejected: () => void;
}) {
  const config = useConfig();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const methods = (config.data?.paymentMethods ?? []) as ("card" | "transfer")[];
  const method = state.method ?? (methods.includes("transfer") ? "transfer" : methods[0]);
  useEffect(() => {
    if (!state.method && method) setMethod(method);
  }, [state.method, method, setMethod]);
  // One Idempotency-Key per checkout attempt: a double click or a retry after a network error reuses it, so the
  // server makes one order. It changes only when the request itself changes (new prices accepted).
  const attemptKey = useRef(newIdempotencyKey());
  const savedAddressId = useRef<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [changes, setChanges] = useState<PriceChange[]>([]);
  const notesId = useId();
  const bank = config.data?.bankTransfer;

  const place = async (expected: number) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const st = { ...state, method };
      if (st.address?.kind === "new" && st.address.save && !savedAddressId.current) {
        const { data } = await api.POST("/api/users/addresses", {
          body: { ...st.address.address, label: st.address.label ?? "Casa" },
        });
        savedAddressId.current = data?.id;
        void qc.invalidateQueries({ queryKey: keys.addresses });
      }
      const body = buildOrderBody(st, expected, savedAddressId.current);
      const { data } = await api.POST("/api/orders", {
        params: { header: { "Idempotency-Key": attemptKey.current } },
        body: body as Schema<"OrderCreate">,
      });
      const order = data as Order | undefined;
      await qc.invalidateQueries({ queryKey: keys.cart });
      void qc.invalidateQueries({ queryKey: keys.orders });
      void qc.invalidateQueries({ queryKey: keys.products });
      if (order) void navigate(`/checkout/exito/${order.id}`, { replace: true });
    } catch (err) {
      if (isApiProblem(err, "price_changed")) {
        setChanges(priceChangesOf(err));
        attemptKey.current = newIdempotencyKey();
        await qc.invalidateQueries({ queryKey: keys.cart });
      } else if (isApiProblem(err, "out_of_stock")) {
        const names = err.errors.map((e) => e.message).filter(Boolean).join(" ");
        setError(`Lo sentimos: un producto de tu pedido se quedó sin stock mientras pagabas. No hicimos ningún cobro ni pedido. ${names}`.trim());
        attemptKey.current = newIdempotencyKey();
        await qc.invalidateQueries({ queryKey: keys.cart });
      } else if (isApiProblem(err) && err.code.startsWith("coupon_")) {
        toast.error(couponReason(err.code, err.detail));
        attemptKey.current = newIdempotencyKey();
        onCouponRejected();
      } else {
        setError(problemMessage(err));
        // Same key on retry: if the first request did reach the server, the retry returns that order.
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="payment-title" className="rounded-box border border-base-300 bg-base-100 p-5">
      <h2 id="payment-title" className="font-display text-xl font-bold">
        ¿Cómo quieres pagar?
      </h2>
      <fieldset className="mt-4 grid gap-3 sm:grid-cols-2">
        <legend className="sr-only">Medio de pago</legend>
        {methods.map((m) => (
          <label key={m} className={`flex cursor-pointer gap-3 rounded-box border p-4 ${method === m ? "border-primary bg-primary/5" : "border-base-300"}`}>
            <input type="radio" name="payment-method" className="radio radio-primary" checked={method === m} onChange={() => setMethod(m)} />
            <span>
              <span className="block font-semibold">{m === "card" ? "Tarjeta débito o crédito" : "Transferencia bancaria"}</span>
              <span className="text-sm text-base-content/75">
                {m === "card" ? "Pagas en línea y tu pedido se confirma al instante." : "Transfieres desde tu banco y confirmamos el pago en horario de atención."}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {methods.length === 0 && <p className="alert alert-warning mt-4">No hay medios de pago disponibles en este momento.</p>}

      {method === "transfer" && (
        <div className="mt-5">
          <h3 className="font-semibold">Datos para la transferencia</h3>
          <p className="mb-2 text-sm text-base-content/75">
            Al confirmar te damos la referencia del pedido para que la escribas en la transferencia. Reservamos tus productos
            {config.data ? ` por ${Math.round(config.data.orderHoldMinutes.transfer / 60)} horas` : ""}.
          </p>
          <BankDetails bank={bank} />
        </div>
      )}

      <div className="mt-5">
        <label htmlFor={notesId} className="label text-sm font-medium text-base-content">
          Notas para la tienda (opcional)
        </label>
        <textarea id={notesId} className="textarea w-full" maxLength={500} rows={2} value={state.notes ?? ""} onChange={(e) => setNotes(e.target.value)} placeholder="Ej.: sin bocadillo, timbre dañado, entregar en portería" />
      </div>

      {changes.length > 0 && (
        <div role="alert" className="alert alert-warning mt-5 flex flex-col items-start">
          <p className="font-semibold">Algunos precios cambiaron desde que agregaste los productos:</p>
          <ul className="list-disc pl-5 text-sm">
            {changes.map((ch) => (
              <li key={ch.productId}>
                {ch.name}: antes {formatMoney(ch.oldUnitPrice)}, ahora {formatMoney(ch.newUnitPrice)}
              </li>
            ))}
          </ul>
          <p className="text-sm">El nuevo total es {formatMoney(total)}. ¿Quieres continuar con los nuevos precios?</p>
          <div className="flex gap-2">
            <button type="button" className="btn btn-primary btn-sm" onClick={() => { setChanges([]); void place(total); }}>
              Sí, confirmar con los nuevos precios
            </button>
            <Link to="/carrito" className="btn btn-ghost btn-sm">Revisar el carrito</Link>
          </div>
        </div>
      )}
      <div className="mt-6 flex justify-between gap-3">
        <button type="button" className="btn btn-ghost" onClick={onBack} disabled={busy}>
          Atrás
        </button>
        <button type="button" className="btn btn-primary btn-lg" disabled={busy || !method || changes.length > 0} onClick={() => void place(total)}>
          {busy && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          {method === "card" ? `Pagar ${formatMoney(total)} con tarjeta` : "Confirmar pedido"}
        </button>
      </div>
    </section>
  );
}
