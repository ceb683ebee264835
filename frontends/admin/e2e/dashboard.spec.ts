import { expect, test } from "@playwright/test";

import { apiAs, devToken, expectAccessible, newCustomer, placeOrder, signIn, someProduct } from "./support";

test("Resumen shows the figures with their comparison, and restocking from the low-stock list changes the API's stock", async ({ page }) => {
  const admin = apiAs(await devToken("dueno@donpalitojr.co", "admin"));
  const product = await someProduct(4);
  await admin.PATCH("/api/admin/products/{id}/stock", {
    params: { path: { id: product.id } },
    body: { mode: "set", quantity: 2, reason: "Prueba de stock bajo" },
  });

  // A few sales so the figures and charts have something to show: two paid by (simulated) card, one pending.
  const buyer = await newCustomer("resumen");
  for (const [i, pay] of [[5, true], [6, true], [7, false]] as const) {
    const order = await placeOrder(buyer.api, "card", (await someProduct(i)).id, 1 + (i % 2));
    await buyer.api.POST("/api/payment/create-intent", { body: { orderId: order.id } });
    if (pay) {
      await buyer.api.POST("/api/dev/payments/{orderId}/simulate", { params: { path: { orderId: order.id } }, body: { outcome: "succeeded" } });
    }
  }

  await signIn(page, "dueno@donpalitojr.co");
  await expect(page.getByRole("heading", { level: 1, name: "Resumen" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Pedidos pagados" })).toContainText("2");
  for (const label of ["Ingresos", "Pedidos pagados", "Ticket promedio", "Clientes nuevos"]) {
    await expect(page.getByRole("article", { name: label })).toBeVisible();
  }
  await page.getByRole("button", { name: "7 días" }).click();
  expect(new URL(page.url()).searchParams.get("rango")).toBe("7d");
  await expect(page.getByRole("heading", { name: "Ingresos por día" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pedidos por estado" })).toBeVisible();

  const row = page.getByTestId("low-stock-row").filter({ hasText: product.name });
  await expect(row).toContainText("Quedan 2");
  await expectAccessible(page, "Resumen");
  await expect(page.locator(".recharts-area-area")).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/resumen.png" });

  await row.getByLabel(`Unidades a sumar a ${product.name}`).fill("30");
  await row.getByRole("button", { name: "Reponer" }).click();
  await expect(page.getByText(`${product.name}: ahora hay 32 en stock`)).toBeVisible();
  const { data } = await apiAs().GET("/api/products/{id}", { params: { path: { id: product.id } } });
  expect(data!.stock).toBe(32);
});
