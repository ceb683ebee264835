import { newIdempotencyKey, type Schema } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { ConfirmDialog } from "../../components/Modal";
import { icons } from "../../components/icons";
import { PageHeader } from "../../components/PageHeader";
import { Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { CreatedKey, CreateKey } from "./KeyDialogs";

type ApiKey = Schema<"ApiKey">;

export default function ApiKeysPage() {
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const list = $api.useQuery("get", "/api/admin/api-keys", { params: { query: { includeRevoked, limit: 100 } } });
  const queryClient = useQueryClient();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Schema<"ApiKeyCreated"> | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/api-keys"] });
  const revoke = async (k: ApiKey) => {
    try {
      await api.DELETE("/api/admin/api-keys/{id}", { params: { path: { id: k.id } } });
      toast.show(`Clave «${k.name}» revocada`);
      invalidate();
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setRevoking(null);
    }
  };
  return (
    <>
      <PageHeader
        title="Claves API"
        subtitle="Para el administrador de terminal y las integraciones: se envían como Authorization: Bearer dpk_…"
        actions={
          <button type="button" className="btn btn-sm btn-primary gap-2" onClick={() => setCreating(true)}>
            {icons.plus}
            Nueva clave
          </button>
        }
      />
      <label className="mb-3 flex items-center gap-2 text-sm">
        <input type="checkbox" className="checkbox checkbox-sm" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} />
        Mostrar las revocadas
      </label>
      <section className="card overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de claves">
        {list.isPending ? (
          <Loading rows={4} />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title="No hay claves API" />
        ) : (
          <table className="table table-sm">
            <caption className="sr-only">Claves API</caption>
            <thead>
              <tr className="text-xs uppercase text-base-content/70">
                <th scope="col">Nombre</th>
                <th scope="col">Prefijo</th>
                <th scope="col">Permisos</th>
                <th scope="col">Creada</th>
                <th scope="col">Último uso</th>
                <th scope="col"><span className="sr-only">Acciones</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((k) => (
                <tr key={k.id} data-testid="api-key-row">
                  <td className="font-medium">{k.name}</td>
                  <td className="font-mono text-xs">{k.prefix}…</td>
                  <td>{k.scopes.map((s) => (s === "admin" ? "Administración" : "Solo lectura")).join(", ")}</td>
                  <td className="whitespace-nowrap">{formatDateTime(k.createdAt)}</td>
                  <td className="whitespace-nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Nunca"}</td>
                  <td className="text-right">
                    {k.revokedAt ? (
                      <Pill tone="bad">Revocada</Pill>
                    ) : (
                      <button type="button" className="btn btn-xs btn-ghost text-error" onClick={() => setRevoking(k)} aria-label={`Revocar ${k.name}`}>
                        Revocar
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {creating ? (
        <CreateKey
          onClose={() => setCreating(false)}
          onCreate={async (body) => {
            const { data } = await api.POST("/api/admin/api-keys", { params: { header: { "Idempotency-Key": newIdempotencyKey() } }, body });
            setCreating(false);
            // The secret lives only in this state: closing the dialog forgets it for good.
            setCreated(data!);
            invalidate();
          }}
        />
      ) : null}
      <CreatedKey created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revocar «${revoking?.name ?? ""}»`}
        message="La clave deja de funcionar de inmediato. Quien la use recibirá 401."
        confirmLabel="Revocar clave"
        danger
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      />
    </>
  );
}

