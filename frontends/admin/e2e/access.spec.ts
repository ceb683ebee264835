import { expect, test } from "@playwright/test";

import { expectAccessible, signIn } from "./support";

test("a customer signing in to the admin sees Acceso denegado and can sign out", async ({ page }) => {
  await page.goto("/admin/");
  await expect(page.getByRole("heading", { name: "Administración Don Palito Jr" })).toBeVisible();
  await expectAccessible(page, "the dev sign-in");

  await signIn(page, `curioso-${Date.now()}@example.com`, "customer");
  await expect(page.getByRole("heading", { name: "Acceso denegado" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Secciones" })).toHaveCount(0);
  await expectAccessible(page, "Acceso denegado");

  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await expect(page.getByLabel("Correo")).toBeVisible();
});

test("an admin signs in, keeps the page they asked for, and sees every section in the sidebar", async ({ page }) => {
  await signIn(page, "dueno@donpalitojr.co", "admin", "/admin/pedidos?estado=pending");
  await expect(page.getByRole("heading", { level: 1, name: "Pedidos" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("estado")).toBe("pending");
  const nav = page.getByRole("navigation", { name: "Secciones" });
  for (const name of ["Resumen", "Pedidos", "Productos", "Clientes", "Cupones", "Eventos", "Claves API", "Correo"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByText("dueno@donpalitojr.co")).toBeVisible();
  // The sidebar fills the window from its very top edge (no blank strip above it) down to the sign-out button.
  const sidebar = await page.locator("aside").filter({ has: nav }).boundingBox();
  expect(sidebar!.y).toBe(0);
  await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeInViewport();
});
