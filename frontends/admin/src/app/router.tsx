// Routes are data and every screen is its own chunk, so the first load carries only the shell.
import { createBrowserRouter } from "react-router";

import { Layout } from "./Layout";
import { RouteError } from "./RouteError";

export const router = createBrowserRouter(
  [
    {
      path: "/",
      Component: Layout,
      ErrorBoundary: RouteError,
      children: [
        { index: true, lazy: () => import("../features/dashboard/DashboardPage").then((m) => ({ Component: m.default })) },
        { path: "pedidos", lazy: () => import("../features/orders/OrdersPage").then((m) => ({ Component: m.default })) },
        { path: "productos", lazy: () => import("../features/products/ProductsPage").then((m) => ({ Component: m.default })) },
        { path: "productos/nuevo", lazy: () => import("../features/products/ProductEditPage").then((m) => ({ Component: m.default })) },
        { path: "productos/:id", lazy: () => import("../features/products/ProductEditPage").then((m) => ({ Component: m.default })) },
        { path: "clientes", lazy: () => import("../features/customers/CustomersPage").then((m) => ({ Component: m.default })) },
        { path: "cupones", lazy: () => import("../features/coupons/CouponsPage").then((m) => ({ Component: m.default })) },
        { path: "eventos", lazy: () => import("../features/events/EventsPage").then((m) => ({ Component: m.default })) },
        { path: "claves-api", lazy: () => import("../features/apikeys/ApiKeysPage").then((m) => ({ Component: m.default })) },
        { path: "correo", lazy: () => import("../features/mail/MailPage").then((m) => ({ Component: m.default })) },
        { path: "*", lazy: () => import("./NotFound").then((m) => ({ Component: m.default })) },
      ],
    },
  ],
  { basename: "/admin" },
);
