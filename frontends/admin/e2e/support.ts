// Playwright helpers for the admin suite: sign in through the dev sign-in, arrange data through the real API
// with the typed client, and check every screen with axe-core.
import AxeBuilder from "@axe-core/playwright";
import { createApiClient, newIdempotencyKey, type ApiClient } from "@donpalito/api-client";
import { expect, type Page } from "@playwright/test";

export const BASE_URL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 18151}`;

export async function devToken(email: string, role: "admin" | "customer" = "customer", name?: string): Promise<string> {
  const api = createApiClient({ baseUrl: BASE_URL });
  const { data } = await api.POST("/api/dev/token", { body: { email, role, ...(name ? { name } : {}) } });
  return data!.token;
}

export function apiAs(token?: string): ApiClient {
  return createApiClient({ baseUrl: BASE_URL, ...(token ? { getToken: () => token } : {}) });
}

/** Signs in through the admin's dev sign-in form. */
export async function signIn(page: Page, email: string, role: "admin" | "customer" = "admin", path = "/admin/") {
  await page.goto(path);
  await page.getByLabel("Correo").fill(email);
  await page.getByLabel("Rol").selectOption(role);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

/** No serious or critical axe-core violation on the page as it stands. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`),
    `axe-core on ${what}`,
  ).toEqual([]);
}

let customerSeq = 0;

/** A fresh customer with a token, unique per call. */
export async function newCustomer(label = "cliente") {
  const email = `${label}-${Date.now()}-${++customerSeq}@example.com`;
  const name = `Cliente ${label} ${customerSeq}`;
  const token = await devToken(email, "customer", name);
  const api = apiAs(token);
  const { data: me } = await api.GET("/api/users/me");
  return { email, name, token, api, id: me!.id };
}

/** An in-stock product of the demo catalog (the n-th, to spread stock use across tests). */
export async function someProduct(n = 0) {
  const { data } = await apiAs().GET("/api/products", { params: { query: { limit: 50, inStock: true } } });
  const items = data!.items.filter((p) => p.stock >= 5);
  const p = items[n % items.length];
  if (!p) throw new Error("the demo catalog has no product in stock");
  return p;
}

/** The customer puts `quantity` of `productId` in the cart and checks out. */
export async function placeOrder(
  api: ApiClient,
  paymentMethod: "transfer" | "card",
  productId: string,
  quantity = 1,
) {
  await api.DELETE("/api/cart");
  await api.POST("/api/cart", { body: { productId, quantity } });
  const { data } = await api.POST("/api/orders", {
    params: { header: { "Idempotency-Key": newIdempotencyKey() } },
    body: {
      paymentMethod,
      address: { fullName: "Ana Gómez", streetAddress: "Carrera 47 # 76D Sur-37", city: "Sabaneta", phoneNumber: "3148702078" },
    },
  });
  return data!;
}
