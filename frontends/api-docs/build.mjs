// Builds the API reference into dist/: our page and init script, and Scalar's prebuilt browser bundle
// (its ES module and the chunks it loads lazily), without source maps. The server serves dist/ at /api/docs.
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
const require = createRequire(import.meta.url);
// The package exports no browser path, so find its folder from its main entry (…/dist/index.js).
const entry = require.resolve("@scalar/api-reference");
const scalar = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), "dist", "browser");

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, "chunks"), { recursive: true });
cpSync(path.join(here, "src", "index.html"), path.join(dist, "index.html"));
cpSync(path.join(here, "src", "init.js"), path.join(dist, "init.js"));
cpSync(path.join(scalar, "standalone.esm.js"), path.join(dist, "standalone.esm.js"));
let bytes = statSync(path.join(dist, "standalone.esm.js")).size;
for (const name of readdirSync(path.join(scalar, "chunks"))) {
  if (name.endsWith(".map")) continue;
  cpSync(path.join(scalar, "chunks", name), path.join(dist, "chunks", name));
  bytes += statSync(path.join(dist, "chunks", name)).size;
}
console.log(`API reference built into ${path.relative(process.cwd(), dist) || "dist"} (${(bytes / 1024 / 1024).toFixed(1)} MB of Scalar)`);
