import { defineConfig } from "@playwright/test";

import { chromiumUse, ciRetries, platformServer } from "./src/index";

const platform = platformServer({ port: 18190 });

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  retries: ciRetries,
  reporter: [["list"]],
  webServer: platform.webServer,
  use: { ...chromiumUse, baseURL: platform.baseURL, trace: "on-first-retry" },
});
