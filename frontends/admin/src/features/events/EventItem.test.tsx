import type { Schema } from "@donpalito/api-client";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { EventItem } from "./EventItem";

type OutboxEvent = Schema<"OutboxEvent">;

const anEvent = (over: Partial<OutboxEvent> = {}): OutboxEvent => ({
  id: "6660a1b2c3d4e5f601234501",
  type: "order.paid",
  state: "dead",
  attempts: 8,
  aggregateId: "6660b0c1d2e3f40123456789",
  payload: { orderId: "6660b0c1d2e3f40123456789", total: 1500000 },
  lastError: "smtp: connection refused",
  createdAt: "2025-06-04T15:04:05Z",
  updatedAt: "2025-06-04T15:34:05Z",
  ...over,
});

function renderItem(ev: OutboxEvent, props: { open?: boolean; onRetry?: (id: string) => void; onToggle?: () => void } = {}) {
  return render(
    <ul>
      <EventItem event={ev} open={props.open ?? false} onToggle={props.onToggle ?? (() => {})} onRetry={props.onRetry ?? (() => {})} />
    </ul>,
  );
}

describe("an outbox event", () => {
  it("offers a retry for a dead event and sends its id", async () => {
    const onRetry = vi.fn();
    renderItem(anEvent(), { onRetry });
    expect(screen.getByText("Último error: smtp: connection refused")).toBeInTheDocument();
    expect(screen.getByText("8 intentos")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Reintentar order.paid" }));
    expect(onRetry).toHaveBeenCalledWith("6660a1b2c3d4e5f601234501");
  });

  it.each(["pending", "processing", "delivered"] as const)("offers no retry for a %s event", (state) => {
    renderItem(anEvent({ state, lastError: undefined, attempts: 1 }));
    expect(screen.queryByRole("button", { name: /Reintentar/ })).toBeNull();
    expect(screen.getByText("1 intento")).toBeInTheDocument();
  });

  it("shows the payload only when opened", async () => {
    const onToggle = vi.fn();
    const { rerender } = renderItem(anEvent(), { onToggle });
    expect(screen.queryByTestId("event-payload")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "order.paid" }));
    expect(onToggle).toHaveBeenCalled();
    rerender(
      <ul>
        <EventItem event={anEvent()} open onToggle={onToggle} onRetry={() => {}} />
      </ul>,
    );
    expect(screen.getByRole("button", { name: "order.paid" })).toHaveAttribute("aria-expanded", "true");
    expect(JSON.parse(screen.getByTestId("event-payload").textContent!)).toEqual({ orderId: "6660b0c1d2e3f40123456789", total: 1500000 });
  });
});
