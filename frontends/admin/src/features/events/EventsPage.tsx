import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";

import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api } from "../../lib/api";
import { EVENT_STATE_LABEL } from "../../lib/labels";
import { EventItem } from "./EventItem";

const PAGE_SIZE = 25;
const TYPES = ["order.created", "order.paid", "order.status_changed", "order.canceled", "order.refunded", "user.created"];

export default function EventsPage() {
  const [search, setSearch] = useSearchParams();
  const type = search.get("tipo") ?? "";
  const state = search.get("estado") ?? "";
  const page = Math.max(1, Number(search.get("pagina")) || 1);
  const [open, setOpen] = useState<string | null>(null);
  const toast = useToast();
  const queryClient = useQueryClient();
  const list = $api.useQuery(
    "get",
    "/api/admin/events",
    {
      params: {
        query: {
          ...(type ? { type } : {}),
          ...(["pending", "processing", "delivered", "dead"].includes(state) ? { state: state as "dead" } : {}),
          page,
          limit: PAGE_SIZE,
        },
      },
    },
    { refetchInterval: 10_000 },
  );
  const set = (key: string, value: string) =>
    setSearch((cur) => {
      const out = new URLSearchParams(cur);
      if (value) out.set(key, value);
      else out.delete(key);
      if (key !== "pagina") out.delete("pagina");
      return out;
    });
  const retry = async (id: string) => {
    try {
      await api.POST("/api/admin/events/{id}/retry", { params: { path: { id } } });
      toast.show("Evento en cola de nuevo");
      void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/events"] });
    } catch (err) {
      toast.show(errorText(err), "error");
    }
  };
  return (
    <>
      <PageHeader title="Eventos" subtitle="La bandeja de salida: cada hecho del negocio y su entrega (correos, integraciones)." />
      <form role="search" aria-label="Filtrar eventos" className="flex flex-wrap items-end gap-3 rounded-box bg-base-100 p-3 ring-1 ring-base-300" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="mb-1 block text-xs font-medium">Tipo</span>
          <input list="event-types" className="input input-sm input-bordered" value={type} placeholder="order.paid" onChange={(e) => set("tipo", e.target.value.trim())} />
          <datalist id="event-types">
            {TYPES.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <label>
          <span className="mb-1 block text-xs font-medium">Estado</span>
          <select className="select select-sm select-bordered" value={state} onChange={(e) => set("estado", e.target.value)}>
            <option value="">Todos</option>
            {Object.entries(EVENT_STATE_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </form>
      <section className="card mt-4 overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de eventos">
        {list.isPending ? (
          <Loading rows={8} />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title="No hay eventos con estos filtros" />
        ) : (
          <>
            <ul className="divide-y divide-base-300">
              {list.data.items.map((ev) => (
                <EventItem key={ev.id} event={ev} open={open === ev.id} onToggle={() => setOpen(open === ev.id ? null : ev.id)} onRetry={retry} />
              ))}
            </ul>
            <Pagination page={page} limit={PAGE_SIZE} total={list.data.total} onPage={(p) => set("pagina", String(p))} />
          </>
        )}
      </section>
    </>
  );
}
