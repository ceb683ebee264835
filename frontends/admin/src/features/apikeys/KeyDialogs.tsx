import type { Schema } from "@donpalito/api-client";
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { errorText } from "../../components/states";

export type NewKeyBody = Schema<"ApiKeyCreate">;

/** The dialog right after creating a key: the only time its secret is on screen. */
export function CreatedKey({ created, onClose }: { created: Schema<"ApiKeyCreated"> | null; onClose: () => void }) {
  return (
    <Modal open={created !== null} title="Clave creada" onClose={onClose}>
      {created ? <ShownOnce secret={created.key} /> : null}
    </Modal>
  );
}

function ShownOnce({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <p role="alert" className="alert alert-warning text-sm">
        Cópiala ahora: es la única vez que se muestra. Guardamos solo su huella.
      </p>
      <label htmlFor="new-key" className="text-sm font-medium">
        Clave
      </label>
      <div className="join w-full">
        <input id="new-key" readOnly className="input input-bordered join-item w-full font-mono text-sm" value={secret} onFocus={(e) => e.target.select()} data-testid="new-api-key" />
        <button
          type="button"
          className="btn join-item"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copiada" : "Copiar"}
        </button>
      </div>
    </div>
  );
}

/** Name and permissions of a new key; `onCreate` sends it and its ApiProblem shows above the buttons. */
export function CreateKey({ onClose, onCreate }: { onClose: () => void; onCreate: (body: NewKeyBody) => Promise<void> }) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"admin" | "read">("admin");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = name.trim().length > 0 && name.trim().length <= 100;
  return (
    <Modal open title="Nueva clave API" onClose={onClose}>
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid) {
            setError("Escribe un nombre (máximo 100 caracteres)");
            return;
          }
          setBusy(true);
          setError(null);
          try {
            await onCreate({ name: name.trim(), scopes: [scope] });
          } catch (err) {
            setError(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div>
          <label htmlFor="key-name" className="mb-1 block text-sm font-medium">
            Nombre
          </label>
          <input id="key-name" className="input input-bordered w-full" placeholder="Caja mostrador" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="key-scope" className="mb-1 block text-sm font-medium">
            Permisos
          </label>
          <select id="key-scope" className="select select-bordered w-full" value={scope} onChange={(e) => setScope(e.target.value as "admin" | "read")}>
            <option value="admin">Administración (leer y cambiar)</option>
            <option value="read">Solo lectura</option>
          </select>
        </div>
        {error ? <p role="alert" className="text-sm text-error">{error}</p> : null}
        <div className="modal-action">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Volver
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Crear clave
          </button>
        </div>
      </form>
    </Modal>
  );
}
