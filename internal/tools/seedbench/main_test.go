package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// The seeding runs against the real server on the embedded database, as
// make bench does, and the products it made are read back through the API.
func TestSeedCreatesProducts(t *testing.T) {
	env := apitest.New(t)
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-base", env.URL + "/", "-n", "57", "-workers", "4"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	limit := 100
	res, err := env.Client("").ListProductsWithResponse(context.Background(), &sdk.ListProductsParams{Limit: &limit})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("list: %v", err)
	}
	ps := res.JSON200.Items
	if res.JSON200.Total != 57 || len(ps) != 57 {
		t.Fatalf("the catalog has %d products, want 57", res.JSON200.Total)
	}
	id := strings.TrimSpace(stdout.String())
	names := map[string]bool{}
	found := false
	for _, p := range ps {
		names[p.Name] = true
		found = found || p.Id == id
		if p.Description == "" || p.Category == "" || p.Stock <= 0 || p.Price < 100000 {
			t.Errorf("product %+v lacks a description, category, stock or a price ≥ 1 000 COP", p)
		}
	}
	if !found {
		t.Errorf("stdout %q is not the id of a created product", stdout.String())
	}
	if len(names) != 57 {
		t.Errorf("%d distinct names, want 57", len(names))
	}
}

// A server that refuses the seeding (here: no dev sign-in outside dev auth)
// stops it with the server's status and prints no product id.
func TestSeedStopsOnError(t *testing.T) {
	env := apitest.New(t)
	var stdout, stderr bytes.Buffer
	err := run([]string{"-base", env.URL + "/nothing-here", "-n", "5", "-workers", "2"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "status 404") {
		t.Fatalf("got %v, want a status 404 error", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q on failure", stdout.String())
	}
}

// TestSeedRetriesRateLimited makes a server refuse every third create with
// 429 Retry-After: 0; all products must still be created, each exactly once,
// and every create must carry a distinct Idempotency-Key. This one server is
// written here because the real one's rate-limit window is a minute long.
func TestSeedRetriesRateLimited(t *testing.T) {
	var (
		mu      sync.Mutex
		calls   int
		created = map[string]bool{}
	)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/dev/token", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"token":"t0k","expiresAt":"2030-01-01T00:00:00Z"}`))
	})
	mux.HandleFunc("POST /api/admin/products", func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if len(key) < 8 {
			http.Error(w, "missing Idempotency-Key", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls%3 == 0 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		if created[key] {
			http.Error(w, "duplicate create", http.StatusConflict)
			return
		}
		created[key] = true
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, `{"id":"%024x"}`, len(created))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var stdout, stderr bytes.Buffer
	if err := run([]string{"-base", srv.URL, "-n", "30", "-workers", "4"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if len(created) != 30 {
		t.Errorf("created %d, want 30", len(created))
	}
	if calls < 40 {
		t.Errorf("only %d calls: the 429s were not retried", calls)
	}
}
