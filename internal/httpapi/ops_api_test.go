package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

func send(t *testing.T, env *apitest.Env, method, path, bearer, forwardedFor, body string) int {
	t.Helper()
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, env.URL+path, rb)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	res, err := env.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func metricsText(t *testing.T, env *apitest.Env) string {
	t.Helper()
	res, err := http.Get(env.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// Requests the gate refuses (validation, authentication) are logged and
// counted under their contract route, and the dev simulator's work is not
// counted as a webhook request nested in its own route.
func TestRefusedRequestsAreLabelledWithTheirContractRoute(t *testing.T) {
	s := newCardShop(t)
	if code := send(t, s.env, http.MethodGet, "/api/products?limit=abc", "", "", ""); code != 400 {
		t.Fatalf("invalid limit: %d", code)
	}
	if code := send(t, s.env, http.MethodGet, "/api/users/me", "", "", ""); code != 401 {
		t.Fatalf("anonymous me: %d", code)
	}
	id := s.product(t, "Palito premium", 250000, 10)
	c, created := s.cardCheckout(t, "etiquetas@donpalito.test", id, 1)
	if r, _ := c.SimulateDevPaymentWithResponse(ctx, created.Id, sdk.SimulateDevPaymentJSONRequestBody{Outcome: sdk.DevPaymentSimulationOutcomeSucceeded}); r.JSON200 == nil {
		t.Fatalf("simulate: %s", r.Body)
	}
	m := metricsText(t, s.env)
	for _, want := range []string{
		`donpalito_http_requests_total{method="GET",route="/api/products",status="400"}`,
		`donpalito_http_requests_total{method="GET",route="/api/users/me",status="401"}`,
		`donpalito_http_requests_total{method="POST",route="/api/dev/payments/{orderId}/simulate",status="200"}`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	for _, line := range strings.Split(m, "\n") {
		if strings.HasPrefix(line, "donpalito_http_requests_total") && (strings.Contains(line, `route="unmatched",status="40`) || strings.Contains(line, "simulate/api/payment")) {
			t.Errorf("mislabelled request: %s", line)
		}
	}
}

// /metrics counts the database commands the server sends, by name, and the
// time spent waiting for them, so an operator can see how many round trips
// a request costs and how long it waits on them.
func TestMetricsCountTheDatabaseCommandsEachRequestSends(t *testing.T) {
	s := newCardShop(t)
	productInserts := func(metric string) float64 {
		total := 0.0
		for _, line := range strings.Split(metricsText(t, s.env), "\n") {
			labels, value, ok := strings.Cut(strings.TrimPrefix(line, metric+"{"), "} ")
			if ok && strings.HasPrefix(line, metric+"{") &&
				strings.Contains(labels, `collection="products"`) && strings.Contains(labels, `command="insert"`) {
				var n float64
				if _, err := fmt.Sscan(value, &n); err != nil {
					t.Fatalf("read %q: %v", line, err)
				}
				total += n
			}
		}
		return total
	}
	before, waitedBefore := productInserts("donpalito_db_commands_total"), productInserts("donpalito_db_command_seconds_total")
	s.product(t, "Palito contado", 250000, 10)
	if after := productInserts("donpalito_db_commands_total"); after <= before {
		t.Fatalf("inserts into products %v before creating a product, %v after", before, after)
	}
	if waited := productInserts("donpalito_db_command_seconds_total"); waited <= waitedBefore {
		t.Fatalf("time waited on inserts into products %v s before creating a product, %v s after", waitedBefore, waited)
	}
}

// Behind a trusted proxy, anonymous callers are told apart by the address
// the proxy forwards; anyone else's X-Forwarded-For is ignored, so it can
// neither dodge a limit nor spend someone else's.
func TestRateLimitsKeyOnTheClientBehindTrustedProxiesOnly(t *testing.T) {
	devToken := func(env *apitest.Env, xff string, n int) int {
		return send(t, env, http.MethodPost, "/api/dev/token", "", xff, fmt.Sprintf(`{"email":"limite-%d@donpalito.test"}`, n))
	}
	trusted := apitest.New(t, apitest.WithEnv("RATE_LIMIT_DEV_TOKEN", "2"), apitest.WithEnv("TRUSTED_PROXIES", "127.0.0.1/32,::1/128"))
	for i := range 2 {
		if code := devToken(trusted, "203.0.113.1", i); code != 200 {
			t.Fatalf("dev token %d: %d", i, code)
		}
	}
	if code := devToken(trusted, "203.0.113.1", 3); code != 429 {
		t.Errorf("third token for one client behind the proxy: %d, want 429", code)
	}
	if code := devToken(trusted, "203.0.113.2", 4); code != 200 {
		t.Errorf("another client behind the proxy: %d, want 200", code)
	}

	direct := apitest.New(t, apitest.WithEnv("RATE_LIMIT_DEV_TOKEN", "2"))
	for i := range 2 {
		if code := devToken(direct, fmt.Sprintf("198.51.100.%d", i), i); code != 200 {
			t.Fatalf("dev token %d: %d", i, code)
		}
	}
	if code := devToken(direct, "198.51.100.99", 3); code != 429 {
		t.Errorf("a forged X-Forwarded-For from an untrusted peer dodged the limit: %d, want 429", code)
	}
}

// Guessing credentials gets slow: after RATE_LIMIT_AUTH_FAILURES refused
// credentials an address is refused outright for a while.
func TestFailedAuthenticationIsRateLimited(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("RATE_LIMIT_AUTH_FAILURES", "3"), apitest.WithEnv("TRUSTED_PROXIES", "127.0.0.1/32,::1/128"))
	good := env.Token("limite-auth@donpalito.test", auth.RoleCustomer)
	for i := range 3 {
		if code := send(t, env, http.MethodGet, "/api/users/me", fmt.Sprintf("dpk_%064d", i), "203.0.113.7", ""); code != 401 {
			t.Fatalf("bad key %d: %d", i, code)
		}
	}
	if code := send(t, env, http.MethodGet, "/api/users/me", "dpk_"+strings.Repeat("9", 64), "203.0.113.7", ""); code != 429 {
		t.Errorf("fourth bad key: %d, want 429", code)
	}
	if code := send(t, env, http.MethodGet, "/api/users/me", good, "203.0.113.7", ""); code != 429 {
		t.Errorf("the guessing address with a good token: %d, want 429 until the window passes", code)
	}
	if code := send(t, env, http.MethodGet, "/api/users/me", good, "203.0.113.8", ""); code != 200 {
		t.Errorf("another address: %d, want 200", code)
	}
	// A missing credential is not a guess.
	for range 5 {
		if code := send(t, env, http.MethodGet, "/api/users/me", "", "203.0.113.9", ""); code != 401 {
			t.Fatalf("no credential: %d, want 401", code)
		}
	}
}
