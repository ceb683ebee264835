import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";

import { ToastProvider } from "../../components/toast";
import { dateRangeText, parseOrderFilters, withOrderFilters } from "./filters";
import OrdersPage from "./OrdersPage";

describe("order filters ↔ URL", () => {
  it("reads every filter from the URL and ignores junk", () => {
    const f = parseOrderFilters(new URLSearchParams("estado=paid&pago=card&desde=2025-06-01&hasta=2025-06-30&q=ana&pagina=3"));
    expect(f).toEqual({ status: "paid", paymentMethod: "card", from: "2025-06-01", to: "2025-06-30", q: "ana", page: 3 });
    const junk = parseOrderFilters(new URLSearchParams("estado=lost&pago=cash&desde=2025-02-30&hasta=ayer&pagina=-2"));
    expect(junk).toEqual({ page: 1 });
  });

  it("writes filters back, keeping the open order and dropping empty ones", () => {
    const out = withOrderFilters(new URLSearchParams("pedido=abc&estado=paid&q=old"), { status: "ready", page: 1 });
    expect(out.get("pedido")).toBe("abc");
    expect(out.get("estado")).toBe("ready");
    expect(out.has("q")).toBe(false);
    expect(out.has("pagina")).toBe(false);
  });

  it("says the chosen days in Spanish, whatever format the browser's date inputs use", () => {
    expect(dateRangeText({ from: "2025-06-01", to: "2025-06-30" })).toBe("del 1 de jun de 2025 al 30 de jun de 2025");
    expect(dateRangeText({ from: "2025-12-24", to: "2025-12-24" })).toBe("el 24 de dic de 2025");
    expect(dateRangeText({ from: "2025-01-05" })).toBe("desde el 5 de ene de 2025");
    expect(dateRangeText({ to: "2025-01-05" })).toBe("hasta el 5 de ene de 2025");
    expect(dateRangeText({})).toBe("");
  });

  it("round-trips", () => {
    const f = { status: "canceled" as const, paymentMethod: "transfer" as const, from: "2025-01-01", q: "ana@example.com", page: 2 };
    expect(parseOrderFilters(withOrderFilters(new URLSearchParams(), f))).toEqual(f);
  });
});

function renderOrders(url: string) {
  const router = createMemoryRouter([{ path: "/pedidos", Component: OrdersPage }], { initialEntries: [url] });
  // No server here: the list request fails fast; these tests are about the filter controls and the URL.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return router;
}

describe("the Pedidos filter bar", () => {
  it("shows the filters the URL holds", () => {
    renderOrders("/pedidos?estado=ready&pago=transfer&desde=2025-06-01&q=ana");
    expect(screen.getByLabelText("Estado")).toHaveValue("ready");
    expect(screen.getByLabelText("Método de pago")).toHaveValue("transfer");
    expect(screen.getByLabelText("Desde")).toHaveValue("2025-06-01");
    expect(screen.getByLabelText("Buscar")).toHaveValue("ana");
    expect(screen.getByTestId("order-date-range")).toHaveTextContent("Pedidos creados desde el 1 de jun de 2025");
  });

  it("puts each change into the URL and goes back to page 1", async () => {
    const router = renderOrders("/pedidos?pagina=4&pedido=xyz");
    await userEvent.selectOptions(screen.getByLabelText("Estado"), "in_preparation");
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("estado")).toBe("in_preparation"));
    let params = new URLSearchParams(router.state.location.search);
    expect(params.has("pagina")).toBe(false);
    expect(params.get("pedido")).toBe("xyz");

    await userEvent.selectOptions(screen.getByLabelText("Método de pago"), "card");
    await userEvent.type(screen.getByLabelText("Buscar"), "ana@example.com{Enter}");
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("q")).toBe("ana@example.com"));
    params = new URLSearchParams(router.state.location.search);
    expect(params.get("pago")).toBe("card");
    expect(params.get("estado")).toBe("in_preparation");

    await userEvent.click(screen.getByRole("button", { name: "Limpiar" }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).has("estado")).toBe(false));
    params = new URLSearchParams(router.state.location.search);
    expect([...params.keys()]).toEqual(["pedido"]);
  });
});
