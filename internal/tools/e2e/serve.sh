#!/usr/bin/env bash
# Starts the real server for a Playwright suite: a fresh embedded database in a
# temporary DATA_DIR (removed on exit), dev auth, the demo catalog, simulated
# card payments, no rate limits, serving the built web apps. PORT comes from the
# caller (frontends/e2e-kit); any other variable the caller sets wins.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
bin="$root/bin/e2e-server"
mkdir -p "$root/bin"
(cd "$root" && go build -o "$bin.$$" ./server && mv "$bin.$$" "$bin")
data="$(mktemp -d -t donpalito-e2e-XXXXXX)"
export APP_ENV="${APP_ENV:-test}" AUTH_MODE="${AUTH_MODE:-dev}" DATA_DIR="${DATA_DIR:-$data}"
export SEED_DEMO="${SEED_DEMO:-true}" LOG_LEVEL="${LOG_LEVEL:-warn}"
export RATE_LIMIT_WRITES="${RATE_LIMIT_WRITES:-0}" RATE_LIMIT_DEV_TOKEN="${RATE_LIMIT_DEV_TOKEN:-0}"
export MAX_PENDING_ORDERS="${MAX_PENDING_ORDERS:-0}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}"
export WEB_DIR="${WEB_DIR:-$root/frontends/web/dist}" ADMIN_DIR="${ADMIN_DIR:-$root/frontends/admin/dist}"
export MOBILE_DIR="${MOBILE_DIR:-$root/frontends/mobile/dist}" DOCS_DIR="${DOCS_DIR:-$root/frontends/api-docs/dist}"
cd "$root"
"$bin" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
trap 'exit 0' INT TERM
wait "$pid"
