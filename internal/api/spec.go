package api

import _ "embed"

// SpecYAML is openapi.yaml exactly as written (a generated copy, see generate.go).
//
//go:embed openapi.gen.yaml
var SpecYAML []byte
