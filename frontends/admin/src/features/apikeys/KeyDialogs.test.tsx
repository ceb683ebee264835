import { problemFromResponse } from "@donpalito/api-client";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { CreatedKey, CreateKey } from "./KeyDialogs";

const created = {
  id: "6660d0c1d2e3f40123456789",
  name: "Caja mostrador",
  prefix: "dpk_a1b2c3",
  scopes: ["admin" as const],
  createdAt: "2025-06-04T15:04:05Z",
  key: "dpk_a1b2c3_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c",
};

describe("a new API key", () => {
  it("is shown once, with a warning and a copy button", async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { rerender } = render(<CreatedKey created={created} onClose={onClose} />);
    expect(screen.getByRole("alert")).toHaveTextContent("es la única vez que se muestra");
    expect(screen.getByLabelText("Clave")).toHaveValue(created.key);
    await user.click(screen.getByRole("button", { name: "Copiar" }));
    expect(await navigator.clipboard.readText()).toBe(created.key);
    expect(screen.getByRole("button", { name: "Copiada" })).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: "Cerrar" })[0]!);
    expect(onClose).toHaveBeenCalled();
    // Once the page drops it, the secret is nowhere in the document.
    rerender(<CreatedKey created={null} onClose={onClose} />);
    expect(document.body.innerHTML).not.toContain(created.key);
    expect(screen.queryByLabelText("Clave")).toBeNull();
  });

  it("needs a name before it is created, then sends the name and the chosen permission", async () => {
    const onCreate = vi.fn().mockResolvedValue(undefined);
    render(<CreateKey onClose={() => {}} onCreate={onCreate} />);
    await userEvent.click(screen.getByRole("button", { name: "Crear clave" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Escribe un nombre");
    expect(onCreate).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText("Nombre"), "  Contabilidad ");
    await userEvent.selectOptions(screen.getByLabelText("Permisos"), "read");
    await userEvent.click(screen.getByRole("button", { name: "Crear clave" }));
    await waitFor(() => expect(onCreate).toHaveBeenCalledWith({ name: "Contabilidad", scopes: ["read"] }));
  });

  it("shows the server's refusal", async () => {
    const problem = await problemFromResponse(
      new Response(JSON.stringify({ title: "Forbidden", status: 403, code: "forbidden", detail: "Solo un administrador crea claves." }), {
        status: 403,
        headers: { "Content-Type": "application/problem+json" },
      }),
    );
    render(<CreateKey onClose={() => {}} onCreate={vi.fn().mockRejectedValue(problem)} />);
    await userEvent.type(screen.getByLabelText("Nombre"), "Caja");
    await userEvent.click(screen.getByRole("button", { name: "Crear clave" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Solo un administrador crea claves.");
  });
});
