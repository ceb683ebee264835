import { useEffect, useRef, useState } from "react";
import { Link, Navigate, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate, useNavigation, useRouteError } from "react-router";

import { Logo } from "../components/Logo";
import { useConfig } from "../lib/api";
import { signOut, useSessionName, useSignedIn } from "../lib/auth/store";
import { whatsappLink } from "../lib/contact";
import { useToasts } from "../lib/toast";
import { useCartCount, useMergeAnonCartOnSignIn } from "../features/cart/api";

/** Signed-in pages: anonymous visitors go to sign in and come back. */
export function RequireAuth() {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/ingresar?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

/** After a client-side navigation, move focus to the new page's heading so screen readers announce it. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => {
      const h = document.querySelector<HTMLElement>("[data-page-heading]") ?? document.querySelector<HTMLElement>("main");
      h?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(t);
  }, [location.pathname]);
}

function CartBadgeLink() {
  const count = useCartCount();
  return (
    <Link to="/carrito" className="btn btn-ghost btn-sm gap-1 sm:btn-md" aria-label={`Carrito, ${count} ${count === 1 ? "producto" : "productos"}`}>
      <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden="true">
        <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="10" cy="20.5" r="1.5" fill="currentColor" />
        <circle cx="17" cy="20.5" r="1.5" fill="currentColor" />
      </svg>
      <span className="badge badge-primary badge-sm" data-testid="cart-count">
        {count}
      </span>
    </Link>
  );
}

function AccountMenu() {
  const signedIn = useSignedIn();
  const name = useSessionName();
  const navigate = useNavigate();
  if (!signedIn)
    return (
      <Link to="/ingresar" className="btn btn-ghost btn-sm sm:btn-md">
        Ingresar
      </Link>
    );
  return (
    <div className="dropdown dropdown-end">
      <div tabIndex={0} role="button" className="btn btn-ghost btn-sm sm:btn-md" aria-haspopup="menu">
        <span className="max-w-20 truncate sm:max-w-32">{name ?? "Mi cuenta"}</span>
        <svg viewBox="0 0 20 20" className="h-4 w-4" aria-hidden="true"><path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" /></svg>
      </div>
      <ul tabIndex={0} className="menu dropdown-content z-20 mt-2 w-56 rounded-box border border-base-300 bg-base-100 p-2 shadow-lg">
        <li><Link to="/perfil/pedidos">Mis pedidos</Link></li>
        <li><Link to="/perfil">Mi perfil</Link></li>
        <li><Link to="/perfil/direcciones">Mis direcciones</Link></li>
        <li><Link to="/perfil/favoritos">Mis favoritos</Link></li>
        <li>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              void navigate("/");
            }}
          >
            Cerrar sesión
          </button>
        </li>
      </ul>
    </div>
  );
}

function Header() {
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const navLink = ({ isActive }: { isActive: boolean }) => `btn btn-ghost btn-sm ${isActive ? "text-primary" : ""}`;
  return (
    <header className="sticky top-0 z-30 border-b border-base-300 bg-base-100/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-1 px-3 py-2 sm:gap-2 sm:px-4">
        <Link to="/" aria-label="Don Palito Jr, inicio" className="mr-1 shrink-0 sm:mr-2">
          <Logo />
        </Link>
        <nav aria-label="Principal" className="hidden md:block">
          <ul className="flex gap-1">
            <li><NavLink to="/catalogo" className={navLink}>Catálogo</NavLink></li>
            <li><NavLink to="/nosotros" className={navLink}>Nosotros</NavLink></li>
            <li><NavLink to="/contacto" className={navLink}>Contacto</NavLink></li>
          </ul>
        </nav>
        <form
          role="search"
          aria-label="Buscar en la tienda"
          className="ml-auto hidden lg:block"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate(q.trim() ? `/catalogo?q=${encodeURIComponent(q.trim())}` : "/catalogo");
          }}
        >
          <label htmlFor="header-search" className="sr-only">Buscar productos</label>
          <input id="header-search" type="search" className="input input-sm w-56" placeholder="Buscar palitos, natilla…" value={q} onChange={(e) => setQ(e.target.value)} />
        </form>
        <div className="ml-auto flex items-center lg:ml-2">
          <AccountMenu />
          <CartBadgeLink />
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const { data } = useConfig();
  const c = data?.contact;
  const wa = whatsappLink(c);
  return (
    <footer className="mt-16 bg-neutral text-neutral-content">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-3">
        <div>
          <p className="font-display text-xl font-bold">Don Palito Jr</p>
          <p className="mt-2 text-sm opacity-90">Palitos de queso, natilla y antojos horneados cada día en Sabaneta, Antioquia.</p>
        </div>
        <nav aria-label="Información">
          <ul className="space-y-1 text-sm">
            <li><Link className="link-hover" to="/catalogo">Catálogo</Link></li>
            <li><Link className="link-hover" to="/nosotros">Nosotros</Link></li>
            <li><Link className="link-hover" to="/preguntas-frecuentes">Preguntas frecuentes</Link></li>
            <li><Link className="link-hover" to="/terminos">Términos y condiciones</Link></li>
            <li><Link className="link-hover" to="/privacidad">Política de privacidad</Link></li>
            <li><Link className="link-hover" to="/contacto">Contacto</Link></li>
          </ul>
        </nav>
        <address className="text-sm not-italic opacity-95">
          {c?.address && <p>{c.address}</p>}
          {c?.openingHours && <p>{c.openingHours}</p>}
          {c?.phone && <p>Tel. {c.phone}</p>}
          {c?.email && <p><a className="link-hover" href={`mailto:${c.email}`}>{c.email}</a></p>}
          {wa && <p><a className="link-hover" href={wa} target="_blank" rel="noopener noreferrer">WhatsApp {c?.whatsapp}</a></p>}
        </address>
      </div>
      <p className="border-t border-neutral-content/20 py-4 text-center text-xs opacity-80">© {new Date().getFullYear()} Don Palito Jr · Sabaneta, Antioquia</p>
    </footer>
  );
}

function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toast toast-end toast-bottom z-50" aria-live="polite" role="status">
      {toasts.map((t) => (
        <div key={t.id} className={`alert max-w-sm shadow-lg ${t.kind === "error" ? "alert-error" : t.kind === "success" ? "alert-success" : "alert-info"}`}>
          <span className="text-sm">{t.message}</span>
          <button type="button" className="btn btn-ghost btn-xs" aria-label="Cerrar aviso" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

function NavigationProgress() {
  const nav = useNavigation();
  if (nav.state === "idle") return null;
  return <div className="fixed inset-x-0 top-0 z-40 h-1 animate-pulse bg-primary" aria-hidden="true" />;
}

export function Layout() {
  useFocusOnNavigate();
  useMergeAnonCartOnSignIn();
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#contenido" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-base-100 focus:p-2">
        Saltar al contenido
      </a>
      <NavigationProgress />
      <Header />
      <main id="contenido" tabIndex={-1} className="flex-1 outline-none">
        <Outlet />
      </main>
      <Footer />
      <Toaster />
      <ScrollRestoration />
    </div>
  );
}

export function RouteError() {
  const err = useRouteError();
  // A stale tab after a deploy asks for a chunk that no longer exists: reloading fetches the new app.
  const chunk = err instanceof TypeError && /dynamically imported module|Importing a module script/i.test(err.message);
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="font-display text-3xl font-bold">Algo salió mal</h1>
      <p className="mt-3">{chunk ? "Actualizamos la tienda mientras navegabas." : "Tuvimos un problema mostrando esta página."}</p>
      <button type="button" className="btn btn-primary mt-6" onClick={() => window.location.reload()}>
        Recargar la página
      </button>
    </div>
  );
}
