import { expect, test } from "@playwright/test";

import { expectAccessible, findProduct } from "./support";

test("reload, back and forward keep the catalog filters", async ({ page }) => {
  await page.goto("/catalogo");
  const results = page.getByRole("region", { name: "Resultados" });
  await expect(results.getByRole("article").first()).toBeVisible();

  await page.getByLabel("Categoría").selectOption("Especiales");
  await expect(page).toHaveURL(/category=Especiales/);
  await page.getByLabel("Ordenar por").selectOption("price_desc");
  await expect(page).toHaveURL(/sort=price_desc/);
  // The checkbox mirrors the URL, so it turns checked once the navigation lands.
  await page.getByLabel("Solo disponibles").click();
  await expect(page.getByLabel("Solo disponibles")).toBeChecked();
  await expect(page).toHaveURL(/inStock=1/);
  await expect(results).toHaveAttribute("aria-busy", "false");
  const listed = await results.getByRole("heading").allInnerTexts();
  expect(listed[0]).toBe("Bandeja Familiar de Natilla");

  await page.reload();
  await expect(page.getByLabel("Categoría")).toHaveValue("Especiales");
  await expect(page.getByLabel("Ordenar por")).toHaveValue("price_desc");
  await expect(page.getByLabel("Solo disponibles")).toBeChecked();
  await expect(results.getByRole("heading")).toHaveText(listed);

  await page.goBack();
  await expect(page).not.toHaveURL(/inStock=1/);
  await expect(page.getByLabel("Solo disponibles")).not.toBeChecked();
  await expect(page.getByLabel("Ordenar por")).toHaveValue("price_desc");
  await page.goBack();
  await expect(page.getByLabel("Ordenar por")).toHaveValue("newest");
  await expect(page.getByLabel("Categoría")).toHaveValue("Especiales");
  await page.goForward();
  await page.goForward();
  await expect(page.getByLabel("Solo disponibles")).toBeChecked();
  await expect(results.getByRole("heading")).toHaveText(listed);
  await expectAccessible(page, "filtered catalog");

  await page.getByLabel("Buscar", { exact: true }).fill("zzzz-nada");
  await expect(page.getByRole("heading", { name: "No encontramos productos" })).toBeVisible();
  await expectAccessible(page, "empty catalog");
});

test("a shared product link previews: the server's HTML has the product's Open Graph tags without JS", async ({ baseURL }) => {
  const product = await findProduct(baseURL!, "Buñuelo");
  const res = await fetch(`${baseURL}/producto/${product.id}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toMatch(new RegExp(`<meta[^>]+property="og:title"[^>]+content="[^"]*${product.name}`));
  expect(html).toMatch(/<meta[^>]+property="og:image"[^>]+content="[^"]+"/);
  expect(html).toContain('"@type":"Product"');
  const missing = await fetch(`${baseURL}/producto/${"0".repeat(24)}`);
  expect(missing.status).toBe(404);
});
