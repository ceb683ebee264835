// Dates are shown in America/Bogota (UTC−5 all year, no daylight saving), with Spanish month names.
const MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
const MONTHS_LONG = [
  "enero", "febrero", "marzo", "abril", "mayo", "junio",
  "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
];
const BOGOTA_OFFSET_MS = -5 * 60 * 60 * 1000;

function bogota(iso: string): Date {
  return new Date(new Date(iso).getTime() + BOGOTA_OFFSET_MS);
}

/** "4 jun 2025, 10:04 a. m." */
export function formatDateTime(iso: string): string {
  const d = bogota(iso);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const min = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hour12}:${min} ${h < 12 ? "a. m." : "p. m."}`;
}

/** "4 de junio de 2025" */
export function formatDate(iso: string): string {
  const d = bogota(iso);
  return `${d.getUTCDate()} de ${MONTHS_LONG[d.getUTCMonth()]} de ${d.getUTCFullYear()}`;
}

/** A calendar day (YYYY-MM-DD, as birth dates are stored) shown as "15 de abril de 1990". */
export function formatCalendarDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  return `${d} de ${MONTHS_LONG[m - 1]} de ${y}`;
}

/** A local Date (from a date picker) as the YYYY-MM-DD calendar day it shows. */
export function toCalendarDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
