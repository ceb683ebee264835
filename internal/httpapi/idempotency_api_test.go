package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestCreatingRequestsAreIdempotentPerKey(t *testing.T) {
	env := apitest.New(t)
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)
	other := env.Token("otra-admin@donpalito.test", auth.RoleAdmin)
	body := `{"name":"Oblea con arequipe","description":"Clásica","price":500000,"stock":7,"category":"Dulces"}`
	post := func(bearer, key, body string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/api/admin/products", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		res, err := env.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, b
	}

	first, firstBody := post(admin, "alta-oblea-0001", body)
	if first.StatusCode != 201 {
		t.Fatalf("first: %d %s", first.StatusCode, firstBody)
	}
	again, againBody := post(admin, "alta-oblea-0001", body)
	if again.StatusCode != 201 || string(againBody) != string(firstBody) || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay: %d %s (replayed=%q)", again.StatusCode, againBody, again.Header.Get("Idempotent-Replayed"))
	}
	reused, reusedBody := post(admin, "alta-oblea-0001", strings.Replace(body, "7", "8", 1))
	if reused.StatusCode != 422 || apitest.Problem(t, 422, reused.Header.Get("Content-Type"), reusedBody).Code != "idempotency_key_reused" {
		t.Fatalf("reused key: %d %s", reused.StatusCode, reusedBody)
	}
	// Keys belong to their caller: another admin's identical key is a new request.
	if res, b := post(other, "alta-oblea-0001", body); res.StatusCode != 201 || string(b) == string(firstBody) {
		t.Fatalf("other caller: %d %s", res.StatusCode, b)
	}

	// Five concurrent sends of one request create one product.
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, b := post(admin, "alta-concurrente-01", strings.Replace(body, "Oblea con arequipe", "Oblea doble", 1))
			if res.StatusCode != 201 {
				t.Errorf("concurrent: %d %s", res.StatusCode, b)
			}
		}()
	}
	close(start)
	wg.Wait()
	list, _ := env.Client(admin).AdminListProductsWithResponse(ctx, &sdk.AdminListProductsParams{Q: ptr("oblea doble")})
	if list.JSON200.Total != 1 {
		t.Fatalf("5 concurrent sends created %d products", list.JSON200.Total)
	}
	all, _ := env.Client(admin).AdminListProductsWithResponse(ctx, nil)
	if all.JSON200.Total != 3 {
		t.Fatalf("products = %d, want 3", all.JSON200.Total)
	}
}
