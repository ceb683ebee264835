import { problemFromResponse } from "@donpalito/api-client";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Coupon } from "../../lib/api";
import { CouponForm, ruleSummary } from "./CouponForm";

async function fill(label: string | RegExp, text: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  if (text) {
    await userEvent.click(input);
    await userEvent.paste(text);
  }
}

const aCoupon = (over: Partial<Coupon> = {}): Coupon =>
  ({
    id: "6660c0c1d2e3f40123456789",
    code: "BIENVENIDO",
    description: "Primera compra",
    type: "percentage",
    value: 10,
    minSubtotal: 0,
    maxDiscount: 0,
    usageLimit: 100,
    usedCount: 3,
    perCustomerLimit: 1,
    isActive: true,
    isPublic: false,
    startsAt: "2025-06-01T05:00:00Z",
    endsAt: "2025-06-30T05:00:00Z",
    createdAt: "2025-05-30T00:00:00Z",
    updatedAt: "2025-05-30T00:00:00Z",
    ...over,
  }) as Coupon;

describe("the coupon rule summary", () => {
  it("says the percentage, the minimum purchase and the cap in pesos", () => {
    expect(ruleSummary({ type: "percentage", value: 15, minSubtotal: 5_000_000, maxDiscount: 2_000_000 })).toBe(
      "15 % de descuento · compra mínima $ 50.000 · tope $ 20.000",
    );
  });

  it("formats a fixed discount as money and leaves out what does not apply", () => {
    expect(ruleSummary({ type: "fixed", value: 500_000, minSubtotal: 0, maxDiscount: 0 })).toBe("$ 5.000 de descuento");
    // A cap means nothing for a fixed amount, even if one is stored.
    expect(ruleSummary({ type: "fixed", value: 250_050, minSubtotal: 1_000_000, maxDiscount: 300_000 })).toBe(
      "$ 2.500,50 de descuento · compra mínima $ 10.000",
    );
  });
});

describe("the coupon form", () => {
  it("checks every rule before sending and marks the inputs", async () => {
    const onSave = vi.fn();
    render(<CouponForm onClose={() => {}} onSave={onSave} />);
    await fill("Código", "a!");
    await fill("Descuento (%)", "120");
    await fill("Compra mínima (COP, opcional)", "mucho");
    await fill("Usos en total (vacío: sin límite)", "2.5");
    await fill("Usos por cliente (0: sin límite)", "5000");
    await fill("Empieza (opcional)", "2025-07-10");
    await fill("Termina (opcional, incluye ese día)", "2025-07-01");
    await userEvent.click(screen.getByRole("button", { name: "Crear cupón" }));
    expect(screen.getByText("De 3 a 40 letras, números, - o _")).toBeInTheDocument();
    expect(screen.getByText("Un porcentaje entero de 1 a 100")).toBeInTheDocument();
    expect(screen.getByText("Un valor en pesos")).toBeInTheDocument();
    expect(screen.getByText("Un número entero (vacío: sin límite)")).toBeInTheDocument();
    expect(screen.getByText("Un número entero de 0 a 1000 (0: sin límite)")).toBeInTheDocument();
    expect(screen.getByText("Termina antes de empezar")).toBeInTheDocument();
    expect(screen.getByLabelText("Código")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Termina (opcional, incluye ese día)")).toHaveAccessibleDescription("Termina antes de empezar");
    expect(onSave).not.toHaveBeenCalled();
  });

  it("sends a fixed coupon in minor units with its limits, and leaves the cap out", async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<CouponForm onClose={() => {}} onSave={onSave} />);
    await fill("Código", "domicilio-gratis");
    await userEvent.click(screen.getByLabelText("Valor fijo"));
    await fill("Descuento (COP)", "10.000");
    await fill("Compra mínima (COP, opcional)", "40000");
    await fill("Usos en total (vacío: sin límite)", "50");
    await fill("Usos por cliente (0: sin límite)", "2");
    await userEvent.click(screen.getByLabelText("Público (se anuncia en la tienda)"));
    await userEvent.click(screen.getByRole("button", { name: "Crear cupón" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]).toEqual([
      {
        code: "DOMICILIO-GRATIS",
        description: "",
        type: "fixed",
        value: 1_000_000,
        minSubtotal: 4_000_000,
        maxDiscount: 0,
        usageLimit: 50,
        perCustomerLimit: 2,
        isActive: true,
        isPublic: true,
      },
      [],
    ]);
  });

  it("asks the server to clear a date the owner emptied", async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<CouponForm coupon={aCoupon()} onClose={() => {}} onSave={onSave} />);
    expect(screen.getByLabelText("Empieza (opcional)")).toHaveValue("2025-06-01");
    await fill("Termina (opcional, incluye ese día)", "");
    await userEvent.click(screen.getByRole("button", { name: "Guardar cupón" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ code: "BIENVENIDO", type: "percentage", value: 10, startsAt: "2025-06-01" });
    expect(onSave.mock.calls[0]![0]).not.toHaveProperty("endsAt");
    expect(onSave.mock.calls[0]![1]).toEqual(["endsAt"]);
  });

  it("puts the server's field errors on their inputs and its detail above the buttons", async () => {
    // The problem document as the server sends it, parsed by the real client code.
    const problem = await problemFromResponse(
      new Response(
        JSON.stringify({
          type: "about:blank",
          title: "Unprocessable Entity",
          status: 422,
          code: "validation_failed",
          detail: "Revisa los campos marcados.",
          errors: [
            { field: "body.code", code: "duplicate", message: "Ya existe un cupón con ese código" },
            { field: "/body/maxDiscount", code: "out_of_range", message: "El tope supera el máximo permitido" },
          ],
        }),
        { status: 422, headers: { "Content-Type": "application/problem+json" } },
      ),
    );
    const onSave = vi.fn().mockRejectedValue(problem);
    render(<CouponForm onClose={() => {}} onSave={onSave} />);
    await fill("Código", "VERANO");
    await fill("Descuento (%)", "20");
    await fill("Descuento máximo (COP, opcional)", "99999999999");
    await userEvent.click(screen.getByRole("button", { name: "Crear cupón" }));
    expect(await screen.findByText("Ya existe un cupón con ese código")).toBeInTheDocument();
    expect(screen.getByLabelText("Código")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Descuento máximo (COP, opcional)")).toHaveAccessibleDescription("El tope supera el máximo permitido");
    expect(screen.getByLabelText("Descuento (%)")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Revisa los campos marcados.");
    // Changing the value clears the server's complaint about it.
    await fill("Código", "VERANO2");
    expect(screen.queryByText("Ya existe un cupón con ese código")).toBeNull();
  });
});
