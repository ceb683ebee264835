// The auth adapter against the real server: which sign-in the app offers is chosen from
// GET /api/config (dev tokens here; Clerk when the server says so and publishes its key), the
// connecting state and its failure, the dev sign-in (with the add-to-cart that was waiting), a
// 401 ending the session, and a deactivated account routed to the account-inactive screen.
import { fireEvent } from "expo-router/testing-library";

import { chooseAuthMode } from "@/lib/auth/mode";
import { cardPaymentMode } from "@/lib/payments/mode";

import { apiAs, createProduct, findCatalog, customer, devToken, freshEmail, LONG, renderApp, screen, signIn, signOut, storedToken, useGate } from "./helpers";

const gate = useGate();

afterEach(() => signOut());

describe("mode chosen from the server's config", () => {
  test("this dev server: dev sign-in, simulated cards", async () => {
    const { data: config } = await apiAs().GET("/api/config");
    expect(config!.authMode).toBe("dev");
    expect(chooseAuthMode(config!)).toEqual({ mode: "dev" });
    expect(cardPaymentMode(config!, "ios")).toBe("simulated");
  });

  test("a Clerk server: Clerk with its publishable key, or a clear message when the key is missing", async () => {
    const { data: config } = await apiAs().GET("/api/config");
    const clerk = { ...config!, authMode: "clerk" as const };
    expect(chooseAuthMode({ ...clerk, clerkPublishableKey: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k" })).toEqual({
      mode: "clerk",
      publishableKey: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
    });
    const missing = chooseAuthMode({ ...clerk, clerkPublishableKey: null });
    expect(missing.mode).toBe("misconfigured");
    // With a Stripe key the phone apps use the PaymentSheet; the web export cannot.
    expect(cardPaymentMode({ ...config!, stripePublishableKey: "pk_test_x" }, "android")).toBe("stripe");
    expect(cardPaymentMode({ ...config!, stripePublishableKey: "pk_test_x" }, "web")).toBe("unavailable");
  });

  test("dev mode renders the clearly labelled development sign-in", async () => {
    renderApp("/ingresar");
    expect(await screen.findByText("Modo desarrollo", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Entrar (modo desarrollo)" })).toBeOnTheScreen();
    expect(screen.queryByRole("button", { name: "Continuar con Google" })).toBeNull();
  });
});

describe("connecting to the shop", () => {
  test("a loading state while the config is in flight", async () => {
    gate.current.hold(/^\/api\/config/);
    renderApp("/");
    expect(await screen.findByLabelText("Conectando con la tienda…", {}, LONG)).toBeOnTheScreen();
    gate.current.release();
    await findCatalog();
  });

  test("an unreachable shop: an error with «Reintentar», which connects once the shop is back", async () => {
    gate.current.down();
    renderApp("/");
    expect(await screen.findByText("No pudimos conectar con la tienda", {}, LONG)).toBeOnTheScreen();
    gate.current.up();
    fireEvent.press(screen.getByRole("button", { name: "Reintentar" }));
    await findCatalog();
  });
});

describe("dev sign-in", () => {
  test("refuses a malformed email, then signs in and does the add-to-cart that was waiting", async () => {
    const p = await createProduct({ name: `Palito esperando ${Date.now()}`, stock: 5 });
    const email = freshEmail("ingreso");
    renderApp(`/producto/${p.id}`);
    fireEvent.press(await screen.findByRole("button", { name: "Agregar una unidad" }, LONG));
    fireEvent.press(screen.getByRole("button", { name: "Agregar al carrito" }));
    fireEvent.changeText(await screen.findByLabelText("Correo", {}, LONG), "ana-sin-arroba");
    fireEvent.press(screen.getByRole("button", { name: "Entrar (modo desarrollo)" }));
    expect(await screen.findByText("Escribe un correo válido, por ejemplo ana@example.com.")).toBeOnTheScreen();
    fireEvent.changeText(screen.getByLabelText("Correo"), email);
    fireEvent.press(screen.getByRole("button", { name: "Entrar (modo desarrollo)" }));
    expect(await screen.findByText(p.name, {}, LONG)).toBeOnTheScreen();

    const token = storedToken();
    expect(token).toBeTruthy();
    const api = apiAs(token);
    expect((await api.GET("/api/users/me")).data!.email).toBe(email);
    const { data: cart } = await api.GET("/api/cart");
    expect(cart!.lines.map((l) => [l.productId, l.quantity])).toEqual([[p.id, 2]]);
  });

  test("a session the server no longer accepts (401) ends: the app signs out", async () => {
    signIn("not-a-token", "ana@example.com");
    renderApp("/pedidos");
    expect(await screen.findByText("Inicia sesión para ver tus pedidos y su estado.", {}, LONG)).toBeOnTheScreen();
    expect(storedToken()).toBeUndefined();
  });
});

describe("inactive accounts", () => {
  test("any call answered 403 account_inactive routes to the account-inactive screen; «Cerrar sesión» leaves it", async () => {
    const c = await customer("inactiva");
    await c.api.PATCH("/api/users/deactivate");
    signIn(c.token, c.email);
    renderApp("/pedidos");
    expect(await screen.findByText("Tu cuenta está inactiva", {}, LONG)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Cerrar sesión" }));
    expect(storedToken()).toBeUndefined();
  });

  test("signing in with a deactivated account lands on the account-inactive screen", async () => {
    const email = freshEmail("inactiva-ingreso");
    await apiAs(await devToken(email)).PATCH("/api/users/deactivate");
    renderApp("/ingresar");
    fireEvent.changeText(await screen.findByLabelText("Correo", {}, LONG), email);
    fireEvent.press(screen.getByRole("button", { name: "Entrar (modo desarrollo)" }));
    expect(await screen.findByText("Tu cuenta está inactiva", {}, LONG)).toBeOnTheScreen();
  });
});
