// The one API client of the admin: every call goes through @donpalito/api-client with the session's bearer.
import { createApiClient, createApiHooks, type Schema } from "@donpalito/api-client";

import { currentToken } from "./session";

export const api = createApiClient({ baseUrl: "", getToken: currentToken });
export const $api = createApiHooks(api);

export type Order = Schema<"Order">;
export type OrderStatus = Schema<"OrderStatus">;
export type Product = Schema<"Product">;
export type Coupon = Schema<"Coupon">;
export type Customer = Schema<"Customer">;
export type AdminStats = Schema<"AdminStats">;
