import type { AdminStats } from "../../lib/api";
import { compare, type Change } from "../../lib/dates";
import { formatMoney, formatNumber } from "../../lib/format";

export interface Kpi {
  id: "revenue" | "paidOrders" | "averageOrderValue" | "newCustomers";
  label: string;
  value: string;
  previous: string;
  change: Change | null;
}

/** The four headline figures of Resumen, each compared with the previous period (null while it loads). */
export function buildKpis(current: AdminStats, previous: AdminStats | undefined): Kpi[] {
  const rows: { id: Kpi["id"]; label: string; money: boolean }[] = [
    { id: "revenue", label: "Ingresos", money: true },
    { id: "paidOrders", label: "Pedidos pagados", money: false },
    { id: "averageOrderValue", label: "Ticket promedio", money: true },
    { id: "newCustomers", label: "Clientes nuevos", money: false },
  ];
  return rows.map(({ id, label, money }) => {
    const fmt = money ? formatMoney : formatNumber;
    return {
      id,
      label,
      value: fmt(current[id]),
      previous: previous ? fmt(previous[id]) : "—",
      change: previous ? compare(current[id], previous[id]) : null,
    };
  });
}
