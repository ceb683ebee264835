import { createColumnHelper } from "@tanstack/react-table";
import { useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";

import { DataTable } from "../../components/DataTable";
import { icons } from "../../components/icons";
import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { OrderStatusPill, Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type Order } from "../../lib/api";
import { filenameFromDisposition, saveBlob } from "../../lib/download";
import { formatDateTime, formatMoney } from "../../lib/format";
import { ORDER_STATUS_LABEL, ORDER_STATUSES, PAYMENT_METHOD_LABEL } from "../../lib/labels";
import { dateRangeText, hasFilters, orderQuery, parseOrderFilters, withOrderFilters, type OrderFilters } from "./filters";
import { OrderDetail } from "./OrderDetail";

const PAGE_SIZE = 20;
/** How often the list asks for new orders. */
const POLL_MS = 4_000;

const col = createColumnHelper<Order>();

export default function OrdersPage() {
  const [search, setSearch] = useSearchParams();
  const filters = parseOrderFilters(search);
  const openId = search.get("pedido");
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const list = $api.useQuery(
    "get",
    "/api/admin/orders",
    { params: { query: { ...orderQuery(filters), page: filters.page, limit: PAGE_SIZE } } },
    { refetchInterval: POLL_MS, refetchIntervalInBackground: false, placeholderData: (prev) => prev },
  );
  const newIds = useNewArrivals(list.data?.items, JSON.stringify(orderQuery(filters)) + filters.page);

  const update = (next: Partial<OrderFilters>) =>
    setSearch((cur) => withOrderFilters(cur, { ...filters, page: 1, ...next }), { replace: true });
  const open = (id: string | null) =>
    setSearch((cur) => {
      const out = new URLSearchParams(cur);
      if (id) out.set("pedido", id);
      else out.delete("pedido");
      return out;
    });

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { data, response } = await api.GET("/api/admin/orders/export.csv", {
        params: { query: orderQuery(filters) },
        parseAs: "blob",
      });
      saveBlob(data as unknown as Blob, filenameFromDisposition(response.headers.get("content-disposition"), "pedidos.csv"));
      toast.show("Exportación lista");
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setExporting(false);
    }
  };

  // With the detail open the table has about half the width: the date and payment method move under the
  // customer's name (the email is in the detail), so status and total always stay in view.
  const compact = openId !== null;
  const columns = useMemo(
    () => [
      col.accessor("reference", { header: "Pedido", cell: (c) => <span className="whitespace-nowrap">#{c.getValue()}</span> }),
      col.accessor((o) => o.customer.name, {
        id: "customer",
        header: "Cliente",
        cell: (c) =>
          compact ? (
            <span className="block max-w-56">
              <span className="block truncate" title={`${c.getValue()} · ${c.row.original.customer.email}`}>
                {c.getValue()}
              </span>
              <span className="block text-xs text-base-content/70">
                {formatDateTime(c.row.original.createdAt)} · {PAYMENT_METHOD_LABEL[c.row.original.paymentMethod]}
              </span>
            </span>
          ) : (
            <span>
              {c.getValue()}
              <span className="block text-xs text-base-content/70">{c.row.original.customer.email}</span>
            </span>
          ),
      }),
      col.accessor("createdAt", { header: "Fecha", cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span> }),
      col.accessor("paymentMethod", { header: "Pago", cell: (c) => PAYMENT_METHOD_LABEL[c.getValue()] }),
      col.accessor("status", {
        header: "Estado",
        cell: (c) => (
          <span className="flex flex-wrap items-center gap-1">
            <OrderStatusPill status={c.getValue()} />
            {newIds.has(c.row.original.id) ? <Pill tone="info">Nuevo</Pill> : null}
          </span>
        ),
      }),
      col.accessor("total", { header: "Total", cell: (c) => formatMoney(c.getValue()), meta: { className: "num whitespace-nowrap text-right" } }),
    ],
    [newIds, compact],
  );

  return (
    <>
      <PageHeader
        title="Pedidos"
        subtitle={list.data ? `${list.data.total} ${list.data.total === 1 ? "pedido" : "pedidos"}${hasFilters(filters) ? " con estos filtros" : ""}` : undefined}
        actions={
          <>
            {newIds.size > 0 ? (
              <span className="badge badge-info gap-1 font-semibold" role="status" data-testid="new-orders-badge">
                {newIds.size} {newIds.size === 1 ? "nuevo" : "nuevos"}
              </span>
            ) : null}
            <button type="button" className="btn btn-sm btn-outline gap-2" onClick={exportCsv} disabled={exporting}>
              {icons.download}
              Exportar CSV
            </button>
          </>
        }
      />
      <FilterBar filters={filters} onChange={update} />
      <div className={`mt-4 grid items-start gap-4 ${openId ? "xl:grid-cols-[minmax(0,1fr)_28rem]" : ""}`}>
        <section className="card overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de pedidos">
          {list.isPending ? (
            <Loading rows={8} />
          ) : list.isError ? (
            <ErrorState error={list.error} retry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty title={hasFilters(filters) ? "Ningún pedido coincide con los filtros" : "Todavía no hay pedidos"}>
              {hasFilters(filters) ? (
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSearch(withOrderFilters(search, { page: 1 }))}>
                  Quitar filtros
                </button>
              ) : null}
            </Empty>
          ) : (
            <>
              <DataTable
                data={list.data.items}
                columns={columns}
                caption="Pedidos"
                getId={(o) => o.id}
                hiddenColumns={compact ? ["createdAt", "paymentMethod"] : undefined}
                selectedId={openId}
                onOpen={(o) => open(o.id)}
                rowLabel={(o) => `Abrir el pedido #${o.reference}`}
                rowClassName={(o) => (newIds.has(o.id) ? "bg-sky-50" : "")}
              />
              <Pagination
                page={filters.page}
                limit={PAGE_SIZE}
                total={list.data.total}
                onPage={(page) => setSearch((cur) => withOrderFilters(cur, { ...filters, page }))}
              />
            </>
          )}
        </section>
        {openId ? <OrderDetail key={openId} id={openId} onClose={() => open(null)} /> : null}
      </div>
    </>
  );
}

/**
 * Orders that arrived (by polling) after the list was first shown for these filters. The first page seen counts
 * as known; anything new that shows up later is "nuevo" until the filters change.
 */
function useNewArrivals(items: Order[] | undefined, filterKey: string): Set<string> {
  const known = useRef<Set<string> | null>(null);
  const key = useRef(filterKey);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (key.current !== filterKey) {
      key.current = filterKey;
      known.current = null;
      setFresh(new Set());
    }
    if (!items) return;
    if (known.current === null) {
      known.current = new Set(items.map((o) => o.id));
      return;
    }
    const arrived = items.filter((o) => !known.current!.has(o.id)).map((o) => o.id);
    if (arrived.length > 0) {
      arrived.forEach((id) => known.current!.add(id));
      setFresh((prev) => new Set([...prev, ...arrived]));
    }
  }, [items, filterKey]);
  return fresh;
}

function FilterBar({ filters, onChange }: { filters: OrderFilters; onChange: (next: Partial<OrderFilters>) => void }) {
  const [q, setQ] = useState(filters.q ?? "");
  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  return (
    <form
      role="search"
      aria-label="Filtrar pedidos"
      className="flex flex-wrap items-end gap-3 rounded-box bg-base-100 p-3 ring-1 ring-base-300"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ q: q.trim() || undefined });
      }}
    >
      <label className="min-w-56 flex-1">
        <span className="mb-1 block text-xs font-medium">Buscar</span>
        <input
          type="search"
          className="input input-sm input-bordered w-full"
          placeholder="Id, referencia, nombre o correo"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onBlur={() => (q.trim() || undefined) !== filters.q && onChange({ q: q.trim() || undefined })}
        />
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Estado</span>
        <select
          className="select select-sm select-bordered"
          value={filters.status ?? ""}
          onChange={(e) => onChange({ status: (e.target.value || undefined) as OrderFilters["status"] })}
        >
          <option value="">Todos</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ORDER_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Método de pago</span>
        <select
          className="select select-sm select-bordered"
          value={filters.paymentMethod ?? ""}
          onChange={(e) => onChange({ paymentMethod: (e.target.value || undefined) as OrderFilters["paymentMethod"] })}
        >
          <option value="">Todos</option>
          <option value="card">Tarjeta</option>
          <option value="transfer">Transferencia</option>
        </select>
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Desde</span>
        <input type="date" className="input input-sm input-bordered" value={filters.from ?? ""} onChange={(e) => onChange({ from: e.target.value || undefined })} />
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Hasta</span>
        <input type="date" className="input input-sm input-bordered" value={filters.to ?? ""} onChange={(e) => onChange({ to: e.target.value || undefined })} />
      </label>
      <button type="submit" className="btn btn-sm btn-primary">
        Buscar
      </button>
      {filters.q || filters.status || filters.paymentMethod || filters.from || filters.to ? (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => {
            setQ("");
            onChange({ q: undefined, status: undefined, paymentMethod: undefined, from: undefined, to: undefined });
          }}
        >
          Limpiar
        </button>
      ) : null}
      {filters.from || filters.to ? (
        <p className="basis-full text-xs text-base-content/70" data-testid="order-date-range">
          Pedidos creados {dateRangeText(filters)} (hora de Colombia)
        </p>
      ) : null}
    </form>
  );
}
