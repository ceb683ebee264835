import type { Me } from "../../lib/auth";

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="grid min-h-screen place-items-center bg-base-200 p-4">
      <section className="card w-full max-w-md bg-base-100 shadow-sm ring-1 ring-base-300">
        <div className="card-body gap-4">
          <h1 className="card-title text-2xl">{title}</h1>
          {children}
        </div>
      </section>
    </main>
  );
}

export function FullPageLoading() {
  return (
    <main className="grid min-h-screen place-items-center" role="status" aria-live="polite">
      <span className="loading loading-spinner loading-lg text-primary" aria-hidden />
      <span className="sr-only">Cargando…</span>
    </main>
  );
}

export function AccessDenied({ user, signOut }: { user: Me; signOut: () => void }) {
  return (
    <Card title="Acceso denegado">
      <p>
        La cuenta <strong>{user.email}</strong> no tiene permisos de administración. Si crees que es un error,
        pide acceso a quien administra la tienda.
      </p>
      <div className="card-actions justify-end">
        <button type="button" className="btn btn-primary" onClick={signOut}>
          Cerrar sesión
        </button>
      </div>
    </Card>
  );
}

export function AccountInactive({ signOut }: { signOut: () => void }) {
  return (
    <Card title="Cuenta inactiva">
      <p>Esta cuenta fue desactivada. Comunícate con la administración de la tienda para reactivarla.</p>
      <div className="card-actions justify-end">
        <button type="button" className="btn btn-primary" onClick={signOut}>
          Cerrar sesión
        </button>
      </div>
    </Card>
  );
}

export function ConfigError({ retry }: { retry: () => void }) {
  return (
    <Card title="No pudimos conectar con la tienda">
      <p>El servidor no respondió. Revisa que esté en marcha e inténtalo de nuevo.</p>
      <div className="card-actions justify-end">
        <button type="button" className="btn btn-primary" onClick={retry}>
          Reintentar
        </button>
      </div>
    </Card>
  );
}
