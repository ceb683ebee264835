// Playwright helpers for the admin suite: sign in through the dev sign-in, arrange data through the real API
// with the typed client, and check every screen with axe-core.
import { deflateSync } from "node:zlib";

import { newIdempotencyKey, type ApiClient } from "@donpalito/api-client";
import * as kit from "@donpalito/e2e-kit";
import type { Page } from "@playwright/test";

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 18151}`;

export const devToken = (email: string, role: "admin" | "customer" = "customer") => kit.devToken(BASE_URL, email, role);
export const apiAs = (token?: string): ApiClient => kit.apiAs(BASE_URL, token);
export const expectAccessible = (page: Page, what: string, exclude: string[] = []) => kit.expectAccessible(page, what, exclude);

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

/** `$ 12.500` for minor units, as the screens show money (written out here so the test does not trust the app's code). */
export function formatCOP(minor: number): string {
  const pesos = Math.floor(minor / 100);
  const cents = minor % 100;
  const grouped = String(pesos).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `$ ${grouped}${cents ? `,${String(cents).padStart(2, "0")}` : ""}`;
}

/**
 * A real PNG drawn pixel by pixel (a golden palito on a cream plate), so uploads are true images the server decodes
 * and the README screenshots show something like a product rather than a test pattern. `tilt` varies the picture.
 */
export function productPhoto(tilt = 0.5, size = 240): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const c = size / 2;
  const [cos, sin] = [Math.cos(tilt), Math.sin(tilt)];
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = x - c;
      const dy = y - c;
      const plate = Math.hypot(dx, dy) < size * 0.42;
      // The palito: a rounded bar along the tilt, its core lighter (the cheese).
      const u = dx * cos + dy * sin;
      const v = -dx * sin + dy * cos;
      const along = Math.max(0, Math.abs(u) - size * 0.28);
      const dist = Math.hypot(along, v);
      let rgb: [number, number, number];
      if (dist < size * 0.035) rgb = [250, 236, 170];
      else if (dist < size * 0.085) {
        const shade = 1 - (dist / (size * 0.085)) * 0.35 + (Math.sin(u / 4) > 0.6 ? 0.08 : 0);
        rgb = [Math.min(255, 214 * shade), Math.min(255, 150 * shade), Math.min(255, 62 * shade)];
      } else if (plate) rgb = [252, 248, 240];
      else {
        const t = y / size;
        rgb = [120 - 30 * t, 72 - 20 * t, 44 - 10 * t];
      }
      raw.set(rgb.map(Math.round), y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
