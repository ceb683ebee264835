import { defineConfig } from "@playwright/test";

// One real Go server on a fresh embedded database serves the built admin (dist/) and the API. Tests share it and
// run one after another: they arrange their own data (fresh customers, their own orders) through the API.
const port = Number(process.env.E2E_PORT ?? 18151);
const root = new URL("../..", import.meta.url).pathname;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    locale: "es-CO",
    timezoneId: "America/Bogota",
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "off",
  },
  webServer: {
    command:
      `cd ${root} && go build -o /tmp/donpalito-admin-e2e/server ./server && ` +
      `DATA_DIR=$(mktemp -d /tmp/donpalito-admin-e2e/data.XXXXXX) exec /tmp/donpalito-admin-e2e/server`,
    url: `http://127.0.0.1:${port}/api/ready`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_ENV: "development",
      AUTH_MODE: "dev",
      SEED_DEMO: "true",
      ADMIN_DIR: `${root}frontends/admin/dist`,
      WEB_DIR: "off",
      MOBILE_DIR: "off",
      RATE_LIMIT_WRITES: "0",
      RATE_LIMIT_DEV_TOKEN: "0",
      LOG_LEVEL: "warn",
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
  },
});
