package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
)

// The fuzzers call the handler directly (no sockets) so each input is cheap;
// the handler is the same one the server serves.

func FuzzListProductsQuery(f *testing.F) {
	for _, seed := range []string{
		"", "q=queso", "q=%00", "limit=1000", "limit=-1", "page=99999999999999999999", "sort=bogus",
		"minPrice=-1&maxPrice=abc", "inStock=maybe", "category=%ZZ", "q=" + string(bytes.Repeat([]byte("a"), 500)),
		"minPrice=9223372036854775807&maxPrice=9223372036854775808", "sort=price_asc&sort=name", "q[]=x", ";;&&==",
	} {
		f.Add(seed)
	}
	h := apitest.New(f, apitest.WithEnv("SEED_DEMO", "true")).App.Handler
	f.Fuzz(func(t *testing.T, rawQuery string) {
		req := httptest.NewRequest(http.MethodGet, "/api/products", nil)
		req.URL.RawQuery = rawQuery
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET /api/products?%s → %d: %s", rawQuery, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("error without a problem body: %d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}

func FuzzCreateProductBody(f *testing.F) {
	for _, seed := range []string{
		`{"name":"n","description":"d","price":100,"stock":1,"category":"c"}`,
		`{"name":"n","description":"d","price":1e300,"stock":1,"category":"c"}`,
		`{"name":"n","description":"d","price":100,"stock":99999999999999999999,"category":"c"}`,
		`{"name":"\u0000","description":"d","price":100,"stock":-0,"category":"c"}`,
		`{"name":"n","description":"d","price":100,"stock":1,"category":"c","isActive":null}`,
		`[]`, `null`, `"x"`, `{`, ``, `{"name":{"$gt":""}}`,
	} {
		f.Add(seed)
	}
	env := apitest.New(f)
	h, admin := env.App.Handler, env.Token("fuzz@donpalito.test", auth.RoleAdmin)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/api/admin/products", io.NopCloser(bytes.NewReader([]byte(body))))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+admin)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %q → %d: %s", body, rec.Code, rec.Body.String())
		}
	})
}
