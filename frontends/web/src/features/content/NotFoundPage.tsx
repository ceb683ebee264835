import { Link } from "react-router";

import { PageHeading, usePageTitle } from "../../components/PageTitle";

export function NotFoundContent({ what = "La página que buscas no existe o cambió de lugar." }: { what?: string }) {
  usePageTitle("Página no encontrada");
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 text-center">
      <p className="font-display text-7xl font-bold text-primary" aria-hidden="true">404</p>
      <PageHeading className="mt-2">No encontramos lo que buscas</PageHeading>
      <p className="mt-3 text-base-content/75">{what}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to="/" className="btn btn-primary">Volver al inicio</Link>
        <Link to="/catalogo" className="btn btn-outline">Ver el catálogo</Link>
      </div>
    </div>
  );
}

export default function NotFoundPage() {
  return <NotFoundContent />;
}
