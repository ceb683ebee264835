// Money arrives in minor units of the store currency (COP exponent 2: 250000 = $ 2.500).
// One formatter for the whole app: es-CO grouping with dots, no decimals when the cents are zero.

const exponents: Record<string, number> = { COP: 2, USD: 2, EUR: 2, CLP: 0, JPY: 0 };

function exponentOf(currency: string): number {
  return exponents[currency.toUpperCase()] ?? 2;
}

/** Formats an amount in minor units as `$ 12.500` (or `$ 12.500,50` when there are cents). */
export function formatMoney(minor: number, currency = "COP"): string {
  const exp = exponentOf(currency);
  const negative = minor < 0;
  const abs = Math.abs(Math.trunc(minor));
  const factor = 10 ** exp;
  const major = Math.floor(abs / factor);
  const cents = abs % factor;
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const fraction = cents === 0 ? "" : "," + cents.toString().padStart(exp, "0");
  return `${negative ? "-" : ""}$ ${grouped}${fraction}`;
}

/** Converts whole pesos typed by a shopper (price filters) to minor units. */
export function toMinor(major: number, currency = "COP"): number {
  return Math.round(major * 10 ** exponentOf(currency));
}

/** Converts minor units to whole pesos for inputs. */
export function toMajor(minor: number, currency = "COP"): number {
  return minor / 10 ** exponentOf(currency);
}
