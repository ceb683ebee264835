import { Link, useSearchParams } from "react-router";

import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { $api, type OrderStatus } from "../../lib/api";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { STATUS_LABELS, StatusBadge } from "../../lib/orderStatus";
import { AccountNav } from "../../components/AccountNav";

const LIMIT = 10;
const STATUSES = Object.keys(STATUS_LABELS) as OrderStatus[];

export default function OrdersPage() {
  usePageTitle("Mis pedidos");
  const [params, setParams] = useSearchParams();
  const status = STATUSES.includes(params.get("estado") as OrderStatus) ? (params.get("estado") as OrderStatus) : undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const q = $api.useQuery(
    "get",
    "/api/orders",
    { params: { query: { ...(status ? { status } : {}), page, limit: LIMIT } } },
    { placeholderData: (prev) => prev },
  );
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / LIMIT));
  const set = (s: OrderStatus | undefined, p = 1) => {
    const n = new URLSearchParams();
    if (s) n.set("estado", s);
    if (p > 1) n.set("page", String(p));
    setParams(n);
  };
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeading>Mis pedidos</PageHeading>
      <AccountNav />
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <label htmlFor="orders-status" className="text-sm font-medium">Estado</label>
        <select id="orders-status" className="select select-sm w-auto" value={status ?? ""} onChange={(e) => set((e.target.value || undefined) as OrderStatus | undefined)}>
          <option value="">Todos</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </div>
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isLoading && (
        <Loading label="Cargando tus pedidos…">
          <div className="mt-4 space-y-3"><div className="skeleton h-20" /><div className="skeleton h-20" /></div>
        </Loading>
      )}
      {q.data && q.data.items.length === 0 && (
        <div className="mt-6">
          <EmptyState title={status ? `No tienes pedidos en estado ${STATUS_LABELS[status].toLowerCase()}` : "Aún no tienes pedidos"} action={<Link to="/catalogo" className="btn btn-primary">Ver el catálogo</Link>} />
        </div>
      )}
      {q.data && q.data.items.length > 0 && (
        <ul className="mt-4 space-y-3">
          {q.data.items.map((o) => (
            <li key={o.id}>
              <Link to={`/perfil/pedidos/${o.id}`} className="flex flex-wrap items-center justify-between gap-3 rounded-box border border-base-300 bg-base-100 p-4 hover:border-primary">
                <div>
                  <p className="font-mono font-semibold">{o.reference}</p>
                  <p className="text-sm text-base-content/70">
                    {formatDate(o.createdAt)} · {o.lines.reduce((s, l) => s + l.quantity, 0)} productos
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <StatusBadge status={o.status} />
                  <span className="font-bold">{formatMoney(o.total, o.currency)}</span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Paginación de pedidos" className="join mt-6">
          <button type="button" className="btn join-item" disabled={page <= 1} onClick={() => set(status, page - 1)}>Anterior</button>
          <span className="btn join-item pointer-events-none">Página {page} de {pages}</span>
          <button type="button" className="btn join-item" disabled={page >= pages} onClick={() => set(status, page + 1)}>Siguiente</button>
        </nav>
      )}
    </div>
  );
}
