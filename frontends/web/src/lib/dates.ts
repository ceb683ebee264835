// Dates are shown in the shop's time zone whatever the shopper's device says.
const zone = "America/Bogota";

const dateFmt = new Intl.DateTimeFormat("es-CO", { timeZone: zone, day: "numeric", month: "long", year: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat("es-CO", {
  timeZone: zone,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

function parse(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "4 de junio de 2025" */
export function formatDate(value: string | Date | undefined | null): string {
  if (!value) return "";
  // Plain calendar dates (birth dates, coupon end days) must not shift a day through UTC.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return new Intl.DateTimeFormat("es-CO", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
  }
  const d = parse(value);
  return d ? dateFmt.format(d) : "";
}

/** "4 de junio de 2025, 10:04 a. m." */
export function formatDateTime(value: string | Date | undefined | null): string {
  if (!value) return "";
  const d = parse(value);
  return d ? dateTimeFmt.format(d) : "";
}
