import { expect, test } from "@playwright/test";

import { apiAs, expectAccessible as axe, screenshot, shopperEmail, signInWithForm } from "./support";

// The first journey runs on the desktop project and again on a 390×844 phone (@phone).
test("an anonymous shopper searches queso, adds two, signs in, finds the cart merged and pays by bank transfer @phone", async ({ page, baseURL }, info) => {
  // The longest journey: on a loaded two-core machine it needs more than the default budget.
  test.setTimeout(600_000);
  // axe-core checks every page on the desktop run; the phone run proves the same journey fits a 390×844 screen.
  const expectAccessible = info.project.name === "phone" ? async () => {} : axe;
  const { data: config } = await apiAs(baseURL!).GET("/api/config");
  const bank = (config as { bankTransfer?: { accountNumber: string } | null } | undefined)?.bankTransfer;

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Palitos de queso");
  await expect(page.getByRole("heading", { name: "Los favoritos de la casa" })).toBeVisible();
  await expect(page.locator("main article").first()).toBeVisible();
  await screenshot(page, info, "home");
  await expectAccessible(page, "home");

  await page.getByRole("link", { name: "Ver el catálogo" }).first().click();
  await expect(page).toHaveURL(/\/catalogo$/);
  await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("queso");
  await expect(page).toHaveURL(/q=queso/);
  const region = page.getByRole("region", { name: "Resultados" });
  await expect(region).toHaveAttribute("aria-busy", "false");
  const results = region.getByRole("article");
  // What the page lists is the server's search, first page, newest first.
  const { data: found } = await apiAs(baseURL!).GET("/api/products", { params: { query: { q: "queso", limit: 12 } } });
  expect(found!.total).toBeGreaterThan(0);
  await expect(results.getByRole("heading")).toHaveText(found!.items.map((p) => p.name));
  await screenshot(page, info, "catalog");
  await expectAccessible(page, "catalog");

  const first = results.first().getByRole("heading").getByRole("link");
  const productName = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: productName })).toBeVisible();
  await page.getByRole("button", { name: `Agregar una unidad de ${productName}` }).click();
  await expect(page.getByRole("spinbutton", { name: `Cantidad de ${productName}` })).toHaveValue("2");
  await page.getByRole("button", { name: "Agregar al carrito" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await screenshot(page, info, "product");
  await expectAccessible(page, "product");

  await page.getByRole("link", { name: /^Carrito/ }).click();
  await expect(page.getByRole("heading", { name: "Tu carrito" })).toBeVisible();
  const line = page.getByRole("list", { name: "Productos en el carrito" }).getByRole("listitem");
  await expect(line).toHaveCount(1);
  await expect(line.getByRole("spinbutton")).toHaveValue("2");
  await screenshot(page, info, "cart");
  await expectAccessible(page, "cart");

  await page.getByRole("link", { name: "Ingresar y pagar" }).click();
  await expect(page).toHaveURL(/\/ingresar\?next=%2Fcheckout/);
  await expectAccessible(page, "sign-in");
  const email = shopperEmail("journey");
  await signInWithForm(page, email, "Ana Gómez");

  // Signed in: the anonymous cart went into the account's cart on the server.
  await expect(page).toHaveURL(/\/checkout$/);
  const summary = page.getByRole("complementary", { name: "Resumen del pedido" });
  await expect(summary).toContainText(`2 × ${productName}`);
  const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem("donpalito.session") ?? "{}") as { token?: string }).token);
  await expect
    .poll(async () => (await apiAs(baseURL!, token).GET("/api/cart", { params: { query: {} } })).data?.lines.map((l) => [l.name, l.quantity]))
    .toEqual([[productName, 2]]);
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  expect(await page.evaluate(() => localStorage.getItem("donpalito.cart"))).toBeNull();

  await page.getByRole("button", { name: "Continuar" }).click();
  await expect(page.getByRole("heading", { name: "¿A dónde lo enviamos?" })).toBeVisible();
  await page.getByLabel("Quién recibe").fill("Ana Gómez");
  await page.getByLabel("Dirección", { exact: true }).fill("Cra 45 # 70 Sur - 12, apto 301");
  await page.getByLabel("Municipio").fill("Sabaneta");
  await page.getByLabel("Celular").fill("300 123");
  await page.getByRole("button", { name: "Usar esta dirección" }).click();
  await expect(page.getByText("Escribe un celular de 10 dígitos")).toBeVisible();
  await page.getByLabel("Celular").fill("3001234567");
  await page.getByRole("button", { name: "Usar esta dirección" }).click();

  await expect(page.getByRole("heading", { name: "¿Cómo quieres pagar?" })).toBeVisible();
  await page.getByRole("radio", { name: /Transferencia bancaria/ }).check();
  if (bank) await expect(page.getByTestId("bank-details")).toContainText(bank.accountNumber);
  else await expect(page.getByText("Te enviaremos los datos de la cuenta por correo")).toBeVisible();
  await screenshot(page, info, "checkout");
  await expectAccessible(page, "checkout");

  await page.getByRole("button", { name: "Confirmar pedido" }).click();
  await expect(page).toHaveURL(/\/checkout\/exito\/[0-9a-f]{24}$/);
  const reference = (await page.getByTestId("order-reference").innerText()).trim();
  expect(reference).not.toBe("");
  await expect(page.getByText("Pendiente").first()).toBeVisible();
  if (bank) {
    await expect(page.getByTestId("bank-details")).toContainText(bank.accountNumber);
    await expect(page.getByTestId("bank-details")).toContainText(reference);
  }
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  await expectAccessible(page, "order received");

  await page.getByRole("button", { name: "Ana Gómez" }).click();
  await page.getByRole("link", { name: "Mis pedidos" }).click();
  await expect(page).toHaveURL(/\/perfil\/pedidos$/);
  const row = page.getByRole("link", { name: new RegExp(reference) });
  await expect(row).toContainText("Pendiente");
  await expectAccessible(page, "orders");
  await row.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(page.getByTestId("order-status")).toHaveText("Pendiente");
  await screenshot(page, info, "order");
  await expectAccessible(page, "order detail");
});
