import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support";

const pages: [string, string | RegExp][] = [
  ["/nosotros", "Nosotros"],
  ["/contacto", "Contacto"],
  ["/preguntas-frecuentes", "Preguntas frecuentes"],
  ["/terminos", "Términos y condiciones"],
  ["/privacidad", "Política de privacidad"],
  ["/cuenta-inactiva", "Tu cuenta está desactivada"],
  ["/ingresar", "Ingresar"],
  ["/carrito", "Tu carrito"],
  ["/esta-pagina-no-existe", "No encontramos lo que buscas"],
  [`/producto/${"0".repeat(24)}`, "No encontramos lo que buscas"],
];

for (const [path, heading] of pages) {
  test(`${path} has its content and no serious accessibility violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectAccessible(page, path);
  });
}

test("signed-in pages send an anonymous visitor to sign in and back", async ({ page }) => {
  await page.goto("/perfil/pedidos?estado=pending");
  await expect(page).toHaveURL(/\/ingresar\?next=%2Fperfil%2Fpedidos%3Festado%3Dpending$/);
});
