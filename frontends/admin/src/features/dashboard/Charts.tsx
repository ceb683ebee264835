// Recharts lives in this chunk only: Resumen renders its cards first and the charts when this arrives.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis, Area, AreaChart } from "recharts";

import type { AdminStats } from "../../lib/api";
import { ORDER_STATUS_LABEL, ORDER_STATUSES } from "../../lib/labels";
import { formatMoney, formatNumber, formatShortDay } from "../../lib/format";

const STATUS_COLOR: Record<string, string> = {
  pending: "#d97706",
  paid: "#0284c7",
  in_preparation: "#7c3aed",
  ready: "#0d9488",
  delivered: "#059669",
  canceled: "#78716c",
  rejected: "#e11d48",
};

function compactMoney(minor: number): string {
  const pesos = minor / 100;
  if (pesos >= 1_000_000) return `$ ${String(Math.round(pesos / 100_000) / 10).replace(".", ",")} M`;
  if (pesos >= 1_000) return `$ ${Math.round(pesos / 1_000)} mil`;
  return `$ ${Math.round(pesos)}`;
}

export default function Charts({ stats, days }: { stats: AdminStats; days: number }) {
  const byDay = stats.revenueByDay.map((d) => ({ ...d, label: formatShortDay(d.date) }));
  const byStatus = ORDER_STATUSES.map((s) => ({ status: s, label: ORDER_STATUS_LABEL[s], count: stats.ordersByStatus[s] }));
  const totalOrders = byStatus.reduce((n, s) => n + s.count, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section className="card bg-base-100 ring-1 ring-base-300 lg:col-span-2" aria-labelledby="rev-title">
        <div className="card-body p-5">
          <h2 id="rev-title" className="font-semibold">Ingresos por día</h2>
          <p className="text-xs text-base-content/70">
            {days} {days === 1 ? "día" : "días"} · total {formatMoney(stats.revenue)} (solo pedidos pagados)
          </p>
          <div className="h-64" role="img" aria-label={`Gráfico de ingresos por día: total ${formatMoney(stats.revenue)}`}>
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={byDay} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <defs>
                  <linearGradient id="rev" x1="0" y1="0" x2="0" y2="1">
                    <stop offset="0%" stopColor="#b45309" stopOpacity={0.35} />
                    <stop offset="100%" stopColor="#b45309" stopOpacity={0.02} />
                  </linearGradient>
                </defs>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e7e5e4" />
                <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} minTickGap={16} />
                <YAxis tickFormatter={compactMoney} tickLine={false} axisLine={false} fontSize={12} width={72} />
                <Tooltip
                  formatter={(v) => [formatMoney(Number(v)), "Ingresos"]}
                  labelFormatter={(l) => String(l)}
                />
                <Area type="monotone" dataKey="revenue" stroke="#b45309" strokeWidth={2} fill="url(#rev)" />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        </div>
      </section>
      <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="status-title">
        <div className="card-body p-5">
          <h2 id="status-title" className="font-semibold">Pedidos por estado</h2>
          <p className="text-xs text-base-content/70">{formatNumber(totalOrders)} pedidos creados en el periodo</p>
          <div className="h-64" role="img" aria-label={byStatus.map((s) => `${s.label}: ${s.count}`).join(", ")}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={byStatus} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                <XAxis type="number" allowDecimals={false} hide />
                <YAxis type="category" dataKey="label" width={104} tickLine={false} axisLine={false} fontSize={12} />
                <Tooltip formatter={(v) => [formatNumber(Number(v)), "Pedidos"]} cursor={{ fill: "#f5f5f4" }} />
                <Bar dataKey="count" radius={[0, 4, 4, 0]}>
                  {byStatus.map((s) => (
                    <Cell key={s.status} fill={STATUS_COLOR[s.status]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      </section>
    </div>
  );
}
