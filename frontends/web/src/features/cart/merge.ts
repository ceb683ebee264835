// Merging the anonymous cart into the shopper's server cart when they sign in. The plan is pure (tested);
// running it calls the API line by line and reports what could not be merged, in Spanish.
import { isApiProblem } from "@donpalito/api-client";

import type { AnonLine } from "./anon";
import { MAX_LINE_QUANTITY } from "./anon";

export interface ProductStock {
  name: string;
  stock: number;
  /** false when the product was deleted or deactivated since it was added. */
  available: boolean;
}

export type MergeReason = "unavailable" | "out_of_stock" | "capped";

export interface MergeNote {
  productId: string;
  name?: string;
  requested: number;
  added: number;
  reason: MergeReason;
}

export interface MergePlan {
  adds: AnonLine[];
  notes: MergeNote[];
}

/**
 * For each anonymous line, how much can go into the server cart: the server line's quantity plus the new one
 * may not pass the stock or the per-line maximum. Products that no longer sell are reported, not sent.
 */
export function planMerge(
  anon: readonly AnonLine[],
  server: readonly { productId: string; quantity: number }[],
  products: ReadonlyMap<string, ProductStock>,
): MergePlan {
  const adds: AnonLine[] = [];
  const notes: MergeNote[] = [];
  for (const line of anon) {
    const p = products.get(line.productId);
    if (!p || !p.available) {
      notes.push({ productId: line.productId, name: p?.name, requested: line.quantity, added: 0, reason: "unavailable" });
      continue;
    }
    const inCart = server.find((s) => s.productId === line.productId)?.quantity ?? 0;
    const room = Math.max(0, Math.min(p.stock, MAX_LINE_QUANTITY) - inCart);
    const q = Math.min(line.quantity, room);
    if (q > 0) adds.push({ productId: line.productId, quantity: q });
    if (q < line.quantity) {
      notes.push({
        productId: line.productId,
        name: p.name,
        requested: line.quantity,
        added: q,
        reason: q === 0 ? "out_of_stock" : "capped",
      });
    }
  }
  return { adds, notes };
}

/** One sentence per note, e.g. "Palito de queso: solo pudimos agregar 3 de 5 (no hay más unidades)." */
export function describeNote(n: MergeNote): string {
  const name = n.name ?? "Un producto";
  switch (n.reason) {
    case "unavailable":
      return `${name} ya no está disponible y no lo agregamos.`;
    case "out_of_stock":
      return `${name}: no quedan unidades disponibles, no lo agregamos.`;
    case "capped":
      return `${name}: solo pudimos agregar ${n.added} de ${n.requested} (no hay más unidades).`;
  }
}

export interface MergeIO {
  serverLines: () => Promise<{ productId: string; quantity: number }[]>;
  product: (id: string) => Promise<ProductStock | undefined>;
  add: (line: AnonLine) => Promise<void>;
}

/** Runs the merge against the API. A line the server refuses (stock changed meanwhile) becomes a note. */
export async function runMerge(anon: readonly AnonLine[], io: MergeIO): Promise<MergeNote[]> {
  const [server, entries] = await Promise.all([
    io.serverLines(),
    Promise.all(anon.map(async (l) => [l.productId, await io.product(l.productId)] as const)),
  ]);
  const products = new Map<string, ProductStock>();
  for (const [id, p] of entries) if (p) products.set(id, p);
  const plan = planMerge(anon, server, products);
  const notes = [...plan.notes];
  for (const add of plan.adds) {
    try {
      await io.add(add);
    } catch (err) {
      if (isApiProblem(err) && (err.status === 409 || err.status === 404)) {
        notes.push({
          productId: add.productId,
          name: products.get(add.productId)?.name,
          requested: anon.find((a) => a.productId === add.productId)?.quantity ?? add.quantity,
          added: 0,
          reason: err.status === 404 ? "unavailable" : "out_of_stock",
        });
        continue;
      }
      throw err;
    }
  }
  return notes;
}
