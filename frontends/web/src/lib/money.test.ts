import { describe, expect, it } from "vitest";

import { formatMoney, toMajor, toMinor } from "./money";

describe("formatMoney", () => {
  it.each([
    [250000, "$ 2.500"],
    [1250000, "$ 12.500"],
    [0, "$ 0"],
    [100, "$ 1"],
    [123456789, "$ 1.234.567,89"],
    [1250050, "$ 12.500,50"],
    [1250005, "$ 12.500,05"],
    [-500000, "-$ 5.000"],
    [100000000000, "$ 1.000.000.000"],
  ])("formats %i minor units of COP as %s", (minor, want) => {
    expect(formatMoney(minor, "COP")).toBe(want);
  });

  it("knows currencies without minor units", () => {
    expect(formatMoney(2500, "CLP")).toBe("$ 2.500");
  });

  it("converts pesos typed in filters to minor units and back", () => {
    expect(toMinor(2500)).toBe(250000);
    expect(toMajor(250000)).toBe(2500);
  });
});
