package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/store"
)

// Issue 9, defect 4: ?page=9223372036854775807 answered 500 on every
// paginated list (a slice bound of -20 in the catalog and the outbox). Every
// operation of the contract that takes the shared page parameter is found in
// openapi.yaml, so a list added later is covered too.
func TestEveryPaginatedListRefusesAHugePageAndServesAnEmptyLastOne(t *testing.T) {
	spec, err := openapi3.NewLoader().LoadFromFile("../../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := newShop(t)
	admin := s.env.Token("admin@donpalito.test", "admin")
	product := s.product(t, "Palito paginado", 100000, 5)

	lists := 0
	for path, item := range spec.Paths.Map() {
		op := item.Get
		if op == nil || !takesPage(op) {
			continue
		}
		lists++
		url := strings.ReplaceAll(path, "{id}", product)
		for _, tc := range []struct {
			page string
			want int
		}{
			{"9223372036854775807", 400},
			{"100001", 400},
			{"-9223372036854775808", 400},
			{"100000", 200},
		} {
			res, body := s.env.Do("GET", url+"?page="+tc.page, admin, "", nil)
			if res.StatusCode != tc.want {
				t.Errorf("GET %s?page=%s: %d %s, want %d", path, tc.page, res.StatusCode, body, tc.want)
				continue
			}
			if tc.want == 400 {
				if p := apitest.Problem(t, 400, res.Header.Get("Content-Type"), body); p.Code != "validation_failed" {
					t.Errorf("GET %s?page=%s: code %q", path, tc.page, p.Code)
				}
				continue
			}
			var page struct {
				Items []json.RawMessage `json:"items"`
				Page  int               `json:"page"`
			}
			if err := json.Unmarshal(body, &page); err != nil || page.Items == nil || len(page.Items) != 0 || page.Page != store.MaxPage {
				t.Errorf("GET %s?page=%s: want an empty page %d: %v %s", path, tc.page, store.MaxPage, err, body)
			}
		}
	}
	if lists < 10 {
		t.Fatalf("found %d paginated lists in the contract, expected at least the 10 of the issue", lists)
	}
}

func takesPage(op *openapi3.Operation) bool {
	for _, p := range op.Parameters {
		if p.Value != nil && p.Value.In == "query" && p.Value.Name == "page" {
			return true
		}
	}
	return false
}
