import { Link } from "react-router";

import { ProductImage } from "../../components/ProductImage";
import { Stars } from "../../components/Stars";
import type { Product } from "../../lib/api";
import { formatMoney } from "../../lib/money";
import { toast } from "../../lib/toast";
import { useCartActions } from "../cart/api";

export function ProductCard({ product, priority }: { product: Product; priority?: boolean }) {
  const { add } = useCartActions();
  const soldOut = product.stock <= 0;
  return (
    <article className="card group overflow-hidden border border-base-300/70 bg-base-100 shadow-sm transition hover:-translate-y-0.5 hover:shadow-md">
      <Link to={`/producto/${product.id}`} className="relative block focus-visible:outline-offset-[-4px]" tabIndex={-1} aria-hidden="true">
        <ProductImage
          image={product.images[0]}
          alt=""
          sizes="(min-width: 1024px) 280px, (min-width: 640px) 45vw, 100vw"
          minWidth={320}
          priority={priority}
        />
        {soldOut && <span className="badge badge-neutral absolute left-3 top-3">Agotado</span>}
        {!soldOut && product.stock <= 5 && <span className="badge badge-warning absolute left-3 top-3">¡Últimas {product.stock}!</span>}
      </Link>
      <div className="card-body gap-1 p-4">
        <p className="text-xs font-medium uppercase tracking-wide text-secondary">{product.category}</p>
        <h3 className="card-title font-display text-lg leading-snug">
          <Link to={`/producto/${product.id}`} className="link-hover">
            {product.name}
          </Link>
        </h3>
        <Stars value={product.averageRating} count={product.reviewCount} />
        <div className="mt-2 flex items-center justify-between gap-2">
          <p className="text-xl font-bold text-primary">{formatMoney(product.price, product.currency)}</p>
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={soldOut}
            aria-label={soldOut ? `${product.name} agotado` : `Agregar ${product.name} al carrito`}
            onClick={async () => {
              if (await add(product, 1)) toast.success(`Agregaste ${product.name} al carrito.`);
            }}
          >
            {soldOut ? "Agotado" : "Agregar"}
          </button>
        </div>
      </div>
    </article>
  );
}

export function ProductCardSkeleton() {
  return (
    <div className="card overflow-hidden border border-base-300/70 bg-base-100" aria-hidden="true">
      <div className="skeleton aspect-[4/3] rounded-none" />
      <div className="card-body gap-3 p-4">
        <div className="skeleton h-3 w-20" />
        <div className="skeleton h-5 w-3/4" />
        <div className="skeleton h-4 w-24" />
        <div className="flex justify-between">
          <div className="skeleton h-6 w-20" />
          <div className="skeleton h-8 w-20" />
        </div>
      </div>
    </div>
  );
}
