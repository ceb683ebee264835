// Hand-written layer over the generated schema (./schema.d.ts, produced from ../../openapi.yaml by
// `npm run generate`; never edit that file by hand).
//
//   const api = createApiClient({ baseUrl: "", getToken: () => auth.token() });
//   const { data } = await api.GET("/api/products", { params: { query: { page: 1 } } });
//
//   const $api = createApiHooks(api);
//   const { data } = $api.useQuery("get", "/api/products", { params: { query: { page: 1 } } });
//
// Every non-2xx response is turned into a thrown ApiProblem (parsed from the RFC 9457
// application/problem+json body when there is one), so callers and React Query see one error type.

import createFetchClient, { type Client, type Middleware } from "openapi-fetch";
import createQueryClient, { type OpenapiQueryClient } from "openapi-react-query";

import type { components, operations, paths } from "./schema";

export type { components, operations, paths } from "./schema";

/** A schema from `components.schemas` by name, e.g. `Schema<"Product">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** The typed fetch client for the whole API (openapi-fetch). */
export type ApiClient = Client<paths>;

/** React Query hooks for the whole API (openapi-react-query). */
export type ApiHooks = OpenapiQueryClient<paths>;

/** Returns the bearer token to send, or nothing for an anonymous call. */
export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface ApiClientOptions {
  /**
   * Origin the API is served from, without the `/api` prefix (paths in the contract already start
   * with `/api`). Use "" in a browser app served by the same server; an absolute URL elsewhere.
   */
  baseUrl: string;
  /** Called before every request; when it returns a non-empty string it is sent as `Authorization: Bearer`. */
  getToken?: TokenGetter;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to globalThis.fetch). */
  fetch?: (input: Request) => Promise<Response>;
}

/** One field-level problem inside an ApiProblem (`errors[]` of the problem document). */
export interface ApiFieldError {
  /** Where the problem is, e.g. `body.items[0].quantity` or `query.limit`. */
  field?: string;
  /** Stable machine-readable code, when the server gives one. */
  code?: string;
  /** Human-readable message. */
  message?: string;
  [extra: string]: unknown;
}

/** The RFC 9457 problem document the server sends with every error (`application/problem+json`). */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: ApiFieldError[];
  [extra: string]: unknown;
}

/** Media type of every error body in the contract. */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * An error response from the API. `code` is the stable machine-readable string to branch on
 * (`out_of_stock`, `coupon_expired`, `account_inactive`, …); `detail` is for people.
 * Responses that are not problem documents (a proxy's 502 page, say) still become an ApiProblem,
 * with code `http_<status>`.
 */
export class ApiProblem extends Error {
  override readonly name = "ApiProblem";
  /** HTTP status of the response. */
  readonly status: number;
  /** Stable machine-readable error code. */
  readonly code: string;
  /** Short summary of the problem type. */
  readonly title: string;
  /** Explanation specific to this occurrence, if any. */
  readonly detail: string | undefined;
  /** Problem type URI (`about:blank` when absent). */
  readonly type: string;
  /** Field-level problems (empty when none). */
  readonly errors: ApiFieldError[];
  /** The request method and URL that failed. */
  readonly method: string;
  readonly url: string;
  /** The parsed problem document, or undefined when the body was not one. */
  readonly problem: ProblemDocument | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    type?: string | undefined;
    errors?: ApiFieldError[] | undefined;
    method?: string | undefined;
    url?: string | undefined;
    problem?: ProblemDocument | undefined;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type ?? "about:blank";
    this.errors = init.errors ?? [];
    this.method = init.method ?? "";
    this.url = init.url ?? "";
    this.problem = init.problem;
  }

  /** The first field-level message for `field`, handy for forms. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

/** True when `err` is an ApiProblem, optionally with the given code. */
export function isApiProblem(err: unknown, code?: string): err is ApiProblem {
  return err instanceof ApiProblem && (code === undefined || err.code === code);
}

function isProblemContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  return mediaType === PROBLEM_CONTENT_TYPE;
}

function asString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function asFieldErrors(v: unknown): ApiFieldError[] {
  if (!Array.isArray(v)) return [];
  return v.filter((e): e is ApiFieldError => typeof e === "object" && e !== null);
}

/**
 * Builds an ApiProblem from an error response. Reads the body (of a clone, so the original
 * response stays readable). Exported for code that calls fetch directly (uploads, say).
 */
export async function problemFromResponse(response: Response, request?: Request): Promise<ApiProblem> {
  const status = response.status;
  const method = request?.method ?? "";
  const url = request?.url ?? response.url;
  let text = "";
  try {
    text = await response.clone().text();
  } catch {
    // Body unreadable (aborted, already used): fall back to the status line.
  }
  let doc: ProblemDocument | undefined;
  if (text !== "" && (isProblemContentType(response.headers.get("content-type")) || text.trimStart().startsWith("{"))) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        doc = parsed as ProblemDocument;
      }
    } catch {
      // Not JSON after all.
    }
  }
  const fallbackTitle = response.statusText || `HTTP ${status}`;
  if (doc) {
    return new ApiProblem({
      status: typeof doc.status === "number" ? doc.status : status,
      code: asString(doc.code) ?? `http_${status}`,
      title: asString(doc.title) ?? fallbackTitle,
      detail: asString(doc.detail),
      type: asString(doc.type),
      errors: asFieldErrors(doc.errors),
      method,
      url,
      problem: doc,
    });
  }
  return new ApiProblem({
    status,
    code: `http_${status}`,
    title: fallbackTitle,
    detail: text !== "" ? text.slice(0, 500) : undefined,
    method,
    url,
  });
}

/** Middleware that sends `Authorization: Bearer <token>` when getToken returns one. */
export function authMiddleware(getToken: TokenGetter): Middleware {
  return {
    async onRequest({ request }) {
      const token = await getToken();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
}

/** Middleware that throws an ApiProblem for every non-2xx response. */
export const problemMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (!response.ok) {
      throw await problemFromResponse(response, request);
    }
    return undefined;
  },
};

/** Creates the typed API client. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.getToken) {
    client.use(authMiddleware(options.getToken));
  }
  client.use(problemMiddleware);
  return client;
}

/** React Query hooks (`useQuery`, `useMutation`, `useSuspenseQuery`, `queryOptions`, …) over a client. */
export function createApiHooks(client: ApiClient): ApiHooks {
  return createQueryClient(client);
}

/** A fresh value for the `Idempotency-Key` header of create operations (checkout, payments, admin creates). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Operation ids in the contract, e.g. `OperationId` includes "listProducts". */
export type OperationId = keyof operations;
