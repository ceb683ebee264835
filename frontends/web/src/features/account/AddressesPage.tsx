import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { AccountNav } from "../../components/AccountNav";
import { AddressForm } from "../../components/AddressForm";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { $api, api, keys, type Address } from "../../lib/api";
import { problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";

export default function AddressesPage() {
  usePageTitle("Mis direcciones");
  const q = $api.useQuery("get", "/api/users/addresses");
  const qc = useQueryClient();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const items = q.data?.items ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: keys.addresses });

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      toast.success(ok);
      await refresh();
    } catch (err) {
      toast.error(problemMessage(err));
    }
  };

  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <PageHeading>Mis direcciones</PageHeading>
      <AccountNav />
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isLoading && <Loading label="Cargando tus direcciones…"><div className="skeleton mt-6 h-40" /></Loading>}
      {q.data && items.length === 0 && editing !== "new" && (
        <div className="mt-6">
          <EmptyState title="No tienes direcciones guardadas" action={<button type="button" className="btn btn-primary" onClick={() => setEditing("new")}>Agregar dirección</button>}>
            Guarda tu casa o tu oficina para pagar más rápido.
          </EmptyState>
        </div>
      )}
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {items.map((a: Address) => (
          <li key={a.id} className={`rounded-box border bg-base-100 p-4 ${a.isDefault ? "border-primary" : "border-base-300"}`}>
            {editing === a.id ? (
              <AddressForm
                idPrefix={`addr-${a.id}`}
                submitLabel="Guardar"
                defaultValues={{ ...a, notes: a.notes ?? "" }}
                onCancel={() => setEditing(null)}
                onSubmit={async (v) => {
                  await api.PUT("/api/users/addresses/{id}", { params: { path: { id: a.id } }, body: { ...v, label: v.label || a.label } });
                  toast.success("Actualizamos la dirección.");
                  setEditing(null);
                  await refresh();
                }}
              />
            ) : (
              <>
                <p className="font-semibold">
                  {a.label} {a.isDefault && <span className="badge badge-primary badge-sm ml-1">Principal</span>}
                </p>
                <p className="text-sm">{a.fullName}</p>
                <p className="text-sm">{a.streetAddress}, {a.city}</p>
                <p className="text-sm">{a.phoneNumber}</p>
                {a.notes && <p className="text-sm text-base-content/70">{a.notes}</p>}
                <div className="mt-3 flex flex-wrap gap-2">
                  <button type="button" className="btn btn-sm" onClick={() => setEditing(a.id)} aria-label={`Editar ${a.label}`}>Editar</button>
                  {!a.isDefault && (
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => void act(() => api.PUT("/api/users/addresses/{id}", { params: { path: { id: a.id } }, body: { isDefault: true } }), "Esa es ahora tu dirección principal.")}>
                      Usar como principal
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost text-error"
                    aria-label={`Eliminar ${a.label}`}
                    onClick={() => {
                      if (window.confirm(`¿Eliminar la dirección "${a.label}"?`)) void act(() => api.DELETE("/api/users/addresses/{id}", { params: { path: { id: a.id } } }), "Eliminamos la dirección.");
                    }}
                  >
                    Eliminar
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing === "new" ? (
        <section aria-labelledby="new-addr" className="mt-6 rounded-box border border-base-300 bg-base-100 p-5">
          <h2 id="new-addr" className="mb-3 font-display text-lg font-bold">Nueva dirección</h2>
          <AddressForm
            idPrefix="addr-new"
            submitLabel="Guardar dirección"
            defaultValues={{ label: "Casa" }}
            onCancel={() => setEditing(null)}
            onSubmit={async (v) => {
              await api.POST("/api/users/addresses", { body: { ...v, label: v.label || "Casa", isDefault: items.length === 0 } });
              toast.success("Guardamos la dirección.");
              setEditing(null);
              await refresh();
            }}
          />
        </section>
      ) : (
        items.length > 0 && items.length < 10 && (
          <button type="button" className="btn btn-primary mt-6" onClick={() => setEditing("new")}>Agregar dirección</button>
        )
      )}
    </div>
  );
}
