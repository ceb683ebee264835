// Perfil, Direcciones, Favoritos, Privacidad and Editar perfil against the real server: loading
// while in flight, a new customer's empty lists, the offline banner, data arranged through the API,
// and the changes each screen makes landing on the server.
import { fireEvent, waitFor, within } from "expo-router/testing-library";

import { ADDRESS, createProduct, customer, failThenRetry, findLoading, LONG, renderApp, screen, signIn, signOut, storedToken, useGate } from "./helpers";

const gate = useGate();

afterEach(() => signOut());

describe("Perfil", () => {
  test("signed out: an invitation to sign in and the app's version", async () => {
    renderApp("/perfil");
    expect(await screen.findByText("Inicia sesión para ver tus datos, direcciones y favoritos.", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText(/^Don Palito Jr · versión \d+\.\d+\.\d+$/)).toBeOnTheScreen();
  });

  test("loading, then the customer's name and email; «Cerrar sesión» ends the session", async () => {
    const c = await customer("perfil");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/profile/);
    renderApp("/perfil");
    await findLoading("Cargando perfil…", gate.current);
    gate.current.release();
    expect(await screen.findByText(c.email, {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Ana Prueba")).toBeOnTheScreen();
    fireEvent.press(screen.getByRole("button", { name: "Cerrar sesión" }));
    expect(await screen.findByText("Inicia sesión para ver tus datos, direcciones y favoritos.", {}, LONG)).toBeOnTheScreen();
    expect(storedToken()).toBeUndefined();
  });

  test("unreachable shop: error state and offline banner, then «Reintentar»", async () => {
    const c = await customer("perfil-offline");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/profile/);
    renderApp("/perfil");
    await failThenRetry(gate.current, "Cargando perfil…");
    expect(await screen.findByText(c.email, {}, LONG)).toBeOnTheScreen();
  });
});

describe("Direcciones", () => {
  test("signed out it invites to sign in", async () => {
    renderApp("/perfil/direcciones");
    expect(await screen.findByText("Inicia sesión para ver y editar tus direcciones.", {}, LONG)).toBeOnTheScreen();
  });

  test("loading, the empty state, adding one (Colombian phone checked) and deleting it after confirming", async () => {
    const c = await customer("direcciones");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/addresses/);
    renderApp("/perfil/direcciones");
    await findLoading("Cargando direcciones…", gate.current);
    gate.current.release();
    expect(await screen.findByText("No tienes direcciones", {}, LONG)).toBeOnTheScreen();

    fireEvent.press(screen.getByRole("button", { name: "Agregar dirección" }));
    fireEvent.changeText(await screen.findByLabelText("Quién recibe"), ADDRESS.fullName);
    fireEvent.changeText(screen.getByLabelText("Dirección"), ADDRESS.streetAddress);
    fireEvent.changeText(screen.getByLabelText("Ciudad"), ADDRESS.city);
    fireEvent.changeText(screen.getByLabelText("Celular"), "2148702078");
    fireEvent.press(screen.getByRole("button", { name: "Guardar dirección" }));
    expect(await screen.findByText("Celular colombiano de 10 dígitos que empieza por 3, por ejemplo 314 870 2078.")).toBeOnTheScreen();
    fireEvent.changeText(screen.getByLabelText("Celular"), "+57 314 870 2078");
    fireEvent.press(screen.getByRole("button", { name: "Guardar dirección" }));
    expect(await screen.findByText("314 870 2078", {}, LONG)).toBeOnTheScreen();
    expect(screen.getByText("Predeterminada")).toBeOnTheScreen();
    const { data } = await c.api.GET("/api/users/addresses");
    expect(data!.items.map((a) => [a.phoneNumber, a.isDefault])).toEqual([["3148702078", true]]);

    fireEvent.press(screen.getByRole("button", { name: "Eliminar Casa" }));
    fireEvent.press(within(await screen.findByTestId("confirm-dialog")).getByRole("button", { name: "Eliminar" }));
    expect(await screen.findByText("No tienes direcciones", {}, LONG)).toBeOnTheScreen();
    expect((await c.api.GET("/api/users/addresses")).data!.items).toHaveLength(0);
  });

  test("unreachable shop: error state and offline banner, then «Reintentar»", async () => {
    const c = await customer("direcciones-offline", { address: true });
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/addresses/);
    renderApp("/perfil/direcciones");
    await failThenRetry(gate.current, "Cargando direcciones…");
    expect(await screen.findByText("314 870 2078", {}, LONG)).toBeOnTheScreen();
  });
});

describe("Favoritos", () => {
  test("loading, a new customer's empty list", async () => {
    const c = await customer("favoritos-vacio");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/wishlist/);
    renderApp("/perfil/favoritos");
    await findLoading("Cargando favoritos…", gate.current);
    gate.current.release();
    expect(await screen.findByText("Aún no tienes favoritos", {}, LONG)).toBeOnTheScreen();
  });

  test("the saved product is listed and a tap opens it", async () => {
    const p = await createProduct({ name: `Palito favorito ${Date.now()}`, stock: 10 });
    const c = await customer("favoritos");
    await c.api.POST("/api/users/wishlist", { body: { productId: p.id } });
    signIn(c.token, c.email);
    renderApp("/perfil/favoritos");
    fireEvent.press(await screen.findByRole("link", { name: new RegExp(`^${p.name}, \\$ `) }, LONG));
    expect(await screen.findByRole("button", { name: "Quitar de favoritos" }, LONG)).toBeOnTheScreen();
    expect(screen.getByText(`Producto de prueba ${p.name}`)).toBeOnTheScreen();
  });

  test("unreachable shop: error state and offline banner, then «Reintentar»", async () => {
    const c = await customer("favoritos-offline");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/wishlist/);
    renderApp("/perfil/favoritos");
    await failThenRetry(gate.current, "Cargando favoritos…");
    expect(await screen.findByText("Aún no tienes favoritos", {}, LONG)).toBeOnTheScreen();
  });
});

describe("Privacidad", () => {
  test("loading, the server's preferences, a switch that saves, and deactivating after confirming", async () => {
    const c = await customer("privacidad");
    const { data: before } = await c.api.GET("/api/users/profile");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/profile/);
    renderApp("/perfil/privacidad");
    await findLoading("Cargando preferencias…", gate.current);
    gate.current.release();
    const promos = await screen.findByLabelText("Promociones", {}, LONG);
    expect(promos.props.value).toBe(before!.marketingEmails);
    fireEvent(promos, "valueChange", !before!.marketingEmails);
    await waitFor(async () => expect((await c.api.GET("/api/users/profile")).data!.marketingEmails).toBe(!before!.marketingEmails), LONG);

    fireEvent.press(screen.getByRole("button", { name: "Desactivar mi cuenta" }));
    fireEvent.press(within(await screen.findByTestId("confirm-dialog")).getByRole("button", { name: "Desactivar" }));
    expect(await screen.findByText("Tu cuenta está inactiva", {}, LONG)).toBeOnTheScreen();
    const refused = await c.api.GET("/api/cart").then(
      () => null,
      (e: { code?: string }) => e.code,
    );
    expect(refused).toBe("account_inactive");
  });

  test("unreachable shop: error state and offline banner, then «Reintentar»", async () => {
    const c = await customer("privacidad-offline");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/profile/);
    renderApp("/perfil/privacidad");
    await failThenRetry(gate.current, "Cargando preferencias…");
    expect(await screen.findByLabelText("Promociones", {}, LONG)).toBeOnTheScreen();
  });
});

describe("Editar perfil", () => {
  test("loading, then the form; the document is checked and the profile saved on the server", async () => {
    const c = await customer("editar");
    signIn(c.token, c.email);
    gate.current.hold(/^\/api\/users\/profile/);
    renderApp("/perfil/editar");
    await findLoading("Cargando perfil…", gate.current);
    gate.current.release();
    fireEvent.changeText(await screen.findByLabelText("Número de documento", {}, LONG), "12 34");
    fireEvent.press(screen.getByRole("button", { name: "Cédula de ciudadanía" }));
    fireEvent.press(screen.getByRole("button", { name: "Guardar" }));
    expect(await screen.findByText("Entre 5 y 20 letras o números, sin espacios.")).toBeOnTheScreen();
    fireEvent.changeText(screen.getByLabelText("Número de documento"), "1037654321");
    fireEvent.changeText(screen.getByLabelText("Celular"), "300 123 4567");
    fireEvent.press(screen.getByRole("button", { name: "Femenino" }));
    fireEvent.press(screen.getByRole("button", { name: "Guardar" }));
    expect(await screen.findByText("Perfil guardado.", {}, LONG)).toBeOnTheScreen();
    const { data } = await c.api.GET("/api/users/profile");
    expect([data!.documentType, data!.documentNumber, data!.phone, data!.gender]).toEqual(["cedula_ciudadania", "1037654321", "3001234567", "femenino"]);
  });
});
