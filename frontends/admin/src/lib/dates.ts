// Calendar days of the shop (America/Bogota, UTC−5 all year: Colombia has no daylight saving time), the
// date-range presets of Resumen and the comparison with the previous period of the same length.

const BOGOTA_OFFSET_MS = 5 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Bogota calendar day (`YYYY-MM-DD`) of an instant. */
export function bogotaDay(at: Date = new Date()): string {
  return new Date(at.getTime() - BOGOTA_OFFSET_MS).toISOString().slice(0, 10);
}

function dayToUTC(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function utcToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return utcToDay(dayToUTC(day) + n * DAY_MS);
}

/** Number of days in the inclusive range. */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayToUTC(to) - dayToUTC(from)) / DAY_MS) + 1;
}

export interface DayRange {
  from: string;
  to: string;
}

export type RangePreset = "today" | "7d" | "30d" | "month" | "custom";

export const RANGE_PRESETS: { id: Exclude<RangePreset, "custom">; label: string }[] = [
  { id: "today", label: "Hoy" },
  { id: "7d", label: "7 días" },
  { id: "30d", label: "30 días" },
  { id: "month", label: "Este mes" },
];

/** The inclusive range a preset means on `today` (a Bogota day). */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: string): DayRange {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The period of the same length that ends the day before `range` starts. */
export function previousPeriod(range: DayRange): DayRange {
  const length = daysInRange(range.from, range.to);
  const to = addDays(range.from, -1);
  return { from: addDays(to, -(length - 1)), to };
}

export interface Change {
  /** current − previous */
  delta: number;
  /** Relative change in percent, or null when the previous value was zero (no base to compare with). */
  percent: number | null;
  trend: "up" | "down" | "flat";
}

/** How `current` compares with `previous`. */
export function compare(current: number, previous: number): Change {
  const delta = current - previous;
  const trend = delta > 0 ? "up" : delta < 0 ? "down" : "flat";
  if (previous === 0) return { delta, percent: current === 0 ? 0 : null, trend };
  return { delta, percent: (delta / Math.abs(previous)) * 100, trend };
}

/** `+12,5 %`, `-3 %`, `nuevo` (no previous base) for a Change. */
export function formatChange(change: Change): string {
  if (change.percent === null) return "nuevo";
  const rounded = Math.round(change.percent * 10) / 10;
  const sign = rounded > 0 ? "+" : "";
  return `${sign}${String(rounded).replace(".", ",")} %`;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day `YYYY-MM-DD`. */
export function isDay(value: string | null | undefined): value is string {
  return !!value && DAY_RE.test(value) && utcToDay(dayToUTC(value)) === value;
}
