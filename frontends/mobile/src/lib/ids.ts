import * as Crypto from "expo-crypto";

/** A fresh Idempotency-Key (a v4 UUID) for one checkout attempt. */
export function newAttemptKey(): string {
  try {
    const id = Crypto.randomUUID();
    if (typeof id === "string" && id.length >= 32) return id;
  } catch {
    // expo-crypto unavailable (tests): fall through.
  }
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
