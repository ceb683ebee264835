import { ApiProblem } from "@donpalito/api-client";
import { describe, expect, it } from "vitest";

import { addLine, MAX_LINE_QUANTITY } from "./anon";
import { describeNote, planMerge, runMerge, type ProductStock } from "./merge";

const A = "a".repeat(24);
const B = "b".repeat(24);
const C = "c".repeat(24);

describe("anonymous cart lines", () => {
  it("merges by product and caps by stock and the per-line maximum", () => {
    let lines = addLine([], A, 2, 10);
    lines = addLine(lines, A, 3, 10);
    expect(lines).toEqual([{ productId: A, quantity: 5 }]);
    expect(addLine(lines, A, 50, 6)).toEqual([{ productId: A, quantity: 6 }]);
    expect(addLine([], B, 500, 1000)).toEqual([{ productId: B, quantity: MAX_LINE_QUANTITY }]);
    expect(addLine([], C, 1, 0)).toEqual([]);
  });
});

describe("planMerge", () => {
  const products = new Map<string, ProductStock>([
    [A, { name: "Palito de queso", stock: 10, available: true }],
    [B, { name: "Buñuelo", stock: 3, available: true }],
    [C, { name: "Oblea", stock: 5, available: false }],
  ]);

  it("adds what fits next to the server cart and reports the rest", () => {
    const plan = planMerge(
      [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 5 },
        { productId: C, quantity: 1 },
      ],
      [{ productId: B, quantity: 1 }],
      products,
    );
    expect(plan.adds).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 2 },
    ]);
    expect(plan.notes).toEqual([
      { productId: B, name: "Buñuelo", requested: 5, added: 2, reason: "capped" },
      { productId: C, name: "Oblea", requested: 1, added: 0, reason: "unavailable" },
    ]);
  });

  it("adds nothing when the server cart already holds all the stock", () => {
    const plan = planMerge([{ productId: B, quantity: 1 }], [{ productId: B, quantity: 3 }], products);
    expect(plan.adds).toEqual([]);
    expect(plan.notes[0]?.reason).toBe("out_of_stock");
    expect(describeNote(plan.notes[0]!)).toMatch(/no quedan unidades/);
  });

  it("reports products that no longer exist", () => {
    const plan = planMerge([{ productId: "d".repeat(24), quantity: 1 }], [], products);
    expect(plan.notes[0]?.reason).toBe("unavailable");
  });
});

describe("runMerge", () => {
  it("turns a line the server refuses (stock changed meanwhile) into a note and keeps going", async () => {
    const added: string[] = [];
    const notes = await runMerge(
      [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ],
      {
        serverLines: async () => [],
        product: async (id) => (id === A ? { name: "Palito", stock: 5, available: true } : { name: "Buñuelo", stock: 5, available: true }),
        add: async (l) => {
          if (l.productId === A) throw new ApiProblem({ status: 409, code: "out_of_stock", title: "Conflict" });
          added.push(l.productId);
        },
      },
    );
    expect(added).toEqual([B]);
    expect(notes).toEqual([{ productId: A, name: "Palito", requested: 2, added: 0, reason: "out_of_stock" }]);
  });

  it("propagates failures that are not about the line (the cart stays to retry)", async () => {
    await expect(
      runMerge([{ productId: A, quantity: 1 }], {
        serverLines: async () => [],
        product: async () => ({ name: "x", stock: 1, available: true }),
        add: async () => {
          throw new ApiProblem({ status: 503, code: "unavailable", title: "x" });
        },
      }),
    ).rejects.toThrow();
  });
});
