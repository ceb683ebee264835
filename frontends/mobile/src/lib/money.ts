// Amounts arrive in minor units (COP exponent 2: 250000 = $ 2.500). One formatter for the app:
// es-CO grouping with dots, no decimals when the cents are zero. Written by hand because Hermes'
// Intl support differs between Android builds.
export function formatMoney(minor: number, currency = "COP"): string {
  const negative = minor < 0;
  const abs = Math.abs(Math.round(minor));
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const body = cents === 0 ? grouped : `${grouped},${String(cents).padStart(2, "0")}`;
  const symbol = currency === "COP" || currency === "USD" ? "$" : currency;
  return `${negative ? "-" : ""}${symbol} ${body}`;
}
