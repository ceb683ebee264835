import { describe, expect, it } from "vitest";

import type { AdminStats } from "../../lib/api";
import { compare, formatChange, presetRange, previousPeriod } from "../../lib/dates";
import { rangeFromSearch } from "./DashboardPage";
import { buildKpis } from "./kpis";

function stats(over: Partial<AdminStats>): AdminStats {
  return {
    from: "2025-06-01",
    to: "2025-06-07",
    currency: "COP",
    revenue: 0,
    paidOrders: 0,
    averageOrderValue: 0,
    newCustomers: 0,
    totalCustomers: 0,
    activeProducts: 0,
    ordersByStatus: { pending: 0, paid: 0, in_preparation: 0, ready: 0, delivered: 0, canceled: 0, rejected: 0 },
    topProducts: [],
    revenueByDay: [],
    lowStock: [],
    ...over,
  };
}

describe("the period comparison of Resumen", () => {
  it("compares with the previous period of the same length, ending the day before", () => {
    expect(previousPeriod({ from: "2025-06-08", to: "2025-06-14" })).toEqual({ from: "2025-06-01", to: "2025-06-07" });
    expect(previousPeriod({ from: "2025-03-01", to: "2025-03-01" })).toEqual({ from: "2025-02-28", to: "2025-02-28" });
    // "Este mes" on 10 March: 10 days, compared with 19–28 February.
    expect(previousPeriod(presetRange("month", "2025-03-10"))).toEqual({ from: "2025-02-19", to: "2025-02-28" });
    expect(previousPeriod(presetRange("30d", "2025-01-15"))).toEqual({ from: "2024-11-17", to: "2024-12-16" });
  });

  it("reads presets and custom ranges from the URL", () => {
    expect(rangeFromSearch(new URLSearchParams("rango=7d"), "2025-06-14")).toEqual({ preset: "7d", range: { from: "2025-06-08", to: "2025-06-14" } });
    expect(rangeFromSearch(new URLSearchParams("desde=2025-01-01&hasta=2025-01-31"), "2025-06-14").preset).toBe("custom");
    expect(rangeFromSearch(new URLSearchParams("desde=2025-02-01&hasta=2025-01-31"), "2025-06-14").preset).toBe("30d");
  });

  it("gives the change of each figure in percent, and 'nuevo' with no base", () => {
    const kpis = buildKpis(
      stats({ revenue: 1_500_000, paidOrders: 3, averageOrderValue: 500_000, newCustomers: 2 }),
      stats({ revenue: 1_000_000, paidOrders: 4, averageOrderValue: 250_000, newCustomers: 0 }),
    );
    const byId = Object.fromEntries(kpis.map((k) => [k.id, k]));
    expect(byId.revenue!.value).toBe("$ 15.000");
    expect(byId.revenue!.previous).toBe("$ 10.000");
    expect(formatChange(byId.revenue!.change!)).toBe("+50 %");
    expect(byId.revenue!.change!.trend).toBe("up");
    expect(formatChange(byId.paidOrders!.change!)).toBe("-25 %");
    expect(byId.paidOrders!.change!.trend).toBe("down");
    expect(formatChange(byId.averageOrderValue!.change!)).toBe("+100 %");
    expect(formatChange(byId.newCustomers!.change!)).toBe("nuevo");
  });

  it("shows no change while the previous period loads, and 0 % when both are zero", () => {
    expect(buildKpis(stats({}), undefined).every((k) => k.change === null)).toBe(true);
    expect(formatChange(compare(0, 0))).toBe("0 %");
    expect(formatChange(compare(1, 3))).toBe("-66,7 %");
  });
});
