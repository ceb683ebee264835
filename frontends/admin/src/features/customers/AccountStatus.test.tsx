import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { AccountStatus } from "./AccountStatus";

const ana = { id: "665f1c2e8b3a4d00aaaaaaaa", email: "ana@example.com", isActive: true };
const owner = "665f1c2e8b3a4d00bbbbbbbb";

describe("activating and deactivating an account", () => {
  it("deactivates only after the owner confirms", async () => {
    const onSetActive = vi.fn().mockResolvedValue(undefined);
    render(<AccountStatus customer={ana} selfId={owner} onSetActive={onSetActive} />);
    await userEvent.click(screen.getByRole("button", { name: "Desactivar cuenta" }));
    expect(onSetActive).not.toHaveBeenCalled();
    const dialog = screen.getByRole("dialog", { name: "Desactivar la cuenta de ana@example.com" });
    expect(dialog).toHaveTextContent("sus claves API dejan de funcionar");
    await userEvent.click(within(dialog).getByRole("button", { name: "Desactivar cuenta" }));
    await waitFor(() => expect(onSetActive).toHaveBeenCalledWith(false));
    expect(onSetActive).toHaveBeenCalledTimes(1);
  });

  it("does nothing when the owner steps back", async () => {
    const onSetActive = vi.fn();
    render(<AccountStatus customer={ana} selfId={owner} onSetActive={onSetActive} />);
    await userEvent.click(screen.getByRole("button", { name: "Desactivar cuenta" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Volver" }));
    expect(onSetActive).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("reactivates a deactivated account, also after confirming", async () => {
    const onSetActive = vi.fn().mockResolvedValue(undefined);
    render(<AccountStatus customer={{ ...ana, isActive: false }} selfId={owner} onSetActive={onSetActive} />);
    expect(screen.queryByRole("button", { name: "Desactivar cuenta" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Reactivar cuenta" }));
    const dialog = screen.getByRole("dialog", { name: "Reactivar la cuenta de ana@example.com" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Reactivar cuenta" }));
    await waitFor(() => expect(onSetActive).toHaveBeenCalledWith(true));
  });

  it("never offers to deactivate one's own account", () => {
    render(<AccountStatus customer={{ ...ana, id: owner }} selfId={owner} onSetActive={vi.fn()} />);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText("Es tu propia cuenta: no puedes desactivarla.")).toBeInTheDocument();
  });
});
