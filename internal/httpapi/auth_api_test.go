package httpapi_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v3"
	josejwt "github.com/go-jose/go-jose/v3/jwt"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
)

func signToken(t *testing.T, key *rsa.PrivateKey, claims map[string]any) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := josejwt.Signed(s).Claims(claims).CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func clerkClaims(sub, email string, mod func(map[string]any)) map[string]any {
	now := time.Now()
	c := map[string]any{
		"iss": "https://clerk.donpalito.test", "sub": sub, "azp": "https://tienda.donpalito.test",
		"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(), "email": email,
	}
	if mod != nil {
		mod(c)
	}
	return c
}

func newClerkEnv(t *testing.T, key *rsa.PrivateKey, extra ...apitest.Option) *apitest.Env {
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	opts := append([]apitest.Option{
		apitest.WithEnv("AUTH_MODE", "clerk"),
		apitest.WithEnv("CLERK_JWT_KEY", pemKey),
		apitest.WithEnv("CLERK_AUTHORIZED_PARTIES", "https://tienda.donpalito.test,https://admin.donpalito.test"),
	}, extra...)
	return apitest.New(t, opts...)
}

func status(t *testing.T, env *apitest.Env, bearer string) (int, string) {
	t.Helper()
	res, body := env.Do(http.MethodGet, "/api/users/me", bearer, "", nil)
	if res.StatusCode >= 400 {
		return res.StatusCode, apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body).Code
	}
	var me struct{ ID, Role, Email string }
	json.Unmarshal(body, &me)
	return res.StatusCode, me.Role
}

func TestClerkTokensAreVerifiedStrictly(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	env := newClerkEnv(t, key)
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." +
		base64.RawURLEncoding.EncodeToString(mustJSON(clerkClaims("user_1", "a@b.co", nil))) + "."

	tests := []struct {
		name   string
		token  string
		status int
		want   string
	}{
		{"valid", signToken(t, key, clerkClaims("user_1", "ana@donpalito.test", nil)), 200, "customer"},
		{"admin from public metadata", signToken(t, key, clerkClaims("user_2", "jefe@donpalito.test", func(c map[string]any) {
			c["public_metadata"] = map[string]any{"role": "admin"}
		})), 200, "admin"},
		{"expired", signToken(t, key, clerkClaims("user_1", "a@b.co", func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() })), 401, "unauthenticated"},
		{"not yet valid", signToken(t, key, clerkClaims("user_1", "a@b.co", func(c map[string]any) { c["nbf"] = time.Now().Add(time.Hour).Unix() })), 401, "unauthenticated"},
		{"wrongly signed", signToken(t, other, clerkClaims("user_1", "a@b.co", nil)), 401, "unauthenticated"},
		{"alg none", none, 401, "unauthenticated"},
		{"wrong issuer", signToken(t, key, clerkClaims("user_1", "a@b.co", func(c map[string]any) { c["iss"] = "https://evil.example" })), 401, "unauthenticated"},
		{"wrong azp", signToken(t, key, clerkClaims("user_1", "a@b.co", func(c map[string]any) { c["azp"] = "https://evil.example" })), 401, "unauthenticated"},
		{"missing azp", signToken(t, key, clerkClaims("user_1", "a@b.co", func(c map[string]any) { delete(c, "azp") })), 401, "unauthenticated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, got := status(t, env, tt.token)
			if code != tt.status || got != tt.want {
				t.Fatalf("got %d %s, want %d %s", code, got, tt.status, tt.want)
			}
		})
	}

	// Dev tokens do not exist in clerk mode.
	res, body := env.Do(http.MethodPost, "/api/dev/token", "", "application/json", strings.NewReader(`{"email":"x@y.co","role":"admin"}`))
	if res.StatusCode != 404 {
		t.Fatalf("dev token in clerk mode: %d %s", res.StatusCode, body)
	}
	apitest.Problem(t, 404, res.Header.Get("Content-Type"), body)
}

func TestUsersAreKeyedBySubjectNeverByEmail(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	env := newClerkEnv(t, key, apitest.WithEnv("ADMIN_EMAILS", "dueña@donpalito.test"))
	me := func(tok string) (id, role string) {
		res, body := env.Do(http.MethodGet, "/api/users/me", tok, "", nil)
		if res.StatusCode != 200 {
			t.Fatalf("me: %d %s", res.StatusCode, body)
		}
		var m struct{ Id, Role string }
		json.Unmarshal(body, &m)
		return m.Id, m.Role
	}
	a, _ := me(signToken(t, key, clerkClaims("user_A", "shared@donpalito.test", nil)))
	b, _ := me(signToken(t, key, clerkClaims("user_B", "shared@donpalito.test", nil)))
	a2, _ := me(signToken(t, key, clerkClaims("user_A", "shared@donpalito.test", nil)))
	if a == b || a != a2 {
		t.Fatalf("same email, different subjects must stay two users: %s %s %s", a, b, a2)
	}
	if _, role := me(signToken(t, key, clerkClaims("user_C", "dueña@donpalito.test", nil))); role != "admin" {
		t.Fatalf("ADMIN_EMAILS did not grant admin: %s", role)
	}

	// Ten first requests at once still make one user.
	tok := signToken(t, key, clerkClaims("user_D", "d@donpalito.test", nil))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if code, _ := status(t, env, tok); code != 200 {
				t.Errorf("concurrent first request: %d", code)
			}
		}()
	}
	close(start)
	wg.Wait()
	n, err := env.App.Store.DB.Collection("users").CountDocuments(ctx, bson.D{{"clerkId", "user_D"}})
	if err != nil || n != 1 {
		t.Fatalf("users for one subject = %d, %v", n, err)
	}
}

func TestDevTokensGoThroughTheSameVerification(t *testing.T) {
	env := apitest.New(t)
	raw, err := os.ReadFile(filepath.Join(env.App.Config.DataDir, "dev-auth-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	devKey, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	devClaims := func(mod func(map[string]any)) map[string]any {
		c := clerkClaims("dev_x", "x@donpalito.test", mod)
		c["iss"] = "donpalito-dev"
		return c
	}
	tests := []struct {
		name   string
		token  string
		status int
	}{
		{"minted by the endpoint", env.Token("x@donpalito.test", "customer"), 200},
		{"expired", signToken(t, devKey, devClaims(func(c map[string]any) { c["exp"] = time.Now().Add(-time.Minute).Unix() })), 401},
		{"signed by another key", signToken(t, other, devClaims(nil)), 401},
		{"a Clerk issuer is not the dev issuer", signToken(t, devKey, clerkClaims("dev_x", "x@donpalito.test", nil)), 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _ := status(t, env, tt.token); code != tt.status {
				t.Fatalf("status %d, want %d", code, tt.status)
			}
		})
	}
	res, body := env.Do(http.MethodPost, "/api/dev/token", "", "application/json", strings.NewReader(`{"email":"no-es-un-correo"}`))
	if res.StatusCode != 400 || !hasField(apitest.Problem(t, 400, res.Header.Get("Content-Type"), body), "email") {
		t.Fatalf("bad email: %d %s", res.StatusCode, body)
	}
	res, body = env.Do(http.MethodGet, "/api/users/me", "", "", nil)
	if res.StatusCode != 401 || res.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("anonymous me: %d %s", res.StatusCode, body)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
