package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StripeTolerance is how old a Stripe delivery's timestamp may be.
const StripeTolerance = 5 * time.Minute

// SignStripe returns the Stripe-Signature header of body at t:
// "t=<unix>,v1=<hex HMAC-SHA256(secret, "<unix>.<body>")>".
func SignStripe(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(stripeMAC(secret, ts, body))
}

func stripeMAC(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// VerifyStripe checks a Stripe-Signature header over the exact body. An empty
// secret refuses every delivery.
func VerifyStripe(secret, header string, body []byte, now time.Time) error {
	if secret == "" {
		return fmt.Errorf("%w: no Stripe webhook secret is configured", ErrInvalidSignature)
	}
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	if ts == "" || len(sigs) == 0 {
		return fmt.Errorf("%w: missing t or v1 in Stripe-Signature", ErrInvalidSignature)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: bad timestamp", ErrInvalidSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > StripeTolerance || d < -StripeTolerance {
		return fmt.Errorf("%w: timestamp is %s away from now", ErrInvalidSignature, d.Round(time.Second))
	}
	want := stripeMAC(secret, ts, body)
	for _, s := range sigs {
		if got, err := hex.DecodeString(s); err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no signature matches", ErrInvalidSignature)
}
