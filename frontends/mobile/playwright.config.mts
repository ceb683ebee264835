// Playwright drives the web export (npm run export:web → dist/, served by the real Go server at
// /app/) at a phone's 390×844 viewport.
import { defineConfig } from "@playwright/test";

import { chromiumUse, ciRetries, platformServer } from "@donpalito/e2e-kit";

const platform = platformServer({ port: Number(process.env.MOBILE_E2E_PORT ?? 18161) });

export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: ciRetries,
  reporter: [["list"]],
  webServer: platform.webServer,
  use: {
    ...chromiumUse,
    baseURL: `${platform.baseURL}/app/`,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    trace: "on-first-retry",
  },
});
