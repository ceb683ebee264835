// The Pedidos filters live in the URL (shareable, survive reloads, back/forward work). These two functions are
// the only place that knows the parameter names.
import type { Schema } from "@donpalito/api-client";

import { isDay } from "../../lib/dates";
import { formatDate } from "../../lib/format";
import { ORDER_STATUSES } from "../../lib/labels";

export interface OrderFilters {
  status?: Schema<"OrderStatus">;
  paymentMethod?: Schema<"PaymentMethod">;
  from?: string;
  to?: string;
  q?: string;
  page: number;
}

const METHODS: Schema<"PaymentMethod">[] = ["card", "transfer"];

export function parseOrderFilters(search: URLSearchParams): OrderFilters {
  const f: OrderFilters = { page: 1 };
  const status = search.get("estado");
  if (status && (ORDER_STATUSES as string[]).includes(status)) f.status = status as Schema<"OrderStatus">;
  const method = search.get("pago");
  if (method && (METHODS as string[]).includes(method)) f.paymentMethod = method as Schema<"PaymentMethod">;
  const from = search.get("desde");
  if (isDay(from)) f.from = from;
  const to = search.get("hasta");
  if (isDay(to)) f.to = to;
  const q = search.get("q")?.trim();
  if (q) f.q = q.slice(0, 200);
  const page = Number(search.get("pagina"));
  if (Number.isInteger(page) && page > 1) f.page = page;
  return f;
}

/**
 * Writes filters into a copy of `current`, keeping parameters that are not filters (the open order, say).
 * A change of any filter other than the page goes back to page 1.
 */
export function withOrderFilters(current: URLSearchParams, next: OrderFilters): URLSearchParams {
  const out = new URLSearchParams(current);
  const set = (key: string, value: string | undefined) => (value ? out.set(key, value) : out.delete(key));
  set("estado", next.status);
  set("pago", next.paymentMethod);
  set("desde", next.from);
  set("hasta", next.to);
  set("q", next.q?.trim() || undefined);
  set("pagina", next.page > 1 ? String(next.page) : undefined);
  return out;
}

/** The query the list and the CSV export send for these filters. */
export function orderQuery(f: OrderFilters) {
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.paymentMethod ? { paymentMethod: f.paymentMethod } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.q ? { q: f.q } : {}),
  };
}

export function hasFilters(f: OrderFilters): boolean {
  return !!(f.status || f.paymentMethod || f.from || f.to || f.q);
}

/**
 * The chosen days in Spanish words ("del 1 de jun de 2025 al 30 de jun de 2025"), shown next to the date inputs
 * because a browser draws those in its own language and order (mm/dd/yyyy in an English one).
 */
export function dateRangeText(f: Pick<OrderFilters, "from" | "to">): string {
  if (f.from && f.to) return f.from === f.to ? `el ${formatDate(f.from)}` : `del ${formatDate(f.from)} al ${formatDate(f.to)}`;
  if (f.from) return `desde el ${formatDate(f.from)}`;
  if (f.to) return `hasta el ${formatDate(f.to)}`;
  return "";
}
