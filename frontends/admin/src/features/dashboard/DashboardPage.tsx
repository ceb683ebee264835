import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { OrderStatusPill } from "../../components/Pill";
import { PageHeader } from "../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, type AdminStats } from "../../lib/api";
import {
  bogotaDay,
  daysInRange,
  formatChange,
  isDay,
  presetRange,
  previousPeriod,
  RANGE_PRESETS,
  type DayRange,
  type RangePreset,
} from "../../lib/dates";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../../lib/format";
import { errorText } from "../../components/states";
import { buildKpis, type Kpi } from "./kpis";

const Charts = lazy(() => import("./Charts"));

/** Reads the range from the URL: `?rango=7d` or `?desde=YYYY-MM-DD&hasta=YYYY-MM-DD` (custom). */
export function rangeFromSearch(search: URLSearchParams, today: string): { preset: RangePreset; range: DayRange } {
  const from = search.get("desde");
  const to = search.get("hasta");
  if (isDay(from) && isDay(to) && from <= to) return { preset: "custom", range: { from, to } };
  const preset = (search.get("rango") ?? "30d") as RangePreset;
  const known = RANGE_PRESETS.find((p) => p.id === preset);
  const id = known ? known.id : "30d";
  return { preset: id, range: presetRange(id, today) };
}

export default function DashboardPage() {
  const [search, setSearch] = useSearchParams();
  const today = bogotaDay();
  const { preset, range } = rangeFromSearch(search, today);
  const prev = previousPeriod(range);
  const current = $api.useQuery("get", "/api/admin/stats", { params: { query: range } });
  const previous = $api.useQuery("get", "/api/admin/stats", { params: { query: prev } });
  const latest = $api.useQuery("get", "/api/admin/orders", { params: { query: { page: 1, limit: 6 } } }, { refetchInterval: 15_000 });

  return (
    <>
      <PageHeader
        title="Resumen"
        subtitle={`Del ${formatDate(range.from)} al ${formatDate(range.to)} · comparado con ${formatDate(prev.from)} – ${formatDate(prev.to)}`}
        actions={<RangePicker preset={preset} range={range} onChange={(next) => setSearch(next, { replace: true })} />}
      />
      {current.isPending ? (
        <Loading rows={6} />
      ) : current.isError ? (
        <ErrorState error={current.error} retry={() => void current.refetch()} />
      ) : (
        <div className="flex flex-col gap-6">
          <section aria-label="Cifras principales" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {buildKpis(current.data, previous.data).map((k) => (
              <KpiCard key={k.id} kpi={k} />
            ))}
          </section>
          <Suspense fallback={<div className="grid gap-4 lg:grid-cols-3"><div className="skeleton h-72 lg:col-span-2" /><div className="skeleton h-72" /></div>}>
            <Charts stats={current.data} days={daysInRange(range.from, range.to)} />
          </Suspense>
          <div className="grid gap-4 lg:grid-cols-2">
            <TopProducts stats={current.data} />
            <LowStock stats={current.data} />
          </div>
          <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="latest-title">
            <div className="flex items-center justify-between px-5 pt-4">
              <h2 id="latest-title" className="font-semibold">Últimos pedidos</h2>
              <Link to="/pedidos" className="link link-primary text-sm">Ver todos</Link>
            </div>
            {latest.isPending ? (
              <Loading rows={3} />
            ) : latest.isError ? (
              <ErrorState error={latest.error} retry={() => void latest.refetch()} />
            ) : latest.data.items.length === 0 ? (
              <Empty title="Todavía no hay pedidos" />
            ) : (
              <div className="overflow-x-auto">
                <table className="table table-sm">
                  <caption className="sr-only">Últimos pedidos</caption>
                  <thead>
                    <tr className="text-xs uppercase text-base-content/70">
                      <th scope="col">Pedido</th>
                      <th scope="col">Cliente</th>
                      <th scope="col">Fecha</th>
                      <th scope="col">Estado</th>
                      <th scope="col" className="text-right">Total</th>
                    </tr>
                  </thead>
                  <tbody>
                    {latest.data.items.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <Link className="link link-hover font-medium" to={`/pedidos?pedido=${o.id}`}>
                            #{o.reference}
                          </Link>
                        </td>
                        <td>{o.customer.name}</td>
                        <td className="whitespace-nowrap">{formatDateTime(o.createdAt)}</td>
                        <td><OrderStatusPill status={o.status} /></td>
                        <td className="num text-right">{formatMoney(o.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      )}
    </>
  );
}

function RangePicker({
  preset,
  range,
  onChange,
}: {
  preset: RangePreset;
  range: DayRange;
  onChange: (search: URLSearchParams) => void;
}) {
  const [custom, setCustom] = useState<DayRange>(range);
  const [showCustom, setShowCustom] = useState(preset === "custom");
  const invalid = !isDay(custom.from) || !isDay(custom.to) || custom.from > custom.to || daysInRange(custom.from, custom.to) > 366;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="join" role="group" aria-label="Periodo">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`btn btn-sm join-item ${preset === p.id && !showCustom ? "btn-primary" : "bg-base-100"}`}
            aria-pressed={preset === p.id && !showCustom}
            onClick={() => {
              setShowCustom(false);
              onChange(new URLSearchParams({ rango: p.id }));
            }}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className={`btn btn-sm join-item ${showCustom ? "btn-primary" : "bg-base-100"}`}
          aria-pressed={showCustom}
          onClick={() => setShowCustom(true)}
        >
          Personalizado
        </button>
      </div>
      {showCustom ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) onChange(new URLSearchParams({ desde: custom.from, hasta: custom.to }));
          }}
        >
          <label className="text-xs">
            <span className="mb-0.5 block">Desde</span>
            <input type="date" className="input input-sm input-bordered" value={custom.from} max={custom.to} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
          </label>
          <label className="text-xs">
            <span className="mb-0.5 block">Hasta</span>
            <input type="date" className="input input-sm input-bordered" value={custom.to} min={custom.from} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
          </label>
          <button type="submit" className="btn btn-sm btn-primary" disabled={invalid}>
            Aplicar
          </button>
        </form>
      ) : null}
    </div>
  );
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  const tone =
    kpi.change === null || kpi.change.trend === "flat"
      ? "text-base-content/70 bg-base-200"
      : kpi.change.trend === "up"
        ? "text-emerald-800 bg-emerald-100"
        : "text-rose-800 bg-rose-100";
  return (
    <article className="card bg-base-100 ring-1 ring-base-300" aria-label={kpi.label}>
      <div className="card-body gap-1 p-5">
        <h2 className="text-sm font-medium text-base-content/70">{kpi.label}</h2>
        <p className="num text-2xl font-bold tracking-tight">{kpi.value}</p>
        <p className="flex items-center gap-2 text-xs">
          <span className={`num rounded-full px-2 py-0.5 font-semibold ${tone}`} data-testid={`change-${kpi.id}`}>
            {kpi.change ? formatChange(kpi.change) : "…"}
          </span>
          <span className="text-base-content/70">antes: {kpi.previous}</span>
        </p>
      </div>
    </article>
  );
}

function TopProducts({ stats }: { stats: AdminStats }) {
  return (
    <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="top-title">
      <h2 id="top-title" className="px-5 pt-4 font-semibold">Productos más vendidos</h2>
      {stats.topProducts.length === 0 ? (
        <Empty title="Sin ventas en este periodo" />
      ) : (
        <table className="table table-sm">
          <caption className="sr-only">Productos más vendidos</caption>
          <thead>
            <tr className="text-xs uppercase text-base-content/70">
              <th scope="col">Producto</th>
              <th scope="col" className="text-right">Unidades</th>
              <th scope="col" className="text-right">Ingresos</th>
            </tr>
          </thead>
          <tbody>
            {stats.topProducts.map((p) => (
              <tr key={p.productId}>
                <td>{p.name}</td>
                <td className="num text-right">{formatNumber(p.units)}</td>
                <td className="num text-right">{formatMoney(p.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LowStock({ stats }: { stats: AdminStats }) {
  return (
    <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="low-title">
      <h2 id="low-title" className="px-5 pt-4 font-semibold">Stock bajo</h2>
      {stats.lowStock.length === 0 ? (
        <Empty title="Todo el catálogo tiene stock suficiente" />
      ) : (
        <ul className="divide-y divide-base-300">
          {stats.lowStock.map((p) => (
            <RestockRow key={p.productId} productId={p.productId} name={p.name} stock={p.stock} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RestockRow({ productId, name, stock }: { productId: string; name: string; stock: number }) {
  const [qty, setQty] = useState("20");
  const toast = useToast();
  const queryClient = useQueryClient();
  const restock = $api.useMutation("patch", "/api/admin/products/{id}/stock", {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/stats"] }),
  });
  const quantity = Number(qty);
  const valid = Number.isInteger(quantity) && quantity > 0 && quantity <= 1_000_000;
  const inputId = useMemo(() => `restock-${productId}`, [productId]);
  return (
    <li className="flex flex-wrap items-center gap-3 px-5 py-3" data-testid="low-stock-row">
      <div className="min-w-0 flex-1">
        <Link to={`/productos/${productId}`} className="link link-hover font-medium">{name}</Link>
        <p className="text-xs">
          <span className={stock === 0 ? "font-semibold text-error" : "text-amber-800"}>
            {stock === 0 ? "Sin stock" : `Quedan ${formatNumber(stock)}`}
          </span>
        </p>
      </div>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          restock.mutate(
            { params: { path: { id: productId } }, body: { mode: "delta", quantity, reason: "Reposición desde Resumen" } },
            {
              onSuccess: (p) => toast.show(`${p.name}: ahora hay ${formatNumber(p.stock)} en stock`),
              onError: (err) => toast.show(errorText(err), "error"),
            },
          );
        }}
      >
        <label htmlFor={inputId} className="sr-only">Unidades a sumar a {name}</label>
        <input id={inputId} type="number" min={1} inputMode="numeric" className="input input-sm input-bordered w-20" value={qty} onChange={(e) => setQty(e.target.value)} />
        <button type="submit" className="btn btn-sm btn-primary" disabled={!valid || restock.isPending}>
          Reponer
        </button>
      </form>
    </li>
  );
}
