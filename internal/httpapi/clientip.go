package httpapi

import (
	"context"
	"net/http"
	"net/netip"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"
)

// clientIP resolves the caller's address once per request. Behind trusted
// proxies (TRUSTED_PROXIES) it walks X-Forwarded-For from the right past the
// trusted hops; a peer that is not a trusted proxy is the client itself, so a
// client reaching the server directly cannot forge its address. Without
// trusted proxies the TCP peer is the client. (httprate's KeyByIP and
// KeyByRealIP are deprecated for exactly these two cases.)
func clientIP(trusted []netip.Prefix) func(http.Handler) http.Handler {
	if len(trusted) == 0 {
		return middleware.ClientIPFromRemoteAddr
	}
	prefixes := make([]string, len(trusted))
	for i, p := range trusted {
		prefixes[i] = p.String()
	}
	return middleware.ClientIPFromXFF(prefixes...)
}

// clientIPOf is the rate-limit key of an anonymous caller: the resolved
// client IP (an IPv6 client by its /64).
func clientIPOf(r *http.Request) string {
	return httprate.CanonicalizeIP(middleware.GetClientIP(r.Context()))
}

// headerSink takes the rate-limit headers of a count that is not an answer.
type headerSink struct{}

func (headerSink) Header() http.Header         { return http.Header{} }
func (headerSink) Write(b []byte) (int, error) { return len(b), nil }
func (headerSink) WriteHeader(int)             {}

type routeLabelKey struct{}

// routeLabel is where the gate writes the contract route of a request it
// answers itself, for observe to log and count it under that route.
type routeLabel struct{ route string }

func withRouteLabel(ctx context.Context) (context.Context, *routeLabel) {
	l := &routeLabel{}
	return context.WithValue(ctx, routeLabelKey{}, l), l
}

func setRouteLabel(ctx context.Context, route string) {
	if l, ok := ctx.Value(routeLabelKey{}).(*routeLabel); ok {
		l.route = route
	}
}
