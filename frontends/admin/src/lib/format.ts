// Money and dates as the shop shows them: `$ 12.500` (es-CO grouping, cents only when not zero) and
// dates in America/Bogota with Spanish month names.

/** Formats an amount in minor units (COP exponent 2) as `$ 12.500` or `$ 12.500,50`. */
export function formatMoney(minor: number | null | undefined): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return "—";
  const negative = minor < 0;
  const abs = Math.abs(Math.round(minor));
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const text = cents === 0 ? grouped : `${grouped},${String(cents).padStart(2, "0")}`;
  return `${negative ? "-" : ""}$ ${text}`;
}

/** Formats a plain count with es-CO grouping: 12500 → `12.500`. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

export const SHOP_TIME_ZONE = "America/Bogota";

const dateTimeFmt = new Intl.DateTimeFormat("es-CO", {
  timeZone: SHOP_TIME_ZONE,
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

const dateFmt = new Intl.DateTimeFormat("es-CO", {
  timeZone: SHOP_TIME_ZONE,
  day: "numeric",
  month: "short",
  year: "numeric",
});

/** `4 jun 2025, 10:04 a. m.` in Bogota time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return dateTimeFmt.format(d);
}

/** `4 jun 2025` for an instant (Bogota day) or for a calendar day `YYYY-MM-DD`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  // A bare calendar day is a Bogota day already: pin it to Bogota noon so no zone shifts it.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00-05:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return dateFmt.format(d);
}

/** `4 jun` for chart axes (calendar day `YYYY-MM-DD`). */
export function formatShortDay(day: string): string {
  const d = new Date(`${day}T12:00:00-05:00`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat("es-CO", { timeZone: SHOP_TIME_ZONE, day: "numeric", month: "short" }).format(d);
}

/** Pesos typed in a form (`12500` or `12.500,50`) → minor units, or NaN when not a number. */
export function pesosToMinor(text: string): number {
  const cleaned = text.trim().replace(/\$/g, "").replace(/\s/g, "").replace(/\./g, "").replace(",", ".");
  if (cleaned === "" || !/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

/** Minor units → the pesos text a form field shows (`12500` or `12500,5`). */
export function minorToPesos(minor: number): string {
  const units = Math.trunc(minor / 100);
  const cents = Math.abs(minor % 100);
  return cents === 0 ? String(units) : `${units},${String(cents).padStart(2, "0")}`;
}
