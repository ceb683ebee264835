// Pedidos, a pedido and the success screen against the real server: loading while in flight, a new
// customer's empty list, a filter with no orders, the offline banner, a 404 order, a placed order's
// lines, timeline and cancellation, and rating each product once the shop has delivered it.
import { fireEvent, waitFor, within } from "expo-router/testing-library";

import { adminApi, createProduct, customer, failThenRetry, findLoading, LONG, placeOrder, renderApp, screen, signIn, signOut, useGate } from "./helpers";

const gate = useGate();

afterEach(() => signOut());

const MISSING = "0000000000000000000000aa";

describe("Pedidos", () => {
  test("signed out it invites to sign in", async () => {
    renderApp("/pedidos");
    expect(await screen.findByText("Inicia sesión para ver tus pedidos y su estado.", {}, LONG)).toBeOnTheScreen();
  });

  test("loading, then a new customer's empty list", async () => {
    const c = await customer("pedidos-vacio");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/orders/);
    renderApp("/pedidos");
    await findLoading("Cargando pedidos…", gate.current);
    gate.current.release();
    expect(await screen.findByText("Aún no tienes pedidos", {}, LONG)).toBeOnTheScreen();
  });

  test("unreachable shop: error state and offline banner; «Reintentar» loads the list", async () => {
    const c = await customer("pedidos-offline");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/orders/);
    renderApp("/pedidos");
    await failThenRetry(gate.current, "Cargando pedidos…");
    expect(await screen.findByText("Aún no tienes pedidos", {}, LONG)).toBeOnTheScreen();
  });

  test("lists the customer's order; a status with none shows its empty state; a tap opens the order", async () => {
    const p = await createProduct({ name: `Palito pedido ${Date.now()}`, stock: 10, price: 200000 });
    const c = await customer("pedidos-lista", { address: true });
    const order = await placeOrder(c.api, p.id, 2);
    signIn(c.token, c.email);
    renderApp("/pedidos");
    expect(await screen.findByText(`Pedido #${order.reference}`, {}, LONG)).toBeOnTheScreen();
    expect(screen.getAllByText("Pendiente de pago").length).toBeGreaterThan(0);

    fireEvent.press(screen.getByRole("button", { name: "Entregado" }));
    expect(await screen.findByText("No tienes pedidos en «Entregado»", {}, LONG)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Ver todos" }));
    fireEvent.press(await screen.findByRole("link", { name: new RegExp(`Pedido #${order.reference}`) }, LONG));

    // The pedido: lines, transfer instructions, timeline, and cancel (after confirming).
    expect(await screen.findByText(`2 × ${p.name}`, {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Paga por transferencia")).toBeOnTheScreen();
    expect(within(screen.getByLabelText("Historial del pedido")).getByText("Pendiente de pago")).toBeOnTheScreen();
  });
});

describe("Pedido", () => {
  test("loading while the order is in flight, then its reference", async () => {
    const p = await createProduct({ name: `Palito detalle ${Date.now()}`, stock: 10 });
    const c = await customer("pedido-carga", { address: true });
    const order = await placeOrder(c.api, p.id);
    signIn(c.token, c.email);
    gate.current.hold(new RegExp(`^/api/orders/${order.id}$`));
    renderApp(`/pedido/${order.id}`);
    await findLoading("Cargando pedido…", gate.current);
    gate.current.release();
    expect((await screen.findAllByText(`Pedido #${order.reference}`, {}, LONG)).length).toBeGreaterThan(0);
  });

  test("a pending order can be canceled after confirming; the screen shows the server's new state", async () => {
    const p = await createProduct({ name: `Palito cancelado ${Date.now()}`, stock: 10 });
    const c = await customer("pedido-cancelar", { address: true });
    const order = await placeOrder(c.api, p.id);
    signIn(c.token, c.email);
    renderApp(`/pedido/${order.id}`);
    fireEvent.press(await screen.findByRole("button", { name: "Cancelar pedido" }, LONG));
    const dialog = await screen.findByTestId("confirm-dialog");
    fireEvent.press(within(dialog).getByRole("button", { name: "Cancelar" }));
    await waitFor(() => expect(screen.queryByTestId("confirm-dialog")).toBeNull());
    expect((await c.api.GET("/api/orders/{id}", { params: { path: { id: order.id } } })).data!.status).toBe("pending");

    fireEvent.press(screen.getByRole("button", { name: "Cancelar pedido" }));
    fireEvent.press(within(await screen.findByTestId("confirm-dialog")).getByRole("button", { name: "Sí, cancelar" }));
    expect(await within(screen.getByLabelText("Historial del pedido")).findByText("Cancelado", {}, LONG)).toBeOnTheScreen();
    expect(screen.queryByRole("button", { name: "Cancelar pedido" })).toBeNull();
    expect((await c.api.GET("/api/orders/{id}", { params: { path: { id: order.id } } })).data!.status).toBe("canceled");
  });

  test("an order the server does not have shows its 404 as the error state", async () => {
    const c = await customer("pedido-404");
    const detail = await c.api.GET("/api/orders/{id}", { params: { path: { id: MISSING } } }).then(
      () => "",
      (e: { detail?: string }) => e.detail ?? "",
    );
    expect(detail).not.toBe("");
    signIn(c.token, c.email);
    renderApp(`/pedido/${MISSING}`);
    expect(await screen.findByText(detail, {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("No pudimos cargar esto")).toBeOnTheScreen();
  });

  test("signed out it invites to sign in", async () => {
    renderApp(`/pedido/${MISSING}`);
    expect(await screen.findByText("Inicia sesión para ver este pedido.", {}, LONG)).toBeOnTheScreen();
  });

  test("a delivered order offers its invoice and a rating per product, which reaches the server", async () => {
    const p = await createProduct({ name: `Palito entregado ${Date.now()}`, stock: 10 });
    const c = await customer("pedido-entregado", { address: true });
    const order = await placeOrder(c.api, p.id);
    const admin = await adminApi();
    for (const status of ["paid", "in_preparation", "ready", "delivered"] as const) {
      await admin.PATCH("/api/admin/orders/{id}/status", { params: { path: { id: order.id } }, body: { status } });
    }
    signIn(c.token, c.email);
    renderApp(`/pedido/${order.id}`);
    expect(await screen.findByText("¿Qué tal estuvo?", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Descargar factura" })).toBeOnTheScreen();
    expect(screen.queryByRole("button", { name: "Cancelar pedido" })).toBeNull();
    fireEvent.press(screen.getByRole("button", { name: `Calificar ${p.name} con 4 de 5 estrellas` }));
    expect(await screen.findByText("¡Gracias por tu calificación!", {}, LONG)).toBeOnTheScreen();
    const { data: reviews } = await c.api.GET("/api/products/{id}/reviews", { params: { path: { id: p.id } } });
    expect(reviews!.items.map((r) => r.rating)).toEqual([4]);
  });
});

describe("Pedido confirmado", () => {
  test("loading, then the reference and how to pay the transfer", async () => {
    const p = await createProduct({ name: `Palito confirmado ${Date.now()}`, stock: 10 });
    const c = await customer("confirmado", { address: true });
    const order = await placeOrder(c.api, p.id);
    signIn(c.token, c.email);
    gate.current.hold(new RegExp(`^/api/orders/${order.id}$`));
    renderApp(`/pedido-confirmado/${order.id}`);
    await findLoading("Cargando tu pedido…", gate.current);
    gate.current.release();
    expect(await screen.findByTestId("order-reference", {}, LONG)).toHaveTextContent(order.reference);
    expect(screen.getByText("¡Pedido recibido!")).toBeOnTheScreen();
    expect(screen.getByTestId("transfer-instructions")).toBeOnTheScreen();
  });

  test("an unknown order: the server's 404 as the error state", async () => {
    const c = await customer("confirmado-404");
    signIn(c.token, c.email);
    renderApp(`/pedido-confirmado/${MISSING}`);
    expect(await screen.findByText("No pudimos cargar esto", {}, LONG)).toBeOnTheScreen();
    expect(within(screen.getByTestId("error")).getByRole("button", { name: "Reintentar" })).toBeOnTheScreen();
  });
});
