// Prints the admin's initial JavaScript (what index.html loads before any lazy route or chart): the entry
// script plus its modulepreloads, gzip-compressed. Budget (DESIGN §10): 200 KB. Measures, does not assert.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const indexFile = path.join(dist, "index.html");
if (!existsSync(indexFile)) {
  console.log("admin initial JS: not built (npm run build -w admin)");
  process.exit(0);
}
const html = readFileSync(indexFile, "utf8");
const files = new Set();
for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(m[1]);
let raw = 0;
let gz = 0;
for (const url of files) {
  const file = path.join(dist, url.replace(/^\/admin\//, ""));
  const bytes = readFileSync(file);
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`admin initial JS: ${kb(gz)} KB gzip (${kb(raw)} KB raw, ${files.size} files; budget 200 KB gzip; charts and screens load lazily)`);
