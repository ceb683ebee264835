import type { Schema } from "@donpalito/api-client";
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { errorText } from "../../components/states";
import type { Coupon } from "../../lib/api";
import { formatMoney, minorToPesos, pesosToMinor } from "../../lib/format";

export type CouponBody = Schema<"CouponCreate">;

/** `10 % de descuento · compra mínima $ 50.000 · tope $ 20.000`: what the coupon does, in one line. */
export function ruleSummary(c: Pick<Coupon, "type" | "value" | "minSubtotal" | "maxDiscount">): string {
  const parts = [c.type === "percentage" ? `${c.value} % de descuento` : `${formatMoney(c.value)} de descuento`];
  if (c.minSubtotal > 0) parts.push(`compra mínima ${formatMoney(c.minSubtotal)}`);
  if (c.type === "percentage" && c.maxDiscount > 0) parts.push(`tope ${formatMoney(c.maxDiscount)}`);
  return parts.join(" · ");
}

export interface Draft {
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

export function toDraft(c?: Coupon): Draft {
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

/** The request body of a checked draft: pesos become minor units, a percentage stays a whole number. */
export function draftToBody(d: Draft): CouponBody {
  return {
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
}

/**
 * The server's field errors (`body.value`, `/body/endsAt`, `minSubtotal`) keyed by the form field they belong to;
 * errors of fields the form does not have are left to the general message.
 */
export function serverFieldErrors(error: unknown): Partial<Record<keyof Draft, string>> {
  const fields: Partial<Record<keyof Draft, string>> = {};
  const problem = error as { errors?: { field?: string; message?: string }[] } | null;
  const known = Object.keys(toDraft());
  for (const fe of problem?.errors ?? []) {
    const key = (fe.field ?? "").replace(/^\/?body[./]?/, "").split(/[./[]/)[0] ?? "";
    if (known.includes(key) && !fields[key as keyof Draft]) fields[key as keyof Draft] = fe.message ?? "Valor no válido";
  }
  return fields;
}

/**
 * Every rule of a coupon. `onSave` gets the checked body (and, when editing, the dates to clear); when it throws
 * an ApiProblem the server's field errors land on their inputs and its detail shows above the buttons.
 */
export function CouponForm({
  coupon,
  onClose,
  onSave,
}: {
  coupon?: Coupon;
  onClose: () => void;
  onSave: (body: CouponBody, unset: ("startsAt" | "endsAt")[]) => Promise<void>;
}) {
  const [d, setD] = useState<Draft>(() => toDraft(coupon));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = couponProblems(d);
  const err = (k: keyof Draft) => (tried ? problems[k] : undefined) ?? serverErrors[k];
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((cur) => ({ ...cur, [k]: v }));
    // The server's complaint was about the old value.
    setServerErrors((cur) => (cur[k] ? { ...cur, [k]: undefined } : cur));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFormError(null);
    setServerErrors({});
    try {
      const unset = coupon ? (["startsAt", "endsAt"] as const).filter((k) => !d[k] && coupon[k]) : [];
      await onSave(draftToBody(d), unset);
    } catch (error) {
      setServerErrors(serverFieldErrors(error));
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
