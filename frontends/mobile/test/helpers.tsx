// What the screen tests share: the real server of the global setup, tokens and a typed client to
// arrange data through the real API (as a shopper or as the shop's admin), a signed-in session the
// app finds in its secure store, and the whole app (src/app, every layout) rendered at a URL.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { ExpoRoot } from "expo-router/build/ExpoRoot";
import { getMockContext } from "expo-router/build/testing-library/mock-config";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react-native";
// Loads expo-router's Jest mocks of native navigation pieces (what renderRouter relies on).
import "expo-router/testing-library";

import { createApiClient, type ApiClient, type Schema } from "@donpalito/api-client";

import { startGate, type Gate } from "./gate";

/** The real Go server started by test/global-setup.js for the whole run. */
export const serverUrl: string = JSON.parse(fs.readFileSync(path.join(__dirname, "..", ".expo", "jest-server.json"), "utf8")).baseUrl;

let seq = 0;
/** A fresh email per use, so each test is a new customer with no cart, orders, addresses or favourites. */
export function freshEmail(tag: string): string {
  seq += 1;
  return `${tag}-${process.env.JEST_WORKER_ID ?? "0"}-${Date.now().toString(36)}-${seq}@example.com`;
}

export async function devToken(email: string, role: "customer" | "admin" = "customer"): Promise<string> {
  const res = await fetch(`${serverUrl}/api/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, name: "Ana Prueba", role }),
  });
  if (!res.ok) throw new Error(`POST /api/dev/token ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function apiAs(token?: string): ApiClient {
  return createApiClient({ baseUrl: serverUrl, getToken: () => token });
}

export async function adminApi(): Promise<ApiClient> {
  return apiAs(await devToken("admin-mobile-tests@example.com", "admin"));
}

export type Product = Schema<"Product">;

/** Products the tests create live in their own category, away from the demo catalog the screens list. */
export const TEST_CATEGORY = "Pruebas de la app";

/** A product of our own (so stock and price can be changed without touching the demo catalog). */
export async function createProduct(opts: { name: string; price?: number; stock?: number; category?: string }): Promise<Product> {
  const admin = await adminApi();
  const { data } = await admin.POST("/api/admin/products", {
    body: {
      name: opts.name,
      description: `Producto de prueba ${opts.name}`,
      price: opts.price ?? 350000,
      stock: opts.stock ?? 10,
      category: opts.category ?? TEST_CATEGORY,
      isActive: true,
    },
  });
  return data! as Product;
}

export async function demoProduct(q: string): Promise<Product> {
  const { data } = await apiAs().GET("/api/products", { params: { query: { q } } });
  const p = data!.items[0];
  if (!p) throw new Error(`no demo product matches ${q}`);
  return p;
}

export const ADDRESS = {
  label: "Casa",
  fullName: "Ana Prueba",
  streetAddress: "Carrera 47 # 76D Sur-37",
  city: "Sabaneta",
  phoneNumber: "3148702078",
};

/** A customer with a token, a typed client as them, and (optionally) a default address and a cart. */
export async function customer(tag: string, opts: { address?: boolean; cart?: { productId: string; quantity: number }[] } = {}) {
  const email = freshEmail(tag);
  const token = await devToken(email);
  const api = apiAs(token);
  if (opts.address) await api.POST("/api/users/addresses", { body: { ...ADDRESS, isDefault: true } });
  for (const line of opts.cart ?? []) await api.POST("/api/cart", { body: line });
  return { email, token, api };
}

/** A transfer order placed through the real API. */
export async function placeOrder(api: ApiClient, productId: string, quantity = 1): Promise<Schema<"Order">> {
  await api.POST("/api/cart", { body: { productId, quantity } });
  const { data: addresses } = await api.GET("/api/users/addresses");
  let addressId = addresses!.items[0]?.id;
  if (!addressId) addressId = (await api.POST("/api/users/addresses", { body: { ...ADDRESS, isDefault: true } })).data!.id;
  const { data } = await api.POST("/api/orders", {
    body: { addressId, paymentMethod: "transfer" },
    params: { header: { "Idempotency-Key": randomUUID() } },
  });
  return data!;
}

// The in-memory expo-secure-store of test/setup-env.js (the keychain has no Jest version).
function secureStore(): Map<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("expo-secure-store") as { __store: Map<string, string> }).__store;
}

/** Leaves a dev session in the secure store, as the dev sign-in does, so the app starts signed in. */
export function signIn(token: string, email: string): void {
  secureStore().set("donpalito.devToken", token);
  secureStore().set("donpalito.devEmail", email);
}

export function signOut(): void {
  secureStore().clear();
}

export function storedToken(): string | undefined {
  return secureStore().get("donpalito.devToken");
}

/**
 * Points the app of this test file at a gate in front of the real server. Must run before the
 * first render (the app reads EXPO_PUBLIC_API_URL when its modules load).
 */
export function useGate(): { current: Gate } {
  const ref = { current: undefined as unknown as Gate };
  beforeAll(async () => {
    ref.current = await startGate(serverUrl);
    process.env.EXPO_PUBLIC_API_URL = ref.current.url;
  });
  afterEach(() => {
    ref.current.release({ fail: true });
    ref.current.up();
  });
  afterAll(async () => {
    await ref.current.close();
  });
  return ref;
}

/**
 * The whole app (root layout, auth adapter, tabs) at `url`. What expo-router's renderRouter does,
 * minus its switch to Jest's fake timers: with them, findBy's timeout counts fake time and runs out
 * long before a real answer from the server arrives on a busy machine.
 */
export function renderApp(url: string) {
  process.env.EXPO_ROUTER_IMPORT_MODE = "sync";
  return render(<ExpoRoot context={getMockContext("./src/app")} location={url} />);
}

export const LONG = { timeout: 30_000 };

/** The data state of Inicio: the count of the server's catalog and at least one product card. */
export async function findCatalog() {
  expect(await screen.findByText(/^\d+ productos?$/, {}, LONG)).toBeOnTheScreen();
  expect(screen.getAllByRole("link", { name: /, \$ / }).length).toBeGreaterThan(0);
}

/**
 * Asserts the loading skeleton with `label` (the Loading component's accessible name) is on the
 * screen while the gate holds the screen's request, i.e. before its data can have arrived.
 */
export async function findLoading(label: string, gate?: Gate) {
  if (gate) await waitFor(() => expect(gate.heldCount()).toBeGreaterThan(0), LONG);
  await waitFor(() => expect(screen.getByLabelText(label)).toBeOnTheScreen(), LONG);
}

/**
 * The offline path of a screen whose request `gate` holds: while the screen shows its loading state
 * (`loading`) the shop goes down and the held request fails, so the screen must show its error state
 * and the offline banner; then the shop comes back and «Reintentar» is pressed. The caller asserts
 * what the screen loads next.
 */
export async function failThenRetry(gate: Gate, loading: string) {
  await findLoading(loading, gate);
  await gate.settled();
  gate.down();
  gate.release({ fail: true });
  expect(await screen.findByText("No pudimos conectar con la tienda. Revisa tu conexión.", {}, LONG)).toBeOnTheScreen();
  expect(await screen.findByTestId("offline-banner")).toBeOnTheScreen();
  gate.up();
  fireEvent.press(within(screen.getByTestId("error")).getByRole("button", { name: "Reintentar" }));
}

export { screen };
