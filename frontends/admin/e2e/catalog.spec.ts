import { expect, test } from "@playwright/test";

import { apiAs, devToken, expectAccessible, productPhoto, signIn } from "./support";

test("an admin creates a product with two uploaded images and the shop lists it", async ({ page }) => {
  const name = `Palito de prueba ${Date.now()}`;
  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/productos");
  await expect(page.getByRole("heading", { level: 1, name: "Productos" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Lista de productos" }).getByRole("row").nth(1)).toBeVisible();
  await expectAccessible(page, "Productos");

  await page.getByRole("link", { name: "Nuevo producto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuevo producto" })).toBeVisible();
  // The client checks come first.
  await page.getByRole("button", { name: "Crear producto" }).click();
  await expect(page.getByText("Escribe el nombre")).toBeVisible();

  await page.getByLabel("Nombre").fill(name);
  await page.getByLabel("Descripción").fill("Queso costeño envuelto en masa hojaldrada, horneado cada mañana.");
  await page.getByLabel(/Precio/).fill("4.500");
  await page.getByLabel("Stock inicial").fill("36");
  await page.getByLabel("Categoría").fill("Palitos Premium");
  await page.getByLabel("Imágenes del producto", { exact: true }).setInputFiles([
    { name: "frente.png", mimeType: "image/png", buffer: productPhoto(0.5) },
    { name: "corte.png", mimeType: "image/png", buffer: productPhoto(-0.9) },
  ]);
  await expect(page.getByRole("img", { name: "Vista previa de frente.png" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Vista previa de corte.png" })).toBeVisible();
  await expectAccessible(page, "the product form");
  await page.screenshot({ path: "docs/screenshots/productos.png" });

  await page.getByRole("button", { name: "Crear producto" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("img", { name: `Imagen de ${name}` })).toHaveCount(2);
  await expectAccessible(page, "the product's edit page");

  const { data } = await apiAs().GET("/api/products", { params: { query: { q: name } } });
  const listed = data!.items.find((p) => p.name === name);
  expect(listed, "the new product in GET /api/products").toBeTruthy();
  expect(listed!.price).toBe(450000);
  expect(listed!.stock).toBe(36);
  expect(listed!.images).toHaveLength(2);

  // Stock adjustment with a reason.
  await page.getByRole("button", { name: "Ajustar stock" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Unidades/).fill("-6");
  await dialog.getByLabel("Motivo").fill("Merma");
  await dialog.getByRole("button", { name: "Guardar ajuste" }).click();
  await expect(page.getByTestId("product-stock")).toHaveText("30");

  // Soft delete from the list, then restore when the server offers it.
  await page.goto(`/admin/productos?q=${encodeURIComponent(name)}`);
  await page.getByRole("button", { name: `Eliminar ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Eliminar producto" }).click();
  await expect(page.getByText(`${name} eliminado`)).toBeVisible();
  const after = await apiAs().GET("/api/products", { params: { query: { q: name } } });
  expect(after.data!.items.find((p) => p.name === name)).toBeUndefined();

  // Restore from the «Eliminados» filter: it comes back (inactive, as the server restores it).
  await page.getByLabel("Estado").selectOption("deleted");
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Restaurar" }).click();
  await expect(page.getByText(`${name} restaurado`)).toBeVisible();
  const { data: restored } = await apiAs(await devToken("dueno@donpalitojr.co", "admin")).GET("/api/admin/products", {
    params: { query: { q: name, status: "all" } },
  });
  expect(restored!.items.map((p) => p.name)).toContain(name);
});

test("the stock filter is the server's: its count and rows are every product at that level", async ({ page }) => {
  const admin = apiAs(await devToken("dueno@donpalitojr.co", "admin"));
  const name = `Palito agotado ${Date.now()}`;
  await admin.POST("/api/admin/products", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { name, description: "Sin unidades para probar el filtro.", price: 300000, stock: 0, category: "Pruebas" },
  });
  const { data: out } = await admin.GET("/api/admin/products", { params: { query: { stock: "out", limit: 1 } } });

  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/productos");
  await page.getByRole("combobox", { name: "Stock" }).selectOption("out");
  await expect(page).toHaveURL(/stock=out/);
  await expect(page.getByText(`${out!.total} productos`)).toBeVisible();
  const rows = page.getByRole("region", { name: "Lista de productos" }).getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  for (const row of await rows.all()) await expect(row).toContainText("Sin stock");
});
