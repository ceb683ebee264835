import { expect, test } from "@playwright/test";

import { expectAccessible, formatCOP, newCustomer, placeOrder, signIn, someProduct } from "./support";

test("a transfer order appears without reload and moves through its lifecycle, step by step on the timeline", async ({ page }) => {
  const customer = await newCustomer("transfer");
  const product = await someProduct(0);
  await signIn(page, "dueno@donpalitojr.co");
  await page.getByRole("navigation", { name: "Secciones" }).getByRole("link", { name: "Pedidos" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pedidos" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Lista de pedidos" })).toBeVisible();
  await page.waitForTimeout(500);

  const order = await placeOrder(customer.api, "transfer", product.id, 2);

  // Polling brings it in, flagged as new, with no reload.
  const row = page.getByRole("row").filter({ hasText: `#${order.reference}` });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText("Nuevo")).toBeVisible();
  await expect(page.getByTestId("new-orders-badge")).toContainText("nuevo");

  await row.getByRole("button", { name: `Abrir el pedido #${order.reference}` }).click();
  const detail = page.getByTestId("order-detail");
  await expect(detail.getByRole("heading", { name: `Pedido #${order.reference}` })).toBeVisible();
  await expectAccessible(page, "Pedidos with an order open");
  // With the detail open at desktop width the list still fits its card: status and total in view, nothing clipped.
  await expect(row.getByText("Pendiente")).toBeInViewport();
  await expect(row.getByText(formatCOP(order.total))).toBeInViewport();
  const list = page.getByRole("region", { name: "Lista de pedidos" }).locator(".overflow-x-auto");
  expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "docs/screenshots/pedidos.png", fullPage: false });

  const steps: [string, string][] = [
    ["Confirmar pago de la transferencia", "Pagado"],
    ["Pasar a preparación", "En preparación"],
    ["Marcar como listo", "Listo"],
    ["Marcar como entregado", "Entregado"],
  ];
  for (const [button, status] of steps) {
    await detail.getByRole("button", { name: button }).click();
    await expect(detail.getByTestId("timeline").getByText(status, { exact: true })).toBeVisible();
  }
  await expect(detail.getByText("Este pedido no admite más cambios de estado.")).toBeVisible();
  const timeline = detail.getByTestId("timeline").getByRole("listitem");
  await expect(timeline).toHaveCount(5);
  await expect(timeline.nth(0)).toContainText("Pendiente");
  await expect(timeline.nth(0)).toContainText("Cliente");
  await expect(timeline.nth(4)).toContainText("Entregado");
  await expect(timeline.nth(4)).toContainText("Administrador");

  const { data: after } = await customer.api.GET("/api/orders/{id}", { params: { path: { id: order.id } } });
  expect(after!.status).toBe("delivered");
});

test("a card order canceled after payment shows its refund", async ({ page }) => {
  const customer = await newCustomer("tarjeta");
  const product = await someProduct(1);
  const order = await placeOrder(customer.api, "card", product.id, 1);
  await customer.api.POST("/api/payment/create-intent", { body: { orderId: order.id } });
  const { data: sim } = await customer.api.POST("/api/dev/payments/{orderId}/simulate", {
    params: { path: { orderId: order.id } },
    body: { outcome: "succeeded" },
  });
  expect(sim!.order.status).toBe("paid");

  await signIn(page, "dueno@donpalitojr.co", "admin", `/admin/pedidos?pedido=${order.id}`);
  const detail = page.getByTestId("order-detail");
  await detail.getByRole("button", { name: "Cancelar pedido" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(/se reembolsan/)).toBeVisible();
  await dialog.getByLabel(/Nota/).fill("El cliente ya no lo necesita");
  await dialog.getByRole("button", { name: "Cancelar pedido" }).click();
  await expect(detail.getByTestId("timeline").getByText("Cancelado", { exact: true })).toBeVisible();
  await expect(detail.getByTestId("refund")).toBeVisible();
  const { data: after } = await customer.api.GET("/api/orders/{id}", { params: { path: { id: order.id } } });
  expect(after!.status).toBe("canceled");
  expect(after!.payment.refundStatus).toBeTruthy();
});

test("the CSV export of a filtered view holds exactly the filtered orders' lines", async ({ page }) => {
  const customer = await newCustomer("csv");
  const other = await newCustomer("csvotro");
  const a = await someProduct(2);
  const b = await someProduct(3);
  // Two orders of this customer (one with two lines), one of another customer that the filter leaves out.
  await customer.api.DELETE("/api/cart");
  await customer.api.POST("/api/cart", { body: { productId: a.id, quantity: 1 } });
  await customer.api.POST("/api/cart", { body: { productId: b.id, quantity: 1 } });
  const { newIdempotencyKey } = await import("@donpalito/api-client");
  const { data: first } = await customer.api.POST("/api/orders", {
    params: { header: { "Idempotency-Key": newIdempotencyKey() } },
    body: { paymentMethod: "transfer", address: { fullName: "Ana", streetAddress: "Calle 1", city: "Sabaneta", phoneNumber: "3001234567" } },
  });
  const second = await placeOrder(customer.api, "transfer", a.id, 1);
  await placeOrder(other.api, "transfer", a.id, 1);

  await signIn(page, "dueno@donpalitojr.co", "admin", `/admin/pedidos?q=${encodeURIComponent(customer.email)}&pago=transfer`);
  await expect(page.getByRole("row").filter({ hasText: `#${second.reference}` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `#${first!.reference}` })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(3); // header + 2
  await expectAccessible(page, "Pedidos filtered");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exportar CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(path, "utf8");
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  // One row per order line: the first order has two lines, the second one; the other customer's order is out.
  expect(rows).toHaveLength(3);
  const col = header!.findIndex((h) => h === "Pedido" || h === "orderId" || h === "reference");
  expect(col, `a column naming the order in ${header!.join(",")}`).toBeGreaterThanOrEqual(0);
  const named = rows.map((r) => r[col]!);
  const byRef = [first!.reference, first!.reference, second.reference].sort();
  const byId = [first!.id, first!.id, second.id].sort();
  expect([byRef, byId]).toContainEqual(named.sort());
});

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}
