package sdktest_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/sdk"
)

// The operations that get an automatic Idempotency-Key are exactly those whose
// contract declares the header.
func TestIdempotentOperationsMatchTheContract(t *testing.T) {
	spec, err := api.GetSpec()
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
	got := sdk.IdempotentOperations()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Fatalf("contract declares %v, the SDK lists %v", want, got)
	}
}
