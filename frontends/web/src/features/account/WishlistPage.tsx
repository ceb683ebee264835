import { Link } from "react-router";

import { AccountNav } from "../../components/AccountNav";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { $api, type Product } from "../../lib/api";
import { ProductCard } from "../catalog/ProductCard";

export default function WishlistPage() {
  usePageTitle("Mis favoritos");
  const q = $api.useQuery("get", "/api/users/wishlist", { params: { query: { limit: 100 } } });
  const items = (q.data?.items ?? []) as Product[];
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <PageHeading>Mis favoritos</PageHeading>
      <AccountNav />
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isLoading && <Loading label="Cargando tus favoritos…"><div className="skeleton mt-6 h-64" /></Loading>}
      {q.data && items.length === 0 && (
        <div className="mt-6">
          <EmptyState title="Aún no tienes favoritos" action={<Link to="/catalogo" className="btn btn-primary">Ver el catálogo</Link>}>
            Toca el corazón de un producto para guardarlo aquí.
          </EmptyState>
        </div>
      )}
      <ul className="mt-6 grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-4">
        {items.map((p) => (
          <li key={p.id}><ProductCard product={p} /></li>
        ))}
      </ul>
    </div>
  );
}
