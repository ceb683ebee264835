import { describe, expect, it } from "vitest";

import { formatDate, formatDateTime } from "./dates";

describe("dates in America/Bogota", () => {
  it("shows a UTC instant in Bogotá's calendar day", () => {
    // 03:00 UTC on 5 June is still 4 June in Bogotá (UTC−5).
    expect(formatDate("2025-06-05T03:00:00Z")).toBe("4 de junio de 2025");
  });
  it("does not shift plain calendar dates", () => {
    expect(formatDate("2025-06-05")).toBe("5 de junio de 2025");
  });
  it("includes the Bogotá time", () => {
    expect(formatDateTime("2025-06-04T15:04:05Z")).toMatch(/^4 de junio de 2025.*10:04/);
  });
  it("is empty for missing values", () => {
    expect(formatDate(undefined)).toBe("");
    expect(formatDateTime("nope")).toBe("");
  });
});
