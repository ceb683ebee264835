import { chromiumUse, ciRetries, platformServer } from "@donpalito/e2e-kit";
import { defineConfig } from "@playwright/test";

// One real Go server on a fresh embedded database serves the built admin (dist/) and the API. Tests share it and
// run one after another; each arranges its own data (fresh customers, their own orders) through the API.
const platform = platformServer({ port: Number(process.env.E2E_PORT ?? 18151) });

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: ciRetries,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  webServer: platform.webServer,
  use: {
    ...chromiumUse,
    // Chromium draws date inputs (dd/mm/aaaa) in the language of its process, not the page's: give it Colombian
    // Spanish as the owner's browser has (Debian's chromium-l10n carries the translations).
    launchOptions: { ...chromiumUse.launchOptions, env: { ...process.env, LANG: "es_CO.UTF-8", LANGUAGE: "es_CO:es" } },
    locale: "es-CO",
    baseURL: platform.baseURL,
    viewport: { width: 1440, height: 1000 },
    trace: "on-first-retry",
  },
});
