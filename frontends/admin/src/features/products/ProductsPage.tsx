import { useQueryClient } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { ConfirmDialog } from "../../components/Modal";
import { DataTable } from "../../components/DataTable";
import { icons } from "../../components/icons";
import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type Product } from "../../lib/api";
import { useLowStockThreshold } from "../../lib/config";
import { formatMoney, formatNumber } from "../../lib/format";
import { restoreProduct, STOCK_LEVEL_LABEL, stockLevel, type ProductStatus, type StockLevel } from "./api";

const PAGE_SIZE = 20;
const SORTS = [
  { id: "newest", label: "Más recientes" },
  { id: "name", label: "Nombre" },
  { id: "price_asc", label: "Precio: menor a mayor" },
  { id: "price_desc", label: "Precio: mayor a menor" },
  { id: "rating", label: "Calificación" },
] as const;
type Sort = (typeof SORTS)[number]["id"];
const STATUSES: { id: ProductStatus; label: string }[] = [
  { id: "all", label: "Activos e inactivos" },
  { id: "active", label: "Visibles" },
  { id: "inactive", label: "Ocultos" },
  { id: "deleted", label: "Eliminados" },
];

const col = createColumnHelper<Product>();

export default function ProductsPage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const q = search.get("q") ?? "";
  const category = search.get("categoria") ?? "";
  const status = (STATUSES.find((s) => s.id === search.get("estado"))?.id ?? "all") as ProductStatus;
  const sort = (SORTS.find((s) => s.id === search.get("orden"))?.id ?? "newest") as Sort;
  const level = (["out", "low", "ok"].includes(search.get("stock") ?? "") ? search.get("stock") : "") as StockLevel | "";
  const page = Math.max(1, Number(search.get("pagina")) || 1);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const [busy, setBusy] = useState(false);

  const list = $api.useQuery("get", "/api/admin/products", {
    params: {
      query: {
        ...(q ? { q } : {}),
        ...(category ? { category } : {}),
        ...(level ? { stock: level } : {}),
        status,
        sort,
        page,
        limit: PAGE_SIZE,
      },
    },
  });
  const categories = $api.useQuery("get", "/api/categories");
  const items = list.data?.items ?? [];
  const lowThreshold = useLowStockThreshold();

  const set = (key: string, value: string) =>
    setSearch(
      (cur) => {
        const out = new URLSearchParams(cur);
        if (value) out.set(key, value);
        else out.delete(key);
        if (key !== "pagina") out.delete("pagina");
        return out;
      },
      { replace: true },
    );

  const invalidate = () => void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/products"] });
  const remove = async (p: Product) => {
    setBusy(true);
    try {
      await api.DELETE("/api/admin/products/{id}", { params: { path: { id: p.id } } });
      toast.show(`${p.name} eliminado`);
      invalidate();
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };
  const restore = async (p: Product) => {
    try {
      await restoreProduct(p.id);
      toast.show(`${p.name} restaurado`);
      invalidate();
    } catch (err) {
      toast.show(errorText(err), "error");
    }
  };

  const columns = useMemo(
    () => [
      col.accessor("name", {
        header: "Producto",
        cell: (c) => (
          <span className="flex items-center gap-3">
            {c.row.original.images[0] ? (
              <img src={c.row.original.images[0].url} alt="" className="size-10 rounded-lg object-cover ring-1 ring-base-300" loading="lazy" />
            ) : (
              <span className="grid size-10 place-items-center rounded-lg bg-base-200 text-xs text-base-content/70" aria-hidden>
                —
              </span>
            )}
            <span>{c.getValue()}</span>
          </span>
        ),
      }),
      col.accessor("category", { header: "Categoría" }),
      col.accessor("price", { header: "Precio", cell: (c) => formatMoney(c.getValue()), meta: { className: "num text-right" } }),
      col.accessor("stock", {
        header: "Stock",
        cell: (c) => {
          const lvl = lowThreshold === undefined ? undefined : stockLevel(c.getValue(), lowThreshold);
          return (
            <span className="flex items-center justify-end gap-2">
              <span className="num">{formatNumber(c.getValue())}</span>
              {lvl && <Pill tone={lvl === "out" ? "bad" : lvl === "low" ? "warn" : "good"}>{STOCK_LEVEL_LABEL[lvl]}</Pill>}
            </span>
          );
        },
        meta: { className: "text-right" },
      }),
      col.accessor("isActive", {
        header: "Estado",
        cell: (c) =>
          status === "deleted" ? <Pill tone="bad">Eliminado</Pill> : <Pill tone={c.getValue() ? "good" : "neutral"}>{c.getValue() ? "Visible" : "Oculto"}</Pill>,
      }),
      col.display({
        id: "actions",
        header: () => <span className="sr-only">Acciones</span>,
        cell: (c) =>
          status === "deleted" ? (
            <button type="button" className="btn btn-xs btn-outline" onClick={(e) => (e.stopPropagation(), void restore(c.row.original))}>
              Restaurar
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-xs btn-ghost text-error"
              aria-label={`Eliminar ${c.row.original.name}`}
              onClick={(e) => {
                e.stopPropagation();
                setDeleting(c.row.original);
              }}
            >
              Eliminar
            </button>
          ),
        meta: { className: "text-right" },
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status, lowThreshold],
  );

  return (
    <>
      <PageHeader
        title="Productos"
        subtitle={list.data ? `${formatNumber(list.data.total)} productos` : undefined}
        actions={
          <Link to="/productos/nuevo" className="btn btn-sm btn-primary gap-2">
            {icons.plus}
            Nuevo producto
          </Link>
        }
      />
      <ProductFilters
        q={q}
        onQ={(v) => set("q", v)}
        category={category}
        categories={categories.data?.items.map((c) => c.name) ?? []}
        onCategory={(v) => set("categoria", v)}
        level={level}
        onLevel={(v) => set("stock", v)}
        status={status}
        onStatus={(v) => set("estado", v === "all" ? "" : v)}
        sort={sort}
        onSort={(v) => set("orden", v === "newest" ? "" : v)}
      />
      <section className="card mt-4 overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de productos">
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={status === "deleted" ? "No hay productos eliminados" : "Ningún producto coincide"} />
        ) : (
          <>
            <DataTable
              data={items}
              columns={columns}
              caption="Productos"
              getId={(p) => p.id}
              onOpen={status === "deleted" ? undefined : (p) => navigate(`/productos/${p.id}`)}
              rowLabel={(p) => `Editar ${p.name}`}
            />
            <Pagination page={page} limit={PAGE_SIZE} total={list.data.total} onPage={(p) => set("pagina", String(p))} />
          </>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Eliminar ${deleting?.name ?? ""}`}
        message="El producto deja de verse en la tienda y en las listas. Los pedidos que ya lo tienen no cambian. Podrás restaurarlo desde el filtro «Eliminados»."
        confirmLabel="Eliminar producto"
        danger
        busy={busy}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </>
  );
}

function ProductFilters(props: {
  q: string;
  onQ: (v: string) => void;
  category: string;
  categories: string[];
  onCategory: (v: string) => void;
  level: string;
  onLevel: (v: string) => void;
  status: ProductStatus;
  onStatus: (v: string) => void;
  sort: Sort;
  onSort: (v: string) => void;
}) {
  const [q, setQ] = useState(props.q);
  useEffect(() => setQ(props.q), [props.q]);
  return (
    <form
      role="search"
      aria-label="Filtrar productos"
      className="flex flex-wrap items-end gap-3 rounded-box bg-base-100 p-3 ring-1 ring-base-300"
      onSubmit={(e) => {
        e.preventDefault();
        props.onQ(q.trim());
      }}
    >
      <label className="min-w-56 flex-1">
        <span className="mb-1 block text-xs font-medium">Buscar</span>
        <input type="search" className="input input-sm input-bordered w-full" placeholder="Nombre, descripción o categoría" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Categoría</span>
        <select className="select select-sm select-bordered" value={props.category} onChange={(e) => props.onCategory(e.target.value)}>
          <option value="">Todas</option>
          {props.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Stock</span>
        <select className="select select-sm select-bordered" value={props.level} onChange={(e) => props.onLevel(e.target.value)}>
          <option value="">Todos</option>
          <option value="out">Sin stock</option>
          <option value="low">Bajo</option>
          <option value="ok">Disponible</option>
        </select>
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Estado</span>
        <select className="select select-sm select-bordered" value={props.status} onChange={(e) => props.onStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="mb-1 block text-xs font-medium">Orden</span>
        <select className="select select-sm select-bordered" value={props.sort} onChange={(e) => props.onSort(e.target.value)}>
          {SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-sm btn-primary">
        Buscar
      </button>
    </form>
  );
}
