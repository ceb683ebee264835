import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { $api, type Product } from "../../lib/api";
import { useDebounced } from "../../lib/useDebounced";
import { activeFilterCount, PAGE_SIZE, parseFilters, serializeFilters, SORT_LABELS, SORTS, toApiQuery, type CatalogFilters, type Sort } from "./filters";
import { ProductCard, ProductCardSkeleton } from "./ProductCard";

export default function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  usePageTitle(filters.q ? `Resultados para "${filters.q}"` : "Catálogo");
  const ids = { q: useId(), cat: useId(), min: useId(), max: useId(), sort: useId(), stock: useId() };

  const update = (patch: Partial<CatalogFilters>, replace = false) => {
    const next = { ...filters, page: 1, ...patch };
    setParams(serializeFilters(next), { replace });
  };

  // Search box: typed text is debounced into the URL (replacing, so each keystroke is not a history entry).
  const [q, setQ] = useState(filters.q);
  const debouncedQ = useDebounced(q, 350);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (debouncedQ.trim() !== filters.q.trim()) update({ q: debouncedQ }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);

  const products = $api.useQuery("get", "/api/products", { params: { query: toApiQuery(filters) } }, { placeholderData: (prev) => prev });
  const categories = $api.useQuery("get", "/api/categories", {}, { staleTime: 5 * 60_000 });
  const total = products.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = (products.data?.items ?? []) as Product[];

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeading>Catálogo</PageHeading>
      <p className="mt-1 text-base-content/70">Palitos, natilla, buñuelos y más, horneados en Sabaneta.</p>

      <form
        role="search"
        aria-label="Buscar y filtrar productos"
        className="mt-6 grid gap-4 rounded-box border border-base-300 bg-base-100 p-4 md:grid-cols-12"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q });
        }}
      >
        <div className="md:col-span-4">
          <label htmlFor={ids.q} className="label text-sm font-medium text-base-content">
            Buscar
          </label>
          <input
            id={ids.q}
            type="search"
            className="input w-full"
            placeholder="Queso, natilla, buñuelo…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={100}
          />
        </div>
        <div className="md:col-span-3">
          <label htmlFor={ids.cat} className="label text-sm font-medium text-base-content">
            Categoría
          </label>
          <select id={ids.cat} className="select w-full" value={filters.category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">Todas</option>
            {categories.data?.items.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.productCount})
              </option>
            ))}
          </select>
        </div>
        <div className="grid grid-cols-2 gap-2 md:col-span-3">
          <div>
            <label htmlFor={ids.min} className="label text-sm font-medium text-base-content">
              Precio desde
            </label>
            <input
              id={ids.min}
              type="number"
              min={0}
              step={500}
              inputMode="numeric"
              className="input w-full"
              placeholder="$"
              defaultValue={filters.minPrice ?? ""}
              key={`min-${filters.minPrice ?? ""}`}
              onBlur={(e) => update({ minPrice: e.target.value === "" ? undefined : Math.max(0, Math.trunc(Number(e.target.value))) })}
            />
          </div>
          <div>
            <label htmlFor={ids.max} className="label text-sm font-medium text-base-content">
              hasta
            </label>
            <input
              id={ids.max}
              type="number"
              min={0}
              step={500}
              inputMode="numeric"
              className="input w-full"
              placeholder="$"
              defaultValue={filters.maxPrice ?? ""}
              key={`max-${filters.maxPrice ?? ""}`}
              onBlur={(e) => update({ maxPrice: e.target.value === "" ? undefined : Math.max(0, Math.trunc(Number(e.target.value))) })}
            />
          </div>
        </div>
        <div className="md:col-span-2">
          <label htmlFor={ids.sort} className="label text-sm font-medium text-base-content">
            Ordenar por
          </label>
          <select id={ids.sort} className="select w-full" value={filters.sort} onChange={(e) => update({ sort: e.target.value as Sort })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3 md:col-span-12">
          <label htmlFor={ids.stock} className="flex cursor-pointer items-center gap-2">
            <input id={ids.stock} type="checkbox" className="checkbox checkbox-primary checkbox-sm" checked={filters.inStock} onChange={(e) => update({ inStock: e.target.checked })} />
            <span>Solo disponibles</span>
          </label>
          <div className="flex items-center gap-3">
            <p className="text-sm text-base-content/70" aria-live="polite">
              {products.data ? `${total} ${total === 1 ? "producto" : "productos"}` : ""}
            </p>
            {activeFilterCount(filters) > 0 && (
              <Link to="/catalogo" className="btn btn-ghost btn-sm">
                Limpiar filtros
              </Link>
            )}
            <button type="submit" className="btn btn-primary btn-sm md:hidden">
              Buscar
            </button>
          </div>
        </div>
      </form>

      <section aria-label="Resultados" className="mt-6" aria-busy={products.isFetching}>
        {products.error && <ErrorState error={products.error} onRetry={() => void products.refetch()} />}
        {products.isLoading && (
          <Loading label="Cargando productos…">
            <ul className="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-4">
              {Array.from({ length: 8 }, (_, i) => (
                <li key={i}>
                  <ProductCardSkeleton />
                </li>
              ))}
            </ul>
          </Loading>
        )}
        {products.data && items.length === 0 && (
          <EmptyState
            title="No encontramos productos"
            action={
              <Link to="/catalogo" className="btn btn-primary">
                Ver todo el catálogo
              </Link>
            }
          >
            {filters.q ? <>Nada coincide con “{filters.q}”. Prueba con otra palabra o quita algún filtro.</> : <>Prueba quitando algún filtro.</>}
          </EmptyState>
        )}
        {items.length > 0 && (
          <ul className={`grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-4 ${products.isPlaceholderData ? "opacity-60" : ""}`}>
            {items.map((p, i) => (
              <li key={p.id}>
                <ProductCard product={p} priority={i < 2} />
              </li>
            ))}
          </ul>
        )}
        {pages > 1 && (
          <nav aria-label="Paginación" className="mt-8 flex justify-center">
            <div className="join">
              <button
                type="button"
                className="btn join-item"
                disabled={filters.page <= 1}
                onClick={() => update({ page: filters.page - 1 })}
              >
                Anterior
              </button>
              <span className="btn join-item pointer-events-none" aria-current="page">
                Página {filters.page} de {pages}
              </span>
              <button
                type="button"
                className="btn join-item"
                disabled={filters.page >= pages}
                onClick={() => update({ page: filters.page + 1 })}
              >
                Siguiente
              </button>
            </div>
          </nav>
        )}
      </section>
    </div>
  );
}
