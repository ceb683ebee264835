import { newIdempotencyKey } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { Fragment, useEffect, useState } from "react";
import { useSearchParams } from "react-router";

import { ConfirmDialog } from "../../components/Modal";
import { icons } from "../../components/icons";
import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type Coupon } from "../../lib/api";
import { bogotaDay } from "../../lib/dates";
import { formatDate, formatNumber } from "../../lib/format";
import { CouponForm, ruleSummary, type CouponBody } from "./CouponForm";

const PAGE_SIZE = 20;

function couponState(c: Coupon, today: string): { label: string; tone: "good" | "neutral" | "warn" | "bad" } {
  if (!c.isActive) return { label: "Apagado", tone: "neutral" };
  if (c.endsAt && c.endsAt.slice(0, 10) < today) return { label: "Vencido", tone: "bad" };
  if (c.startsAt && c.startsAt.slice(0, 10) > today) return { label: "Programado", tone: "warn" };
  if (c.usageLimit > 0 && c.usedCount >= c.usageLimit) return { label: "Agotado", tone: "bad" };
  return { label: "Activo", tone: "good" };
}

export default function CouponsPage() {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const page = Math.max(1, Number(search.get("pagina")) || 1);
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  const list = $api.useQuery("get", "/api/coupons", { params: { query: { ...(q ? { q } : {}), page, limit: PAGE_SIZE } } });
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState<Coupon | "new" | null>(null);
  const [deleting, setDeleting] = useState<Coupon | null>(null);
  const today = bogotaDay();
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: ["get", "/api/coupons"] });

  const toggle = async (c: Coupon) => {
    try {
      await api.PATCH("/api/coupons/{id}", { params: { path: { id: c.id } }, body: { isActive: !c.isActive } });
      toast.show(c.isActive ? `Cupón ${c.code} apagado` : `Cupón ${c.code} encendido`);
      invalidate();
    } catch (err) {
      toast.show(errorText(err), "error");
    }
  };
  const create = async (body: CouponBody) =>
    (await api.POST("/api/coupons", { params: { header: { "Idempotency-Key": newIdempotencyKey() } }, body })).data!;
  const save = async (c: Coupon, body: CouponBody, unset: ("startsAt" | "endsAt")[]) =>
    (await api.PATCH("/api/coupons/{id}", { params: { path: { id: c.id } }, body: { ...body, ...(unset.length ? { unset } : {}) } })).data!;
  const remove = async (c: Coupon) => {
    try {
      await api.DELETE("/api/coupons/{id}", { params: { path: { id: c.id } } });
      toast.show(`Cupón ${c.code} eliminado`);
      invalidate();
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setDeleting(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Cupones"
        subtitle={list.data ? `${list.data.total} cupones` : undefined}
        actions={
          <button type="button" className="btn btn-sm btn-primary gap-2" onClick={() => setEditing("new")}>
            {icons.plus}
            Nuevo cupón
          </button>
        }
      />
      <form
        role="search"
        aria-label="Buscar cupones"
        className="flex items-end gap-3 rounded-box bg-base-100 p-3 ring-1 ring-base-300"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(qInput.trim() ? { q: qInput.trim() } : {}, { replace: true });
        }}
      >
        <label className="flex-1">
          <span className="mb-1 block text-xs font-medium">Buscar</span>
          <input type="search" className="input input-sm input-bordered w-full" placeholder="Código o descripción" value={qInput} onChange={(e) => setQInput(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-sm btn-primary">
          Buscar
        </button>
      </form>
      <section className="card mt-4 overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Lista de cupones">
        {list.isPending ? (
          <Loading rows={6} />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title="No hay cupones">Crea el primero con «Nuevo cupón».</Empty>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="table table-sm">
                <caption className="sr-only">Cupones</caption>
                <thead>
                  <tr className="text-xs uppercase text-base-content/70">
                    <th scope="col">Código</th>
                    <th scope="col">Regla</th>
                    <th scope="col">Uso</th>
                    <th scope="col">Vigencia</th>
                    <th scope="col">Estado</th>
                    <th scope="col"><span className="sr-only">Acciones</span></th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((c) => {
                    const st = couponState(c, today);
                    return (
                      <tr key={c.id} data-testid={`coupon-${c.code}`}>
                        <td>
                          <span className="font-mono font-semibold">{c.code}</span>
                          {c.isPublic ? <span className="ml-2"><Pill tone="info">Público</Pill></span> : null}
                          {c.description ? <span className="block text-xs text-base-content/70">{c.description}</span> : null}
                        </td>
                        <td className="text-sm">
                          {/* Each part stays on one line so an amount never breaks after its "$". */}
                          {ruleSummary(c)
                            .split(" · ")
                            .map((part, i) => (
                              <Fragment key={part}>
                                {i > 0 ? " · " : null}
                                <span className="whitespace-nowrap">{part}</span>
                              </Fragment>
                            ))}
                        </td>
                        <td className="num whitespace-nowrap">
                          {formatNumber(c.usedCount)} de {c.usageLimit > 0 ? formatNumber(c.usageLimit) : "∞"}
                          <span className="block text-xs text-base-content/70">
                            {c.perCustomerLimit > 0 ? `${c.perCustomerLimit} por cliente` : "sin límite por cliente"}
                          </span>
                        </td>
                        <td className="whitespace-nowrap text-sm">
                          {c.startsAt || c.endsAt ? `${c.startsAt ? formatDate(c.startsAt) : "…"} – ${c.endsAt ? formatDate(c.endsAt) : "…"}` : "Siempre"}
                        </td>
                        <td><Pill tone={st.tone}>{st.label}</Pill></td>
                        <td className="whitespace-nowrap text-right">
                          <label className="mr-2 inline-flex cursor-pointer items-center gap-2 align-middle text-xs">
                            <input type="checkbox" className="toggle toggle-sm toggle-primary" checked={c.isActive} onChange={() => void toggle(c)} aria-label={`Cupón ${c.code} encendido`} />
                          </label>
                          <button type="button" className="btn btn-xs btn-ghost" onClick={() => setEditing(c)} aria-label={`Editar ${c.code}`}>
                            Editar
                          </button>
                          <button type="button" className="btn btn-xs btn-ghost text-error" onClick={() => setDeleting(c)} aria-label={`Eliminar ${c.code}`}>
                            Eliminar
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination page={page} limit={PAGE_SIZE} total={list.data.total} onPage={(p) => setSearch({ ...(q ? { q } : {}), pagina: String(p) })} />
          </>
        )}
      </section>
      {editing ? (
        <CouponForm
          coupon={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSave={async (body, unset) => {
            const c = editing === "new" ? await create(body) : await save(editing, body, unset);
            toast.show(editing === "new" ? `Cupón ${c.code} creado` : `Cupón ${c.code} guardado`);
            invalidate();
            setEditing(null);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Eliminar el cupón ${deleting?.code ?? ""}`}
        message="El código deja de funcionar. Los pedidos que ya lo usaron conservan su descuento."
        confirmLabel="Eliminar cupón"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </>
  );
}

