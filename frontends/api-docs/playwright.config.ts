import { defineConfig } from "@playwright/test";
import { chromiumUse, ciRetries, platformServer } from "@donpalito/e2e-kit";

const platform = platformServer({ port: 18191 });

export default defineConfig({
  testDir: "e2e",
  // Scalar parses megabytes of script: generous on a busy two-core machine.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: ciRetries,
  reporter: [["list"]],
  webServer: platform.webServer,
  use: { ...chromiumUse, baseURL: platform.baseURL, viewport: { width: 1400, height: 900 }, trace: "on-first-retry" },
});
