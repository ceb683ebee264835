// Package api holds the code generated from openapi.yaml: the models, the chi
// strict server interfaces and the embedded spec. Never edit api.gen.go by hand;
// change openapi.yaml and run `go generate ./internal/api`.
package api

//go:generate go tool oapi-codegen -config cfg.yaml ../../openapi.yaml

// The contract is also served verbatim at /api/openapi.yaml; go:embed cannot
// reach the file at the module root, so generation keeps a copy here.
//go:generate cp ../../openapi.yaml openapi.gen.yaml
