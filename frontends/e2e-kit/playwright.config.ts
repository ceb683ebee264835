import { defineConfig } from "@playwright/test";

import { chromiumUse, platformServer } from "./src/index";

const platform = platformServer({ port: 18190 });

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  reporter: [["list"]],
  webServer: platform.webServer,
  use: { ...chromiumUse, baseURL: platform.baseURL },
});
