import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A native <dialog> shown modally: focus is trapped and Escape closes it, as the platform does.
 * `open` drives it; `onClose` runs on Escape, the backdrop or the close button.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    // jsdom (unit tests) has no showModal: fall back to the open attribute there.
    if (open && !d.open) {
      if (typeof d.showModal === "function") d.showModal();
      else d.setAttribute("open", "");
    }
    if (!open && d.open) {
      if (typeof d.close === "function") d.close();
      else d.removeAttribute("open");
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className={`modal-box ${wide ? "max-w-3xl" : "max-w-lg"}`}>
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button type="button" className="btn btn-ghost btn-sm btn-square" aria-label="Cerrar" onClick={onClose}>
              ✕
            </button>
          </div>
          {children}
        </div>
      ) : null}
      <form method="dialog" className="modal-backdrop">
        <button type="submit" tabIndex={-1} aria-label="Cerrar" onClick={onClose}>
          cerrar
        </button>
      </form>
    </dialog>
  );
}

/** Asks before a destructive action. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  return (
    <Modal open={open} title={title} onClose={onClose}>
      <div className="text-sm">{message}</div>
      {children}
      <div className="modal-action">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Volver
        </button>
        <button
          type="button"
          className={`btn ${danger ? "btn-error" : "btn-primary"}`}
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? <span className="loading loading-spinner loading-sm" aria-hidden /> : null}
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
