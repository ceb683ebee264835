import { isApiProblem } from "@donpalito/api-client";
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";

import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { ProductImage } from "../../components/ProductImage";
import { QuantityStepper } from "../../components/QuantityStepper";
import { Stars } from "../../components/Stars";
import { ErrorState, Loading } from "../../components/States";
import { $api, type Product } from "../../lib/api";
import { useSignedIn } from "../../lib/auth/store";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { toast } from "../../lib/toast";
import { useCartActions } from "../cart/api";
import { useAnonCart } from "../cart/anon";
import { NotFoundContent } from "../content/NotFoundPage";
import { useToggleWishlist, useWishlistIds } from "./wishlist";

export default function ProductPage() {
  const { id = "" } = useParams();
  const valid = /^[0-9a-f]{24}$/i.test(id);
  const q = $api.useQuery("get", "/api/products/{id}", { params: { path: { id } } }, { enabled: valid });
  const product = q.data as Product | undefined;
  usePageTitle(product?.name);

  if (!valid || (q.error && isApiProblem(q.error) && q.error.status === 404)) return <NotFoundContent what="Este producto no existe o ya no está a la venta." />;
  if (q.error) return <div className="mx-auto max-w-6xl px-4 py-8"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (!product)
    return (
      <div className="mx-auto max-w-6xl px-4 py-8">
        <Loading label="Cargando producto…">
          <div className="grid gap-8 md:grid-cols-2">
            <div className="skeleton aspect-[4/3]" />
            <div className="space-y-4">
              <div className="skeleton h-10 w-3/4" />
              <div className="skeleton h-6 w-32" />
              <div className="skeleton h-24 w-full" />
              <div className="skeleton h-12 w-48" />
            </div>
          </div>
        </Loading>
      </div>
    );
  return <ProductDetail product={product} />;
}

function ProductDetail({ product }: { product: Product }) {
  const [active, setActive] = useState(0);
  const [qty, setQty] = useState(1);
  const [adding, setAdding] = useState(false);
  const { add } = useCartActions();
  const signedIn = useSignedIn();
  const wishlist = useWishlistIds();
  const toggle = useToggleWishlist();
  const navigate = useNavigate();
  const location = useLocation();
  const inAnon = useAnonCart((s) => s.lines.find((l) => l.productId === product.id)?.quantity ?? 0);
  const soldOut = product.stock <= 0 || !product.isActive;
  const max = Math.max(1, Math.min(product.stock - (signedIn ? 0 : inAnon), 99));
  const inList = wishlist.has(product.id);
  const image = product.images[active] ?? product.images[0];

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="Ruta de navegación" className="breadcrumbs mb-4 text-sm">
        <ul>
          <li><Link to="/">Inicio</Link></li>
          <li><Link to={`/catalogo?category=${encodeURIComponent(product.category)}`}>{product.category}</Link></li>
          <li aria-current="page">{product.name}</li>
        </ul>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <div>
          <div className="overflow-hidden rounded-box border border-base-300 bg-base-100">
            <ProductImage image={image} alt={product.name} sizes="(min-width: 768px) 560px, 100vw" priority minWidth={640} />
          </div>
          {product.images.length > 1 && (
            <ul className="mt-3 flex gap-3" aria-label="Fotos del producto">
              {product.images.map((img, i) => (
                <li key={img.id}>
                  <button
                    type="button"
                    className={`w-20 overflow-hidden rounded-field border-2 ${i === active ? "border-primary" : "border-transparent"}`}
                    aria-label={`Ver foto ${i + 1} de ${product.images.length}`}
                    aria-pressed={i === active}
                    onClick={() => setActive(i)}
                  >
                    <ProductImage image={img} alt="" sizes="80px" minWidth={160} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <p className="text-sm font-medium uppercase tracking-wide text-secondary">{product.category}</p>
          <PageHeading className="mt-1">{product.name}</PageHeading>
          <div className="mt-2">
            <Stars value={product.averageRating} count={product.reviewCount} size="md" />
          </div>
          <p className="mt-4 text-3xl font-bold text-primary">{formatMoney(product.price, product.currency)}</p>
          <p className="text-sm text-base-content/70">IVA incluido</p>
          <p className="mt-4 whitespace-pre-line text-base-content/85">{product.description}</p>
          <p className={`mt-4 font-medium ${soldOut ? "text-error" : product.stock <= 5 ? "text-warning-content" : "text-success"}`}>
            {soldOut ? "Agotado por ahora" : product.stock <= 5 ? `¡Solo quedan ${product.stock}!` : "Disponible"}
          </p>
          <div className="mt-6 flex flex-wrap items-center gap-3">
            {!soldOut && <QuantityStepper value={Math.min(qty, max)} max={max} onChange={setQty} label={product.name} />}
            <button
              type="button"
              className="btn btn-primary btn-lg"
              disabled={soldOut || adding}
              onClick={async () => {
                setAdding(true);
                const n = Math.min(qty, max);
                if (await add(product, n)) toast.success(`Agregaste ${n} × ${product.name} al carrito.`);
                setAdding(false);
              }}
            >
              {adding && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
              Agregar al carrito
            </button>
            <button
              type="button"
              className={`btn btn-circle btn-lg btn-ghost ${inList ? "text-primary" : ""}`}
              aria-pressed={inList}
              aria-label={inList ? "Quitar de favoritos" : "Guardar en favoritos"}
              onClick={() => {
                if (!signedIn) {
                  toast.info("Ingresa para guardar tus favoritos.");
                  void navigate(`/ingresar?next=${encodeURIComponent(location.pathname)}`);
                  return;
                }
                void toggle(product.id, product.name, inList);
              }}
            >
              <svg viewBox="0 0 24 24" className="h-7 w-7" aria-hidden="true">
                <path
                  d="M12 21s-7.5-4.6-9.5-9.2C1 8.2 3.3 4.5 7 4.5c2.1 0 3.6 1.1 5 2.9 1.4-1.8 2.9-2.9 5-2.9 3.7 0 6 3.7 4.5 7.3C19.5 16.4 12 21 12 21z"
                  fill={inList ? "currentColor" : "none"}
                  stroke="currentColor"
                  strokeWidth="2"
                />
              </svg>
            </button>
          </div>
          <Link to="/carrito" className="link link-primary mt-4 inline-block">
            Ir al carrito
          </Link>
        </div>
      </div>
      <Reviews product={product} />
    </div>
  );
}

function Reviews({ product }: { product: Product }) {
  const [page, setPage] = useState(1);
  const q = $api.useQuery(
    "get",
    "/api/products/{id}/reviews",
    { params: { path: { id: product.id }, query: { page, limit: 5 } } },
    { placeholderData: (prev) => prev },
  );
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / 5));
  return (
    <section aria-labelledby="reviews-title" className="mt-12">
      <h2 id="reviews-title" className="font-display text-2xl font-bold text-neutral">
        Opiniones
      </h2>
      <div className="mt-2 flex items-center gap-3">
        <span className="text-3xl font-bold">{product.reviewCount > 0 ? product.averageRating.toLocaleString("es-CO", { maximumFractionDigits: 1 }) : "—"}</span>
        <Stars value={product.averageRating} count={product.reviewCount} size="md" />
      </div>
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isLoading && (
        <Loading label="Cargando opiniones…">
          <div className="skeleton mt-4 h-20" />
        </Loading>
      )}
      {q.data && q.data.items.length === 0 && (
        <p className="mt-4 text-base-content/70">Todavía no hay opiniones. Quienes compran este producto pueden calificarlo desde sus pedidos.</p>
      )}
      <ul className="mt-4 space-y-4">
        {q.data?.items.map((r) => (
          <li key={r.id} className="rounded-box border border-base-300 bg-base-100 p-4">
            <div className="flex flex-wrap items-center gap-3">
              <Stars value={r.rating} />
              <span className="font-semibold">{r.authorName}</span>
              <span className="text-sm text-base-content/70">{formatDate(r.createdAt)}</span>
            </div>
            {r.comment && <p className="mt-2">{r.comment}</p>}
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label="Páginas de opiniones" className="join mt-4">
          <button type="button" className="btn join-item btn-sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Anteriores
          </button>
          <span className="btn join-item btn-sm pointer-events-none">
            {page} / {pages}
          </span>
          <button type="button" className="btn join-item btn-sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Siguientes
          </button>
        </nav>
      )}
    </section>
  );
}
