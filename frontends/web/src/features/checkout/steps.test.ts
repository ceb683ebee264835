import { ApiProblem } from "@donpalito/api-client";
import { describe, expect, it } from "vitest";

import { buildOrderBody, canLeave, clampStep, furthestStep, isBlockingWarning, nextStep, previousStep, priceChangesOf, type CheckoutState } from "./steps";

const ok = { lineCount: 2, blockingWarnings: 0 };
const addr = { fullName: "Ana Gómez", streetAddress: "Cra 45 # 70 Sur - 12", city: "Sabaneta", phoneNumber: "3001234567" };

describe("checkout steps", () => {
  it("cannot leave the summary with an empty cart or blocking warnings", () => {
    expect(canLeave("summary", { step: "summary" }, ok)).toBe(true);
    expect(canLeave("summary", { step: "summary" }, { lineCount: 0, blockingWarnings: 0 })).toBe(false);
    expect(canLeave("summary", { step: "summary" }, { lineCount: 1, blockingWarnings: 1 })).toBe(false);
  });

  it("needs an address before payment, and a method to place the order", () => {
    const s: CheckoutState = { step: "address" };
    expect(canLeave("address", s, ok)).toBe(false);
    expect(canLeave("address", { ...s, address: { kind: "saved", id: "x" } }, ok)).toBe(true);
    expect(canLeave("payment", { step: "payment", address: { kind: "saved", id: "x" } }, ok)).toBe(false);
    expect(canLeave("payment", { step: "payment", address: { kind: "saved", id: "x" }, method: "transfer" }, ok)).toBe(true);
  });

  it("never shows a step whose earlier steps are incomplete", () => {
    expect(clampStep("payment", { step: "payment" }, ok)).toBe("address");
    expect(clampStep("payment", { step: "payment" }, { lineCount: 0, blockingWarnings: 0 })).toBe("summary");
    expect(clampStep("summary", { step: "summary", address: { kind: "saved", id: "x" } }, ok)).toBe("summary");
    expect(furthestStep({ step: "summary", address: { kind: "saved", id: "x" } }, ok)).toBe("payment");
  });

  it("moves forward and back within bounds", () => {
    expect(nextStep("summary")).toBe("address");
    expect(nextStep("payment")).toBe("payment");
    expect(previousStep("address")).toBe("summary");
    expect(previousStep("summary")).toBe("summary");
  });

  it("treats sold-out and short lines as blocking, price changes as not", () => {
    expect(isBlockingWarning("out_of_stock")).toBe(true);
    expect(isBlockingWarning("low_stock")).toBe(true);
    expect(isBlockingWarning("price_changed")).toBe(false);
    expect(isBlockingWarning(undefined)).toBe(false);
  });
});

describe("order body", () => {
  it("sends a saved address by id with coupon, notes and the total the shopper saw", () => {
    expect(buildOrderBody({ step: "payment", method: "transfer", address: { kind: "saved", id: "a1" }, couponCode: "BIENVENIDO10", notes: "  portería " }, 2150000)).toEqual({
      paymentMethod: "transfer",
      addressId: "a1",
      couponCode: "BIENVENIDO10",
      notes: "portería",
      expectedTotal: 2150000,
    });
  });

  it("sends a new address inline when used once, by id once saved", () => {
    const s: CheckoutState = { step: "payment", method: "card", address: { kind: "new", address: { ...addr, notes: "" }, save: false } };
    expect(buildOrderBody(s, undefined)).toEqual({ paymentMethod: "card", address: addr });
    expect(buildOrderBody({ ...s, address: { kind: "new", address: addr, save: true } }, undefined, "new-id")).toEqual({ paymentMethod: "card", addressId: "new-id" });
  });

  it("refuses to build without a method or address", () => {
    expect(() => buildOrderBody({ step: "payment", address: { kind: "saved", id: "a" } }, 1)).toThrow();
    expect(() => buildOrderBody({ step: "payment", method: "card" }, 1)).toThrow();
  });

  it("reads the price changes of a 409 price_changed problem", () => {
    const p = new ApiProblem({
      status: 409,
      code: "price_changed",
      title: "Conflict",
      problem: {
        code: "price_changed",
        priceChanges: [{ productId: "p1", name: "Oblea", oldUnitPrice: 500000, newUnitPrice: 550000 }, { bogus: true }],
      },
    });
    expect(priceChangesOf(p)).toEqual([{ productId: "p1", name: "Oblea", oldUnitPrice: 500000, newUnitPrice: 550000 }]);
    expect(priceChangesOf(new ApiProblem({ status: 409, code: "out_of_stock", title: "x" }))).toEqual([]);
  });
});
