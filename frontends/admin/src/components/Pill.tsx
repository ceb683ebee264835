import type { Schema } from "@donpalito/api-client";
import type { ReactNode } from "react";

import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "../lib/labels";

const tones = {
  neutral: "bg-stone-100 text-stone-800 ring-stone-300",
  good: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  warn: "bg-amber-100 text-amber-900 ring-amber-300",
  bad: "bg-rose-100 text-rose-900 ring-rose-300",
  info: "bg-sky-100 text-sky-900 ring-sky-300",
} as const;

export type PillTone = keyof typeof tones;

export function Pill({ tone = "neutral", children }: { tone?: PillTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function OrderStatusPill({ status }: { status: Schema<"OrderStatus"> }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${ORDER_STATUS_TONE[status]}`}
    >
      {ORDER_STATUS_LABEL[status]}
    </span>
  );
}
