package sdk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultUserAgent is the User-Agent the SDK sends; WithUserAgent puts the
// application's name in front of it.
const DefaultUserAgent = "donpalitojr-sdk-go/1"

// API is a client of one Don Palito Jr server. It embeds the generated
// *ClientWithResponses, so every operation of the contract is available typed
// (api.AdminListOrdersWithResponse, api.CreateCouponWithResponse, …), and adds
// convenience methods that return domain values and an *Error for any non-2xx
// answer (api.ListProducts, api.CreateProduct, …). Requests are retried with
// backoff when that is safe, and creating requests carry an automatic
// Idempotency-Key. An API is safe for concurrent use.
//
// The name is API rather than Client because the generated code already
// defines the low-level Client type.
type API struct {
	*ClientWithResponses

	baseURL string
}

// Option configures New. The generated ClientOption values (WithHTTPClient,
// WithRequestEditorFn, WithBaseURL) are Options too.
type Option interface {
	apply(*settings)
}

// settings collects what the options asked for before New builds the client.
type settings struct {
	generated   []ClientOption
	token       func(ctx context.Context) (string, error)
	userAgent   string
	retries     int
	backoffBase time.Duration
	backoffMax  time.Duration
}

type optionFunc func(*settings)

func (f optionFunc) apply(s *settings) { f(s) }

// apply lets a generated ClientOption be passed to New.
func (o ClientOption) apply(s *settings) { s.generated = append(s.generated, o) }

// WithAPIKey authenticates every request with an API key (`dpk_…`) created by
// an admin.
func WithAPIKey(key string) Option { return WithToken(key) }

// WithToken authenticates every request with a fixed bearer credential: an API
// key, a Clerk session token or a dev token.
func WithToken(token string) Option {
	return WithTokenSource(func(context.Context) (string, error) { return token, nil })
}

// WithTokenSource authenticates every request with the bearer credential the
// function returns at the time of the request; use it for short-lived session
// tokens that are refreshed elsewhere. An error from the function fails the
// request before it is sent.
func WithTokenSource(source func(ctx context.Context) (string, error)) Option {
	return optionFunc(func(s *settings) { s.token = source })
}

// WithUserAgent names the application in the User-Agent header, in front of
// DefaultUserAgent.
func WithUserAgent(ua string) Option {
	return optionFunc(func(s *settings) { s.userAgent = ua })
}

// WithRetries sets how many times a failed request that is safe to repeat is
// sent again (default 3; 0 turns retries off). See New for what is retried.
func WithRetries(n int) Option {
	return optionFunc(func(s *settings) { s.retries = max(n, 0) })
}

// WithBackoff sets the wait before the first retry (doubling on each further
// retry, with jitter) and the longest wait (defaults 250ms and 8s). A
// Retry-After header from the server takes precedence, up to the longest wait.
func WithBackoff(first, longest time.Duration) Option {
	return optionFunc(func(s *settings) {
		s.backoffBase = max(first, time.Millisecond)
		s.backoffMax = max(longest, s.backoffBase)
	})
}

// New returns a client of the server at baseURL (for example
// "https://tienda.donpalitojr.co" or "http://localhost:8080").
//
// Retries: GET, HEAD, PUT and DELETE requests, and POST or PATCH requests
// that carry an Idempotency-Key, are sent again after a network error, a 429
// (honouring Retry-After) or a 502, 503 or 504, with exponential backoff and
// jitter. Any other 4xx or 5xx answer, and any failure of a POST or PATCH
// without a key, is returned at once.
//
// Idempotency: every operation whose contract declares the Idempotency-Key
// header (creating products, coupons, orders, addresses, payment intents, API
// keys, and the admin order status change) gets a random key when the caller
// did not set one, so its retries cannot create twice.
func New(baseURL string, opts ...Option) (*API, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("sdk: the server URL must be an absolute http(s) URL, got %q", baseURL)
	}
	s := settings{retries: 3, backoffBase: 250 * time.Millisecond, backoffMax: 8 * time.Second}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("sdk: nil option")
		}
		o.apply(&s)
	}
	basePath := strings.TrimSuffix(u.Path, "/")
	ua := DefaultUserAgent
	if s.userAgent != "" {
		ua = s.userAgent + " " + DefaultUserAgent
	}
	editors := []ClientOption{
		WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("User-Agent", ua)
			return nil
		}),
		WithRequestEditorFn(addIdempotencyKey(basePath)),
	}
	if s.token != nil {
		source := s.token
		editors = append(editors, WithRequestEditorFn(func(ctx context.Context, r *http.Request) error {
			tok, err := source(ctx)
			if err != nil {
				return fmt.Errorf("sdk: get credential: %w", err)
			}
			if tok != "" {
				r.Header.Set("Authorization", "Bearer "+tok)
			}
			return nil
		}))
	}
	raw, err := NewClient(baseURL, append(s.generated, editors...)...)
	if err != nil {
		return nil, err
	}
	raw.Client = &retryingDoer{next: raw.Client, retries: s.retries, base: s.backoffBase, longest: s.backoffMax}
	return &API{ClientWithResponses: &ClientWithResponses{raw}, baseURL: strings.TrimSuffix(baseURL, "/")}, nil
}

// BaseURL is the server URL the client was made for, without a trailing slash.
func (c *API) BaseURL() string { return c.baseURL }
