package sdk

import (
	"net/http"
	"sort"
	"testing"

	"github.com/donpalito/donpalitojr/internal/api"
)

// The operations that get an automatic Idempotency-Key are exactly those whose
// contract declares the header.
func TestIdempotentOperationsMatchTheContract(t *testing.T) {
	spec, err := api.GetSwagger()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.In == "header" && http.CanonicalHeaderKey(p.Value.Name) == "Idempotency-Key" {
					want = append(want, method+" "+path)
				}
			}
		}
	}
	var got []string
	for _, op := range idempotentOperations {
		got = append(got, op.method+" "+op.path)
	}
	sort.Strings(want)
	sort.Strings(got)
	if len(want) != len(got) {
		t.Fatalf("contract declares %v, the SDK lists %v", want, got)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("contract declares %v, the SDK lists %v", want, got)
		}
	}
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
