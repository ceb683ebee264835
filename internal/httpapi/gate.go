package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/idempotency"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Access levels an operation declares with x-auth in openapi.yaml.
const (
	accessPublic = "public"
	accessUser   = "user"
	accessAdmin  = "admin"
)

// operation is what the gate knows about one operation of the contract.
type operation struct {
	id       string
	access   string
	route    *routers.Route
	skipBody bool // multipart bodies are checked by their handler while streaming
	maxBody  int64
	// idempotent operations take an Idempotency-Key header.
	idempotent bool
	// replayAs200 is set when the contract answers a replay with 200 rather
	// than the 201 of the first creation.
	replayAs200 bool
	// limiter throttles the operation; nil when it is not limited.
	limiter *httprate.RateLimiter
	// keepRawBody is set for webhooks, whose signature covers the exact bytes.
	keepRawBody bool
}

// Authenticator turns a bearer credential into a principal.
type Authenticator interface {
	Authenticate(ctx context.Context, bearer string) (auth.Principal, error)
}

// gate authenticates, authorises and validates every API request against the
// contract before any handler runs. Access rules live in openapi.yaml
// (x-auth), so the contract and the enforcement cannot drift apart.
type gate struct {
	mux   *chi.Mux
	ops   map[string]*operation // "GET /api/products/{id}"
	authn Authenticator
	idem  *idempotency.Store
	// authFailures counts refused credentials per client IP (nil: off).
	authFailures     *httprate.RateLimiter
	authFailureLimit int
}

const defaultMaxBody = 1 << 20

var defineFormats sync.Once

// Limits are the rate limits per minute of the three throttled classes of
// operation; zero turns a class off.
type Limits struct {
	Writes, DevToken, Webhooks int
	// AuthFailures: refused credentials per client IP; past it the IP is
	// refused before its credential is even checked.
	AuthFailures int
}

func newLimiter(perMinute int) *httprate.RateLimiter {
	if perMinute <= 0 {
		return nil
	}
	return httprate.NewRateLimiter(perMinute, time.Minute)
}

func newGate(spec *openapi3.T, mux *chi.Mux, authn Authenticator, idem *idempotency.Store, limits Limits) (*gate, error) {
	writes, devToken, webhooks := newLimiter(limits.Writes), newLimiter(limits.DevToken), newLimiter(limits.Webhooks)
	// kin-openapi checks only date and date-time formats out of the box; the
	// contract also relies on email. Same pattern the generated types use.
	defineFormats.Do(func() {
		openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
	})
	g := &gate{mux: mux, ops: map[string]*operation{}, authn: authn, idem: idem,
		authFailures: newLimiter(limits.AuthFailures), authFailureLimit: limits.AuthFailures}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			access, _ := op.Extensions["x-auth"].(string)
			switch access {
			case accessPublic, accessUser, accessAdmin:
			default:
				return nil, fmt.Errorf("operation %s %s has no valid x-auth (got %q)", method, path, access)
			}
			o := &operation{
				id: op.OperationID, access: access, maxBody: defaultMaxBody,
				route: &routers.Route{Spec: spec, Path: path, PathItem: item, Method: method, Operation: op},
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil && op.RequestBody.Value.Content.Get("multipart/form-data") != nil {
				o.skipBody = true
				o.maxBody = uploadMaxBody
			}
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.In == "header" && strings.EqualFold(p.Value.Name, "Idempotency-Key") {
					o.idempotent = true
				}
			}
			o.replayAs200 = op.Responses.Status(200) != nil && op.Responses.Status(201) != nil
			switch {
			// The embedded spec carries operation ids as Go names (CreateDevToken).
			case strings.EqualFold(op.OperationID, "createDevToken"):
				o.limiter = devToken
			case slices.Contains(op.Tags, "webhooks"):
				o.limiter = webhooks
			case method != http.MethodGet && method != http.MethodHead:
				o.limiter = writes
			}
			o.keepRawBody = slices.Contains(op.Tags, "webhooks")
			g.ops[method+" "+path] = o
		}
	}
	return g, nil
}

// uploadMaxBody leaves room for the multipart envelope around a 5 MB image.
const uploadMaxBody = 5<<20 + 64<<10

var validationOptions = &openapi3filter.Options{
	MultiError:         true,
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
}

var validationOptionsNoBody = &openapi3filter.Options{
	MultiError:         true,
	ExcludeRequestBody: true,
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
}

func (g *gate) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rctx := chi.NewRouteContext()
		pattern := g.mux.Find(rctx, r.Method, r.URL.Path)
		op, ok := g.ops[r.Method+" "+pattern]
		if ok {
			// Requests refused here never reach the router: name their
			// route for the logs and metrics all the same.
			setRouteLabel(r.Context(), pattern)
		}
		if !ok {
			// Not an operation of the contract (media, metrics, static files,
			// or a 404/405 the router answers).
			next.ServeHTTP(w, r)
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, op.maxBody)
			if op.keepRawBody {
				var err error
				if r, err = keepRawBody(r); err != nil {
					writeProblem(w, r, validationProblem(err))
					return
				}
			}
		}

		caller := ""
		if op.access != accessPublic {
			ip := "ip:" + clientIPOf(r)
			if g.authFailures != nil {
				if _, rate, err := g.authFailures.Status(ip); err == nil && rate >= float64(g.authFailureLimit) {
					w.Header().Set("Retry-After", "60")
					writeProblem(w, r, errRateLimited)
					return
				}
			}
			p, err := g.authorise(r, op)
			if err != nil {
				pr := problemFor(err)
				if g.authFailures != nil && pr != nil && pr.Status == http.StatusUnauthorized && r.Header.Get("Authorization") != "" {
					// Count a refused credential (not a missing one): guessing
					// keys or tokens gets slow.
					g.authFailures.OnLimit(headerSink{}, r, ip)
				}
				writeProblem(w, r, pr)
				return
			}
			r = r.WithContext(auth.WithPrincipal(r.Context(), p))
			caller = "user:" + p.UserID
			if p.APIKeyID != "" {
				caller = "key:" + p.APIKeyID
			}
		}
		if op.limiter != nil {
			if caller == "" {
				caller = "ip:" + clientIPOf(r)
			}
			if op.limiter.OnLimit(w, r, caller) {
				writeProblem(w, r, errRateLimited)
				return
			}
		}

		params := make(map[string]string, len(rctx.URLParams.Keys))
		for i, k := range rctx.URLParams.Keys {
			params[k] = rctx.URLParams.Values[i]
		}
		opts := validationOptions
		if op.skipBody {
			opts = validationOptionsNoBody
		}
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: op.route, Options: opts}
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			writeProblem(w, r, validationProblem(err))
			return
		}
		if key := r.Header.Get("Idempotency-Key"); key != "" && op.idempotent && g.idem != nil {
			g.serveIdempotent(w, r, op, key, next)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type rawBodyKey struct{}

// keepRawBody reads the (already bounded) body, puts it back for validation
// and decoding, and keeps the exact bytes in the context for the handler.
func keepRawBody(r *http.Request) (*http.Request, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return r, err
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return r.WithContext(context.WithValue(r.Context(), rawBodyKey{}, b)), nil
}

// rawBody returns the exact bytes of a webhook request's body.
func rawBody(ctx context.Context) ([]byte, bool) {
	b, ok := ctx.Value(rawBodyKey{}).([]byte)
	return b, ok
}

var (
	errForbidden   = newProblem(http.StatusForbidden, "forbidden", "No tienes permiso para esta operación.")
	errNoBearer    = newProblem(http.StatusUnauthorized, "unauthenticated", "Falta el encabezado Authorization: Bearer <token>.")
	errBadScheme   = newProblem(http.StatusUnauthorized, "unauthenticated", "El encabezado Authorization debe usar el esquema Bearer.")
	errReadOnlyKey = newProblem(http.StatusForbidden, "forbidden", "Esta clave de API solo permite lecturas.")
	errRateLimited = newProblem(http.StatusTooManyRequests, "rate_limited", "Demasiadas solicitudes. Espera un momento e intenta de nuevo.")
)

func (g *gate) authorise(r *http.Request, op *operation) (auth.Principal, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return auth.Principal{}, errNoBearer
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return auth.Principal{}, errBadScheme
	}
	p, err := g.authn.Authenticate(r.Context(), strings.TrimSpace(token))
	if err != nil {
		return auth.Principal{}, err
	}
	if op.access == accessAdmin && !p.IsAdmin() {
		return auth.Principal{}, errForbidden
	}
	// A read-only key may call safe operations only, whatever their level.
	if !p.HasScope("admin") && r.Method != http.MethodGet && r.Method != http.MethodHead {
		return auth.Principal{}, errReadOnlyKey
	}
	return p, nil
}

// validationProblem turns kin-openapi's findings into a 400 problem whose
// errors name each offending parameter or body field with a code and a
// Spanish message (see fielderrors.go).
func validationProblem(err error) *Problem {
	p := newProblem(http.StatusBadRequest, "validation_failed", "La solicitud no cumple el contrato de la API.")
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return problemFor(mbe)
	}
	for _, e := range flatten(err) {
		var re *openapi3filter.RequestError
		if !errors.As(e, &re) {
			p.Errors = append(p.Errors, FieldError{Field: "request", Code: validation.InvalidValue, Message: "La solicitud no es válida."})
			continue
		}
		if errors.As(re.Err, &mbe) {
			return problemFor(mbe)
		}
		switch {
		case re.Parameter != nil:
			p.Errors = append(p.Errors, parameterFieldErrors(re.Parameter, re.Err)...)
		case re.RequestBody != nil:
			if re.Err == nil && re.Reason != "" && !errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
				// Only the content type check fails without a cause.
				if mt := re.Input.Request.Header.Get("Content-Type"); re.RequestBody.Content.Get(mt) == nil {
					return newProblem(http.StatusUnsupportedMediaType, "unsupported_media_type", "El cuerpo debe enviarse como application/json.")
				}
			}
			if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
				p.Errors = append(p.Errors, FieldError{Field: "body", Code: validation.Required, Message: "Falta el cuerpo de la solicitud (JSON)."})
				continue
			}
			bodyErrs := flatten(re.Err)
			if len(bodyErrs) == 0 {
				p.Errors = append(p.Errors, FieldError{Field: "body", Code: validation.InvalidValue, Message: "El cuerpo de la solicitud no es válido."})
			}
			for _, be := range bodyErrs {
				var se *openapi3.SchemaError
				var pe *openapi3filter.ParseError
				switch {
				case errors.As(be, &se):
					fes := schemaFieldErrors("", se)
					for i := range fes {
						if fes[i].Field == "" {
							fes[i].Field = "body"
						}
					}
					p.Errors = append(p.Errors, fes...)
				case errors.As(be, &pe):
					p.Errors = append(p.Errors, FieldError{Field: "body", Code: validation.Malformed, Message: "El cuerpo no es JSON válido."})
				default:
					p.Errors = append(p.Errors, FieldError{Field: "body", Code: validation.InvalidValue, Message: "El cuerpo de la solicitud no es válido."})
				}
			}
		default:
			p.Errors = append(p.Errors, FieldError{Field: "request", Code: validation.InvalidValue, Message: "La solicitud no es válida."})
		}
	}
	p.Errors = dedupe(p.Errors)
	return p
}

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	// Only a MultiError at this level: errors.As would also unwrap a
	// RequestError and lose which parameter or body it was about.
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
