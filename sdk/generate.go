// Package sdk is the Go client for the Don Palito Jr API.
//
// The typed client and models in client.gen.go are generated from the
// repository's openapi.yaml (never edit them by hand; run
// `go generate ./sdk`). A small hand-written layer on top adds
// authentication (API keys and bearer tokens), retries, problem errors and
// paging helpers.
package sdk

//go:generate go tool oapi-codegen -config cfg.yaml ../openapi.yaml
