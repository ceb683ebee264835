// Routes are data; every screen is its own chunk (React Router's lazy), so the first load carries only the
// shell and the page being opened.
import { createBrowserRouter, type RouteObject } from "react-router";

import { Layout, RequireAuth, RouteError } from "./Layout";

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: page(() => import("../features/catalog/HomePage")) },
      { path: "catalogo", lazy: page(() => import("../features/catalog/CatalogPage")) },
      { path: "producto/:id", lazy: page(() => import("../features/catalog/ProductPage")) },
      { path: "carrito", lazy: page(() => import("../features/cart/CartPage")) },
      { path: "ingresar", lazy: page(() => import("../features/auth/SignInPage")) },
      { path: "cuenta-inactiva", lazy: page(() => import("../features/content/InactivePage")) },
      { path: "nosotros", lazy: page(() => import("../features/content/AboutPage")) },
      { path: "contacto", lazy: page(() => import("../features/content/ContactPage")) },
      { path: "preguntas-frecuentes", lazy: page(() => import("../features/content/FaqPage")) },
      { path: "terminos", lazy: page(() => import("../features/content/TermsPage")) },
      { path: "privacidad", lazy: page(() => import("../features/content/PrivacyPage")) },
      {
        element: <RequireAuth />,
        children: [
          { path: "checkout", lazy: page(() => import("../features/checkout/CheckoutPage")) },
          { path: "checkout/exito/:id", lazy: page(() => import("../features/checkout/SuccessPage")) },
          { path: "perfil", lazy: page(() => import("../features/account/ProfilePage")) },
          { path: "perfil/direcciones", lazy: page(() => import("../features/account/AddressesPage")) },
          { path: "perfil/favoritos", lazy: page(() => import("../features/account/WishlistPage")) },
          { path: "perfil/pedidos", lazy: page(() => import("../features/orders/OrdersPage")) },
          { path: "perfil/pedidos/:id", lazy: page(() => import("../features/orders/OrderDetailPage")) },
        ],
      },
      { path: "*", lazy: page(() => import("../features/content/NotFoundPage")) },
    ],
  },
];

export const router = createBrowserRouter(routes);
