// What every app's Playwright suite shares. Suites arrange data through the real API (never a mock of
// it) and drive the built app served by the real Go server:
//
//   import { defineConfig } from "@playwright/test";
//   import { platformServer, chromiumUse } from "@donpalito/e2e-kit";
//   const platform = platformServer({ port: 18141 });
//   export default defineConfig({ webServer: platform.webServer, use: { ...chromiumUse, baseURL: platform.baseURL } });

import { fileURLToPath } from "node:url";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { createApiClient, type ApiClient } from "@donpalito/api-client";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface PlatformOptions {
  /** Port of this suite's server; each app uses its own so suites can run side by side. */
  port: number;
  /** Extra environment for the server (any variable of `server --help`). */
  env?: Record<string, string>;
}

/**
 * The real server (built from this checkout) on a fresh embedded database: dev auth, the demo catalog,
 * simulated card payments, rate limits off, serving frontends/{web,admin,mobile}/dist.
 */
export function platformServer({ port, env = {} }: PlatformOptions) {
  const baseURL = `http://127.0.0.1:${port}`;
  return {
    baseURL,
    webServer: {
      command: `bash "${path.join(repoRoot, "internal/tools/e2e/serve.sh")}"`,
      url: `${baseURL}/api/ready`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe" as const,
      stderr: "pipe" as const,
      env: { PORT: String(port), ...env },
    },
  };
}

/** Debian's chromium (installed by `make deps-browser`), with the flags that keep it off the network. */
/**
 * How every suite treats a failure in CI: the journeys drive a real browser and a real server on a small shared
 * machine, so a test that fails is run once more and, if it then passes, Playwright reports it as "flaky" in the
 * summary instead of hiding it; a test that fails twice fails the run. The retry records a trace
 * (test-results/…/trace.zip, open with `npx playwright show-trace`) so a flake can be diagnosed afterwards.
 */
export const ciRetries = process.env.CI ? 1 : 0;

export const chromiumUse = {
  browserName: "chromium" as const,
  headless: true,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  },
  locale: "es-CO",
  timezoneId: "America/Bogota",
};

/** A dev-mode bearer token for `email` (created on first use), as the apps' dev sign-in gets it. */
export async function devToken(baseURL: string, email: string, role: "customer" | "admin" = "customer"): Promise<string> {
  const res = await fetch(`${baseURL}/api/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, name: email.split("@")[0], role }),
  });
  if (!res.ok) throw new Error(`POST /api/dev/token for ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** The typed API client, as the apps use it, calling the suite's server as `token` (or anonymously). */
export function apiAs(baseURL: string, token?: string): ApiClient {
  return createApiClient({ baseUrl: baseURL, getToken: () => token });
}

/**
 * Fails the test on any serious or critical axe-core violation of the page as it is now, leaving out the elements
 * `exclude` selects (check those on their own; see the admin's Correo journey for a sandboxed frame).
 */
export async function expectAccessible(page: Page, what = page.url(), exclude: string[] = []): Promise<void> {
  const builder = new AxeBuilder({ page });
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `accessibility violations on ${what}`).toEqual([]);
}

/** A fresh Idempotency-Key for arranging orders through the API. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
