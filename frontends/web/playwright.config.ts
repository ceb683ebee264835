import { chromiumUse, ciRetries, platformServer } from "@donpalito/e2e-kit";
import { defineConfig, devices } from "@playwright/test";

// The built storefront (npm run build) served by the real Go server on a fresh embedded database.
const platform = platformServer({ port: Number(process.env.WEB_E2E_PORT ?? 18141) });

export default defineConfig({
  testDir: "e2e",
  timeout: 300_000,
  expect: { timeout: 15_000 },
  // The journeys share one server and its demo catalog; they arrange their own users and stock, so two
  // workers are safe, but the machine is small.
  workers: 2,
  fullyParallel: false,
  retries: ciRetries,
  reporter: [["list"]],
  outputDir: "test-results",
  webServer: platform.webServer,
  use: { ...chromiumUse, baseURL: platform.baseURL, trace: "on-first-retry" },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 860 } }, grepInvert: /@phone-only/ },
    {
      name: "phone",
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, userAgent: devices["Pixel 7"].userAgent },
      grep: /@phone/,
    },
  ],
});
