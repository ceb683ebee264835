import { newIdempotencyKey } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

import { ConfirmDialog, Modal } from "../../components/Modal";
import { icons } from "../../components/icons";
import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { Pill } from "../../components/Pill";
import { Empty, ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type Coupon } from "../../lib/api";
import { bogotaDay } from "../../lib/dates";
import { formatDate, formatMoney, formatNumber, minorToPesos, pesosToMinor } from "../../lib/format";

const PAGE_SIZE = 20;

/** `10 %` or `$ 5.000`, plus the minimum and cap when they apply. */
export function ruleSummary(c: Pick<Coupon, "type" | "value" | "minSubtotal" | "maxDiscount">): string {
  const parts = [c.type === "percentage" ? `${c.value} % de descuento` : `${formatMoney(c.value)} de descuento`];
  if (c.minSubtotal > 0) parts.push(`compra mínima ${formatMoney(c.minSubtotal)}`);
  if (c.type === "percentage" && c.maxDiscount > 0) parts.push(`tope ${formatMoney(c.maxDiscount)}`);
  return parts.join(" · ");
}

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
                        <td className="text-sm">{ruleSummary(c)}</td>
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
          onSaved={(c) => {
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

interface Draft {
  code: string;
  description: string;
  type: "percentage" | "fixed";
  value: string;
  startsAt: string;
  endsAt: string;
  minSubtotal: string;
  maxDiscount: string;
  usageLimit: string;
  perCustomerLimit: string;
  isActive: boolean;
  isPublic: boolean;
}

function toDraft(c?: Coupon): Draft {
  return {
    code: c?.code ?? "",
    description: c?.description ?? "",
    type: c?.type ?? "percentage",
    value: c ? (c.type === "fixed" ? minorToPesos(c.value) : String(c.value)) : "",
    startsAt: c?.startsAt?.slice(0, 10) ?? "",
    endsAt: c?.endsAt?.slice(0, 10) ?? "",
    minSubtotal: c && c.minSubtotal > 0 ? minorToPesos(c.minSubtotal) : "",
    maxDiscount: c && c.maxDiscount > 0 ? minorToPesos(c.maxDiscount) : "",
    usageLimit: c && c.usageLimit > 0 ? String(c.usageLimit) : "",
    perCustomerLimit: c ? String(c.perCustomerLimit) : "1",
    isActive: c?.isActive ?? true,
    isPublic: c?.isPublic ?? false,
  };
}

/** Checks a draft; returns the problems by field (empty when it can be sent). */
export function couponProblems(d: Draft): Partial<Record<keyof Draft, string>> {
  const p: Partial<Record<keyof Draft, string>> = {};
  if (!/^[A-Za-z0-9_-]{3,40}$/.test(d.code.trim())) p.code = "De 3 a 40 letras, números, - o _";
  if (d.type === "percentage") {
    const v = Number(d.value);
    if (!Number.isInteger(v) || v < 1 || v > 100) p.value = "Un porcentaje entero de 1 a 100";
  } else if (!(pesosToMinor(d.value) >= 1)) p.value = "Un valor en pesos mayor que cero";
  if (d.minSubtotal && !(pesosToMinor(d.minSubtotal) >= 0)) p.minSubtotal = "Un valor en pesos";
  if (d.maxDiscount && !(pesosToMinor(d.maxDiscount) >= 0)) p.maxDiscount = "Un valor en pesos";
  if (d.usageLimit && !/^\d+$/.test(d.usageLimit)) p.usageLimit = "Un número entero (vacío: sin límite)";
  if (!/^\d+$/.test(d.perCustomerLimit) || Number(d.perCustomerLimit) > 1000) p.perCustomerLimit = "Un número entero de 0 a 1000 (0: sin límite)";
  if (d.startsAt && d.endsAt && d.startsAt > d.endsAt) p.endsAt = "Termina antes de empezar";
  return p;
}

function CouponForm({ coupon, onClose, onSaved }: { coupon?: Coupon; onClose: () => void; onSaved: (c: Coupon) => void }) {
  const [d, setD] = useState<Draft>(() => toDraft(coupon));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = couponProblems(d);
  const err = (k: keyof Draft) => (tried ? problems[k] : undefined) ?? serverErrors[k];
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    const body = {
      code: d.code.trim().toUpperCase(),
      description: d.description.trim(),
      type: d.type,
      value: d.type === "percentage" ? Number(d.value) : pesosToMinor(d.value),
      minSubtotal: d.minSubtotal ? pesosToMinor(d.minSubtotal) : 0,
      maxDiscount: d.type === "percentage" && d.maxDiscount ? pesosToMinor(d.maxDiscount) : 0,
      usageLimit: d.usageLimit ? Number(d.usageLimit) : 0,
      perCustomerLimit: Number(d.perCustomerLimit),
      isActive: d.isActive,
      isPublic: d.isPublic,
      ...(d.startsAt ? { startsAt: d.startsAt } : {}),
      ...(d.endsAt ? { endsAt: d.endsAt } : {}),
    };
    setBusy(true);
    setFormError(null);
    setServerErrors({});
    try {
      if (coupon) {
        const unset = (["startsAt", "endsAt"] as const).filter((k) => !d[k] && coupon[k]);
        const { data } = await api.PATCH("/api/coupons/{id}", {
          params: { path: { id: coupon.id } },
          body: { ...body, ...(unset.length ? { unset } : {}) },
        });
        onSaved(data!);
      } else {
        const { data } = await api.POST("/api/coupons", { params: { header: { "Idempotency-Key": newIdempotencyKey() } }, body });
        onSaved(data!);
      }
    } catch (error) {
      const fields: Record<string, string> = {};
      const problem = error as { errors?: { field?: string; message?: string }[] };
      for (const fe of problem.errors ?? []) {
        const key = (fe.field ?? "").replace(/^body[./]?/, "").split(/[./]/)[0] ?? "";
        if (key in d) fields[key] = fe.message ?? "Valor no válido";
      }
      setServerErrors(fields);
      setFormError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const input = (k: keyof Draft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`coupon-${k}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={`coupon-${k}`}
        className={`input input-bordered w-full ${err(k) ? "input-error" : ""}`}
        value={d[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
        aria-invalid={err(k) ? true : undefined}
        aria-describedby={err(k) ? `coupon-${k}-error` : undefined}
        {...props}
      />
      {err(k) ? (
        <span id={`coupon-${k}-error`} className="mt-1 block text-sm text-error">
          {err(k)}
        </span>
      ) : null}
    </div>
  );

  return (
    <Modal open title={coupon ? `Editar ${coupon.code}` : "Nuevo cupón"} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Datos del cupón">
        <div className="grid gap-4 md:grid-cols-2">
          {input("code", "Código", { className: `input input-bordered w-full font-mono uppercase ${err("code") ? "input-error" : ""}`, autoComplete: "off" })}
          {input("description", "Descripción", { maxLength: 200 })}
          <fieldset>
            <legend className="mb-1 block text-sm font-medium">Tipo</legend>
            <div className="join">
              <label className="btn btn-sm join-item has-[:checked]:btn-primary">
                <input type="radio" name="type" className="sr-only" checked={d.type === "percentage"} onChange={() => set("type", "percentage")} />
                Porcentaje
              </label>
              <label className="btn btn-sm join-item has-[:checked]:btn-primary">
                <input type="radio" name="type" className="sr-only" checked={d.type === "fixed"} onChange={() => set("type", "fixed")} />
                Valor fijo
              </label>
            </div>
          </fieldset>
          {input("value", d.type === "percentage" ? "Descuento (%)" : "Descuento (COP)", { inputMode: "decimal" })}
          {input("minSubtotal", "Compra mínima (COP, opcional)", { inputMode: "decimal" })}
          {d.type === "percentage" ? input("maxDiscount", "Descuento máximo (COP, opcional)", { inputMode: "decimal" }) : <div />}
          {input("startsAt", "Empieza (opcional)", { type: "date" })}
          {input("endsAt", "Termina (opcional, incluye ese día)", { type: "date" })}
          {input("usageLimit", "Usos en total (vacío: sin límite)", { inputMode: "numeric" })}
          {input("perCustomerLimit", "Usos por cliente (0: sin límite)", { inputMode: "numeric" })}
        </div>
        <div className="flex flex-wrap gap-6">
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input type="checkbox" className="toggle toggle-primary" checked={d.isActive} onChange={(e) => set("isActive", e.target.checked)} />
            Encendido
          </label>
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input type="checkbox" className="toggle toggle-primary" checked={d.isPublic} onChange={(e) => set("isPublic", e.target.checked)} />
            Público (se anuncia en la tienda)
          </label>
        </div>
        {formError ? (
          <p role="alert" className="alert alert-error">
            {formError}
          </p>
        ) : null}
        <div className="modal-action">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Volver
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {coupon ? "Guardar cupón" : "Crear cupón"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
