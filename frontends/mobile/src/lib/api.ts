// The one API client of the app: @donpalito/api-client pointed at the validated base URL,
// sending the session's bearer token (whatever auth mode supplied it).
import { createApiClient, createApiHooks, type ApiClient, type ApiHooks } from "@donpalito/api-client";

import { apiUrl } from "./env";

type TokenGetter = () => Promise<string | null | undefined> | string | null | undefined;

let tokenGetter: TokenGetter = () => null;

/** The auth adapter installs how to get the current bearer token (dev token or Clerk session). */
export function setTokenGetter(getter: TokenGetter): void {
  tokenGetter = getter;
}

export const api: ApiClient = createApiClient({
  baseUrl: apiUrl.ok ? apiUrl.baseUrl : "http://invalid.localhost",
  getToken: () => tokenGetter(),
});

export const $api: ApiHooks = createApiHooks(api);
