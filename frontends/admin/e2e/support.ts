// Playwright helpers for the admin suite: sign in through the dev sign-in, arrange data through the real API
// with the typed client, and check every screen with axe-core.
import { newIdempotencyKey, type ApiClient } from "@donpalito/api-client";
import * as kit from "@donpalito/e2e-kit";
import type { Page } from "@playwright/test";

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 18151}`;

export const devToken = (email: string, role: "admin" | "customer" = "customer") => kit.devToken(BASE_URL, email, role);
export const apiAs = (token?: string): ApiClient => kit.apiAs(BASE_URL, token);
export const expectAccessible = (page: Page, what: string) => kit.expectAccessible(page, what);

/** Signs in through the admin's dev sign-in form. */
export async function signIn(page: Page, email: string, role: "admin" | "customer" = "admin", path = "/admin/") {
  await page.goto(path);
  await page.getByLabel("Correo").fill(email);
  await page.getByLabel("Rol").selectOption(role);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

let customerSeq = 0;

/** A fresh customer with a token, unique per call. */
export async function newCustomer(label = "cliente") {
  const email = `${label}-${Date.now()}-${++customerSeq}@example.com`;
  const token = await devToken(email, "customer");
  const api = apiAs(token);
  const { data: me } = await api.GET("/api/users/me");
  return { email, name: me!.name, token, api, id: me!.id };
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
