// Builds the Go server once and starts it on a fresh embedded database in a temporary DATA_DIR, on
// a free port, in dev auth with the simulated card provider and write rate limits off. Shared by
// Jest's global setup and Playwright's web server (which also serves the web export at /app/).
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "../../..");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** go build ./server into dir (the Go build cache makes repeats fast). */
function buildServer(dir) {
  const bin = path.join(dir, "server");
  execFileSync("go", ["build", "-o", bin, "./server"], { cwd: repoRoot, stdio: "inherit" });
  return bin;
}

async function waitHealthy(baseUrl, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${baseUrl} not healthy in time`);
}

/**
 * Starts the server; resolves to { baseUrl, stop }. extraEnv overrides the defaults (e.g.
 * MOBILE_DIR to serve the web export).
 */
async function startPlatformServer({ port, extraEnv = {}, log } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "donpalito-mobile-"));
  const bin = buildServer(tmp);
  const p = port ?? (await freePort());
  const env = {
    ...process.env,
    PORT: String(p),
    APP_ENV: "test",
    DATA_DIR: path.join(tmp, "data"),
    AUTH_MODE: "dev",
    SEED_DEMO: "true",
    RATE_LIMIT_WRITES: "0",
    RATE_LIMIT_DEV_TOKEN: "0",
    PUBLIC_BASE_URL: `http://127.0.0.1:${p}`,
    WEB_DIR: "off",
    ADMIN_DIR: "off",
    MOBILE_DIR: "off",
    LOG_LEVEL: "warn",
    ...extraEnv,
  };
  const out = log ? fs.openSync(log, "a") : "ignore";
  const child = spawn(bin, [], { env, stdio: ["ignore", out, out] });
  const baseUrl = `http://127.0.0.1:${p}`;
  await waitHealthy(baseUrl, child);
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { baseUrl, stop, pid: child.pid };
}

module.exports = { startPlatformServer, freePort, repoRoot };
