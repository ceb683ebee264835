// The anonymous cart: product ids and quantities only, in localStorage. Prices are always read from the API,
// so a stale tab can never show (or send) an old price.
import { create } from "zustand";

import { local, readJSON, writeJSON } from "../../lib/storage";

export interface AnonLine {
  productId: string;
  quantity: number;
}

export const ANON_CART_KEY = "donpalito.cart";
/** The server's per-line maximum (CartItemCreate.quantity maximum). */
export const MAX_LINE_QUANTITY = 99;

function sanitize(lines: unknown): AnonLine[] {
  if (!Array.isArray(lines)) return [];
  const out: AnonLine[] = [];
  for (const l of lines) {
    if (typeof l !== "object" || l === null) continue;
    const { productId, quantity } = l as Record<string, unknown>;
    if (typeof productId !== "string" || !/^[0-9a-f]{24}$/i.test(productId)) continue;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) continue;
    const existing = out.find((x) => x.productId === productId);
    if (existing) existing.quantity = Math.min(existing.quantity + quantity, MAX_LINE_QUANTITY);
    else out.push({ productId, quantity: Math.min(quantity, MAX_LINE_QUANTITY) });
  }
  return out;
}

/** Adds quantity to a line (merging by product), capped by stock and the per-line maximum. */
export function addLine(lines: readonly AnonLine[], productId: string, quantity: number, stock: number): AnonLine[] {
  const cap = Math.min(stock, MAX_LINE_QUANTITY);
  const current = lines.find((l) => l.productId === productId)?.quantity ?? 0;
  const q = Math.min(current + quantity, cap);
  if (q < 1) return lines.filter((l) => l.productId !== productId);
  if (current === 0) return [...lines, { productId, quantity: q }];
  return lines.map((l) => (l.productId === productId ? { productId, quantity: q } : l));
}

interface AnonCartState {
  lines: AnonLine[];
  add: (productId: string, quantity: number, stock: number) => void;
  set: (productId: string, quantity: number) => void;
  remove: (productId: string) => void;
  clear: () => void;
}

function persist(lines: AnonLine[]) {
  writeJSON(local(), ANON_CART_KEY, lines.length ? lines : undefined);
}

export const useAnonCart = create<AnonCartState>((set, get) => ({
  lines: sanitize(readJSON(local(), ANON_CART_KEY)),
  add: (productId, quantity, stock) => {
    const lines = addLine(get().lines, productId, quantity, stock);
    persist(lines);
    set({ lines });
  },
  set: (productId, quantity) => {
    const lines = get()
      .lines.map((l) => (l.productId === productId ? { productId, quantity: Math.min(quantity, MAX_LINE_QUANTITY) } : l))
      .filter((l) => l.quantity > 0);
    persist(lines);
    set({ lines });
  },
  remove: (productId) => {
    const lines = get().lines.filter((l) => l.productId !== productId);
    persist(lines);
    set({ lines });
  },
  clear: () => {
    persist([]);
    set({ lines: [] });
  },
}));

// Another tab changed the cart: follow it.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === ANON_CART_KEY) useAnonCart.setState({ lines: sanitize(readJSON(local(), ANON_CART_KEY)) });
  });
}
