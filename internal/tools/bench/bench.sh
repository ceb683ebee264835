#!/usr/bin/env bash
# make bench — throughput and latency of the public catalog under load.
#
# Measures, does not assert. The API server runs on the embedded database with
# BENCH_PRODUCTS products; wrk, a separate process, drives
#   GET /api/products?page=1&limit=20   and   GET /api/products/{id}
# and then a bare net/http server that returns the very same response bytes
# (the "ceiling", internal/tools/ceiling). Absolute figures depend on the
# machine, so each endpoint is also reported as a percentage of the ceiling
# measured in the same run for the same body. The server's resident memory is
# read from /proc before and after the load.
#
# Run from anywhere (it cds to the repo root); needs go, curl and apt-get (for
# wrk, installed on first use).
#
# BENCH_SCALE picks the shop the server runs on:
#   small (default) an empty database filled with BENCH_PRODUCTS products over
#                   HTTP (seedbench), as before;
#   large           a large shop built by internal/tools/seedshop before the
#                   server starts: 10,000 products, 20,000 customers, 100,000
#                   orders over 18 months and their recent events
#                   (BENCH_SEED_PRODUCTS / _CUSTOMERS / _ORDERS change the sizes).
# At both scales it then measures the admin's reads one request at a time
# (internal/tools/adminbench: order, customer and event lists, searches,
# filters, stats, CSV export with the server's memory) and a restart to ready,
# each next to its target from issue 12 §6. Seeding the large shop takes
# minutes; run it on a quiet machine (nice is fine).
#
# Environment:
#   BENCH_SCALE        small or large                       (default small)
#   BENCH_ADMIN_N      requests per admin endpoint          (default 200)
#   BENCH_SEEDED_DIR   large: copy this seedshop data directory instead of
#                      seeding (never used in place: the bench writes to it)
#   BENCH_READY_TIMEOUT seconds to wait for the server      (60; large 600)
#   BENCH_DURATION     wrk duration per endpoint            (default 10s)
#   BENCH_CONNECTIONS  concurrent connections               (default 50)
#   BENCH_PRODUCTS     products created before the run      (default 1000)
#   BENCH_THREADS      wrk threads                          (default 2, one per core here)
#   BENCH_WARMUP       unmeasured run before each endpoint  (default 2s; 0 to skip)
#   BENCH_SERVER_BIN   run this server binary instead of building ./server
#                      (e.g. a release build)
#   BENCH_CEILING_ONLY set to 1 to measure only the ceiling (checks the harness
#                      on a machine where the server does not build)
#   BENCH_VERBOSE      set to 1 to print wrk's own reports
#   BENCH_KEEP         set to 1 to keep the temp dir (logs, data, binaries)
#   BENCH_CHECKOUT     set to 0 to skip the checkout phase
#   BENCH_CHECKOUT_CUSTOMERS / _PRODUCTS / _STOCK
#                      checkout phase: concurrent customers (20), products (50),
#                      initial stock of each (40, so products sell out during the run)
#   BENCH_LOG_LEVEL    server LOG_LEVEL (default info: every request is logged,
#                      as in production)
set -euo pipefail
# Failures inside $(...) must stop the script too, not yield empty results.
shopt -s inherit_errexit

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
PRODUCTS=${BENCH_PRODUCTS:-1000}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2s}
CEILING_ONLY=${BENCH_CEILING_ONLY:-}
SCALE=${BENCH_SCALE:-small}
case "$SCALE" in
small | large) ;;
*)
	printf 'bench: BENCH_SCALE must be small or large, got %s\n' "$SCALE" >&2
	exit 2
	;;
esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../../.."

log() { printf '==> %s\n' "$*" >&2; }
die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}

# Machines are fresh: install the load generator rather than ask the reader to.
ensure_wrk() {
	command -v wrk >/dev/null 2>&1 && return 0
	log "wrk not found; installing the Debian package"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "wrk is missing and we are not root: run 'apt-get install wrk' first"
		sudo=(sudo)
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
	command -v wrk >/dev/null 2>&1 || die "wrk still missing after apt-get install"
}

# A port nobody answers on. Racy in theory, fine on a bench machine, and it
# avoids needing a helper just to ask the kernel for one.
free_port() {
	local port
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free TCP port found"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/donpalito-bench.XXXXXX")
pids=()

# Stop only what this script started: SIGTERM for a graceful shutdown, then
# SIGKILL if a process is still there after 10 s.
stop() {
	local pid=$1
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	for pid in "${pids[@]}"; do stop "$pid"; done
	if [ -n "${BENCH_KEEP:-}" ]; then
		log "kept $tmp"
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_ready URL PID LOG: wait up to 60 s for URL to answer 200, showing the
# process's log if it dies or never gets there.
wait_ready() {
	local url=$1 pid=$2 logf=$3 deadline=$((SECONDS + ${READY_TIMEOUT:-60}))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)" = 200 ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "process $pid exited before $url was ready; its log:"
			cat "$logf" >&2
			die "startup failed"
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			log "$url not ready after ${READY_TIMEOUT:-60} s; log so far:"
			cat "$logf" >&2
			die "startup timed out"
		fi
		sleep 0.2
	done
}

# field RESULT KEY: one value from a report.lua line.
field() {
	awk -v k="$2" '{ for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == k) print a[2] } }' <<<"$1"
}

# measure NAME URL: warm up, then one measured wrk run; prints the report line.
measure() {
	local name=$1 url=$2 out="$tmp/wrk-$1.txt"
	if [ "$WARMUP" != 0 ] && [ "$WARMUP" != 0s ]; then
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
	fi
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/report.lua" "$url" >"$out"
	if [ -n "${BENCH_VERBOSE:-}" ]; then
		sed "s/^/    [$name] /" "$out" >&2
	fi
	grep '^BENCH ' "$out" | sed 's/^BENCH //' || die "no report from wrk for $name (see $out)"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }

# rss PID: resident memory now and at its peak, from the kernel's accounting.
rss() {
	awk '/^VmRSS/ { now = $2 } /^VmHWM/ { peak = $2 }
		END { printf "RSS %.1f MiB (peak %.1f MiB)", now / 1024, peak / 1024 }' "/proc/$1/status"
}

ensure_wrk

# Other work on a 2-core machine skews every figure; record how busy it was.
load_start=$(cut -d' ' -f1 /proc/loadavg)

log "building into $tmp"
go build -o "$tmp/ceiling" ./internal/tools/ceiling
if [ -z "$CEILING_ONLY" ]; then
	if [ -n "${BENCH_SERVER_BIN:-}" ]; then
		cp "$BENCH_SERVER_BIN" "$tmp/server"
	else
		go build -o "$tmp/server" ./server
	fi
	go build -o "$tmp/seedbench" ./internal/tools/seedbench
	go build -o "$tmp/checkoutbench" ./internal/tools/checkoutbench
	go build -o "$tmp/dbceiling" ./internal/tools/dbceiling
	go build -o "$tmp/seedshop" ./internal/tools/seedshop
	go build -o "$tmp/adminbench" ./internal/tools/adminbench
fi

# Rows of the final table, in order; each measured row names the ceiling row
# that served the same bytes, which is its 100 %.
rows=()
declare -A label result ref

server_pid=""
ceiling_args=()
if [ -z "$CEILING_ONLY" ]; then
	port=$(free_port)
	base="http://127.0.0.1:$port"
	mkdir -p "$tmp/data"
	if [ "$SCALE" = large ]; then
		PRODUCTS=${BENCH_SEED_PRODUCTS:-10000}
		# A large shop may take longer than a small one to start the first
		# time; the figure is printed either way.
		READY_TIMEOUT=${BENCH_READY_TIMEOUT:-600}
		seed_start=$SECONDS
		if [ -n "${BENCH_SEEDED_DIR:-}" ]; then
			# A copy of a shop seeded earlier (seeding takes minutes).
			log "copying the seeded shop in $BENCH_SEEDED_DIR"
			cp -a "$BENCH_SEEDED_DIR/." "$tmp/data/"
			rm -f "$tmp/data/.lock" "$tmp/data/"*.lock 2>/dev/null || true
		else
			log "seeding a large shop in $tmp/data (seedshop; this takes minutes)"
			"$tmp/seedshop" -data-dir "$tmp/data" -products "$PRODUCTS" -customers "${BENCH_SEED_CUSTOMERS:-20000}" \
				-orders "${BENCH_SEED_ORDERS:-100000}" 2>&1 | sed 's/^/    /' >&2
		fi
		seed_took=$((SECONDS - seed_start))
	fi
	# start_server: the API server on $tmp/data, its pid in server_pid.
	start_server() {
		PORT=$port DATA_DIR=$tmp/data SEED_DEMO=false AUTH_MODE=dev APP_ENV=development RATE_LIMIT_WRITES=0 \
			MAX_PENDING_ORDERS=0 LOG_LEVEL=${BENCH_LOG_LEVEL:-info} "$tmp/server" >>"$tmp/server.log" 2>&1 &
		server_pid=$!
		pids+=("$server_pid")
	}
	log "starting the server on $base (embedded database in $tmp/data)"
	first_start=$(date +%s.%N)
	start_server
	wait_ready "$base/api/ready" "$server_pid" "$tmp/server.log"
	first_ready=$(awk -v a="$first_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f s", b - a }')
	log "server ready in $first_ready; $(rss "$server_pid")"
	# Once ready, the server still builds the admin's in-memory indexes in
	# the background (the order index too when no snapshot was kept): wait
	# for them, so what follows measures the steady state.
	indexes_start=$SECONDS
	indexes_built="not waited for (BENCH_LOG_LEVEL hides the server's log lines)"
	case "${BENCH_LOG_LEVEL:-info}" in
	debug | info)
		until grep -q "indexed customers and events for the admin's lists" "$tmp/server.log" &&
			{ grep -q "indexed orders for the admin's lists" "$tmp/server.log" ||
				grep -q "loaded read models kept by the last shutdown" "$tmp/server.log"; }; do
			[ "$((SECONDS - indexes_start))" -lt 600 ] || die "the admin's indexes were not built 600 s after start"
			sleep 0.2
		done
		indexes_built="$((SECONDS - indexes_start)) s after ready"
		;;
	esac
	log "admin indexes built: $indexes_built"

	if [ "$SCALE" = large ]; then
		product_id=$(curl -fsS "$base/api/products?limit=1" | grep -o '"id": *"[0-9a-f]*"' | head -n1 | grep -o '[0-9a-f]\{24\}' || true)
		[ -n "$product_id" ] || die "the seeded catalog lists no product"
	else
		log "creating $PRODUCTS products"
		product_id=$("$tmp/seedbench" -base "$base" -n "$PRODUCTS" -workers 8)
		[ -n "$product_id" ] || die "seedbench returned no product id"
	fi

	# Check both endpoints answer before loading them, and keep their bodies
	# so the ceiling serves exactly the same bytes.
	list_url="$base/api/products?page=1&limit=20"
	item_url="$base/api/products/$product_id"
	curl -fsS -o "$tmp/page.json" "$list_url" || die "GET $list_url failed"
	curl -fsS -o "$tmp/item.json" "$item_url" || die "GET $item_url failed"
	total=$(grep -o '"total": *[0-9]*' "$tmp/page.json" | grep -o '[0-9]*$' || true)
	log "catalog total=${total:-?}; page $(wc -c <"$tmp/page.json") bytes, product $(wc -c <"$tmp/item.json") bytes"
	rss_before=$(rss "$server_pid")

	log "load: GET /api/products?page=1&limit=20"
	rows+=(list)
	label[list]="GET /api/products?page=1&limit=20"
	result[list]=$(measure list "$list_url")
	ref[list]=ceiling-list

	log "load: GET /api/products/{id}"
	rows+=(item)
	label[item]="GET /api/products/{id}"
	result[item]=$(measure item "$item_url")
	ref[item]=ceiling-item
	rss_after=$(rss "$server_pid")

	ceiling_args=(-body "$tmp/page.json" -route "/item=$tmp/item.json")

	log "admin reads (adminbench)"
	"$tmp/adminbench" -base "$base" -n "${BENCH_ADMIN_N:-200}" -pid "$server_pid" >"$tmp/admin.txt"

	# Restart to ready: a graceful stop, then a start on the same data.
	stop "$server_pid"
	restart_start=$(date +%s.%N)
	start_server
	wait_ready "$base/api/ready" "$server_pid" "$tmp/server.log"
	restart_ready=$(awk -v a="$restart_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f s", b - a }')
fi

cport=$(free_port)
log "starting the ceiling on 127.0.0.1:$cport"
"$tmp/ceiling" -addr "127.0.0.1:$cport" "${ceiling_args[@]}" >"$tmp/ceiling.log" 2>&1 &
ceiling_pid=$!
pids+=("$ceiling_pid")
wait_ready "http://127.0.0.1:$cport/" "$ceiling_pid" "$tmp/ceiling.log"

log "load: ceiling, page body"
rows+=(ceiling-list)
label[ceiling-list]="ceiling: same bytes as the page"
[ -n "$CEILING_ONLY" ] && label[ceiling-list]="ceiling: synthetic ~7 KB page"
result[ceiling-list]=$(measure ceiling-list "http://127.0.0.1:$cport/api/products")
ref[ceiling-list]=ceiling-list

if [ -z "$CEILING_ONLY" ]; then
	log "load: ceiling, product body"
	rows+=(ceiling-item)
	label[ceiling-item]="ceiling: same bytes as the product"
	result[ceiling-item]=$(measure ceiling-item "http://127.0.0.1:$cport/item")
	ref[ceiling-item]=ceiling-item
fi

warm="after a $WARMUP warm-up"
if [ "$WARMUP" = 0 ] || [ "$WARMUP" = 0s ]; then warm="no warm-up"; fi
echo
echo "Don Palito Jr — make bench   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)'), $(go version | awk '{print $3}'), $(nproc) CPU ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))"
if [ -n "$CEILING_ONLY" ]; then
	echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $warm; ceiling only"
else
	echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $warm; $PRODUCTS products on the embedded database"
	echo "BENCH_SCALE=$SCALE$([ "$SCALE" = large ] && echo " (seeded by seedshop in ${seed_took}s)")"
fi
echo
fmt='%-36s %10s %10s %10s %8s %9s %10s\n'
# shellcheck disable=SC2059 # the format is a constant of ours
printf "$fmt" endpoint req/s p50 p99 non-2xx sock-err "% ceiling"
# shellcheck disable=SC2059
printf "$fmt" "------------------------------------" ---------- ---------- ---------- -------- --------- ----------
for k in "${rows[@]}"; do
	r=${result[$k]}
	sockerr=$(($(field "$r" connect) + $(field "$r" read) + $(field "$r" write) + $(field "$r" timeout)))
	pct=$(awk -v a="$(field "$r" rps)" -v b="$(field "${result[${ref[$k]}]}" rps)" 'BEGIN { printf "%.1f %%", 100 * a / b }')
	# shellcheck disable=SC2059
	printf "$fmt" "${label[$k]}" "$(field "$r" rps)" "$(ms "$(field "$r" p50)")" "$(ms "$(field "$r" p99)")" \
		"$(field "$r" status)" "$sockerr" "$pct"
done
echo
echo "load average (1 min): $load_start at start, $(cut -d' ' -f1 /proc/loadavg) at the end (the run itself adds about 2;"
echo "anything well above that means other processes shared the CPUs and the figures are noisy)."
echo "non-2xx counts responses with status >= 400 (wrk's \"Non-2xx or 3xx\"); sock-err sums connect/read/write/timeout errors."
if [ -n "$server_pid" ]; then
	echo "server memory before load: $rss_before"
	echo "server memory after load:  $rss_after"
	# Warnings during a read-only load usually mean something is wrong (rate
	# limiting, slow queries, panics), so surface them next to the figures.
	problems=$(grep -E 'level=(WARN|ERROR)|"level":"(WARN|ERROR)"' "$tmp/server.log" || true)
	if [ -n "$problems" ]; then
		echo "server warnings/errors: $(wc -l <<<"$problems") lines; last 5:"
		tail -n 5 <<<"$problems" | sed 's/^/    /'
	else
		echo "server log: no warnings or errors"
	fi
	echo
	cat "$tmp/admin.txt"
	echo
	echo "first start to ready: $first_ready (admin indexes built in the background: $indexes_built); restart to ready: $restart_ready (target ≤ 5 s)"
else
	echo "BENCH_CEILING_ONLY: the API server was not measured."
fi

# Checkout: a fresh server (its own empty database, as a shop's would be) with
# BENCH_CHECKOUT_PRODUCTS products whose stock runs out during the run, and
# BENCH_CHECKOUT_CUSTOMERS customers buying concurrently. checkoutbench prints
# orders/s and the latency of POST /api/orders, then checks from the API's own
# data that nothing was oversold.
if [ -z "$CEILING_ONLY" ] && [ "${BENCH_CHECKOUT:-1}" != 0 ] && [ "$SCALE" = large ]; then
	# At scale the customers buy in the large shop itself: checkout's cost
	# must not grow with the orders already there.
	echo
	"$tmp/checkoutbench" -base "$base" -c "${BENCH_CHECKOUT_CUSTOMERS:-20}" -p "${BENCH_CHECKOUT_PRODUCTS:-50}" \
		-stock "${BENCH_CHECKOUT_STOCK:-40}" -d "$DURATION"
	echo "  target             ≥ 200 orders/s, zero oversell"
	echo "server memory (large shop, after every load): $(rss "$server_pid") (target: peak ≤ 250 MB)"
elif [ -z "$CEILING_ONLY" ] && [ "${BENCH_CHECKOUT:-1}" != 0 ]; then
	echo "server memory after the admin reads: $(rss "$server_pid") (target: peak ≤ 250 MB)"
	kill "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	echo
	cport=$(free_port)
	cbase="http://127.0.0.1:$cport"
	mkdir -p "$tmp/checkout-data"
	# Unlimited pending orders and writes: the bench's customers buy in a loop.
	PORT=$cport DATA_DIR=$tmp/checkout-data SEED_DEMO=false AUTH_MODE=dev APP_ENV=development \
		RATE_LIMIT_WRITES=0 MAX_PENDING_ORDERS=0 LOG_LEVEL=${BENCH_LOG_LEVEL:-info} \
		"$tmp/server" >"$tmp/checkout-server.log" 2>&1 &
	checkout_pid=$!
	pids+=("$checkout_pid")
	wait_ready "$cbase/api/ready" "$checkout_pid" "$tmp/checkout-server.log"
	"$tmp/checkoutbench" -base "$cbase" -c "${BENCH_CHECKOUT_CUSTOMERS:-20}" -p "${BENCH_CHECKOUT_PRODUCTS:-50}" \
		-stock "${BENCH_CHECKOUT_STOCK:-40}" -d "$DURATION"
	echo "  target             ≥ 200 orders/s, zero oversell"
	echo "checkout server memory after load: $(rss "$checkout_pid")"
fi

# The embedded database alone, on a fresh directory, with as many callers as
# the checkout had customers: its last line, a checkout's indispensable
# writes with nothing else, bounds the orders/s of any server on it here.
if [ -z "$CEILING_ONLY" ] && [ "${BENCH_CHECKOUT:-1}" != 0 ]; then
	echo
	"$tmp/dbceiling" -c "${BENCH_CHECKOUT_CUSTOMERS:-20}" -d 5s
	echo "  (checkout above sends its indispensable writes and more: idempotency records, events, reads)"
fi

# Front-end budgets (DESIGN §10), measured on the built apps, not asserted.
echo
if command -v node >/dev/null 2>&1; then
	node frontends/admin/scripts/bundle-size.mjs
fi
