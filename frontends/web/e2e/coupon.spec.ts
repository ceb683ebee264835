import { expect, test } from "@playwright/test";

import { apiAs, devToken, findProduct, shopperEmail, signInDirectly } from "./support";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("a public coupon copied from the home page gives exactly the server's discount; unknown and expired ones say why", async ({ page, baseURL }) => {
  const token = await signInDirectly(page, baseURL!, shopperEmail("coupon"));
  const api = apiAs(baseURL!, token);
  const product = await findProduct(baseURL!, "Bandeja Familiar");
  await api.POST("/api/cart", { body: { productId: product.id, quantity: 1 } });

  const admin = apiAs(baseURL!, await devToken(baseURL!, "admin@donpalito.co", "admin"));
  const expiredCode = `VENCIDO${Date.now().toString(36).toUpperCase()}`;
  const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const created = await admin.POST("/api/coupons", {
    body: { code: expiredCode, type: "percentage", value: 20, isPublic: false, startsAt: "2024-01-01", endsAt: yesterday },
  });
  expect(created.data?.code).toBe(expiredCode);

  await page.goto("/");
  const { data: active } = await apiAs(baseURL!).GET("/api/coupons/active");
  const coupon = active!.items[0]!;
  await page.getByRole("button", { name: `Copiar el cupón ${coupon.code}` }).click();
  await expect(page.getByText(`Copiamos el cupón ${coupon.code}`)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(coupon.code);

  await page.getByRole("link", { name: /^Carrito/ }).click();
  await page.getByRole("link", { name: "Ir a pagar" }).click();
  const field = page.getByLabel("¿Tienes un cupón?");

  await field.fill("NOEXISTE123");
  await page.getByRole("button", { name: "Aplicar" }).click();
  await expect(page.getByTestId("coupon-message")).toHaveText("Ese cupón no existe. Revisa que esté bien escrito.");

  await field.fill(expiredCode);
  await page.getByRole("button", { name: "Aplicar" }).click();
  await expect(page.getByTestId("coupon-message")).toHaveText("Ese cupón ya venció.");

  await field.fill(copied);
  await page.getByRole("button", { name: "Aplicar" }).click();
  const { data: validation } = await api.POST("/api/coupons/validate", { body: { code: copied } });
  const fmt = (minor: number) => `$ ${Math.trunc(minor / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;
  await expect(page.getByTestId("coupon-message")).toContainText(`ahorras ${fmt(validation!.discount)}`);
  const summary = page.getByRole("complementary", { name: "Resumen del pedido" });
  await expect(summary.getByTestId("discount")).toHaveText(`−${fmt(validation!.discount)}`);
  await expect(summary.getByTestId("total")).toHaveText(fmt(validation!.total));
  expect(validation!.discount).toBeGreaterThan(0);
});
