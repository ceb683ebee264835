// Helpers of the storefront's journeys. Data is arranged through the real API (e2e-kit), the shopper's
// actions go through the page.
import { apiAs, devToken, expectAccessible } from "@donpalito/e2e-kit";
import { expect, type Page, type TestInfo } from "@playwright/test";
import path from "node:path";
import { fileURLToPath } from "node:url";

export { apiAs, devToken, expectAccessible };

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/screenshots");

/** A unique e-mail per test run, so journeys never share a cart. */
export function shopperEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@clientes.donpalito.co`;
}

/** Saves docs/screenshots/<project>-<name>.png for the README. */
export async function screenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${info.project.name}-${name}.png`), fullPage: false });
}

/** Signs in through the dev sign-in form, as a shopper would. */
export async function signInWithForm(page: Page, email: string, name?: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Ingresar" })).toBeVisible();
  await page.getByLabel("Correo electrónico").fill(email);
  if (name) await page.getByLabel("Nombre (opcional)").fill(name);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

/** Starts the page already signed in (the dev session the sign-in form would store). */
export async function signInDirectly(page: Page, baseURL: string, email: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, name: email.split("@")[0] }),
  });
  const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
  await page.addInitScript(
    ([t, e, m]) => {
      if (!sessionStorage.getItem("donpalito.session")) sessionStorage.setItem("donpalito.session", JSON.stringify({ token: t, expiresAt: e, email: m }));
    },
    [token, expiresAt, email] as const,
  );
  return token;
}

/** The demo product whose name matches, through the public API. */
export async function findProduct(baseURL: string, q: string) {
  const { data } = await apiAs(baseURL).GET("/api/products", { params: { query: { q, limit: 1 } } });
  const p = data?.items[0];
  if (!p) throw new Error(`no product matches ${q}`);
  return p;
}

/** Parses "$ 12.500" as 1250000 minor units. */
export function parseMoney(text: string): number {
  const m = text.replace(/[^\d,]/g, "");
  const [whole, cents = "0"] = m.split(",");
  return Number(whole) * 100 + Number(cents.padEnd(2, "0"));
}
