import { Link } from "react-router";

import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { signOut } from "../../lib/auth/store";

export default function InactivePage() {
  usePageTitle("Cuenta desactivada");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <PageHeading>Tu cuenta está desactivada</PageHeading>
      <p className="mt-4 text-base-content/80">
        No puedes comprar ni ver tus pedidos mientras tu cuenta esté desactivada. Si fue un error o quieres volver,
        escríbenos y la reactivamos.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link to="/contacto" className="btn btn-primary">Contactar a la tienda</Link>
        <button type="button" className="btn btn-outline" onClick={() => void signOut()}>
          Cerrar sesión
        </button>
      </div>
    </div>
  );
}
