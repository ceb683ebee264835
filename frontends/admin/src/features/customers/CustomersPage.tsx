import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { OrderStatusPill, Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type OrderStatus } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { DOCUMENT_TYPE_LABEL } from "../../lib/labels";
import { AccountStatus } from "./AccountStatus";

const PAGE_SIZE = 20;

export default function CustomersPage() {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const active = search.get("activo");
  const role = search.get("rol");
  const page = Math.max(1, Number(search.get("pagina")) || 1);
  const openId = search.get("cliente");
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  const list = $api.useQuery("get", "/api/admin/customers", {
    params: {
      query: {
        ...(q ? { q } : {}),
        ...(active === "si" ? { active: true } : active === "no" ? { active: false } : {}),
        ...(role === "admin" || role === "customer" ? { role } : {}),
        page,
        limit: PAGE_SIZE,
      },
    },
  });
  const set = (key: string, value: string) =>
    setSearch((cur) => {
      const out = new URLSearchParams(cur);
      if (value) out.set(key, value);
      else out.delete(key);
      if (key !== "pagina" && key !== "cliente") out.delete("pagina");
      return out;
    });

  return (
    <>
      <PageHeader title="Clientes" subtitle={list.data ? `${list.data.total} cuentas` : undefined} />
      <form
        role="search"
        aria-label="Filtrar clientes"
        className="flex flex-wrap items-end gap-3 rounded-box bg-base-100 p-3 ring-1 ring-base-300"
        onSubmit={(e) => {
          e.preventDefault();
          set("q", qInput.trim());
        }}
      >
        <label className="min-w-56 flex-1">
          <span className="mb-1 block text-xs font-medium">Buscar</span>
          <input type="search" className="input input-sm input-bordered w-full" placeholder="Nombre, correo o documento" value={qInput} onChange={(e) => setQInput(e.target.value)} />
        </label>
        <label>
          <span className="mb-1 block text-xs font-medium">Estado</span>
          <select className="select select-sm select-bordered" value={active ?? ""} onChange={(e) => set("activo", e.target.value)}>
            <option value="">Todas</option>
            <option value="si">Activas</option>
            <option value="no">Desactivadas</option>
          </select>
        </label>
        <label>
          <span className="mb-1 block text-xs font-medium">Rol</span>
          <select className="select select-sm select-bordered" value={role ?? ""} onChange={(e) => set("rol", e.target.value)}>
            <option value="">Todos</option>
            <option value="customer">Clientes</option>
            <option value="admin">Administradores</option>
          </select>
        </label>
        <button type="submit" className="btn btn-sm btn-primary">
          Buscar
        </button>
      </form>
      <div className={`mt-4 grid items-start gap-4 ${openId ? "xl:grid-cols-[minmax(0,1fr)_26rem]" : ""}`}>
        <section className="card overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de clientes">
          {list.isPending ? (
            <Loading rows={8} />
          ) : list.isError ? (
            <ErrorState error={list.error} retry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty title="Ninguna cuenta coincide" />
          ) : (
            <>
              <div className="overflow-x-auto">
                <table className="table table-sm">
                  <caption className="sr-only">Clientes</caption>
                  <thead>
                    <tr className="text-xs uppercase text-base-content/70">
                      <th scope="col">Nombre</th>
                      <th scope="col">Correo</th>
                      <th scope="col">Rol</th>
                      <th scope="col">Estado</th>
                      <th scope="col">Desde</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((c) => (
                      <tr key={c.id} className={openId === c.id ? "bg-primary/5" : ""}>
                        <td>
                          <button type="button" className="link link-hover text-left font-medium" onClick={() => set("cliente", c.id)}>
                            {c.name || c.email}
                          </button>
                        </td>
                        <td className="break-all">{c.email}</td>
                        <td>{c.role === "admin" ? <Pill tone="info">Administrador</Pill> : "Cliente"}</td>
                        <td>{c.isActive ? <Pill tone="good">Activa</Pill> : <Pill tone="bad">Desactivada</Pill>}</td>
                        <td className="whitespace-nowrap">{formatDate(c.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} limit={PAGE_SIZE} total={list.data.total} onPage={(p) => set("pagina", String(p))} />
            </>
          )}
        </section>
        {openId ? <CustomerDetail key={openId} id={openId} onClose={() => set("cliente", "")} /> : null}
      </div>
    </>
  );
}

function CustomerDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { user } = useAuth();
  const customer = $api.useQuery("get", "/api/admin/customers/{id}", { params: { path: { id } } });
  const orders = $api.useQuery("get", "/api/admin/orders", { params: { query: { q: customer.data?.email ?? "", limit: 10 } } }, { enabled: !!customer.data });
  const queryClient = useQueryClient();
  const toast = useToast();
  const c = customer.data;
  const setActive = async (next: boolean) => {
    if (!c) return;
    try {
      const { data } = await api.PATCH("/api/admin/customers/{id}/status", { params: { path: { id: c.id } }, body: { isActive: next } });
      queryClient.setQueryData(["get", "/api/admin/customers/{id}", { params: { path: { id } } }], data);
      void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/customers"] });
      toast.show(next ? `Cuenta de ${data!.email} reactivada` : `Cuenta de ${data!.email} desactivada`);
    } catch (err) {
      toast.show(errorText(err), "error");
    }
  };
  return (
    <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="customer-title" data-testid="customer-detail">
      <div className="flex items-center justify-between border-b border-base-300 px-5 py-3">
        <h2 id="customer-title" className="font-semibold">
          {c ? c.name || c.email : "Cliente"}
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Cerrar
        </button>
      </div>
      {customer.isPending ? (
        <Loading rows={6} />
      ) : customer.isError ? (
        <ErrorState error={customer.error} retry={() => void customer.refetch()} />
      ) : c ? (
        <div className="flex flex-col gap-4 p-5 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            {c.isActive ? <Pill tone="good">Activa</Pill> : <Pill tone="bad">Desactivada</Pill>}
            {c.role === "admin" ? <Pill tone="info">Administrador</Pill> : null}
          </div>
          <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-base-content/70">Correo</dt>
            <dd className="break-all">{c.email}</dd>
            <dt className="text-base-content/70">Teléfono</dt>
            <dd>{c.phone ?? "—"}</dd>
            <dt className="text-base-content/70">Documento</dt>
            <dd>{c.documentType ? `${DOCUMENT_TYPE_LABEL[c.documentType]} ${c.documentNumber ?? ""}` : "—"}</dd>
            <dt className="text-base-content/70">Nacimiento</dt>
            <dd>{c.birthDate ? formatDate(c.birthDate) : "—"}</dd>
            <dt className="text-base-content/70">Correos</dt>
            <dd>{c.emailNotifications ? "Avisos de pedidos" : "Sin avisos"}{c.marketingEmails ? " · promociones" : ""}</dd>
            <dt className="text-base-content/70">Registro</dt>
            <dd>{formatDateTime(c.createdAt)}</dd>
          </dl>
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-base-content/70">Direcciones</h3>
            {c.addresses.length === 0 ? (
              <p className="text-base-content/70">Sin direcciones guardadas.</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {c.addresses.map((a) => (
                  <li key={a.id} className="rounded-lg bg-base-200 p-2">
                    <span className="font-medium">{a.label}</span>
                    {a.isDefault ? <span className="ml-2"><Pill>Principal</Pill></span> : null}
                    <br />
                    {a.streetAddress}, {a.city} · {a.phoneNumber}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <CustomerOrders loading={orders.isPending} items={orders.data?.items.filter((o) => o.customer.id === c.id) ?? []} />
          <AccountStatus customer={c} selfId={user.id} onSetActive={setActive} />
        </div>
      ) : null}
    </section>
  );
}

function CustomerOrders({ loading, items }: { loading: boolean; items: { id: string; reference: string; status: OrderStatus; total: number; createdAt: string }[] }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-base-content/70">Pedidos recientes</h3>
      {loading ? (
        <div className="skeleton h-12" />
      ) : items.length === 0 ? (
        <p className="text-base-content/70">Sin pedidos.</p>
      ) : (
        <ul className="divide-y divide-base-300">
          {items.map((o) => (
            <li key={o.id} className="flex items-center justify-between gap-2 py-1.5">
              <Link className="link link-hover" to={`/pedidos?pedido=${o.id}`}>
                #{o.reference}
              </Link>
              <span className="text-xs text-base-content/70">{formatDate(o.createdAt)}</span>
              <OrderStatusPill status={o.status} />
              <span className="num">{formatMoney(o.total)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
