package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeAPI implements just the two endpoints seedbench uses, with the
// contract the bench script relies on.
func fakeAPI(t *testing.T, failAt int) (*httptest.Server, func() []map[string]any) {
	var (
		mu       sync.Mutex
		products []map[string]any
	)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/dev/token", func(w http.ResponseWriter, r *http.Request) {
		var in map[string]string
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in["role"] != "admin" || in["email"] == "" {
			http.Error(w, "bad token request", http.StatusBadRequest)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"token": "t0k", "expiresAt": "2030-01-01T00:00:00Z"})
	})
	mux.HandleFunc("POST /api/admin/products", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0k" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var p map[string]any
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if failAt > 0 && len(products)+1 == failAt {
			http.Error(w, `{"code":"validation_failed"}`, http.StatusBadRequest)
			return
		}
		p["id"] = fmt.Sprintf("%024x", len(products)+1)
		products = append(products, p)
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(p)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		return append([]map[string]any(nil), products...)
	}
}

func TestSeedCreatesProducts(t *testing.T) {
	srv, products := fakeAPI(t, 0)
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-base", srv.URL + "/", "-n", "57", "-workers", "4"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	ps := products()
	if len(ps) != 57 {
		t.Fatalf("created %d products, want 57", len(ps))
	}
	id := strings.TrimSpace(stdout.String())
	if len(id) != 24 {
		t.Errorf("stdout %q is not one product id", stdout.String())
	}
	names := map[any]bool{}
	for _, p := range ps {
		names[p["name"]] = true
		for _, k := range []string{"name", "description", "price", "stock", "category"} {
			if _, ok := p[k]; !ok {
				t.Errorf("product without %s: %v", k, p)
			}
		}
		if price, _ := p["price"].(float64); price < 100000 || price != float64(int64(price)) {
			t.Errorf("price %v is not whole minor units ≥ 1 000 COP", p["price"])
		}
	}
	if len(names) != 57 {
		t.Errorf("%d distinct names, want 57", len(names))
	}
}

func TestSeedStopsOnError(t *testing.T) {
	srv, _ := fakeAPI(t, 10)
	var stdout, stderr bytes.Buffer
	err := run([]string{"-base", srv.URL, "-n", "50", "-workers", "3"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "status 400") {
		t.Fatalf("got %v, want a status 400 error", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q on failure", stdout.String())
	}
}

// TestSeedRetriesRateLimited makes the server refuse every third create with
// 429 Retry-After: 0; all products must still be created, each exactly once,
// and every create must carry a distinct Idempotency-Key.
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
