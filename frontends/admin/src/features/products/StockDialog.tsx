import { useState } from "react";

import { Modal } from "../../components/Modal";
import { errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { api, type Product } from "../../lib/api";
import { formatNumber } from "../../lib/format";

/** Adds, removes or sets units, always with a reason (kept by the server with the change). */
export function StockDialog({ open, product, onClose, onDone }: { open: boolean; product: Product; onClose: () => void; onDone: (p: Product) => void }) {
  const [mode, setMode] = useState<"delta" | "set">("delta");
  const [qty, setQty] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const n = Number(qty);
  const qtyValid = qty.trim() !== "" && Number.isInteger(n) && (mode === "set" ? n >= 0 : n !== 0) && Math.abs(n) <= 1_000_000;
  const result = mode === "set" ? n : product.stock + n;
  const valid = qtyValid && reason.trim().length > 0 && result >= 0;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.PATCH("/api/admin/products/{id}/stock", {
        params: { path: { id: product.id } },
        body: { mode, quantity: n, reason: reason.trim() },
      });
      onDone(data!);
      toast.show(`Stock de ${data!.name}: ${formatNumber(data!.stock)}`);
      setQty("");
      setReason("");
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={`Ajustar stock · ${product.name}`} onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <div role="radiogroup" aria-label="Tipo de ajuste" className="join">
          <label className="btn btn-sm join-item has-[:checked]:btn-primary">
            <input type="radio" className="sr-only" name="mode" checked={mode === "delta"} onChange={() => setMode("delta")} />
            Sumar o restar
          </label>
          <label className="btn btn-sm join-item has-[:checked]:btn-primary">
            <input type="radio" className="sr-only" name="mode" checked={mode === "set"} onChange={() => setMode("set")} />
            Fijar cantidad
          </label>
        </div>
        <label>
          <span className="mb-1 block text-sm font-medium">{mode === "set" ? "Nuevo stock" : "Unidades (negativo para restar)"}</span>
          <input type="number" inputMode="numeric" className="input input-bordered w-full" value={qty} onChange={(e) => setQty(e.target.value)} />
        </label>
        <label>
          <span className="mb-1 block text-sm font-medium">Motivo</span>
          <input className="input input-bordered w-full" maxLength={200} placeholder="Horneada de la mañana" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <p className="text-sm text-base-content/70">
          Actual: {formatNumber(product.stock)}
          {qtyValid ? (
            <>
              {" "}→ queda en <strong className={result < 0 ? "text-error" : ""}>{formatNumber(result)}</strong>
            </>
          ) : null}
        </p>
        {result < 0 && qtyValid ? <p className="text-sm text-error">El stock no puede quedar negativo.</p> : null}
        {error ? <p role="alert" className="text-sm text-error">{error}</p> : null}
        <div className="modal-action">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Volver
          </button>
          <button type="submit" className="btn btn-primary" disabled={!valid || busy}>
            Guardar ajuste
          </button>
        </div>
      </form>
    </Modal>
  );
}
