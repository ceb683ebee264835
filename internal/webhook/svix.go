// Package webhook is what inbound provider webhooks share, whatever they are
// about: checking that a delivery was signed by the provider (Svix, the scheme
// Clerk uses) and the ledger that processes each message at most once even
// when the provider delivers it several times.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidSignature is every reason to refuse a delivery as not coming from
// the provider: missing headers, a wrong or stale signature, no secret.
var ErrInvalidSignature = errors.New("invalid webhook signature")

// SvixTolerance is how far a delivery's timestamp may be from now, either
// way, before it is refused as a replay.
const SvixTolerance = 5 * time.Minute

// SvixHeaders are the three headers of a Svix delivery (svix-* or their
// webhook-* equivalents).
type SvixHeaders struct {
	ID        string
	Timestamp string
	Signature string
}

// SvixVerifier checks Svix signatures with one endpoint secret.
type SvixVerifier struct {
	key []byte
	// Now is the clock the timestamp is checked against.
	Now func() time.Time
}

// NewSvixVerifier parses an endpoint secret as Svix shows it, "whsec_"
// followed by the base64 key.
func NewSvixVerifier(secret string) (*SvixVerifier, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(secret), "whsec_"))
	if err != nil || len(key) == 0 {
		return nil, errors.New("the webhook secret must be whsec_ followed by base64")
	}
	return &SvixVerifier{key: key, Now: time.Now}, nil
}

// Verify checks that body was signed with the secret, under these headers,
// within the tolerance. A nil verifier (no secret configured) refuses every
// delivery: an unverifiable event must never be trusted.
func (v *SvixVerifier) Verify(h SvixHeaders, body []byte) error {
	if v == nil {
		return fmt.Errorf("%w: no secret is configured", ErrInvalidSignature)
	}
	if h.ID == "" || h.Timestamp == "" || h.Signature == "" {
		return fmt.Errorf("%w: missing svix-id, svix-timestamp or svix-signature", ErrInvalidSignature)
	}
	sec, err := strconv.ParseInt(h.Timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q is not unix seconds", ErrInvalidSignature, h.Timestamp)
	}
	if d := v.Now().Sub(time.Unix(sec, 0)); d > SvixTolerance || d < -SvixTolerance {
		return fmt.Errorf("%w: timestamp is %s away from now", ErrInvalidSignature, d.Round(time.Second))
	}
	want := v.sign(h.ID, h.Timestamp, body)
	// During a secret rotation the header carries one signature per secret:
	// "v1,<sig> v1,<sig>". Any match is enough; other versions are skipped.
	for _, entry := range strings.Fields(h.Signature) {
		version, sig, ok := strings.Cut(entry, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no signature matches", ErrInvalidSignature)
}

// sign is HMAC-SHA256 over "id.timestamp.body".
func (v *SvixVerifier) sign(id, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, v.key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}
