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

.PHONY: help run build test test-go test-frontends check-generated lint generate bench fuzz deps-frontends deps-system clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: ## start the whole platform on its embedded defaults (http://localhost:8080)
	$(GO) run ./server

build: ## build the server binary into bin/
	$(GO) build -o bin/server ./server

test: check-generated lint test-frontends test-go ## everything CI runs (Go last, so its summary closes the output)

test-go: deps-system ## Go tests (API, store, domains, TUI, fuzz seeds) on the embedded database
	$(GO) test $(GO_TEST_FLAGS) ./...

# tmux drives the terminal admin's end-to-end test. Installing it needs root
# and Debian's apt; without it that one test skips and says why.
deps-system:
	@command -v tmux >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing tmux (terminal admin end-to-end test)"; \
			(apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; }) \
				|| echo "could not install tmux: its test will be skipped"; \
		else echo "tmux missing and not installable here: its test will be skipped"; fi; }
	@# stripe-mock stands in for Stripe in the payment tests (a Go module, pinned).
	@command -v stripe-mock >/dev/null 2>&1 || [ -x "$$($(GO) env GOPATH)/bin/stripe-mock" ] || { \
		echo "installing stripe-mock v0.203.0 (payment tests)"; \
		$(GO) install github.com/stripe/stripe-mock@v0.203.0; }

test-frontends: deps-frontends ## TypeScript client: typecheck and unit tests
	cd $(FRONTENDS) && $(NPM) run typecheck && $(NPM) test

lint: ## gofmt and go vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './$(FRONTENDS)/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -composites=false ./...

generate: deps-frontends ## regenerate the Go server, the Go SDK and the TypeScript client from openapi.yaml
	$(GO) generate ./internal/api ./sdk
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
	@touch $@

bench: ## load-test the catalog with wrk and print figures (installs wrk if missing)
	bash internal/tools/bench/bench.sh

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz '^FuzzListProductsQuery$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/httpapi -run '^$$' -fuzz '^FuzzCreateProductBody$$' -fuzztime $(FUZZTIME)

clean: ## remove build output and the local data directory
	rm -rf bin data
