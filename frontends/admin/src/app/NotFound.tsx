import { Link } from "react-router";

import { PageHeader } from "../components/PageHeader";

export default function NotFound() {
  return (
    <>
      <PageHeader title="Página no encontrada" />
      <p>
        Esta dirección no existe. <Link className="link link-primary" to="/">Volver al resumen</Link>
      </p>
    </>
  );
}
