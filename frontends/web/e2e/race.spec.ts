import { expect, test, type Browser, type Page } from "@playwright/test";

import { apiAs, devToken, findProduct, shopperEmail, signInDirectly } from "./support";

async function shopperAtPayment(browser: Browser, baseURL: string, productId: string, tag: string): Promise<{ page: Page; token: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const token = await signInDirectly(page, baseURL, shopperEmail(tag));
  const api = apiAs(baseURL, token);
  const added = await api.POST("/api/cart", { body: { productId, quantity: 1 } });
  expect(added.data?.itemCount).toBe(1);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Continuar" }).click();
  await page.getByLabel("Quién recibe").fill(tag === "a" ? "Marta Ochoa" : "Julián Vélez");
  await page.getByLabel("Dirección", { exact: true }).fill("Calle 70 Sur # 45 - 10");
  await page.getByLabel("Celular").fill("3157778899");
  await page.getByRole("button", { name: "Usar esta dirección" }).click();
  await page.getByRole("radio", { name: /Transferencia bancaria/ }).check();
  await expect(page.getByRole("button", { name: "Confirmar pedido" })).toBeEnabled();
  return { page, token };
}

test("two shoppers race for the last unit: one order is made, the other sees it is sin stock", async ({ browser, baseURL }) => {
  const product = await findProduct(baseURL!, "Panocha");
  const admin = apiAs(baseURL!, await devToken(baseURL!, "admin@donpalito.co", "admin"));
  const set = await admin.PATCH("/api/admin/products/{id}/stock", {
    params: { path: { id: product.id } },
    body: { mode: "set", quantity: 1, reason: "prueba de la última unidad" },
  });
  expect(set.data?.stock).toBe(1);

  const a = await shopperAtPayment(browser, baseURL!, product.id, "a");
  const b = await shopperAtPayment(browser, baseURL!, product.id, "b");
  await Promise.all([
    a.page.getByRole("button", { name: "Confirmar pedido" }).click(),
    b.page.getByRole("button", { name: "Confirmar pedido" }).click(),
  ]);

  const outcome = async (p: Page) => {
    const won = p.waitForURL(/\/checkout\/exito\//).then(() => "order" as const);
    const lost = p.getByTestId("checkout-error").waitFor().then(() => "sin stock" as const);
    return Promise.race([won, lost]);
  };
  const results = await Promise.all([outcome(a.page), outcome(b.page)]);
  expect([...results].sort()).toEqual(["order", "sin stock"]);
  const loser = results[0] === "sin stock" ? a : b;
  const winnerToken = loser === a ? b.token : a.token;
  await expect(loser.page.getByTestId("checkout-error")).toContainText("sin stock");

  const ordersOf = async (token: string) => (await apiAs(baseURL!, token).GET("/api/orders", { params: { query: {} } })).data?.total;
  expect(await ordersOf(loser.token)).toBe(0);
  expect(await ordersOf(winnerToken)).toBe(1);
  const { data: after } = await apiAs(baseURL!).GET("/api/products/{id}", { params: { path: { id: product.id } } });
  expect(after?.stock).toBe(0);
  await a.page.context().close();
  await b.page.context().close();
});
