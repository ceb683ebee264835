import { useState } from "react";

import { ConfirmDialog } from "../../components/Modal";

/**
 * Activate or deactivate an account, always after a confirmation, and never one's own (an admin who locks
 * themselves out has no way back in from this screen).
 */
export function AccountStatus({
  customer,
  selfId,
  onSetActive,
}: {
  customer: { id: string; email: string; isActive: boolean };
  selfId: string;
  onSetActive: (next: boolean) => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (customer.id === selfId) return <p className="text-base-content/70">Es tu propia cuenta: no puedes desactivarla.</p>;
  const next = !customer.isActive;
  const confirm = async () => {
    setBusy(true);
    try {
      await onSetActive(next);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={`btn btn-sm self-start ${next ? "btn-primary" : "btn-outline btn-error"}`}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {next ? "Reactivar cuenta" : "Desactivar cuenta"}
      </button>
      <ConfirmDialog
        open={asking}
        title={next ? `Reactivar la cuenta de ${customer.email}` : `Desactivar la cuenta de ${customer.email}`}
        message={
          next
            ? "Podrá ingresar y comprar de nuevo, y sus claves API vuelven a funcionar."
            : "No podrá ingresar ni comprar, y sus claves API dejan de funcionar, hasta que la reactives."
        }
        confirmLabel={next ? "Reactivar cuenta" : "Desactivar cuenta"}
        danger={!next}
        busy={busy}
        onClose={() => setAsking(false)}
        onConfirm={() => void confirm()}
      />
    </>
  );
}
