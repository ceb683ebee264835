import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { MailMessage } from "./MailMessage";

const html = '<h1>Pedido #23456789 confirmado</h1><script>parent.document.title = "robado"</script><form action="https://example.com"><button>Pagar</button></form>';

describe("an email of the dev mailbox", () => {
  it("renders the HTML in a frame sandboxed with no permissions", () => {
    render(
      <MailMessage
        message={{
          id: "6660e0c1d2e3f40123456789",
          from: "Don Palito Jr <pedidos@donpalitojr.co>",
          to: ["ana@example.com"],
          subject: "Tu pedido #23456789",
          html,
          attachments: [{ filename: "factura-FV-2025-000042.pdf", contentType: "application/pdf", size: 48213 }],
          createdAt: "2025-06-04T15:04:05Z",
        }}
      />,
    );
    const frame = screen.getByTitle("Contenido del correo: Tu pedido #23456789");
    expect(frame.tagName).toBe("IFRAME");
    // An empty sandbox attribute: no allow-scripts, allow-same-origin, allow-forms or allow-top-navigation.
    expect(frame).toHaveAttribute("sandbox", "");
    expect(frame).toHaveAttribute("srcdoc", html);
    // The email's markup never enters the admin's own document.
    expect(screen.queryByText("Pedido #23456789 confirmado")).toBeNull();
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(screen.getByRole("heading", { name: "Tu pedido #23456789" })).toBeInTheDocument();
    expect(screen.getByText("Para ana@example.com")).toBeInTheDocument();
    expect(screen.getByText("Adjuntos: factura-FV-2025-000042.pdf")).toBeInTheDocument();
  });
});
