package sdk

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// idempotentOperations are the operations whose contract declares the
// Idempotency-Key header (internal/sdktest keeps this list equal to openapi.yaml).
// Path segments in braces match any one segment.
var idempotentOperations = []struct{ method, path string }{
	{http.MethodPost, "/api/admin/api-keys"},
	{http.MethodPatch, "/api/admin/orders/{id}/status"},
	{http.MethodPost, "/api/admin/products"},
	{http.MethodPost, "/api/coupons"},
	{http.MethodPost, "/api/orders"},
	{http.MethodPost, "/api/payment/create-intent"},
	{http.MethodPost, "/api/users/addresses"},
}

// IdempotentOperations lists the operations ("POST /api/orders", …) whose
// requests the SDK gives an automatic Idempotency-Key: those whose contract
// declares the header.
func IdempotentOperations() []string {
	out := make([]string, 0, len(idempotentOperations))
	for _, op := range idempotentOperations {
		out = append(out, op.method+" "+op.path)
	}
	return out
}

// addIdempotencyKey returns a request editor that gives a random
// Idempotency-Key to requests of those operations that have none. Editors run
// once per call, before the first attempt, so every retry of the call sends
// the same key.
func addIdempotencyKey(basePath string) RequestEditorFn {
	return func(_ context.Context, r *http.Request) error {
		if r.Header.Get("Idempotency-Key") != "" || !declaresIdempotencyKey(r.Method, strings.TrimPrefix(r.URL.Path, basePath)) {
			return nil
		}
		r.Header.Set("Idempotency-Key", NewIdempotencyKey())
		return nil
	}
}

func declaresIdempotencyKey(method, path string) bool {
	got := strings.Split(strings.Trim(path, "/"), "/")
	for _, op := range idempotentOperations {
		if op.method != method {
			continue
		}
		want := strings.Split(strings.Trim(op.path, "/"), "/")
		if len(want) != len(got) {
			continue
		}
		match := true
		for i := range want {
			if !strings.HasPrefix(want[i], "{") && want[i] != got[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// NewIdempotencyKey returns a fresh random key ("sdk-" and 32 hex digits) for
// callers that want to choose when a key is reused, e.g. across restarts.
func NewIdempotencyKey() string {
	var b [16]byte
	_, _ = crand.Read(b[:]) // never fails (crypto/rand documents it)
	return "sdk-" + hex.EncodeToString(b[:])
}

// retryingDoer sends a request again when that is safe and the failure is
// worth retrying; see New.
type retryingDoer struct {
	next    HttpRequestDoer
	retries int
	base    time.Duration
	longest time.Duration
}

func (d *retryingDoer) Do(req *http.Request) (*http.Response, error) {
	repeatable := canRepeat(req)
	for attempt := 0; ; attempt++ {
		try := req
		if attempt > 0 {
			try = req.Clone(req.Context())
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				try.Body = body
			}
		}
		res, err := d.next.Do(try)
		if !repeatable || attempt >= d.retries || !worthRetrying(req.Context(), res, err) {
			return res, err
		}
		wait := d.backoff(attempt, res)
		if res != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
			res.Body.Close()
		}
		t := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			t.Stop()
			return nil, req.Context().Err()
		case <-t.C:
		}
	}
}

// canRepeat: safe and idempotent methods, and POST/PATCH only with an
// Idempotency-Key; a body must be replayable.
func canRepeat(req *http.Request) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	case http.MethodPost, http.MethodPatch:
		return req.Header.Get("Idempotency-Key") != ""
	}
	return false
}

func worthRetrying(ctx context.Context, res *http.Response, err error) bool {
	if err != nil {
		return ctx.Err() == nil // a network failure, not the caller giving up
	}
	switch res.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff is exponential with "equal jitter" (half fixed, half random), or the
// server's Retry-After when it sent one, capped at the longest wait.
func (d *retryingDoer) backoff(attempt int, res *http.Response) time.Duration {
	if res != nil {
		if after, ok := retryAfter(res.Header.Get("Retry-After")); ok {
			return min(after, d.longest)
		}
	}
	wait := min(d.base<<attempt, d.longest)
	half := wait / 2
	return half + rand.N(half+1)
}

func retryAfter(v string) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(time.Until(at), 0), true
	}
	return 0, false
}
