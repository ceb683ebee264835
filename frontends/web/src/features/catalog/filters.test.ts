import { describe, expect, it } from "vitest";

import { parseFilters, serializeFilters, toApiQuery } from "./filters";

describe("catalog filters in the URL", () => {
  it("round-trips every filter", () => {
    const qs = "q=queso&category=Palitos+Premium&minPrice=1000&maxPrice=5000&inStock=1&sort=price_asc&page=2";
    const f = parseFilters(new URLSearchParams(qs));
    expect(f).toEqual({ q: "queso", category: "Palitos Premium", minPrice: 1000, maxPrice: 5000, inStock: true, sort: "price_asc", page: 2 });
    expect(serializeFilters(f).toString()).toBe(qs);
  });
  it("drops defaults and rejects junk", () => {
    const f = parseFilters(new URLSearchParams("sort=cheapest&page=-3&minPrice=abc"));
    expect(f.sort).toBe("newest");
    expect(f.page).toBe(1);
    expect(f.minPrice).toBeUndefined();
    expect(serializeFilters(f).toString()).toBe("");
  });
  it("sends prices to the API in minor units", () => {
    const q = toApiQuery(parseFilters(new URLSearchParams("minPrice=2500")));
    expect(q.minPrice).toBe(250000);
    expect(q).not.toHaveProperty("maxPrice");
  });
});
