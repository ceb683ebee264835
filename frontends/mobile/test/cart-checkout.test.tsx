// Carrito and Checkout against the real server: every state of both screens, quantities clamped to
// the stock the server reports, the server's warnings and coupon reasons, and the checkout rules —
// one Idempotency-Key per attempt (the same key when a lost answer is retried, so the server makes
// one order), a new key when the request changes, and 409 price_changed confirmed by the shopper.
import { fireEvent, waitFor, within } from "expo-router/testing-library";

import { isApiProblem } from "@donpalito/api-client";

import { adminApi, createProduct, customer, failThenRetry, findLoading, LONG, renderApp, screen, signIn, signOut, useGate } from "./helpers";

const gate = useGate();

afterEach(() => signOut());

const orderPosts = () => gate.current.seen.filter((r) => r.method === "POST" && r.url === "/api/orders");

describe("Carrito", () => {
  test("signed out it invites to sign in", async () => {
    renderApp("/carrito");
    expect(await screen.findByText("Inicia sesión para guardar productos en tu carrito y comprar.", {}, LONG)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Iniciar sesión" }));
    expect(await screen.findByText("Modo desarrollo", {}, LONG)).toBeOnTheScreen();
  });

  test("loading while the cart is in flight, then a new customer's empty cart", async () => {
    const c = await customer("carrito-vacio");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/cart/);
    renderApp("/carrito");
    await findLoading("Cargando carrito…", gate.current);
    gate.current.release();
    expect(await screen.findByText("Tu carrito está vacío", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Ver productos" })).toBeOnTheScreen();
  });

  test("unreachable shop: error state with the offline banner; «Reintentar» loads the cart", async () => {
    const c = await customer("carrito-offline");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/cart/);
    renderApp("/carrito");
    await failThenRetry(gate.current, "Cargando carrito…");
    expect(await screen.findByText("Tu carrito está vacío", {}, LONG)).toBeOnTheScreen();
    await waitFor(() => expect(screen.queryByTestId("offline-banner")).toBeNull());
  });

  test("lines with the server's totals; + stops at the stock, − and delete (after confirming) change the server's cart", async () => {
    const p = await createProduct({ name: `Palito del carrito ${Date.now()}`, stock: 2, price: 300000 });
    const c = await customer("carrito-lineas", { cart: [{ productId: p.id, quantity: 2 }] });
    signIn(c.token, c.email);
    renderApp("/carrito");
    expect(await screen.findByLabelText(`Cantidad de ${p.name}: 2`, {}, LONG)).toBeOnTheScreen();
    const { data: cart } = await c.api.GET("/api/cart");
    const totals = within(screen.getByLabelText("Resumen del pedido"));
    expect(totals.getByText("$ 6.000")).toBeOnTheScreen();
    expect(totals.getByText(`$ ${(cart!.total / 100).toLocaleString("es-CO").replace(/,/g, ".")}`)).toBeOnTheScreen();

    expect(screen.getByRole("button", { name: `Agregar una unidad de ${p.name}` })).toBeDisabled();
    fireEvent.press(screen.getByRole("button", { name: `Quitar una unidad de ${p.name}` }));
    expect(await screen.findByLabelText(`Cantidad de ${p.name}: 1`, {}, LONG)).toBeOnTheScreen();
    expect((await c.api.GET("/api/cart")).data!.lines[0]!.quantity).toBe(1);
    expect(screen.getByRole("button", { name: `Quitar una unidad de ${p.name}` })).toBeDisabled();

    fireEvent.press(screen.getByRole("button", { name: `Eliminar ${p.name} del carrito` }));
    expect(await screen.findByText("¿Eliminar del carrito?")).toBeOnTheScreen();
    fireEvent.press(within(screen.getByTestId("confirm-dialog")).getByRole("button", { name: "Cancelar" }));
    await waitFor(() => expect(screen.queryByText("¿Eliminar del carrito?")).toBeNull());
    expect((await c.api.GET("/api/cart")).data!.lines).toHaveLength(1);

    fireEvent.press(screen.getByRole("button", { name: `Eliminar ${p.name} del carrito` }));
    fireEvent.press(within(await screen.findByTestId("confirm-dialog")).getByRole("button", { name: "Eliminar" }));
    expect(await screen.findByText("Tu carrito está vacío", {}, LONG)).toBeOnTheScreen();
    expect((await c.api.GET("/api/cart")).data!.lines).toHaveLength(0);
  });

  test("shows the server's warning when the stock fell below the cart's quantity", async () => {
    const p = await createProduct({ name: `Palito escaso ${Date.now()}`, stock: 5 });
    const c = await customer("carrito-aviso", { cart: [{ productId: p.id, quantity: 4 }] });
    await (await adminApi()).PATCH("/api/admin/products/{id}/stock", { params: { path: { id: p.id } }, body: { mode: "set", quantity: 2, reason: "Se quemó una bandeja" } });
    const warning = (await c.api.GET("/api/cart")).data!.lines[0]!.warning;
    expect(warning?.message).toBeTruthy();
    signIn(c.token, c.email);
    renderApp("/carrito");
    expect(await screen.findByText(warning!.message, {}, LONG)).toBeOnTheScreen();
  });

  test("a coupon that does not apply shows the server's reason; one that applies shows the server's discount", async () => {
    const p = await createProduct({ name: `Palito con cupón ${Date.now()}`, stock: 10, price: 500000 });
    const c = await customer("carrito-cupon", { cart: [{ productId: p.id, quantity: 1 }] });
    const admin = await adminApi();
    const stamp = Date.now().toString(36).toUpperCase();
    const big = `MINIMO${stamp}`;
    const ok = `DIEZ${stamp}`;
    await admin.POST("/api/coupons", { body: { code: big, type: "percentage", value: 10, minSubtotal: 100000000, isActive: true } });
    await admin.POST("/api/coupons", { body: { code: ok, type: "percentage", value: 10, isActive: true } });
    const refused = await c.api.POST("/api/coupons/validate", { body: { code: big } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isApiProblem(refused, "coupon_min_subtotal")).toBe(true);
    const reason = (refused as { detail: string }).detail;

    signIn(c.token, c.email);
    renderApp("/carrito");
    fireEvent.changeText(await screen.findByLabelText("Cupón de descuento", {}, LONG), big);
    fireEvent.press(screen.getByRole("button", { name: "Aplicar cupón" }));
    expect(await screen.findByText(reason, {}, LONG)).toBeOnTheScreen();

    fireEvent.changeText(screen.getByLabelText("Cupón de descuento"), ok.toLowerCase());
    fireEvent.press(screen.getByRole("button", { name: "Aplicar cupón" }));
    expect(await screen.findByText(`Cupón ${ok} aplicado`, {}, LONG)).toBeOnTheScreen();
    const { data: priced } = await c.api.GET("/api/cart", { params: { query: { couponCode: ok } } });
    expect(priced!.discount).toBe(50000);
    expect(await screen.findByText(`Descuento (${ok})`, {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("−$ 500")).toBeOnTheScreen();
  });
});

describe("Checkout", () => {
  test("signed out it sends to sign-in", async () => {
    renderApp("/checkout");
    expect(await screen.findByText("Modo desarrollo", {}, LONG)).toBeOnTheScreen();
  });

  test("loading, then the empty state when there is nothing to pay", async () => {
    const c = await customer("checkout-vacio", { address: true });
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/addresses/);
    renderApp("/checkout");
    await findLoading("Preparando el pago…", gate.current);
    gate.current.release();
    expect(await screen.findByText("No hay nada que pagar", {}, LONG)).toBeOnTheScreen();
  });

  test("unreachable shop: the error state and the offline banner", async () => {
    const c = await customer("checkout-offline", { address: true });
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/addresses/);
    renderApp("/checkout");
    await findLoading("Preparando el pago…", gate.current);
    await gate.current.settled();
    gate.current.down();
    gate.current.release({ fail: true });
    expect(await screen.findByText("No pudimos conectar con la tienda. Revisa tu conexión.", {}, LONG)).toBeOnTheScreen();
    expect(await screen.findByTestId("offline-banner")).toBeOnTheScreen();
    expect(within(screen.getByTestId("error")).getByRole("button", { name: "Reintentar" })).toBeOnTheScreen();
  });

  test("a new customer adds the address in checkout; a lost answer is retried with the same Idempotency-Key and makes one order", async () => {
    const p = await createProduct({ name: `Palito por transferencia ${Date.now()}`, stock: 10, price: 250000 });
    const c = await customer("checkout-transfer", { cart: [{ productId: p.id, quantity: 2 }] });
    signIn(c.token, c.email);
    renderApp("/checkout");
    // No address yet: the form is open.
    fireEvent.changeText(await screen.findByLabelText("Quién recibe", {}, LONG), "Ana Prueba");
    fireEvent.changeText(screen.getByLabelText("Dirección"), "Carrera 47 # 76D Sur-37");
    fireEvent.changeText(screen.getByLabelText("Ciudad"), "Sabaneta");
    fireEvent.changeText(screen.getByLabelText("Celular"), "314 870 207");
    fireEvent.press(screen.getByRole("button", { name: "Guardar dirección" }));
    expect(await screen.findByText("Celular colombiano de 10 dígitos que empieza por 3, por ejemplo 314 870 2078.")).toBeOnTheScreen();
    fireEvent.changeText(screen.getByLabelText("Celular"), "314 870 2078");
    fireEvent.press(screen.getByRole("button", { name: "Guardar dirección" }));
    expect(await screen.findByRole("radio", { name: /^Casa, Carrera 47/ }, LONG)).toBeChecked();

    fireEvent.press(screen.getByRole("radio", { name: /^Transferencia bancaria/ }));
    gate.current.dropResponse(/^POST \/api\/orders$/);
    fireEvent.press(screen.getByRole("button", { name: "Confirmar pedido" }));
    expect(await screen.findByText("No pudimos conectar con la tienda. Revisa tu conexión.", {}, LONG)).toBeOnTheScreen();
    // The server did make the order; the app never heard.
    expect((await c.api.GET("/api/orders")).data!.items).toHaveLength(1);

    fireEvent.press(screen.getByRole("button", { name: "Confirmar pedido" }));
    expect(await screen.findByText("¡Pedido recibido!", {}, LONG)).toBeOnTheScreen();
    const posts = orderPosts();
    expect(posts).toHaveLength(2);
    expect(posts[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.headers["idempotency-key"]).toBe(posts[0]!.headers["idempotency-key"]);
    const { data: orders } = await c.api.GET("/api/orders");
    expect(orders!.items).toHaveLength(1);
    const order = orders!.items[0]!;
    expect(screen.getByTestId("order-reference")).toHaveTextContent(order.reference);
    expect(order.lines.map((l) => [l.productId, l.quantity])).toEqual([[p.id, 2]]);

    // The success screen: transfer instructions with the bank account from GET /api/config.
    expect(screen.getByText("Paga por transferencia")).toBeOnTheScreen();
    const { data: config } = await c.api.GET("/api/config");
    const bank = (config as { bankTransfer?: { bank: string } | null }).bankTransfer;
    if (bank) expect(screen.getByText(`Banco: ${bank.bank}`)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Ver mis pedidos" }));
    expect(await screen.findByText(`Pedido #${order.reference}`, {}, LONG)).toBeOnTheScreen();
  });

  test("409 price_changed lists the change; confirming pays the new total with a new Idempotency-Key", async () => {
    const p = await createProduct({ name: `Palito que sube ${Date.now()}`, stock: 10, price: 300000 });
    const c = await customer("checkout-precio", { address: true, cart: [{ productId: p.id, quantity: 1 }] });
    signIn(c.token, c.email);
    renderApp("/checkout");
    fireEvent.press(await screen.findByRole("radio", { name: /^Transferencia bancaria/ }, LONG));
    const before = gate.current.seen.length;
    await (await adminApi()).PATCH("/api/admin/products/{id}", { params: { path: { id: p.id } }, body: { price: 360000 } });
    fireEvent.press(screen.getByRole("button", { name: "Confirmar pedido" }));
    expect(await screen.findByText("Algunos precios cambiaron", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText(`${p.name}: $ 3.000 → $ 3.600`)).toBeOnTheScreen();
    expect((await c.api.GET("/api/orders")).data!.items).toHaveLength(0);

    const confirm = screen.getByRole("button", { name: "Confirmar y pagar con los nuevos precios" });
    const newTotal = (await c.api.GET("/api/cart")).data!.total;
    await waitFor(() => expect(screen.getByRole("button", { name: "Confirmar y pagar con los nuevos precios" })).toBeEnabled(), LONG);
    expect(confirm).toBeTruthy();
    fireEvent.press(screen.getByRole("button", { name: "Confirmar y pagar con los nuevos precios" }));
    expect(await screen.findByText("¡Pedido recibido!", {}, LONG)).toBeOnTheScreen();
    const posts = orderPosts().filter((r) => gate.current.seen.indexOf(r) >= before);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers["idempotency-key"]).not.toBe(posts[0]!.headers["idempotency-key"]);
    const { data: orders } = await c.api.GET("/api/orders");
    expect(orders!.items.map((o) => o.total)).toEqual([newTotal]);
  });

  test("card in simulated mode: «Aprobar pago» ends on the success screen as Pagado", async () => {
    const p = await createProduct({ name: `Palito con tarjeta ${Date.now()}`, stock: 10, price: 280000 });
    const c = await customer("checkout-tarjeta", { address: true, cart: [{ productId: p.id, quantity: 1 }] });
    signIn(c.token, c.email);
    renderApp("/checkout");
    fireEvent.press(await screen.findByRole("radio", { name: /^Tarjeta, Pago simulado/ }, LONG));
    const { data: cart } = await c.api.GET("/api/cart");
    fireEvent.press(screen.getByRole("button", { name: /^Pagar \$ / }));
    expect(await screen.findByTestId("simulated-payment", {}, LONG)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Aprobar pago" }));
    expect(await screen.findByText("¡Pago recibido!", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Pagado")).toBeOnTheScreen();
    const { data: orders } = await c.api.GET("/api/orders");
    expect(orders!.items.map((o) => [o.status, o.total])).toEqual([["paid", cart!.total]]);
  });
});
