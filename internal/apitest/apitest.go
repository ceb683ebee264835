// Package apitest runs the real platform in-process for API tests: the whole
// HTTP handler on the shared embedded database, reached over real HTTP through
// the generated SDK, with every response validated against openapi.yaml.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/internal/validation"
	"github.com/donpalito/donpalitojr/sdk"
)

// Env is one running platform.
type Env struct {
	T      testing.TB
	App    *app.App
	Server *httptest.Server
	URL    string
	// HTTP sends requests and validates every response against the contract.
	HTTP *http.Client

	stopOnce sync.Once
}

// Option changes the environment variables the platform starts with.
type Option func(env map[string]string)

// WithEnv sets one environment variable.
func WithEnv(name, value string) Option { return func(e map[string]string) { e[name] = value } }

// New starts a platform on a fresh database of the shared embedded server.
// Defaults: dev auth, no demo data, quiet logs.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	env := map[string]string{
		"APP_ENV":   "test",
		"DATA_DIR":  t.TempDir(),
		"SEED_DEMO": "false",
		"LOG_LEVEL": "error",
		// Tests sign in many customers from one address; the limit itself
		// is tested with its own setting.
		"RATE_LIMIT_DEV_TOKEN": "0",
		// Tests present bad credentials on purpose; the limit on failed
		// authentication is tested with its own setting.
		"RATE_LIMIT_AUTH_FAILURES": "0",
	}
	for _, o := range opts {
		o(env)
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return start(t, cfg, storetest.Store(t))
}

func start(t testing.TB, cfg config.Config, s *store.Store) *Env {
	t.Helper()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	a, err := app.New(ctx, cfg, log, app.WithStore(s))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	e := &Env{T: t, App: a, Server: srv, URL: srv.URL}
	e.HTTP = &http.Client{Transport: &validatingTransport{t: t, base: http.DefaultTransport}, Timeout: 30 * time.Second}
	t.Cleanup(e.stop)
	return e
}

func (e *Env) stop() {
	e.stopOnce.Do(func() {
		e.Server.Close()
		e.App.Close(context.Background())
	})
}

// Restart stops the platform and starts it again on the same database and
// configuration: what it kept in memory is rebuilt from what it stored.
func (e *Env) Restart() *Env {
	e.T.Helper()
	e.stop()
	return start(e.T, e.App.Config, e.App.Store)
}

// Client returns an SDK client that sends the given bearer credential
// (none when empty).
func (e *Env) Client(bearer string) *sdk.ClientWithResponses {
	e.T.Helper()
	opts := []sdk.ClientOption{sdk.WithHTTPClient(e.HTTP)}
	if bearer != "" {
		opts = append(opts, sdk.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+bearer)
			return nil
		}))
	}
	c, err := sdk.NewClientWithResponses(e.URL, opts...)
	if err != nil {
		e.T.Fatal(err)
	}
	return c
}

// Token mints a dev session token through the real endpoint.
func (e *Env) Token(email string, role auth.Role) string {
	e.T.Helper()
	r := sdk.Role(role)
	res, err := e.Client("").CreateDevTokenWithResponse(context.Background(), sdk.CreateDevTokenJSONRequestBody{Email: openapi_types.Email(email), Role: &r})
	if err != nil {
		e.T.Fatal(err)
	}
	if res.JSON200 == nil {
		e.T.Fatalf("dev token: status %d: %s", res.StatusCode(), res.Body)
	}
	return res.JSON200.Token
}

// Do sends a raw request (for bodies the SDK would never produce) through
// the validating client.
func (e *Env) Do(method, path, bearer, contentType string, body io.Reader) (*http.Response, []byte) {
	e.T.Helper()
	req, err := http.NewRequest(method, e.URL+path, body)
	if err != nil {
		e.T.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := e.HTTP.Do(req)
	if err != nil {
		e.T.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.T.Fatal(err)
	}
	return res, b
}

// Problem decodes a problem body, failing the test if it is not one.
func Problem(t testing.TB, status int, contentType string, body []byte) sdk.Problem {
	t.Helper()
	if !strings.HasPrefix(contentType, "application/problem+json") {
		t.Fatalf("status %d: content type %q is not a problem: %s", status, contentType, body)
	}
	var p sdk.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body does not decode: %v: %s", err, body)
	}
	if p.Status != status {
		t.Fatalf("problem status %d differs from the HTTP status %d", p.Status, status)
	}
	return p
}

// --- response validation ---

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

func router() (routers.Router, error) {
	specOnce.Do(func() {
		var spec *openapi3.T
		spec, specErr = api.GetSpec()
		if specErr != nil {
			return
		}
		// The server is reached at the test server's URL, not the spec's.
		spec.Servers = nil
		specRouter, specErr = legacy.NewRouter(spec)
		// Bodies that are documents rather than JSON are checked as opaque
		// strings; their content is asserted by the tests that fetch them.
		openapi3filter.RegisterBodyDecoder("application/yaml", openapi3filter.PlainBodyDecoder)
		openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
		openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.FileBodyDecoder)
	})
	return specRouter, specErr
}

// validatingTransport fails the test when a response of a contract operation
// does not match openapi.yaml: undeclared status, wrong content type, or a
// body that breaks its schema.
type validatingTransport struct {
	t    testing.TB
	base http.RoundTripper
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := v.base.RoundTrip(req)
	if err != nil {
		return res, err
	}
	r, err := router()
	if err != nil {
		v.t.Errorf("load contract: %v", err)
		return res, nil
	}
	route, params, err := r.FindRoute(req)
	if err != nil {
		// Not an operation of the contract (media, metrics, unknown paths).
		return res, nil
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("read response: %w", err)
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		},
		Status: res.StatusCode,
		Header: res.Header,
		Body:   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			IncludeResponseStatus: true,
			MultiError:            true,
		},
	}
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		v.t.Errorf("%s %s → %d does not match openapi.yaml: %v\nbody: %.500s", req.Method, req.URL.Path, res.StatusCode, err, body)
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
		for _, bad := range FieldErrorFaults(body) {
			v.t.Errorf("%s %s → %d: %s", req.Method, req.URL.Path, res.StatusCode, bad)
		}
	}
	return res, nil
}

// englishWords are words of a validator's English (kin-openapi, Go's
// encoding/json) that never appear in our Spanish messages. Field names and
// enum values are quoted in messages, so they are stripped before the check.
var englishWords = regexp.MustCompile(`(?i)\b(must|should|is|are|the|be|value|values|property|missing|length|string|number|minimum|maximum|doesn't|does|not|allowed|unsupported|required|invalid|expected|match|regular|expression|least|most|items|error|failed|cannot|unmarshal|found|empty|characters|between|one of)\b`)

// FieldErrorFaults lists what is wrong with the field errors of a problem
// body: every one needs a field, a known code and a Spanish message.
func FieldErrorFaults(body []byte) []string {
	var p struct {
		Errors []struct {
			Field, Code, Message string
		}
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return []string{fmt.Sprintf("problem body does not decode: %v", err)}
	}
	var faults []string
	for _, fe := range p.Errors {
		switch {
		case fe.Field == "":
			faults = append(faults, fmt.Sprintf("field error without a field: %+v", fe))
		case !slices.Contains(validation.Codes, fe.Code):
			faults = append(faults, fmt.Sprintf("field %s: code %q is not one of %v", fe.Field, fe.Code, validation.Codes))
		case fe.Message == "":
			faults = append(faults, fmt.Sprintf("field %s: empty message", fe.Field))
		case englishWords.MatchString(withoutLiterals(fe.Message)):
			faults = append(faults, fmt.Sprintf("field %s: message %q reads like English validator text", fe.Field, fe.Message))
		}
	}
	return faults
}

// literals are what a Spanish message may quote verbatim: identifiers
// (field names, enum values such as price_asc), examples and code spans.
var literals = regexp.MustCompile(`"[^"]*"|[A-Za-z]+_[A-Za-z_]+|[a-z]+[A-Z][A-Za-z]*|:\s*[a-z_, ]+\.$`)

func withoutLiterals(msg string) string { return literals.ReplaceAllString(msg, " ") }
