import { Link } from "react-router";

import { Totals } from "../../components/OrderSummary";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { QuantityStepper } from "../../components/QuantityStepper";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSignedIn } from "../../lib/auth/store";
import { formatMoney } from "../../lib/money";
import { useCartActions, useCartView, useMergeNotes } from "./api";
import { describeNote } from "./merge";

export default function CartPage() {
  usePageTitle("Carrito");
  const { data, isLoading, error, refetch } = useCartView();
  const { setQuantity, remove } = useCartActions();
  const signedIn = useSignedIn();
  const notes = useMergeNotes((s) => s.notes);
  const clearNotes = useMergeNotes((s) => s.setNotes);
  const blocking = data?.lines.some((l) => !l.isAvailable || l.warning?.code === "low_stock" || l.warning?.code === "out_of_stock") ?? false;

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeading>Tu carrito</PageHeading>
      {notes.length > 0 && (
        <div role="status" className="alert alert-info alert-soft mt-4 flex flex-col items-start">
          <p className="font-semibold">Unimos tu carrito con el de tu cuenta, con estas novedades:</p>
          <ul className="list-disc pl-5 text-sm">
            {notes.map((n) => (
              <li key={n.productId}>{describeNote(n)}</li>
            ))}
          </ul>
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => clearNotes([])}>
            Entendido
          </button>
        </div>
      )}
      {error ? <ErrorState error={error} onRetry={refetch} /> : null}
      {isLoading && (
        <Loading label="Cargando tu carrito…">
          <div className="mt-6 space-y-3">
            <div className="skeleton h-24" />
            <div className="skeleton h-24" />
          </div>
        </Loading>
      )}
      {data && data.lines.length === 0 && (
        <div className="mt-6">
          <EmptyState title="Tu carrito está vacío" action={<Link to="/catalogo" className="btn btn-primary">Ver el catálogo</Link>}>
            Los palitos de queso no se van a comer solos. Date una vuelta por el catálogo.
          </EmptyState>
        </div>
      )}
      {data && data.lines.length > 0 && (
        <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_340px]">
          <ul className="space-y-3" aria-label="Productos en el carrito">
            {data.lines.map((l) => (
              <li key={l.productId} className="flex gap-4 rounded-box border border-base-300 bg-base-100 p-4">
                {l.image ? (
                  <img src={l.image} alt="" width={96} height={72} loading="lazy" className="h-18 w-24 shrink-0 rounded-field object-cover" />
                ) : (
                  <div className="h-18 w-24 shrink-0 rounded-field bg-base-200" aria-hidden="true" />
                )}
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <Link to={`/producto/${l.productId}`} className="font-semibold link-hover">
                        {l.name}
                      </Link>
                      <p className="text-sm text-base-content/70">{formatMoney(l.unitPrice, l.currency)} c/u</p>
                    </div>
                    <p className="font-bold">{formatMoney(l.lineTotal, l.currency)}</p>
                  </div>
                  {l.warning && (
                    <p className="mt-1 text-sm font-medium text-warning-content" role="note">
                      <span className="badge badge-warning badge-sm mr-1">Aviso</span>
                      {l.warning.message}
                    </p>
                  )}
                  <div className="mt-2 flex flex-wrap items-center gap-3">
                    {l.isAvailable && (
                      <QuantityStepper
                        size="sm"
                        value={l.quantity}
                        max={Math.max(1, Math.min(l.availableStock, 99))}
                        label={l.name}
                        onChange={(v) => void setQuantity(l.productId, v)}
                      />
                    )}
                    <button type="button" className="btn btn-ghost btn-sm text-error" onClick={() => void remove(l.productId)} aria-label={`Quitar ${l.name} del carrito`}>
                      Quitar
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <aside aria-label="Totales" className="h-fit rounded-box border border-base-300 bg-base-100 p-5 lg:sticky lg:top-20">
            <h2 className="mb-3 font-display text-lg font-bold">Resumen</h2>
            <Totals t={data} />
            {data.warnings.filter((w) => !w.productId).map((w) => (
              <p key={w.code} className="mt-2 text-sm text-warning-content">{w.message}</p>
            ))}
            <p className="mt-3 text-xs text-base-content/70">Los cupones se aplican en el primer paso del pago.</p>
            {blocking && <p className="mt-3 text-sm font-medium text-error">Ajusta los productos con aviso para poder pagar.</p>}
            <Link to="/checkout" className={`btn btn-primary btn-block mt-4 ${blocking ? "btn-disabled" : ""}`} aria-disabled={blocking || undefined}>
              {signedIn ? "Ir a pagar" : "Ingresar y pagar"}
            </Link>
            <Link to="/catalogo" className="btn btn-ghost btn-block mt-2">
              Seguir comprando
            </Link>
          </aside>
        </div>
      )}
    </div>
  );
}
