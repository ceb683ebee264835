import { expect, test } from "@playwright/test";

import { apiAs, expectAccessible, findProduct, shopperEmail, signInDirectly } from "./support";

test("a card checkout in simulated mode is approved, the order turns Pagado and its invoice downloads as a PDF", async ({ page, baseURL }) => {
  const email = shopperEmail("card");
  const token = await signInDirectly(page, baseURL!, email);
  const api = apiAs(baseURL!, token);
  const product = await findProduct(baseURL!, "Oblea");
  await api.POST("/api/cart", { body: { productId: product.id, quantity: 3 } });
  await api.POST("/api/users/addresses", {
    body: { label: "Oficina", fullName: "Carlos Restrepo", streetAddress: "Calle 75 Sur # 43A - 20", city: "Sabaneta", phoneNumber: "3104567890", isDefault: true },
  });

  await page.goto("/checkout");
  await expect(page.getByRole("complementary", { name: "Resumen del pedido" })).toContainText("3 × Oblea");
  await page.getByRole("button", { name: "Continuar" }).click();
  // The saved default address is preselected.
  await expect(page.getByRole("radio", { name: /Oficina/ })).toBeChecked();
  await page.getByRole("button", { name: "Continuar" }).click();
  await page.getByRole("radio", { name: /Tarjeta/ }).check();
  await page.getByRole("button", { name: /con tarjeta$/ }).click();

  await expect(page).toHaveURL(/\/checkout\/exito\/[0-9a-f]{24}$/);
  const orderId = page.url().split("/").pop()!;
  const panel = page.getByTestId("simulated-payment");
  await expect(panel).toContainText("Pago simulado");
  await expectAccessible(page, "card payment");
  await panel.getByRole("button", { name: "Aprobar pago" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("¡Pago recibido, gracias!");
  await expect(page.getByText("Pagado").first()).toBeVisible();
  await expect.poll(async () => (await api.GET("/api/orders/{id}", { params: { path: { id: orderId } } })).data?.status).toBe("paid");

  await page.getByRole("link", { name: "Ver mi pedido" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Pagado");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Descargar factura (PDF)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^factura-.+\.pdf$/);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const pdf = Buffer.concat(chunks);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await expectAccessible(page, "paid order");
});

test("a declined simulated card payment leaves the order pending and lets the shopper try again", async ({ page, baseURL }) => {
  const token = await signInDirectly(page, baseURL!, shopperEmail("declined"));
  const api = apiAs(baseURL!, token);
  const product = await findProduct(baseURL!, "Hojuela");
  await api.POST("/api/cart", { body: { productId: product.id, quantity: 1 } });
  const { data: order } = await api.POST("/api/orders", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { paymentMethod: "card", address: { fullName: "Luisa Mejía", streetAddress: "Carrera 43 # 60 Sur - 5", city: "Sabaneta", phoneNumber: "3012223344" } },
  });
  await page.goto(`/perfil/pedidos/${order!.id}`);
  const panel = page.getByTestId("simulated-payment");
  await panel.getByRole("button", { name: "Rechazar pago" }).click();
  await expect(panel.getByRole("alert")).toContainText("rechazado");
  await expect(page.getByTestId("order-status")).toHaveText("Pendiente");
  await panel.getByRole("button", { name: "Aprobar pago" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Pagado");
});
