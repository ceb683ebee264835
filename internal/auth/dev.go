package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clerk/clerk-sdk-go/v2"
	"github.com/go-jose/go-jose/v3"
	josejwt "github.com/go-jose/go-jose/v3/jwt"
)

// DevIssuer is the iss of locally minted tokens.
const DevIssuer = "donpalito-dev"

// DevSigner mints RS256 session tokens in local dev mode. It stands in for
// Clerk so every client can sign in offline; the server verifies its tokens
// with the same Verifier it uses for Clerk.
type DevSigner struct {
	key    *rsa.PrivateKey
	kid    string
	signer jose.Signer
	ttl    time.Duration
	now    func() time.Time
}

// LoadOrCreateDevSigner keeps the dev signing key in dataDir so tokens survive
// restarts.
func LoadOrCreateDevSigner(dataDir string, ttl time.Duration) (*DevSigner, error) {
	path := filepath.Join(dataDir, "dev-auth-key.pem")
	key, err := readKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, fmt.Errorf("generate dev signing key: %w", err)
		}
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		block := &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}
		if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
			return nil, fmt.Errorf("save dev signing key: %w", err)
		}
	} else if err != nil {
		return nil, err
	}
	return NewDevSigner(key, ttl)
}

func readKey(path string) (*rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("dev signing key %s is not PEM", path)
	}
	key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse dev signing key: %w", err)
	}
	return key, nil
}

// NewDevSigner signs with key.
func NewDevSigner(key *rsa.PrivateKey, ttl time.Duration) (*DevSigner, error) {
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("marshal dev public key: %w", err)
	}
	sum := sha256.Sum256(der)
	kid := "dev-" + hex.EncodeToString(sum[:8])
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		return nil, fmt.Errorf("create dev signer: %w", err)
	}
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	return &DevSigner{key: key, kid: kid, signer: signer, ttl: ttl, now: time.Now}, nil
}

// Keys is the key source that verifies this signer's tokens.
func (d *DevSigner) Keys() StaticKey {
	return StaticKey{JWK: &clerk.JSONWebKey{Key: &d.key.PublicKey, KeyID: d.kid, Algorithm: string(jose.RS256), Use: "sig"}}
}

// DevSubject is the stable subject of a dev identity: one per email, the way
// one Clerk user id stands for one account.
func DevSubject(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return "dev_" + hex.EncodeToString(sum[:12])
}

// Issue mints a token for email with the given display name and role.
func (d *DevSigner) Issue(email, name string, role Role) (string, time.Time, error) {
	now := d.now()
	exp := now.Add(d.ttl)
	claims := map[string]any{
		"iss":   DevIssuer,
		"sub":   DevSubject(email),
		"iat":   now.Unix(),
		"nbf":   now.Add(-5 * time.Second).Unix(),
		"exp":   exp.Unix(),
		"email": strings.ToLower(strings.TrimSpace(email)),
		"name":  name,
		"role":  string(role),
		"sid":   "dev_session",
	}
	tok, err := josejwt.Signed(d.signer).Claims(claims).CompactSerialize()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign dev token: %w", err)
	}
	return tok, exp.UTC().Truncate(time.Second), nil
}
