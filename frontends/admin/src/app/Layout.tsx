import { Suspense, useEffect, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigation } from "react-router";

import { icons } from "../components/icons";
import { Loading } from "../components/states";
import { useAuth } from "../lib/auth";

interface NavItem {
  to: string;
  label: string;
  icon: React.ReactNode;
  devOnly?: boolean;
}

const NAV: NavItem[] = [
  { to: "/", label: "Resumen", icon: icons.summary },
  { to: "/pedidos", label: "Pedidos", icon: icons.orders },
  { to: "/productos", label: "Productos", icon: icons.products },
  { to: "/clientes", label: "Clientes", icon: icons.customers },
  { to: "/cupones", label: "Cupones", icon: icons.coupons },
  { to: "/eventos", label: "Eventos", icon: icons.events },
  { to: "/claves-api", label: "Claves API", icon: icons.keys },
  { to: "/correo", label: "Correo", icon: icons.mail, devOnly: true },
];

export function Layout() {
  const { user, mode, signOut } = useAuth();
  const navigation = useNavigation();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  const items = NAV.filter((n) => !n.devOnly || mode === "dev");
  return (
    <div className="drawer lg:drawer-open">
      <input
        id="nav-drawer"
        type="checkbox"
        className="drawer-toggle"
        checked={drawerOpen}
        onChange={(e) => setDrawerOpen(e.target.checked)}
        aria-hidden="true"
        tabIndex={-1}
      />
      <div className="drawer-content flex min-h-screen flex-col">
        <header className="sticky top-0 z-20 flex items-center gap-3 border-b border-base-300 bg-base-100/90 px-4 py-2 backdrop-blur lg:hidden">
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-square"
            aria-label="Abrir el menú"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          >
            {icons.menu}
          </button>
          <span className="font-semibold">Don Palito Jr</span>
        </header>
        {navigation.state === "loading" ? (
          <div className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-primary" role="progressbar" aria-label="Cargando la página" />
        ) : null}
        <main id="contenido" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 lg:px-8 lg:py-8">
          <Suspense fallback={<Loading rows={6} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <div className="drawer-side z-30">
        <button type="button" tabIndex={-1} aria-hidden="true" className="drawer-overlay lg:hidden" onClick={() => setDrawerOpen(false)} />
        <aside className="flex min-h-full w-64 flex-col bg-neutral text-neutral-content">
          <div className="flex items-center gap-3 px-5 py-5">
            <span className="grid size-9 place-items-center rounded-lg bg-accent font-black text-accent-content" aria-hidden>
              DP
            </span>
            <div className="leading-tight">
              <p className="font-semibold">Don Palito Jr</p>
              <p className="text-xs text-neutral-content/70">Administración</p>
            </div>
          </div>
          <nav aria-label="Secciones" className="flex-1 px-3">
            <ul className="flex flex-col gap-0.5">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) =>
                      `flex items-center gap-3 rounded-lg px-3 py-2 text-sm transition-colors ${
                        isActive ? "bg-neutral-content/15 font-semibold text-white" : "text-neutral-content/85 hover:bg-neutral-content/10"
                      }`
                    }
                  >
                    {item.icon}
                    {item.label}
                    {item.devOnly ? <span className="ml-auto rounded bg-neutral-content/15 px-1.5 text-[10px] uppercase">dev</span> : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="border-t border-neutral-content/15 p-4">
            <p className="truncate text-sm font-medium" title={user.name}>
              {user.name || user.email}
            </p>
            <p className="truncate text-xs text-neutral-content/70" title={user.email}>
              {user.email}
            </p>
            <button type="button" className="btn btn-sm btn-ghost mt-3 w-full justify-start gap-2 text-neutral-content" onClick={signOut}>
              {icons.logout}
              Cerrar sesión
            </button>
          </div>
        </aside>
      </div>
    </div>
  );
}
