#!/usr/bin/env bash
# make bench (storefront part) — what a shopper's browser downloads and how Lighthouse scores the shop.
#
# Prints, does not assert (targets from the design: initial JS ≤ 120 KB gzip; Lighthouse performance ≥ 90,
# accessibility, best practices and SEO ≥ 95):
#   1. the initial JavaScript of the built storefront (the entry module and the chunks index.html
#      preloads), gzip -9 sizes;
#   2. Lighthouse 12.2.3 scores for /, /catalogo and a product page, with Debian's chromium, offline,
#      against the real server (embedded database, demo catalog) serving frontends/web/dist.
#
# Environment:
#   BENCH_WEB_REBUILD  set to 1 to rebuild frontends/web/dist even when it exists
#   BENCH_LIGHTHOUSE   set to 0 to skip Lighthouse (bundle size only)
#   CHROMIUM_PATH      chromium binary (default /usr/bin/chromium)
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root="$here/../../.."
cd "$root"
log() { printf '==> %s\n' "$*" >&2; }
die() {
	printf 'bench (storefront): %s\n' "$*" >&2
	exit 1
}

dist=frontends/web/dist
if [ ! -f "$dist/index.html" ] || [ "${BENCH_WEB_REBUILD:-}" = 1 ]; then
	log "building the storefront (frontends/web)"
	[ -d frontends/node_modules ] || (cd frontends && npm ci --no-audit --no-fund >/dev/null)
	(cd frontends && npm run build -w web >/dev/null)
fi

echo
echo "Storefront initial JavaScript (what / loads before any route chunk), gzip -9:"
total=0
# The entry module and every chunk index.html asks for up front.
for asset in $(grep -oE '(src|href)="/assets/[^"]+\.js"' "$dist/index.html" | sed -E 's/^(src|href)="\/(.*)"$/\2/' | sort -u); do
	raw=$(wc -c <"$dist/$asset")
	gz=$(gzip -9 -c "$dist/$asset" | wc -c)
	total=$((total + gz))
	printf '  %-42s %8d B raw  %7d B gzip\n' "$asset" "$raw" "$gz"
done
printf '  %-42s %31s\n' "total" "$(awk -v b="$total" 'BEGIN{printf "%.1f KB gzip (target ≤ 120 KB)", b/1024}')"

[ "${BENCH_LIGHTHOUSE:-1}" = 0 ] && exit 0

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] || die "chromium is missing: make deps-browser (apt-get install chromium)"

# Lighthouse is a measuring tool, not a dependency of the shop: installed once into .cache, pinned.
lh_dir=.cache/lighthouse-12.2.3
if [ ! -x "$lh_dir/node_modules/.bin/lighthouse" ]; then
	log "installing lighthouse@12.2.3 into $lh_dir"
	mkdir -p "$lh_dir"
	npm install --prefix "$lh_dir" --no-audit --no-fund --no-save lighthouse@12.2.3 >/dev/null
fi

tmp=$(mktemp -d -t donpalito-lh-XXXXXX)
port=$((20000 + RANDOM % 40000))
log "building the server and starting it on :$port (embedded database, demo catalog)"
go build -o "$tmp/server" ./server
APP_ENV=test AUTH_MODE=dev DATA_DIR="$tmp/data" SEED_DEMO=true LOG_LEVEL=warn PORT=$port \
	PUBLIC_BASE_URL="http://127.0.0.1:$port" WEB_DIR="$root/$dist" ADMIN_DIR=off MOBILE_DIR=off \
	"$tmp/server" >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 120); do
	curl -fsS "http://127.0.0.1:$port/api/ready" >/dev/null 2>&1 && break
	kill -0 $pid 2>/dev/null || die "the server exited: $(tail -5 "$tmp/server.log")"
	sleep 0.5
done
product=$(curl -fsS "http://127.0.0.1:$port/api/products?limit=1&sort=rating" | grep -oE '"id":"[0-9a-f]{24}"' | head -1 | cut -d'"' -f4)
[ -n "$product" ] || die "no product in the demo catalog"

echo
echo "Lighthouse 12.2.3 (mobile emulation, simulated throttling, Debian chromium, offline):"
printf '  %-34s %11s %13s %14s %5s\n' page performance accessibility best-practices seo
for path in / /catalogo "/producto/$product"; do
	out="$tmp/lh.json"
	CHROME_PATH="$chromium" "$lh_dir/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" \
		--quiet --output=json --output-path="$out" \
		--only-categories=performance,accessibility,best-practices,seo \
		--chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage" \
		>/dev/null 2>"$tmp/lh.err" || {
		printf '  %-34s lighthouse failed: %s\n' "$path" "$(tail -1 "$tmp/lh.err")"
		continue
	}
	node -e '
		const r = require(process.argv[1]);
		const s = (k) => r.categories[k] ? Math.round(r.categories[k].score * 100) : "—";
		console.log("  " + process.argv[2].padEnd(34) + String(s("performance")).padStart(11) + String(s("accessibility")).padStart(14) + String(s("best-practices")).padStart(15) + String(s("seo")).padStart(6));
		const a = (k) => r.audits[k] ? r.audits[k].displayValue : "—";
		console.log("    FCP " + a("first-contentful-paint") + " · LCP " + a("largest-contentful-paint") + " · TBT " + a("total-blocking-time") + " · CLS " + a("cumulative-layout-shift") + " · SI " + a("speed-index"));
	' "$out" "$path"
done
echo "  targets: performance ≥ 90; accessibility, best practices, SEO ≥ 95"
