// Exercises index.ts against a real HTTP server on 127.0.0.1 (node:http); nothing of ours is mocked.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ApiProblem, createApiClient, createApiHooks, isApiProblem, newIdempotencyKey } from "../src/index";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface Reply {
  status: number;
  contentType?: string;
  body?: string;
}

let server: Server;
let baseUrl = "";
let seen: Seen[] = [];
let reply: Reply = { status: 200 };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => {
      const headers: Record<string, string> = {};
      if (reply.contentType) headers["Content-Type"] = reply.contentType;
      res.writeHead(reply.status, headers);
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

beforeEach(() => {
  seen = [];
  reply = { status: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) };
});

describe("authorization header", () => {
  it("sends the token from getToken as a bearer token", async () => {
    const api = createApiClient({ baseUrl, getToken: () => "tok-123" });
    const { data, response } = await api.GET("/api/health");
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "ok" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe("/api/health");
    expect(seen[0]?.headers.authorization).toBe("Bearer tok-123");
  });

  it("awaits an async getToken and asks for it on every request", async () => {
    let n = 0;
    const api = createApiClient({ baseUrl: `${baseUrl}/`, getToken: async () => `t${++n}` });
    await api.GET("/api/health");
    await api.GET("/api/health");
    expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(seen[0]?.url).toBe("/api/health");
  });

  it("sends no Authorization header when there is no token", async () => {
    for (const api of [
      createApiClient({ baseUrl }),
      createApiClient({ baseUrl, getToken: () => null }),
      createApiClient({ baseUrl, getToken: () => "" }),
    ]) {
      await api.GET("/api/health");
    }
    expect(seen).toHaveLength(3);
    for (const s of seen) expect(s.headers.authorization).toBeUndefined();
  });

  it("sends configured extra headers", async () => {
    const api = createApiClient({ baseUrl, headers: { "X-Client": "test-suite" } });
    await api.GET("/api/health");
    expect(seen[0]?.headers["x-client"]).toBe("test-suite");
  });
});

describe("problem responses", () => {
  it("throws a typed ApiProblem parsed from application/problem+json", async () => {
    reply = {
      status: 409,
      contentType: "application/problem+json; charset=utf-8",
      body: JSON.stringify({
        type: "https://donpalito.example/problems/out-of-stock",
        title: "Out of stock",
        status: 409,
        detail: "Only 2 left of Palito de queso",
        code: "out_of_stock",
        errors: [{ field: "body.items[0].quantity", code: "max", message: "must be at most 2" }],
        productId: "65a1b2c3d4e5f6a7b8c9d0e1",
      }),
    };
    const api = createApiClient({ baseUrl, getToken: () => "tok" });
    const err = await api.GET("/api/health").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err).toBeInstanceOf(Error);
    const p = err as ApiProblem;
    expect(p.name).toBe("ApiProblem");
    expect(p.status).toBe(409);
    expect(p.code).toBe("out_of_stock");
    expect(p.title).toBe("Out of stock");
    expect(p.detail).toBe("Only 2 left of Palito de queso");
    expect(p.type).toBe("https://donpalito.example/problems/out-of-stock");
    expect(p.errors).toEqual([{ field: "body.items[0].quantity", code: "max", message: "must be at most 2" }]);
    expect(p.fieldError("body.items[0].quantity")).toBe("must be at most 2");
    expect(p.problem?.["productId"]).toBe("65a1b2c3d4e5f6a7b8c9d0e1");
    expect(p.method).toBe("GET");
    expect(p.url).toBe(`${baseUrl}/api/health`);
    expect(p.message).toBe("Out of stock: Only 2 left of Palito de queso");
    expect(isApiProblem(p)).toBe(true);
    expect(isApiProblem(p, "out_of_stock")).toBe(true);
    expect(isApiProblem(p, "coupon_expired")).toBe(false);
    expect(isApiProblem(new Error("x"))).toBe(false);
  });

  it("fills defaults when the problem document is sparse", async () => {
    reply = { status: 401, contentType: "application/problem+json", body: JSON.stringify({ title: "Unauthorized" }) };
    const api = createApiClient({ baseUrl });
    const p = (await api.GET("/api/health").catch((e: unknown) => e)) as ApiProblem;
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.status).toBe(401);
    expect(p.code).toBe("http_401");
    expect(p.detail).toBeUndefined();
    expect(p.type).toBe("about:blank");
    expect(p.errors).toEqual([]);
  });

  it("turns a non-problem error body into an ApiProblem too", async () => {
    reply = { status: 502, contentType: "text/plain", body: "upstream went away" };
    const api = createApiClient({ baseUrl });
    const p = (await api.GET("/api/health").catch((e: unknown) => e)) as ApiProblem;
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.status).toBe(502);
    expect(p.code).toBe("http_502");
    expect(p.title).toBe("Bad Gateway");
    expect(p.detail).toBe("upstream went away");
    expect(p.problem).toBeUndefined();
  });

  it("rejects React Query fetches with the ApiProblem", async () => {
    reply = {
      status: 403,
      contentType: "application/problem+json",
      body: JSON.stringify({ title: "Forbidden", status: 403, code: "account_inactive", detail: "Cuenta inactiva" }),
    };
    const $api = createApiHooks(createApiClient({ baseUrl, getToken: () => "tok" }));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
    try {
      const err = await queryClient.fetchQuery($api.queryOptions("get", "/api/health")).catch((e: unknown) => e);
      expect(isApiProblem(err, "account_inactive")).toBe(true);
      expect(seen[0]?.headers.authorization).toBe("Bearer tok");

      reply = { status: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) };
      queryClient.clear();
      await expect(queryClient.fetchQuery($api.queryOptions("get", "/api/health"))).resolves.toEqual({ status: "ok" });
    } finally {
      queryClient.clear();
    }
  });
});

describe("helpers", () => {
  it("makes distinct idempotency keys", () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});
