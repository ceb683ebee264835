import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { anOrder } from "../../test/fixtures";
import { AllowedMoves } from "./AllowedMoves";

function buttons() {
  return within(screen.getByRole("group", { name: "Cambiar estado" }))
    .getAllByRole("button")
    .map((b) => b.textContent);
}

describe("the allowed-moves buttons", () => {
  it("renders exactly the moves the server allows, in its order, forward ones first", () => {
    render(<AllowedMoves order={anOrder({ allowedTransitions: ["paid", "canceled", "rejected"] })} busy={false} onMove={() => {}} />);
    expect(buttons()).toEqual(["Confirmar pago de la transferencia", "Cancelar pedido", "Rechazar transferencia"]);
  });

  it("offers nothing the server does not list, even where the lifecycle would allow it", () => {
    // A pending order could be canceled by the lifecycle table; the server said it cannot: no button.
    render(<AllowedMoves order={anOrder({ status: "pending", allowedTransitions: ["paid"] })} busy={false} onMove={() => {}} />);
    expect(buttons()).toEqual(["Confirmar pago de la transferencia"]);
  });

  it("says so when no move is left", () => {
    render(<AllowedMoves order={anOrder({ status: "delivered", allowedTransitions: [] })} busy={false} onMove={() => {}} />);
    expect(screen.queryByRole("group", { name: "Cambiar estado" })).toBeNull();
    expect(screen.getByText("Este pedido no admite más cambios de estado.")).toBeInTheDocument();
  });

  it("moves forward with one click", async () => {
    const onMove = vi.fn();
    render(<AllowedMoves order={anOrder({ status: "paid", allowedTransitions: ["in_preparation", "canceled"] })} busy={false} onMove={onMove} />);
    await userEvent.click(screen.getByRole("button", { name: "Pasar a preparación" }));
    expect(onMove).toHaveBeenCalledWith("in_preparation");
  });

  it("asks for a note before canceling and warns that a paid card order is refunded", async () => {
    const onMove = vi.fn();
    const order = anOrder({
      status: "paid",
      paymentMethod: "card",
      payment: { status: "succeeded", provider: "simulated", amount: 1500000, currency: "COP" },
      allowedTransitions: ["in_preparation", "canceled"],
    });
    render(<AllowedMoves order={order} busy={false} onMove={onMove} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancelar pedido" }));
    expect(onMove).not.toHaveBeenCalled();
    expect(screen.getByText(/se reembolsan \$ 15\.000 al cliente/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Nota/), "Sin masa hoy");
    const dialog = screen.getByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancelar pedido" }));
    expect(onMove).toHaveBeenCalledWith("canceled", "Sin masa hoy");
  });

  it("does not warn about a refund for a transfer order", async () => {
    render(<AllowedMoves order={anOrder({ allowedTransitions: ["canceled"] })} busy={false} onMove={() => {}} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancelar pedido" }));
    expect(screen.queryByText(/reembols/)).toBeNull();
  });
});
