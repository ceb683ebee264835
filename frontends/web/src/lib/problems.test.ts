import { ApiProblem } from "@donpalito/api-client";
import { describe, expect, it } from "vitest";

import { applyProblemToForm, couponReason, mapFieldErrors, matchField, problemMessage } from "./problems";

const FIELDS = ["fullName", "streetAddress", "city", "phoneNumber", "notes"] as const;

function problem(init: Partial<ConstructorParameters<typeof ApiProblem>[0]>) {
  return new ApiProblem({ status: 400, code: "validation_failed", title: "Bad Request", ...init });
}

describe("problem → form errors", () => {
  it("matches server field paths to form fields", () => {
    expect(matchField("body.phoneNumber", FIELDS)).toBe("phoneNumber");
    expect(matchField("body.address.fullName", FIELDS)).toBe("fullName");
    expect(matchField("city", FIELDS)).toBe("city");
    expect(matchField("body.items[0].quantity", FIELDS)).toBeUndefined();
    expect(matchField(undefined, FIELDS)).toBeUndefined();
  });

  it("splits errors into fields (first message wins) and general messages", () => {
    const m = mapFieldErrors(
      [
        { field: "body.phoneNumber", code: "invalid_format", message: "El celular debe tener 10 dígitos." },
        { field: "body.phoneNumber", code: "required", message: "segundo" },
        { field: "body.couponCode", code: "invalid_format", message: "Cupón no válido." },
      ],
      FIELDS,
    );
    expect(m.fields).toEqual({ phoneNumber: "El celular debe tener 10 dígitos." });
    expect(m.general).toEqual(["Cupón no válido."]);
  });

  it("sets errors on the form and focuses the first one", () => {
    const calls: [string, string, boolean | undefined][] = [];
    const msg = applyProblemToForm(
      problem({
        errors: [
          { field: "body.city", code: "too_short", message: "Mínimo 2 caracteres." },
          { field: "body.fullName", code: "required", message: "Obligatorio." },
        ],
      }),
      (name, e, o) => calls.push([name as string, e.message, o?.shouldFocus]),
      FIELDS,
    );
    expect(calls).toEqual([
      ["city", "Mínimo 2 caracteres.", true],
      ["fullName", "Obligatorio.", false],
    ]);
    expect(msg).toBeUndefined();
  });

  it("returns the detail when no error belongs to a field", () => {
    const msg = applyProblemToForm(problem({ status: 409, code: "too_many_addresses", detail: "Ya tienes 10 direcciones." }), () => {}, FIELDS);
    expect(msg).toBe("Ya tienes 10 direcciones.");
  });

  it("explains coupons by their code", () => {
    expect(couponReason("coupon_expired")).toBe("Ese cupón ya venció.");
    expect(couponReason("coupon_not_found")).toMatch(/no existe/);
    expect(couponReason("coupon_brand_new", "Detalle del servidor")).toBe("Detalle del servidor");
    expect(problemMessage(problem({ status: 422, code: "coupon_min_subtotal", detail: "x" }))).toMatch(/mínimo/);
  });

  it("says network failures in Spanish", () => {
    expect(problemMessage(new TypeError("Failed to fetch"))).toMatch(/No pudimos conectar/);
  });
});
