// Package idempotency makes creating requests safe to retry: the first
// request with a key runs, its response is kept, and a retry with the same key
// and the same request gets that response back without running again.
package idempotency

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/store"
)

const collection = "idempotency_keys"

var (
	// ErrKeyReused means the key was first used for a different request.
	ErrKeyReused = errors.New("idempotency key reused with a different request")
	// ErrInProgress means the first request with the key is still running.
	ErrInProgress = errors.New("a request with this idempotency key is still running")
)

// Response is a kept response.
type Response struct {
	Status      int
	ContentType string
	Body        []byte
}

type recordDoc struct {
	ID          string    `bson:"_id"`
	RequestHash string    `bson:"requestHash"`
	Done        bool      `bson:"done"`
	Status      int       `bson:"status,omitempty"`
	ContentType string    `bson:"contentType,omitempty"`
	Body        []byte    `bson:"body,omitempty"`
	CreatedAt   time.Time `bson:"createdAt"`
}

// Store keeps idempotency records.
type Store struct {
	s *store.Store
	// Wait is how long a retry waits for a running first request to finish
	// before answering ErrInProgress.
	Wait time.Duration
	// TTL is how long records are kept.
	TTL time.Duration
}

// NewStore returns a store on s with a 10 s wait and a 24 h retention.
func NewStore(s *store.Store) *Store {
	return &Store{s: s, Wait: 10 * time.Second, TTL: 24 * time.Hour}
}

// Indexes are the indexes the records need (the key itself is the _id).
func Indexes() []store.Index {
	return []store.Index{{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", 1}}}}}
}

func (st *Store) records() *mongo.Collection { return st.s.DB.Collection(collection) }

// Scope identifies one key: who sent it, to which operation.
func Scope(caller, operation, key string) string {
	sum := sha256.Sum256([]byte(caller + "\x00" + operation + "\x00" + key))
	return hex.EncodeToString(sum[:])
}

// RequestHash fingerprints a request so a reused key can be told apart.
func RequestHash(method, path string, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", method, path)
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// Begin claims scope for a request. It returns a kept response when the same
// request already completed (replay), or nil when the caller must run the
// request and then call Finish or Abandon.
//
// The claim and the kept response are two documents, both only ever inserted
// and read by _id: the embedded FerretDB serves those from its primary key,
// while an update would scan every record.
func (st *Store) Begin(ctx context.Context, scope, requestHash string) (*Response, error) {
	doc := recordDoc{ID: scope, RequestHash: requestHash, CreatedAt: time.Now().UTC()}
	_, err := st.records().InsertOne(ctx, doc)
	if err == nil {
		return nil, nil
	}
	if !store.IsDuplicateKey(err) {
		return nil, fmt.Errorf("claim idempotency key: %w", err)
	}
	deadline := time.Now().Add(st.Wait)
	for {
		var claim recordDoc
		err := st.records().FindOne(ctx, bson.D{{"_id", scope}}).Decode(&claim)
		if errors.Is(err, mongo.ErrNoDocuments) {
			// The first request failed and let the key go: claim it now.
			return st.Begin(ctx, scope, requestHash)
		}
		if err != nil {
			return nil, fmt.Errorf("read idempotency key: %w", err)
		}
		if claim.RequestHash != requestHash {
			return nil, ErrKeyReused
		}
		var done recordDoc
		err = st.records().FindOne(ctx, bson.D{{"_id", scope + doneSuffix}}).Decode(&done)
		if err == nil {
			return &Response{Status: done.Status, ContentType: done.ContentType, Body: done.Body}, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, fmt.Errorf("read idempotent response: %w", err)
		}
		if time.Now().After(deadline) {
			return nil, ErrInProgress
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

const doneSuffix = "#done"

// Finish keeps the response of the request that claimed scope.
func (st *Store) Finish(ctx context.Context, scope string, r Response) error {
	_, err := st.records().InsertOne(ctx, recordDoc{
		ID: scope + doneSuffix, Done: true, Status: r.Status, ContentType: r.ContentType, Body: r.Body,
		CreatedAt: time.Now().UTC(),
	})
	if err != nil {
		return fmt.Errorf("keep idempotent response: %w", err)
	}
	return nil
}

// Abandon releases scope after an unexpected failure, so a retry runs again.
func (st *Store) Abandon(ctx context.Context, scope string) error {
	if _, err := st.records().DeleteOne(ctx, bson.D{{"_id", scope}}); err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}

// Sweep deletes records older than the TTL (FerretDB has no TTL indexes).
func (st *Store) Sweep(ctx context.Context) (int64, error) {
	res, err := st.records().DeleteMany(ctx, bson.D{{"createdAt", bson.D{{"$lt", time.Now().Add(-st.TTL)}}}})
	if err != nil {
		return 0, fmt.Errorf("sweep idempotency keys: %w", err)
	}
	return res.DeletedCount, nil
}
