import { expect, test } from "@playwright/test";

import { apiAs, devToken, expectAccessible, shopperEmail, signInDirectly } from "./support";

test("a deactivated customer lands on /cuenta-inactiva", async ({ page, baseURL }) => {
  const token = await signInDirectly(page, baseURL!, shopperEmail("inactive"));
  const { data: me } = await apiAs(baseURL!, token).GET("/api/users/me");
  await page.goto("/perfil/pedidos");
  await expect(page.getByRole("heading", { name: "Mis pedidos" })).toBeVisible();

  const admin = apiAs(baseURL!, await devToken(baseURL!, "admin@donpalito.co", "admin"));
  const res = await admin.PATCH("/api/admin/customers/{id}/status", { params: { path: { id: me!.id } }, body: { isActive: false } });
  expect(res.data?.isActive).toBe(false);

  await page.goto("/perfil");
  await expect(page).toHaveURL(/\/cuenta-inactiva$/);
  await expect(page.getByRole("heading", { name: "Tu cuenta está desactivada" })).toBeVisible();
  await expectAccessible(page, "account inactive");
});

test("a shopper keeps addresses, profile and favourites in their account", async ({ page, baseURL }) => {
  await signInDirectly(page, baseURL!, shopperEmail("account"));
  await page.goto("/perfil/direcciones");
  await expect(page.getByRole("heading", { name: "No tienes direcciones guardadas" })).toBeVisible();
  await expectAccessible(page, "addresses empty");
  await page.getByRole("button", { name: "Agregar dirección" }).click();
  await page.getByLabel("Nombre de la dirección (Casa, Oficina…)").fill("Casa");
  await page.getByLabel("Quién recibe").fill("Sofía Arango");
  await page.getByLabel("Dirección", { exact: true }).fill("Calle 77 Sur # 40 - 165");
  await page.getByLabel("Celular").fill("3001112233");
  await page.getByRole("button", { name: "Guardar dirección" }).click();
  await expect(page.getByText("Sofía Arango")).toBeVisible();
  await expect(page.getByText("Principal")).toBeVisible();
  await expectAccessible(page, "addresses");

  await page.goto("/perfil");
  await page.getByLabel("Número de documento").fill("12.345");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByText("Entre 5 y 20 letras o números")).toBeVisible();
  await page.getByLabel("Número de documento").fill("1037654321");
  await page.getByLabel("Tipo de documento").selectOption("cedula_ciudadania");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByText("Guardamos tu perfil.")).toBeVisible();
  await expectAccessible(page, "profile");

  await page.goto("/catalogo");
  await page.getByRole("region", { name: "Resultados" }).getByRole("heading").getByRole("link").first().click();
  await page.getByRole("button", { name: "Guardar en favoritos" }).click();
  await expect(page.getByRole("button", { name: "Quitar de favoritos" })).toBeVisible();
  await page.goto("/perfil/favoritos");
  await expect(page.getByRole("article")).toHaveCount(1);
  await expectAccessible(page, "favourites");
});
