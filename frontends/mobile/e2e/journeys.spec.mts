// The shopper's journeys on the web export against the real server (dev auth, simulated cards).
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test, type Page } from "@playwright/test";

import { apiAs, devToken, expectAccessible } from "@donpalito/e2e-kit";

const shots = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "screenshots");

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function signInDev(page: Page, email: string) {
  await expect(page.getByText("Modo desarrollo", { exact: true })).toBeVisible();
  await page.getByLabel("Correo").fill(email);
  await page.getByLabel("Nombre (opcional)").fill("Ana Prueba");
  await page.getByRole("button", { name: "Entrar (modo desarrollo)" }).click();
  // Signing in stores the session asynchronously; a navigation before that lands on sign-in again.
  await expect(page.getByRole("button", { name: "Entrar (modo desarrollo)" })).toBeHidden();
}

async function addAddress(page: Page) {
  await page.getByLabel("Quién recibe").fill("Ana Prueba");
  await page.getByLabel("Dirección", { exact: true }).fill("Carrera 47 # 76D Sur-37");
  await page.getByLabel("Ciudad").fill("Sabaneta");
  await page.getByLabel("Celular").fill("314 870 2078");
  await page.getByRole("button", { name: "Guardar dirección" }).click();
}

test("a shopper browses without an account, searches, adds a palito, signs in and pays by transfer", async ({ page }) => {
  const email = `transfer-${Date.now()}@example.com`;
  await page.goto("./");
  await expect(page.getByText("15 productos")).toBeVisible();
  await shot(page, "inicio");
  await expectAccessible(page, "Inicio");

  await page.getByLabel("Buscar productos").fill("hojuela");
  await expect(page.getByRole("link", { name: /Paliplátano/ })).toBeHidden();
  await page.getByRole("link", { name: /Hojuela/ }).click();
  await expect(page.getByRole("heading", { name: "Hojuela" }).last()).toBeVisible();
  await page.getByRole("button", { name: "Agregar una unidad" }).click();
  await expect(page.getByLabel("Cantidad: 2")).toBeVisible();
  await shot(page, "producto");
  await expectAccessible(page, "Producto");

  await page.getByRole("button", { name: "Agregar al carrito" }).click();
  await signInDev(page, email);
  await expect(page.getByRole("heading", { name: "Hojuela" }).last()).toBeVisible();

  await page.goto("./carrito");
  await expect(page.getByText("Hojuela")).toBeVisible();
  await expect(page.getByLabel("Cantidad de Hojuela: 2")).toBeVisible();
  await expect(page.getByText("Total", { exact: true })).toBeVisible();
  await shot(page, "carrito");
  await expectAccessible(page, "Carrito");

  await page.getByRole("button", { name: "Ir a pagar" }).click();
  await addAddress(page);
  await page.getByRole("radio", { name: /Transferencia bancaria/ }).click();
  await shot(page, "checkout");
  await expectAccessible(page, "Checkout");
  await page.getByRole("button", { name: "Confirmar pedido" }).click();

  await expect(page.getByText("¡Pedido recibido!")).toBeVisible();
  const reference = (await page.getByTestId("order-reference").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^[0-9A-Z]{6,}$/);
  await expect(page.getByText("Paga por transferencia")).toBeVisible();
  await expectAccessible(page, "Pedido confirmado");

  await page.getByRole("button", { name: "Ver mis pedidos" }).click();
  await expect(page.getByText(`Pedido #${reference}`)).toBeVisible();
  await expect(page.getByText("Pendiente de pago").first()).toBeVisible();
  await shot(page, "pedidos");
  await expectAccessible(page, "Pedidos");
});

test("a shopper pays by card in simulated mode and sees Pagado", async ({ page, baseURL }) => {
  const email = `card-${Date.now()}@example.com`;
  const origin = new URL(baseURL!).origin;
  const token = await devToken(origin, email);
  const api = apiAs(origin, token);
  const { data: products } = await api.GET("/api/products", { params: { query: { q: "panocha" } } });
  const product = products!.items[0]!;
  await api.POST("/api/cart", { body: { productId: product.id, quantity: 1 } });
  await api.POST("/api/users/addresses", {
    body: { label: "Casa", fullName: "Ana Prueba", streetAddress: "Calle 10 # 20-30", city: "Medellín", phoneNumber: "3001234567", isDefault: true },
  });

  await page.goto("./ingresar");
  await signInDev(page, email);
  await page.goto("./checkout");
  await expect(page.getByRole("radio", { name: /Casa/ })).toBeVisible();
  await page.getByRole("radio", { name: /Tarjeta/ }).click();
  await page.getByRole("button", { name: /^Pagar \$/ }).click();
  await expect(page.getByText("Pago simulado", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Aprobar pago" }).click();
  await expect(page.getByText("¡Pago recibido!")).toBeVisible();
  await expect(page.getByText("Pagado", { exact: true })).toBeVisible();
  await expectAccessible(page, "Pago recibido");
});

test("a wishlist tap opens the product", async ({ page, baseURL }) => {
  const email = `wish-${Date.now()}@example.com`;
  const origin = new URL(baseURL!).origin;
  const api = apiAs(origin, await devToken(origin, email));
  const { data: products } = await api.GET("/api/products", { params: { query: { q: "palipapa" } } });
  await api.POST("/api/users/wishlist", { body: { productId: products!.items[0]!.id } });

  await page.goto("./ingresar");
  await signInDev(page, email);
  await page.goto("./perfil/favoritos");
  await expect(page.getByRole("link", { name: /Palipapa/ })).toBeVisible();
  await expectAccessible(page, "Favoritos");
  await page.getByRole("link", { name: /Palipapa/ }).click();
  await expect(page.getByRole("heading", { name: "Palipapa" }).last()).toBeVisible();
  await expect(page.getByRole("button", { name: "Quitar de favoritos" })).toBeVisible();
});
