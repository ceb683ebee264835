import { isApiProblem } from "@donpalito/api-client";
import { expect, test } from "@playwright/test";

import { apiAs, BASE_URL, devToken, expectAccessible, newCustomer, placeOrder, signIn, someProduct } from "./support";

test("a coupon is created with limits, switched off (validation refuses it) and deleted", async ({ page }) => {
  const code = `PRUEBA${Date.now() % 1_000_000}`;
  const buyer = await newCustomer("cupon");
  await buyer.api.POST("/api/cart", { body: { productId: (await someProduct(8)).id, quantity: 1 } });

  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/cupones");
  await expect(page.getByRole("heading", { level: 1, name: "Cupones" })).toBeVisible();
  await page.getByRole("button", { name: "Nuevo cupón" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Código").fill(code);
  await form.getByLabel("Descripción").fill("Diez por ciento para probar");
  await form.getByLabel("Descuento (%)").fill("10");
  await form.getByLabel(/Descuento máximo/).fill("5000");
  await form.getByLabel(/Usos en total/).fill("50");
  await form.getByLabel(/Usos por cliente/).fill("2");
  await expectAccessible(page, "the coupon form");
  await form.getByRole("button", { name: "Crear cupón" }).click();
  const row = page.getByTestId(`coupon-${code}`);
  await expect(row).toContainText("10 % de descuento · tope $ 5.000");
  await expect(row).toContainText("0 de 50");
  await expect(row).toContainText("2 por cliente");
  await expectAccessible(page, "Cupones");
  await page.screenshot({ path: "docs/screenshots/cupones.png" });

  const valid = await buyer.api.POST("/api/coupons/validate", { body: { code } });
  expect(valid.data!.code).toBe(code);

  await row.getByLabel(`Cupón ${code} encendido`).click();
  await expect(row).toContainText("Apagado");
  const refused = await buyer.api.POST("/api/coupons/validate", { body: { code } }).catch((e: unknown) => e);
  expect(isApiProblem(refused), "validate refuses a switched-off coupon").toBe(true);

  await row.getByRole("button", { name: `Eliminar ${code}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Eliminar cupón" }).click();
  await expect(page.getByTestId(`coupon-${code}`)).toHaveCount(0);
});

test("a deactivated customer gets 403 account_inactive on their next call, and works again once reactivated", async ({ page }) => {
  const customer = await newCustomer("inactivo");
  await signIn(page, "dueno@donpalitojr.co", "admin", `/admin/clientes?q=${encodeURIComponent(customer.email)}`);
  await page.getByRole("button", { name: customer.name || customer.email }).click();
  const detail = page.getByTestId("customer-detail");
  await expectAccessible(page, "Clientes with a customer open");
  await detail.getByRole("button", { name: "Desactivar cuenta" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Desactivar cuenta" }).click();
  await expect(detail.getByText("Desactivada")).toBeVisible();

  const refused = await customer.api.GET("/api/users/me").catch((e: unknown) => e);
  expect(isApiProblem(refused, "account_inactive")).toBe(true);
  expect((refused as { status: number }).status).toBe(403);

  await detail.getByRole("button", { name: "Reactivar cuenta" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reactivar cuenta" }).click();
  await expect(detail.getByText("Activa", { exact: true })).toBeVisible();
  const { data } = await customer.api.GET("/api/users/me");
  expect(data!.email).toBe(customer.email);
});

test("an API key is shown once, works as a bearer, and is refused once revoked", async ({ page }) => {
  const name = `Caja ${Date.now()}`;
  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/claves-api");
  await expect(page.getByRole("heading", { level: 1, name: "Claves API" })).toBeVisible();
  await page.getByRole("button", { name: "Nueva clave" }).click();
  await page.getByRole("dialog").getByLabel("Nombre").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Crear clave" }).click();
  const secret = await page.getByTestId("new-api-key").inputValue();
  expect(secret).toMatch(/^dpk_/);
  await expectAccessible(page, "the new API key");
  await page.getByRole("dialog").getByRole("button", { name: "Cerrar" }).first().click();
  // Shown once: the list has only the prefix.
  await expect(page.getByText(secret)).toHaveCount(0);
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expectAccessible(page, "Claves API");

  const call = () => fetch(`${BASE_URL}/api/admin/orders?limit=1`, { headers: { Authorization: `Bearer ${secret}` } });
  expect((await call()).status).toBe(200);

  await row.getByRole("button", { name: `Revocar ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revocar clave" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toHaveCount(0);
  expect((await call()).status).toBe(401);
});

test("Eventos and Correo show the outbox and the dev mailbox, accessibly", async ({ page }) => {
  const customer = await newCustomer("eventos");
  const order = await placeOrder(customer.api, "transfer", (await someProduct(6)).id, 1);
  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/eventos?tipo=order.created");
  await expect(page.getByRole("heading", { level: 1, name: "Eventos" })).toBeVisible();
  const events = page.getByRole("region", { name: "Lista de eventos" });
  await events.getByRole("button", { name: "order.created" }).first().click();
  await expect(events.getByTestId("event-payload").first()).toContainText('"orderId"');
  await expectAccessible(page, "Eventos with a payload open");

  await page.getByRole("navigation", { name: "Secciones" }).getByRole("link", { name: "Correo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Correo" })).toBeVisible();
  // The outbox delivers the order's email shortly after; the mailbox polls.
  const mail = page.getByRole("region", { name: "Correos" }).getByRole("button", { name: new RegExp(`Recibimos tu pedido #${order.reference}`) });
  await expect(mail).toBeVisible({ timeout: 30_000 });
  await mail.click();
  const frame = page.getByTitle(`Contenido del correo: Recibimos tu pedido #${order.reference}`);
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe").getByText(order.reference).first()).toBeVisible();
  // The email is checked as a document of its own: axe-core evaluating inside the script-less sandboxed frame could
  // hang chromium's evaluation under load (seen in CI), and the frame is the email, not the admin.
  await expectAccessible(page, "Correo with an email open", ["iframe"]);
  const admin = apiAs(await devToken("dueno@donpalitojr.co", "admin"));
  const { data: box } = await admin.GET("/api/dev/mailbox", { params: { query: { limit: 100 } } });
  const email = box!.items.find((m) => m.subject === `Recibimos tu pedido #${order.reference}`);
  expect(email, "the order's email in GET /api/dev/mailbox").toBeTruthy();
  const alone = await page.context().newPage();
  await alone.setContent(email!.html);
  await expectAccessible(alone, "the order's email");
  await alone.close();
});
