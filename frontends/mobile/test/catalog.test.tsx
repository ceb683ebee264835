// Inicio and Producto against the real server: loading while the catalog is in flight, the demo
// catalog, a search with no results, the offline banner and its retry, a 404 product, quantity
// clamped to the stock the server reports, add to cart and favourites as a signed-in shopper.
import { fireEvent } from "expo-router/testing-library";

import { apiAs, createProduct, findCatalog, customer, demoProduct, findLoading, freshEmail, LONG, renderApp, screen, signIn, signOut, useGate } from "./helpers";

const gate = useGate();

afterEach(() => signOut());

describe("Inicio", () => {
  test("shows the skeleton while the catalog loads, then the demo catalog", async () => {
    gate.current.hold(/^\/api\/products\?/);
    renderApp("/");
    await findLoading("Cargando productos…", gate.current);
    expect(screen.queryByText(/^\d+ productos?$/)).toBeNull();
    gate.current.release();
    await findCatalog();
    expect(screen.queryByTestId("loading")).toBeNull();
    // The category chips come from GET /api/categories.
    expect(await screen.findByRole("button", { name: "Palitos Premium" })).toBeOnTheScreen();
  });

  test("a search with no results shows the empty state, and «Ver todo» brings the catalog back", async () => {
    renderApp("/");
    await findCatalog();
    fireEvent.changeText(screen.getByLabelText("Buscar productos"), "zzz-nada-de-esto");
    expect(await screen.findByText("No encontramos productos", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Prueba con otra búsqueda o categoría.")).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Ver todo" }));
    await findCatalog();
  });

  test("a category chip filters the grid with the server's answer", async () => {
    renderApp("/");
    await findCatalog();
    fireEvent.press(await screen.findByRole("button", { name: "Dulces" }));
    expect(await screen.findByText("1 producto", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Oblea")).toBeOnTheScreen();
    expect(screen.queryByText("Paliplátano")).toBeNull();
  });

  test("when the shop cannot be reached: error state and offline banner; «Reintentar» recovers", async () => {
    gate.current.hold(/^\/api\/products\?/);
    renderApp("/");
    await findLoading("Cargando productos…", gate.current);
    await gate.current.settled();
    gate.current.down();
    gate.current.release({ fail: true });
    expect(await screen.findByText("No pudimos cargar esto", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("No pudimos conectar con la tienda. Revisa tu conexión.")).toBeOnTheScreen();
    expect(await screen.findByTestId("offline-banner")).toBeOnTheScreen();
    expect(screen.getByText("Sin conexión con la tienda.")).toBeOnTheScreen();

    gate.current.up();
    fireEvent.press(screen.getByRole("button", { name: "Reintentar la conexión" }));
    await findCatalog();
    expect(screen.queryByTestId("offline-banner")).toBeNull();
  });
});

describe("Producto", () => {
  test("loading, then price, stock, reviews' empty state; quantity never passes the stock", async () => {
    const p = await createProduct({ name: `Palito contado ${Date.now()}`, stock: 3, price: 420000 });
    gate.current.hold(new RegExp(`^/api/products/${p.id}$`));
    renderApp(`/producto/${p.id}`);
    await findLoading("Cargando producto…", gate.current);
    gate.current.release();
    expect(await screen.findByText(p.name, {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("$ 4.200")).toBeOnTheScreen();
    expect(screen.getByText("¡Quedan solo 3!")).toBeOnTheScreen();
    expect(await screen.findByText("Aún no hay opiniones de este producto.", {}, LONG)).toBeOnTheScreen();

    const plus = screen.getByRole("button", { name: "Agregar una unidad" });
    for (let i = 0; i < 5; i++) fireEvent.press(plus);
    expect(screen.getByLabelText("Cantidad: 3")).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Agregar una unidad" })).toBeDisabled();
    fireEvent.press(screen.getByRole("button", { name: "Quitar una unidad" }));
    expect(screen.getByLabelText("Cantidad: 2")).toBeOnTheScreen();
  });

  test("a product the server does not have shows the server's 404 as the error state", async () => {
    const { data } = await apiAs().GET("/api/products/{id}", { params: { path: { id: "000000000000000000000000" } } }).catch((e: unknown) => ({ data: e }));
    const detail = (data as { detail?: string }).detail;
    renderApp("/producto/000000000000000000000000");
    expect(await screen.findByText("No pudimos cargar el producto", {}, LONG)).toBeOnTheScreen();
    expect(detail).toBeTruthy();
    expect(screen.getByText(detail!)).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Reintentar" })).toBeOnTheScreen();
    expect(screen.queryByTestId("offline-banner")).toBeNull();
  });

  test("a sold-out product says so and cannot be added", async () => {
    const p = await createProduct({ name: `Palito agotado ${Date.now()}`, stock: 0 });
    renderApp(`/producto/${p.id}`);
    expect(await screen.findByText("Agotado", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByRole("button", { name: "Agregar al carrito" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Agregar una unidad" })).toBeNull();
  });

  test("signed out, «Agregar al carrito» asks to sign in first", async () => {
    const p = await demoProduct("Oblea");
    renderApp(`/producto/${p.id}`);
    fireEvent.press(await screen.findByRole("button", { name: "Agregar al carrito" }, LONG));
    expect(await screen.findByText("Modo desarrollo", {}, LONG)).toBeOnTheScreen();
  });

  test("signed in: adds the clamped quantity to the server's cart and saves the favourite", async () => {
    const p = await createProduct({ name: `Palito para llevar ${Date.now()}`, stock: 2 });
    const c = await customer("producto");
    signIn(c.token, c.email);
    renderApp(`/producto/${p.id}`);
    const plus = await screen.findByRole("button", { name: "Agregar una unidad" }, LONG);
    fireEvent.press(plus);
    fireEvent.press(plus);
    fireEvent.press(screen.getByRole("button", { name: "Agregar al carrito" }));
    expect(await screen.findByText("Agregado al carrito (2).", {}, LONG)).toBeOnTheScreen();
    const { data: cart } = await c.api.GET("/api/cart");
    expect(cart!.lines.map((l) => [l.productId, l.quantity])).toEqual([[p.id, 2]]);

    fireEvent.press(screen.getByRole("button", { name: "Guardar en favoritos" }));
    expect(await screen.findByRole("button", { name: "Quitar de favoritos" }, LONG)).toBeOnTheScreen();
    const { data: wishlist } = await c.api.GET("/api/users/wishlist");
    expect(wishlist!.items.map((w) => w.id)).toEqual([p.id]);
  });
});

test("freshEmail gives a new customer each time", () => {
  expect(freshEmail("x")).not.toEqual(freshEmail("x"));
});
