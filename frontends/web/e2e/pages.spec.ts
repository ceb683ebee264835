import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support";

const pages: [string, string][] = [
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

// One browser page walks all of them: starting a page per path costs more than the checks themselves.
test("the content pages, the empty cart, sign-in and the 404 pages have their content and no serious accessibility violation", async ({ page }) => {
  for (const [path, heading] of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectAccessible(page, path);
    });
  }
});

test("signed-in pages send an anonymous visitor to sign in and back", async ({ page }) => {
  await page.goto("/perfil/pedidos?estado=pending");
  await expect(page).toHaveURL(/\/ingresar\?next=%2Fperfil%2Fpedidos%3Festado%3Dpending$/);
});
