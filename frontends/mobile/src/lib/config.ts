// Store settings from GET /api/config: currency, shipping, payment methods, auth mode and keys,
// bank-transfer details and the shop's contact. The app hard-codes none of them.
import type { Schema } from "@donpalito/api-client";

import { $api } from "./api";

export interface BankTransferDetails {
  bank: string;
  accountType: string;
  accountNumber: string;
  holder: string;
  nit: string;
  instructions: string;
}

export interface ShopContact {
  whatsapp: string;
  phone: string;
  email: string;
  address: string;
  openingHours: string;
}

/**
 * The configuration as the app reads it. `clerkPublishableKey`, `bankTransfer` and `contact` were
 * agreed between the apps and the server (they may be missing on an older server, so optional here).
 */
export type StoreConfig = Schema<"StoreConfig"> & {
  clerkPublishableKey?: string | null;
  bankTransfer?: BankTransferDetails | null;
  contact?: ShopContact | null;
};

export function useConfig() {
  const query = $api.useQuery("get", "/api/config", {}, { staleTime: 5 * 60 * 1000 });
  return { ...query, data: query.data as StoreConfig | undefined };
}

/** The WhatsApp link for a Colombian number as the config gives it ("3148702078" or "+57 314…"). */
export function whatsappLink(number: string, text: string): string {
  let digits = number.replace(/\D/g, "");
  if (digits.length === 10 && digits.startsWith("3")) digits = `57${digits}`;
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}
