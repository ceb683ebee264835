package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clerk/clerk-sdk-go/v2"
	clerkjwt "github.com/clerk/clerk-sdk-go/v2/jwt"
	"github.com/go-jose/go-jose/v3"
	josejwt "github.com/go-jose/go-jose/v3/jwt"
	"golang.org/x/sync/singleflight"
)

// KeySource finds the public key that verifies a token.
type KeySource interface {
	Key(ctx context.Context, kid string) (*clerk.JSONWebKey, error)
}

// VerifierConfig describes what a valid token looks like.
type VerifierConfig struct {
	Keys KeySource
	// Issuer, when set, must equal the token's iss exactly. When empty the
	// Clerk rule applies (https://clerk.… or ….clerk.accounts….).
	Issuer string
	// AuthorizedParties, when not empty, must contain the token's azp.
	AuthorizedParties []string
	// Leeway tolerates clock skew on exp and nbf.
	Leeway time.Duration
	Now    func() time.Time
}

// Verifier checks session tokens. Clerk tokens and local dev tokens go through
// the same Verify, which delegates the signature and time checks to
// clerk-sdk-go.
type Verifier struct {
	cfg VerifierConfig
}

// NewVerifier returns a verifier for cfg.
func NewVerifier(cfg VerifierConfig) *Verifier {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Verifier{cfg: cfg}
}

type customClaims struct {
	Email          string         `json:"email"`
	Name           string         `json:"name"`
	Image          string         `json:"image_url"`
	Role           string         `json:"role"`
	PublicMetadata map[string]any `json:"public_metadata"`
	Metadata       map[string]any `json:"metadata"`
}

type clockFunc func() time.Time

func (c clockFunc) Now() time.Time { return c() }

// Verify returns the claims of a valid token, or an error wrapping
// ErrUnauthenticated.
func (v *Verifier) Verify(ctx context.Context, token string) (Claims, error) {
	parsed, err := josejwt.ParseSigned(token)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: malformed token: %v", ErrUnauthenticated, err)
	}
	if len(parsed.Headers) != 1 || parsed.Headers[0].Algorithm != string(jose.RS256) {
		return Claims{}, fmt.Errorf("%w: token must be signed with RS256", ErrUnauthenticated)
	}
	jwk, err := v.cfg.Keys.Key(ctx, parsed.Headers[0].KeyID)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: %v", ErrUnauthenticated, err)
	}
	params := &clerkjwt.VerifyParams{
		Token:                   token,
		JWK:                     jwk,
		Clock:                   clockFunc(v.cfg.Now),
		Leeway:                  v.cfg.Leeway,
		CustomClaimsConstructor: func(context.Context) any { return &customClaims{} },
	}
	if v.cfg.Issuer != "" {
		iss := v.cfg.Issuer
		params.ProxyURL = &iss
	}
	if len(v.cfg.AuthorizedParties) > 0 {
		parties := v.cfg.AuthorizedParties
		params.AuthorizedPartyHandler = func(azp string) bool { return azp != "" && slices.Contains(parties, azp) }
	}
	sc, err := clerkjwt.Verify(ctx, params)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: %v", ErrUnauthenticated, err)
	}
	// go-jose accepts a token without exp; a session token must expire.
	if sc.Expiry == nil {
		return Claims{}, fmt.Errorf("%w: token has no expiry", ErrUnauthenticated)
	}
	if sc.Subject == "" {
		return Claims{}, fmt.Errorf("%w: token has no subject", ErrUnauthenticated)
	}
	cc, _ := sc.Custom.(*customClaims)
	if cc == nil {
		cc = &customClaims{}
	}
	role := cc.Role
	if role == "" {
		role = metadataRole(cc.PublicMetadata)
	}
	if role == "" {
		role = metadataRole(cc.Metadata)
	}
	return Claims{
		Subject: sc.Subject,
		Email:   strings.ToLower(strings.TrimSpace(cc.Email)),
		Name:    strings.TrimSpace(cc.Name),
		Image:   cc.Image,
		Role:    role,
	}, nil
}

func metadataRole(m map[string]any) string {
	if r, ok := m["role"].(string); ok {
		return r
	}
	return ""
}

// StaticKey is one known public key (CLERK_JWT_KEY, or the dev key).
type StaticKey struct{ JWK *clerk.JSONWebKey }

// Key returns the key whatever the kid: Clerk's PEM carries no kid.
func (s StaticKey) Key(context.Context, string) (*clerk.JSONWebKey, error) { return s.JWK, nil }

// KeyFromPEM parses an RSA public key in PEM (Clerk's "JWT public key").
func KeyFromPEM(pem string) (StaticKey, error) {
	// Operators paste the key into one env line with literal \n.
	pem = strings.ReplaceAll(strings.TrimSpace(pem), `\n`, "\n")
	jwk, err := clerk.JSONWebKeyFromPEM(pem)
	if err != nil {
		return StaticKey{}, fmt.Errorf("parse CLERK_JWT_KEY: %w", err)
	}
	return StaticKey{JWK: jwk}, nil
}

// JWKS fetches a JSON Web Key Set once and caches it, fetching again (at most
// once a minute) only when a token names a key it does not know — which is
// what a key rotation looks like. The lock guards only the cache: a slow
// fetch never stalls tokens signed with known keys, and concurrent misses
// share one fetch.
type JWKS struct {
	URL    string
	Client *http.Client
	// MinInterval between fetches (default a minute).
	MinInterval time.Duration

	mu        sync.Mutex
	keys      map[string]*clerk.JSONWebKey
	fetchedAt time.Time
	flight    singleflight.Group
}

func (j *JWKS) cached(kid string) (*clerk.JSONWebKey, bool, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	k, ok := j.keys[kid]
	every := j.MinInterval
	if every <= 0 {
		every = time.Minute
	}
	recent := !j.fetchedAt.IsZero() && time.Since(j.fetchedAt) < every
	return k, ok, recent
}

// Key returns the key with id kid.
func (j *JWKS) Key(ctx context.Context, kid string) (*clerk.JSONWebKey, error) {
	k, ok, recent := j.cached(kid)
	if ok {
		return k, nil
	}
	if recent {
		return nil, fmt.Errorf("unknown key id %q", kid)
	}
	// One fetch for every caller missing a key at once; it outlives the
	// caller that started it (its client has a timeout), so one canceled
	// request does not fail the others.
	ch := j.flight.DoChan("jwks", func() (any, error) {
		if _, _, recent := j.cached(""); recent {
			return nil, nil // another fetch just finished
		}
		return nil, j.fetch(context.WithoutCancel(ctx))
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return nil, res.Err
		}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if k, ok, _ := j.cached(kid); ok {
		return k, nil
	}
	return nil, fmt.Errorf("unknown key id %q", kid)
}

func (j *JWKS) fetch(ctx context.Context) error {
	j.mu.Lock()
	j.fetchedAt = time.Now()
	j.mu.Unlock()
	client := j.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.URL, nil)
	if err != nil {
		return fmt.Errorf("build JWKS request: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("fetch JWKS: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetch JWKS: status %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("read JWKS: %w", err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(body, &set); err != nil {
		return fmt.Errorf("decode JWKS: %w", err)
	}
	keys := make(map[string]*clerk.JSONWebKey, len(set.Keys))
	for _, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		alg := k.Algorithm
		if alg == "" {
			alg = string(jose.RS256)
		}
		keys[k.KeyID] = &clerk.JSONWebKey{Key: k.Key, KeyID: k.KeyID, Algorithm: alg, Use: k.Use}
	}
	if len(keys) == 0 {
		return errors.New("JWKS has no signing keys")
	}
	j.mu.Lock()
	j.keys = keys
	j.mu.Unlock()
	return nil
}
