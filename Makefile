# Don Palito Jr — the commands the README documents. Every target installs
# what it needs itself, so a fresh machine needs only Go, Node and this repo.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO        ?= go
NPM       ?= npm
FRONTENDS := frontends
GO_TEST_FLAGS ?= -race -count=1 -timeout 20m
FUZZTIME  ?= 30s

.PHONY: help run build build-noembed test test-go test-mongo test-frontends check-generated lint generate bench fuzz deps-frontends deps-system deps-browser deps-web web-apps clean clean-data

# The web apps make run builds and serves (the mobile app is only built by
# its own scripts and make test, so opening the shop never waits for Expo).
RUN_APPS  := web admin api-docs

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: web-apps ## start the whole platform on its embedded defaults (http://localhost:8080)
	$(GO) run ./server

# Builds each web app whose sources (or the API client) changed since its last
# build; installs only those apps' npm packages when they are missing.
web-apps:
	@stale=""; for app in $(RUN_APPS); do \
		d=$(FRONTENDS)/$$app; [ -f $$d/package.json ] || continue; \
		if [ ! -f $$d/dist/index.html ] || [ -n "$$(find $$d $(FRONTENDS)/api-client/src $(FRONTENDS)/package-lock.json -newer $$d/dist/index.html -type f \
			-not -path '*/node_modules/*' -not -path '*/dist/*' -not -path '*/test-results/*' -not -path '*/playwright-report/*' \
			-not -path '*/docs/*' -not -path '*/e2e/*' -not -name '*.test.*' -print -quit)" ]; then stale="$$stale $$app"; fi; \
	done; \
	if [ -z "$$stale" ]; then echo "web apps are up to date"; exit 0; fi; \
	$(MAKE) --no-print-directory deps-web; \
	for app in $$stale; do echo "building the $$app app (frontends/$$app → frontends/$$app/dist) …"; \
		(cd $(FRONTENDS) && $(NPM) run --silent build -w $$app) || exit 1; done

# npm packages for the web apps alone (make test installs everything).
deps-web:
	@command -v $(NPM) >/dev/null || { echo "npm is missing: install Node.js 20+ (apt-get install nodejs npm)"; exit 1; }
	@if [ -f $(FRONTENDS)/node_modules/.package-lock.json ] && [ $(FRONTENDS)/node_modules/.package-lock.json -nt $(FRONTENDS)/package-lock.json ]; then :; \
	elif [ -f $(FRONTENDS)/node_modules/.web-apps-installed ] && [ $(FRONTENDS)/node_modules/.web-apps-installed -nt $(FRONTENDS)/package-lock.json ]; then :; \
	else echo "installing the web apps' npm packages …"; \
		ws=""; for app in api-client $(RUN_APPS); do [ -f $(FRONTENDS)/$$app/package.json ] && ws="$$ws -w $$app"; done; \
		(cd $(FRONTENDS) && $(NPM) ci --no-audit --no-fund --include-workspace-root $$ws) && touch $(FRONTENDS)/node_modules/.web-apps-installed; fi

build: ## build the server and the terminal admin into bin/
	$(GO) build -o bin/server ./server
	$(GO) build -o bin/cli ./cli

# The production build for an external MongoDB: the noembed tag leaves the
# embedded FerretDB (and SQLite, pgx) out; the binary refuses to start
# without MONGODB_URI.
build-noembed: ## build bin/server-noembed, the production server without the embedded database
	$(GO) build -tags noembed -o bin/server-noembed ./server

test: check-generated lint test-frontends test-go ## everything CI runs (Go last, so its summary closes the output)

test-go: deps-system ## Go tests (API, store, domains, TUI, SDK, fuzz seeds) on the embedded database
	cd sdk && $(GO) test $(GO_TEST_FLAGS) ./...
	$(GO) test $(GO_TEST_FLAGS) ./...

# The store and concurrency suite on a real MongoDB (a replica set, as in
# production): storetest opens MONGODB_URI, so the platform wires the MongoDB
# stores, whose guards are update filters, and the concurrent tests prove
# MongoDB's atomicity. Each test uses its own database and drops it. No
# MongoDB server can be installed on the development machines; without one
# make test runs the MongoDB stores' guards one goroutine at a time on the
# embedded FerretDB, which cannot prove atomicity (see README, Tests).
MONGO_PACKAGES ?= ./internal/catalog/... ./internal/coupon/... ./internal/review/... ./internal/cart/... ./internal/customer/... ./internal/webhook/... ./internal/events/... ./internal/order/...
MONGO_API_TESTS ?= Oversell|CouponLimits|TheirCouponOnce|RetriedCheckout|Idempotent|ConcurrentReviews|Concurrent|DeliveredFiveTimes|RaceToOneUser|ExpirySweep
test-mongo: ## the store and concurrency tests against MongoDB: make test-mongo MONGODB_URI=mongodb://…
	@[ -n "$(MONGODB_URI)" ] || { echo "MONGODB_URI is required: make test-mongo MONGODB_URI='mongodb://host:27017/?replicaSet=rs0'"; exit 1; }
	MONGODB_URI='$(MONGODB_URI)' $(GO) test $(GO_TEST_FLAGS) $(MONGO_PACKAGES)
	MONGODB_URI='$(MONGODB_URI)' $(GO) test $(GO_TEST_FLAGS) -run '$(MONGO_API_TESTS)' ./internal/httpapi/

# tmux drives the terminal admin's end-to-end test. Installing it needs root
# and Debian's apt; without it that one test skips and says why.
deps-system:
	@command -v tmux >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing tmux (terminal admin end-to-end test)"; \
			(apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; }) \
				|| echo "could not install tmux: its test will be skipped"; \
		else echo "tmux missing and not installable here: its test will be skipped"; fi; }
	@# stripe-mock stands in for Stripe in the payment tests: a tool directive
	@# in go.mod pins it; building it here keeps that out of the tests' time.
	@$(GO) tool -n stripe-mock >/dev/null

# Each workspace's typecheck and unit tests, then each app's build and its
# Playwright journeys against the real server (Debian's chromium). The journeys
# run one workspace after another and stop at the first that fails, so its
# report is the last thing printed; under CI=true (.ci/run sets it) a failing
# journey gets one traced retry and is reported as flaky if that passes.
test-frontends: deps-frontends deps-browser ## front ends: typecheck, unit tests, builds, end-to-end journeys
	cd $(FRONTENDS) && $(NPM) run typecheck && $(NPM) test && $(NPM) run build && $(NPM) run e2e

# Debian's chromium for the Playwright suites (Playwright's own browser
# download cannot work here), with its translations so date inputs read
# dd/mm/aaaa as in Colombia. Needs root and apt, like tmux.
deps-browser:
	@[ -x /usr/bin/chromium ] || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium (end-to-end tests of the web apps)"; \
			apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null; }; \
		else echo "chromium is missing: run apt-get install chromium as root"; exit 1; fi; }
	@[ -f /usr/lib/chromium/locales/es-419.pak ] || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq chromium-l10n >/dev/null 2>&1; } || \
		echo "chromium-l10n is missing: date inputs will read mm/dd/yyyy in the end-to-end runs"

lint: ## gofmt, go vet, staticcheck and govulncheck (both pinned as tools in go.mod)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './$(FRONTENDS)/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -composites=false ./...
	cd sdk && $(GO) vet -composites=false ./...
	@# Generated code (oapi-codegen) is not ours to restyle. On a fresh
	@# machine the first run downloads staticcheck's modules and says so on
	@# stderr: those lines are not findings.
	@out=$$($(GO) tool staticcheck ./... 2>&1 | grep -v -e '\.gen\.go:' -e '^go: downloading ' || true); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "staticcheck: ok"
	@# govulncheck needs https://vuln.go.dev; where it cannot be reached the
	@# check is skipped and says so, loudly, rather than passing.
	@rc=0; out=$$($(GO) tool govulncheck ./... 2>&1) || rc=$$?; \
	if [ $$rc -eq 0 ]; then echo "govulncheck: no known vulnerabilities"; \
	elif echo "$$out" | grep -q 'fetching vulnerabilities'; then \
		echo "govulncheck: SKIPPED, NOT PASSED: the vulnerability database (vuln.go.dev) cannot be reached from here:"; \
		echo "$$out" | tail -1; \
	else echo "$$out"; exit $$rc; fi

generate: deps-frontends ## regenerate the Go server, the Go SDK and the TypeScript client from openapi.yaml
	$(GO) generate ./internal/api
	cd sdk && $(GO) generate ./...
	cd $(FRONTENDS) && $(NPM) run --silent generate

# Regenerates into a scratch copy and compares, so a stale generated file
# fails the build without touching the working tree.
check-generated: deps-frontends ## fail if openapi.yaml and the generated code disagree
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/oapi-codegen" github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen; \
	mkdir -p "$$tmp/api" "$$tmp/sdk"; cp internal/api/cfg.yaml "$$tmp/api/"; cp sdk/cfg.yaml "$$tmp/sdk/"; \
	(cd "$$tmp/api" && ../oapi-codegen -config cfg.yaml "$(CURDIR)/openapi.yaml"); \
	(cd "$$tmp/sdk" && ../oapi-codegen -config cfg.yaml "$(CURDIR)/openapi.yaml"); \
	stale=0; \
	cmp -s "$$tmp/api/api.gen.go" internal/api/api.gen.go || { echo "internal/api/api.gen.go is stale"; stale=1; }; \
	cmp -s "$$tmp/sdk/client.gen.go" sdk/client.gen.go || { echo "sdk/client.gen.go is stale"; stale=1; }; \
	cmp -s openapi.yaml internal/api/openapi.gen.yaml || { echo "internal/api/openapi.gen.yaml is stale"; stale=1; }; \
	(cd $(FRONTENDS) && $(NPM) run --silent check:generated) || stale=1; \
	if [ $$stale -ne 0 ]; then echo "run 'make generate' and commit the result"; exit 1; fi; \
	echo "generated code matches openapi.yaml"

deps-frontends: $(FRONTENDS)/node_modules/.package-lock.json

$(FRONTENDS)/node_modules/.package-lock.json: $(FRONTENDS)/package-lock.json $(FRONTENDS)/package.json
	@command -v $(NPM) >/dev/null || { echo "npm is missing: install Node.js 20+ (apt-get install nodejs npm)"; exit 1; }
	cd $(FRONTENDS) && $(NPM) ci --no-audit --no-fund
	@touch $@ $(FRONTENDS)/node_modules/.web-apps-installed

bench: ## load-test the catalog with wrk and print figures (installs wrk if missing)
	bash internal/tools/bench/bench.sh
	bash internal/tools/bench/storefront.sh

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz '^FuzzListProductsQuery$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz '^FuzzCreateProductBody$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cart -run '^$$' -fuzz '^FuzzCheckoutTotals$$' -fuzztime $(FUZZTIME)

clean: ## remove build output (never the data directory; see clean-data)
	rm -rf bin $(FRONTENDS)/*/dist $(FRONTENDS)/*/test-results $(FRONTENDS)/*/playwright-report

clean-data: ## delete ./data (the embedded database, media, dev key) after asking
	@[ -d data ] || { echo "no ./data directory"; exit 0; }; \
	read -r -p "Delete ./data (database, uploaded images, dev signing key)? Type yes: " answer; \
	[ "$$answer" = yes ] && rm -rf data && echo "deleted ./data" || echo "kept ./data"
