package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/idempotency"
)

// serveIdempotent runs a creating request at most once per (caller,
// operation, key): a retry of the same request replays the first response, a
// different request with the same key is refused.
func (g *gate) serveIdempotent(w http.ResponseWriter, r *http.Request, op *operation, key string, next http.Handler) {
	p, _ := auth.FromContext(r.Context())
	caller := p.UserID
	if p.APIKeyID != "" {
		caller = "key:" + p.APIKeyID
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if pr := problemFor(err); pr != nil {
			writeProblem(w, r, pr)
			return
		}
		writeProblem(w, r, newProblem(http.StatusBadRequest, "validation_failed", "No se pudo leer el cuerpo de la solicitud."))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	scope := idempotency.Scope(caller, op.id, key)

	kept, err := g.idem.Begin(r.Context(), scope, idempotency.RequestHash(r.Method, r.URL.Path, body))
	switch {
	case errors.Is(err, idempotency.ErrInProgress):
		w.Header().Set("Retry-After", "1")
		writeProblem(w, r, problemFor(err))
		return
	case errors.Is(err, idempotency.ErrKeyReused):
		writeProblem(w, r, problemFor(err))
		return
	case err != nil:
		writeProblem(w, r, internalProblem(r, err))
		return
	case kept != nil:
		status := kept.Status
		if status == http.StatusCreated && op.replayAs200 {
			status = http.StatusOK
		}
		if kept.ContentType != "" {
			w.Header().Set("Content-Type", kept.ContentType)
		}
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Length", strconv.Itoa(len(kept.Body)))
		w.WriteHeader(status)
		_, _ = w.Write(kept.Body)
		return
	}

	rec := &teeRecorder{ResponseWriter: w}
	finished := false
	defer func() {
		// Only an unexpected failure (5xx or a panic) frees the key: every
		// other outcome is the answer a retry must get again.
		ctx := context.WithoutCancel(r.Context())
		if finished && rec.status < 500 {
			_ = g.idem.Finish(ctx, scope, idempotency.Response{Status: rec.status, ContentType: rec.Header().Get("Content-Type"), Body: rec.body.Bytes()})
			return
		}
		_ = g.idem.Abandon(ctx, scope)
	}()
	next.ServeHTTP(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	finished = true
}

// teeRecorder passes the response through and keeps a copy.
type teeRecorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeRecorder) WriteHeader(code int) {
	if t.status == 0 {
		t.status = code
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeRecorder) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}

func (t *teeRecorder) Unwrap() http.ResponseWriter { return t.ResponseWriter }
