package sdk

import (
	"net/http"
	"testing"
)

// Operation paths with ids in them match the operations that declare the
// Idempotency-Key header (internal/sdktest keeps the list equal to the contract).
func TestDeclaresIdempotencyKeyMatchesPathsWithIDs(t *testing.T) {
	for _, tt := range []struct {
		method, path string
		want         bool
	}{
		{http.MethodPost, "/api/admin/products", true},
		{http.MethodPost, "/api/admin/products/665f1c2e8b3a4d0012345678/images", false},
		{http.MethodPatch, "/api/admin/orders/665f1c2e8b3a4d0012345678/status", true},
		{http.MethodGet, "/api/admin/products", false},
		{http.MethodPost, "/api/dev/token", false},
	} {
		if got := declaresIdempotencyKey(tt.method, tt.path); got != tt.want {
			t.Errorf("%s %s: %v", tt.method, tt.path, got)
		}
	}
}
