// Colombian mobile numbers: ten digits starting with 3 (what the server accepts), typed however
// people type them ("314 870 2078", "+57 3148702078").
export function normalizePhone(input: string): string {
  let digits = input.replace(/\D/g, "");
  if (digits.length === 12 && digits.startsWith("57")) digits = digits.slice(2);
  return digits;
}

export function isColombianMobile(input: string): boolean {
  return /^3\d{9}$/.test(normalizePhone(input));
}

/** "3148702078" → "314 870 2078". */
export function formatPhone(input: string): string {
  const d = normalizePhone(input);
  if (d.length !== 10) return input;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
