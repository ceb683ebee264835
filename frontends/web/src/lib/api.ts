// The one API client of the app: typed from openapi.yaml through @donpalito/api-client. Every error is an
// ApiProblem; 401 and 403 account_inactive are routed centrally (see app/providers.tsx).
import { createApiClient, createApiHooks, type Schema } from "@donpalito/api-client";

import { currentToken } from "./auth/store";

type AuthFailureHandler = (status: 401 | 403, code: string) => void;
let onAuthFailure: AuthFailureHandler = () => {};
/** The app routes 401 (sign in again) and 403 account_inactive (account-inactive page) from one place. */
export function setAuthFailureHandler(fn: AuthFailureHandler): void {
  onAuthFailure = fn;
}

async function watchedFetch(request: Request): Promise<Response> {
  const response = await globalThis.fetch(request);
  if (response.status === 401 || response.status === 403) {
    let code = "";
    try {
      code = String(((await response.clone().json()) as { code?: unknown }).code ?? "");
    } catch {
      // Not a problem document; the status alone decides.
    }
    onAuthFailure(response.status, code);
  }
  return response;
}

export const api = createApiClient({ baseUrl: "", getToken: currentToken, fetch: watchedFetch });
export const $api = createApiHooks(api);

// Fields other helpers are adding to the contract (BRIEF "contract shapes"). Read with optional chaining so
// the app works before and after they land.
export interface BankTransferDetails {
  bank: string;
  accountType: string;
  accountNumber: string;
  holder: string;
  nit: string;
  instructions?: string;
}
export interface ShopContact {
  whatsapp?: string;
  phone?: string;
  email?: string;
  address?: string;
  openingHours?: string;
}
export type StoreConfig = Schema<"StoreConfig"> & {
  clerkPublishableKey?: string | null;
  bankTransfer?: BankTransferDetails | null;
  contact?: ShopContact | null;
};

export interface ImageVariant {
  width: number;
  url: string;
  format: "webp" | "jpeg" | string;
}
export type ProductImage = Schema<"ProductImage"> & { width?: number; height?: number; variants?: ImageVariant[] };
export type Product = Omit<Schema<"Product">, "images"> & { images: ProductImage[] };
export type Cart = Schema<"Cart">;
export type CartLine = Schema<"CartLine">;
export type Order = Schema<"Order"> & { allowedTransitions?: Schema<"OrderStatus">[] };
export type OrderStatus = Schema<"OrderStatus">;
export type Address = Schema<"Address">;

/** Query keys of openapi-react-query are [method, path, init]; invalidating by the first two covers every variant. */
export const keys = {
  cart: ["get", "/api/cart"] as const,
  orders: ["get", "/api/orders"] as const,
  order: ["get", "/api/orders/{id}"] as const,
  addresses: ["get", "/api/users/addresses"] as const,
  wishlist: ["get", "/api/users/wishlist"] as const,
  profile: ["get", "/api/users/profile"] as const,
  products: ["get", "/api/products"] as const,
  product: ["get", "/api/products/{id}"] as const,
};

/** The store configuration, fetched once per visit. */
export function useConfig() {
  const q = $api.useQuery("get", "/api/config", {}, { staleTime: Infinity, gcTime: Infinity });
  return { ...q, data: q.data as StoreConfig | undefined };
}
