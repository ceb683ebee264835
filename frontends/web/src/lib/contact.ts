import type { ShopContact } from "./api";

/** A wa.me link for the shop's WhatsApp number, with an optional prefilled message. */
export function whatsappLink(contact: ShopContact | null | undefined, text?: string): string | undefined {
  const digits = contact?.whatsapp?.replace(/\D/g, "");
  if (!digits) return undefined;
  const number = digits.length === 10 ? `57${digits}` : digits;
  return `https://wa.me/${number}${text ? `?text=${encodeURIComponent(text)}` : ""}`;
}
