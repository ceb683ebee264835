package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v3"
	josejwt "github.com/go-jose/go-jose/v3/jwt"

	"github.com/donpalito/donpalitojr/internal/auth"
)

var (
	goodKey  = mustKey()
	otherKey = mustKey()
)

func mustKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}

func sign(t *testing.T, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := josejwt.Signed(s).Claims(claims).CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func pemOf(t *testing.T, k *rsa.PrivateKey) string {
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func claims(mod func(map[string]any)) map[string]any {
	now := time.Now()
	c := map[string]any{
		"iss": "https://clerk.donpalito.test", "sub": "user_123", "azp": "https://tienda.donpalito.test",
		"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
		"email": "Ana@Example.com", "public_metadata": map[string]any{"role": "admin"},
	}
	if mod != nil {
		mod(c)
	}
	return c
}

func TestVerifierRejectsBadTokens(t *testing.T) {
	keys, err := auth.KeyFromPEM(strings.ReplaceAll(pemOf(t, goodKey), "\n", `\n`))
	if err != nil {
		t.Fatal(err)
	}
	v := auth.NewVerifier(auth.VerifierConfig{Keys: keys, AuthorizedParties: []string{"https://tienda.donpalito.test"}})

	noneToken := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." +
		base64.RawURLEncoding.EncodeToString(mustJSON(claims(nil))) + "."
	hs256 := func() string {
		s, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte("0123456789abcdef0123456789abcdef")}, nil)
		tok, _ := josejwt.Signed(s).Claims(claims(nil)).CompactSerialize()
		return tok
	}()

	tests := []struct {
		name  string
		token string
	}{
		{"expired", sign(t, goodKey, "k", claims(func(c map[string]any) { c["exp"] = time.Now().Add(-time.Minute).Unix() }))},
		{"not yet valid", sign(t, goodKey, "k", claims(func(c map[string]any) { c["nbf"] = time.Now().Add(time.Hour).Unix() }))},
		{"no expiry", sign(t, goodKey, "k", claims(func(c map[string]any) { delete(c, "exp") }))},
		{"signed by another key", sign(t, otherKey, "k", claims(nil))},
		{"alg none", noneToken},
		{"hs256 with a shared secret", hs256},
		{"wrong issuer", sign(t, goodKey, "k", claims(func(c map[string]any) { c["iss"] = "https://evil.example" }))},
		{"wrong azp", sign(t, goodKey, "k", claims(func(c map[string]any) { c["azp"] = "https://evil.example" }))},
		{"missing azp", sign(t, goodKey, "k", claims(func(c map[string]any) { delete(c, "azp") }))},
		{"no subject", sign(t, goodKey, "k", claims(func(c map[string]any) { delete(c, "sub") }))},
		{"garbage", "not.a.token"},
		{"tampered payload", tamper(sign(t, goodKey, "k", claims(nil)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.Verify(context.Background(), tt.token)
			if !errors.Is(err, auth.ErrUnauthenticated) {
				t.Fatalf("want ErrUnauthenticated, got %v", err)
			}
		})
	}

	c, err := v.Verify(context.Background(), sign(t, goodKey, "k", claims(nil)))
	if err != nil {
		t.Fatalf("valid token refused: %v", err)
	}
	if c.Subject != "user_123" || c.Email != "ana@example.com" || c.Role != "admin" {
		t.Fatalf("claims = %+v", c)
	}
}

func TestVerifierWithExactIssuerAndJWKS(t *testing.T) {
	jwks := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &goodKey.PublicKey, KeyID: "kid-1", Algorithm: "RS256", Use: "sig"}}}
	fetches := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches++
		_ = json.NewEncoder(w).Encode(jwks)
	}))
	defer srv.Close()
	v := auth.NewVerifier(auth.VerifierConfig{Keys: &auth.JWKS{URL: srv.URL}, Issuer: "https://auth.donpalito.test"})

	ok := sign(t, goodKey, "kid-1", claims(func(c map[string]any) { c["iss"] = "https://auth.donpalito.test" }))
	for range 3 {
		if _, err := v.Verify(context.Background(), ok); err != nil {
			t.Fatalf("valid token refused: %v", err)
		}
	}
	if fetches != 1 {
		t.Fatalf("JWKS fetched %d times, want once (cached)", fetches)
	}
	clerkIssuer := sign(t, goodKey, "kid-1", claims(nil))
	if _, err := v.Verify(context.Background(), clerkIssuer); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("issuer other than the configured one: want ErrUnauthenticated, got %v", err)
	}
	unknownKid := sign(t, goodKey, "kid-2", claims(func(c map[string]any) { c["iss"] = "https://auth.donpalito.test" }))
	if _, err := v.Verify(context.Background(), unknownKid); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("unknown kid: want ErrUnauthenticated, got %v", err)
	}
}

func TestDevTokensVerifyThroughTheSameVerifier(t *testing.T) {
	signer, err := auth.LoadOrCreateDevSigner(t.TempDir(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	v := auth.NewVerifier(auth.VerifierConfig{Keys: signer.Keys(), Issuer: auth.DevIssuer})
	tok, exp, err := signer.Issue("Clerk@DonPalito.test", "Clara", auth.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if time.Until(exp) < 59*time.Minute {
		t.Fatalf("expiry %v too soon", exp)
	}
	c, err := v.Verify(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != auth.DevSubject("clerk@donpalito.test") || c.Role != "admin" || c.Name != "Clara" {
		t.Fatalf("claims = %+v", c)
	}
	if auth.RoleFor(auth.Claims{Email: "boss@donpalito.test"}, []string{" Boss@DonPalito.test "}) != auth.RoleAdmin {
		t.Fatal("ADMIN_EMAILS must grant admin")
	}
	if auth.RoleFor(auth.Claims{Email: "x@y.z", Role: "customer"}, nil) != auth.RoleCustomer {
		t.Fatal("default role must be customer")
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	payload = []byte(strings.Replace(string(payload), "user_123", "user_999", 1))
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}

// A slow JWKS refresh (a rotation) must not stall tokens signed with keys
// already cached, and callers missing a key at once share one fetch.
func TestASlowJWKSRefreshDoesNotStallKnownKeys(t *testing.T) {
	keyA := jose.JSONWebKey{Key: &goodKey.PublicKey, KeyID: "kid-a", Algorithm: "RS256", Use: "sig"}
	keyB := jose.JSONWebKey{Key: &otherKey.PublicKey, KeyID: "kid-b", Algorithm: "RS256", Use: "sig"}
	var mu sync.Mutex
	fetches := 0
	refreshing, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetches++
		n := fetches
		mu.Unlock()
		set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{keyA}}
		if n > 1 {
			close(refreshing)
			<-release // the identity provider is slow today
			set.Keys = append(set.Keys, keyB)
		}
		_ = json.NewEncoder(w).Encode(set)
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	jwks := &auth.JWKS{URL: srv.URL, MinInterval: time.Nanosecond}
	if _, err := jwks.Key(context.Background(), "kid-a"); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	rotated := make(chan error, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := jwks.Key(context.Background(), "kid-b")
			rotated <- err
		}()
	}
	<-refreshing
	// The refresh is in flight and held: a known key must still answer. With
	// the lock held across the fetch this call would wait for the release
	// (a safety release below keeps a regression from hanging the suite).
	safety := time.AfterFunc(30*time.Second, func() { close(release) })
	defer safety.Stop()
	if _, err := jwks.Key(context.Background(), "kid-a"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-release:
		t.Fatal("a known key waited for the slow JWKS refresh")
	default:
	}
	safety.Stop()
	close(release)
	wg.Wait()
	close(rotated)
	for err := range rotated {
		if err != nil {
			t.Errorf("rotated key: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if fetches != 2 {
		t.Errorf("%d fetches, want 2 (the first and one shared refresh)", fetches)
	}
}
