import { expect, test } from "@playwright/test";

import { apiAs, devToken, findProduct, parseMoney, shopperEmail, signInDirectly } from "./support";

test("a price raised between cart and checkout is shown, and charged only once the shopper confirms it", async ({ page, baseURL }) => {
  const product = await findProduct(baseURL!, "Paliplátano");
  const token = await signInDirectly(page, baseURL!, shopperEmail("precio"));
  const shopper = apiAs(baseURL!, token);
  const added = await shopper.POST("/api/cart", { body: { productId: product.id, quantity: 2 } });
  expect(added.data?.itemCount).toBe(2);

  await page.goto("/checkout");
  await page.getByRole("button", { name: "Continuar" }).click();
  await page.getByLabel("Quién recibe").fill("Rosa Elena Gil");
  await page.getByLabel("Dirección", { exact: true }).fill("Carrera 45 # 70 Sur - 12");
  await page.getByLabel("Celular").fill("3104445566");
  await page.getByRole("button", { name: "Usar esta dirección" }).click();
  await page.getByRole("radio", { name: /Transferencia bancaria/ }).check();
  await expect(page.getByRole("button", { name: "Confirmar pedido" })).toBeEnabled();

  // The shop raises the price while the shopper is on the payment step.
  const admin = apiAs(baseURL!, await devToken(baseURL!, "admin@donpalito.co", "admin"));
  const newPrice = product.price + 100000;
  const raised = await admin.PATCH("/api/admin/products/{id}", { params: { path: { id: product.id } }, body: { price: newPrice } });
  expect(raised.data?.price).toBe(newPrice);

  await page.getByRole("button", { name: "Confirmar pedido" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "Algunos precios cambiaron" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(product.name);
  expect((await shopper.GET("/api/orders", { params: { query: {} } })).data?.total).toBe(0);
  await expect(page.getByRole("button", { name: "Confirmar pedido" })).toBeDisabled();

  const { data: cart } = await shopper.GET("/api/cart", { params: { query: {} } });
  await expect(warning).toContainText(`El nuevo total es`);
  const shown = parseMoney((await warning.textContent())!.split("El nuevo total es")[1]!);
  expect(shown).toBe(cart!.total);

  await warning.getByRole("button", { name: "Sí, confirmar con los nuevos precios" }).click();
  await page.waitForURL(/\/checkout\/exito\//);
  const { data: orders } = await shopper.GET("/api/orders", { params: { query: {} } });
  expect(orders?.total).toBe(1);
  expect(orders?.items[0]?.total).toBe(cart!.total);
  expect(orders?.items[0]?.lines[0]?.unitPrice).toBe(newPrice);

  await admin.PATCH("/api/admin/products/{id}", { params: { path: { id: product.id } }, body: { price: product.price } });
});
