// Package httpapi is the HTTP edge of the platform: the router, the
// middleware, the gate that enforces the contract, and the Handler that
// implements the generated strict server interface by translating between
// API types and domain calls. Business rules live in the domain packages.
package httpapi

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/idempotency"
	"github.com/donpalito/donpalitojr/internal/invoice"
	"github.com/donpalito/donpalitojr/internal/mail"
	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/payment"
	"github.com/donpalito/donpalitojr/internal/report"
	"github.com/donpalito/donpalitojr/internal/review"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

// Deps are everything the HTTP layer needs, passed explicitly.
type Deps struct {
	Config    config.Config
	Log       *slog.Logger
	Store     *store.Store
	Catalog   *catalog.Service
	Customers *customer.Service
	Keys      *apikey.Service
	Coupons   *coupon.Service
	Carts     *cart.Service
	Orders    *order.Service
	Reviews   *review.Service
	Invoices  *invoice.Service
	Reports   *report.Service
	Authn     Authenticator
	DevSigner *auth.DevSigner // nil unless AUTH_MODE=dev
	Media     *media.Local    // nil when media lives on Cloudinary
	Registry  *prometheus.Registry
	// Idempotency keeps the responses of creating requests for retries.
	Idempotency *idempotency.Store
	// ClerkWebhook verifies Clerk's deliveries; nil (no secret configured)
	// refuses them all.
	ClerkWebhook *webhook.SvixVerifier
	// Webhooks remembers the webhook messages already processed.
	Webhooks *webhook.Ledger
	// Events is the outbox of business events.
	Events *events.Outbox
	// Mailbox keeps emails locally; nil when they go out by SMTP.
	Mailbox *mail.Mailbox
	// Payments takes card payments; its Provider is nil when cards are off.
	Payments *payment.Service
}

// Handler implements the contract's operations.
type Handler struct {
	deps      Deps
	log       *slog.Logger
	specYAML  []byte
	responses *responseCache
	// docs is the built API reference; nil when it is off or not built.
	docs *webApp
}

var _ api.StrictServerInterface = (*Handler)(nil)

// NewHandler builds the whole HTTP handler of the platform.
func NewHandler(d Deps) (http.Handler, error) {
	spec, err := api.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("load embedded contract: %w", err)
	}
	h := &Handler{deps: d, log: d.Log, specYAML: api.SpecYAML, responses: newResponseCache()}

	r := chi.NewRouter()
	g, err := newGate(spec, r, d.Authn, d.Idempotency, Limits{
		Writes: d.Config.RateLimitWrites, DevToken: d.Config.RateLimitDevToken, Webhooks: d.Config.RateLimitWebhooks,
		AuthFailures: d.Config.RateLimitAuthFail,
	})
	if err != nil {
		return nil, err
	}
	r.Use(clientIP(d.Config.TrustedProxies), requestID, observe(d.Log, newMetrics(d.Registry)), securityHeaders)
	r.Use(cors.Handler(cors.Options{
		AllowedOrigins:   d.Config.CORSOrigins,
		AllowedMethods:   []string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
		AllowedHeaders:   []string{"Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"},
		ExposedHeaders:   []string{"X-Request-Id", "Retry-After"},
		AllowCredentials: false,
		MaxAge:           600,
	}))
	r.Use(middleware.Compress(5, "application/json", "text/javascript", "application/javascript", "text/css", "image/svg+xml", "application/manifest+json", "application/problem+json", "text/html", "application/yaml", "text/csv", "text/plain"))
	r.Use(g.middleware)

	apps := newWebApps(d.Log, d.Config.WebDir, d.Config.AdminDir, d.Config.MobileDir)
	h.docs = newWebApp(d.Log, "api-docs", "/api/docs/", d.Config.DocsDir, docsCSP())
	var seo *storefrontSEO
	if apps.web != nil && d.Catalog != nil {
		seo = &storefrontSEO{catalog: d.Catalog, base: strings.TrimSuffix(d.Config.PublicBaseURL, "/"), log: d.Log}
		apps.web.render = seo.render
	}
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		if seo != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			switch r.URL.Path {
			case "/sitemap.xml":
				seo.sitemap(w, r)
				return
			case "/robots.txt":
				seo.robots(w, r)
				return
			}
		}
		if h.docs != nil && strings.HasPrefix(r.URL.Path, "/api/docs/") {
			h.docs.ServeHTTP(w, r)
			return
		}
		if app := apps.pick(r.URL.Path); app != nil {
			app.ServeHTTP(w, r)
			return
		}
		writeProblem(w, r, newProblem(http.StatusNotFound, "not_found", "No existe la ruta "+r.URL.Path+"."))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		if app := apps.pick(r.URL.Path); app != nil && r.URL.Path != "/" {
			app.ServeHTTP(w, r)
			return
		}
		writeProblem(w, r, newProblem(http.StatusMethodNotAllowed, "method_not_allowed", "El método "+r.Method+" no está permitido en "+r.URL.Path+"."))
	})
	if d.Config.MetricsPublic {
		r.Handle("/metrics", metricsGuard(d.Config.MetricsToken, promhttp.HandlerFor(d.Registry, promhttp.HandlerOpts{})))
	}
	if d.Media != nil {
		r.Handle("/media/*", d.Media.Handler())
	}

	strict := api.NewStrictHandlerWithOptions(h, []api.StrictMiddlewareFunc{orderImageURLs(d.Config.PublicBaseURL)}, api.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  h.requestError,
		ResponseErrorHandlerFunc: h.responseError,
	})
	api.HandlerWithOptions(strict, api.ChiServerOptions{BaseRouter: r, ErrorHandlerFunc: h.requestError})
	return r, nil
}

// requestError answers input the gate let through but the generated binding
// could not decode (it should be rare: the gate validates first).
func (h *Handler) requestError(w http.ResponseWriter, r *http.Request, err error) {
	if p := problemFor(err); p != nil {
		writeProblem(w, r, p)
		return
	}
	p := newProblem(http.StatusBadRequest, "validation_failed", "La solicitud no se pudo interpretar.")
	p.Errors = bindingFieldErrors(err)
	writeProblem(w, r, p)
}

// responseError maps a handler's error to a problem; anything unexpected is
// logged and becomes a 500 without internals in the body.
func (h *Handler) responseError(w http.ResponseWriter, r *http.Request, err error) {
	if p := problemFor(err); p != nil {
		writeProblem(w, r, p)
		return
	}
	h.log.ErrorContext(r.Context(), "request failed", "request_id", RequestIDFrom(r.Context()), "err", err)
	writeProblem(w, r, internalProblem(r, err))
}

// internalProblem is the 500 answer; the cause goes to the log, never to the
// client.
func internalProblem(*http.Request, error) *Problem {
	return newProblem(http.StatusInternalServerError, "internal", "Ocurrió un error inesperado. Intenta de nuevo.")
}

// principal returns the caller of an operation the gate authenticated.
func principal(ctx context.Context) (auth.Principal, error) {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return auth.Principal{}, auth.ErrUnauthenticated
	}
	return p, nil
}

// rawJSON is a pre-encoded 200 JSON body, used for the hot catalog reads.
type rawJSON []byte

func (b rawJSON) write(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b)
	return err
}

func (b rawJSON) VisitListProductsResponse(w http.ResponseWriter) error { return b.write(w) }
func (b rawJSON) VisitGetProductResponse(w http.ResponseWriter) error   { return b.write(w) }
func (b rawJSON) VisitListCategoriesResponse(w http.ResponseWriter) error {
	return b.write(w)
}

func encodeJSON(v any) (rawJSON, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode response: %w", err)
	}
	return append(b, '\n'), nil
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func trimLower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// metricsGuard lets through only callers presenting token as a bearer
// credential; an empty token leaves the metrics open (local development).
func metricsGuard(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			writeProblem(w, r, newProblem(http.StatusUnauthorized, "unauthenticated", "Las métricas piden el token de METRICS_TOKEN como Authorization: Bearer."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
