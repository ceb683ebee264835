package webhook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/store"
)

const collection = "webhook_events"

// ErrInProgress means another delivery of the same message is still being
// processed; the provider should retry later.
var ErrInProgress = errors.New("another delivery of this webhook message is still being processed")

type messageDoc struct {
	ID string `bson:"_id"` // "<provider>:<message id>"
	// Claim identifies the delivery processing the message, so a delivery
	// that lost its claim (lease expired) cannot release another's.
	Claim      string     `bson:"claim"`
	Done       bool       `bson:"done"`
	ClaimedAt  time.Time  `bson:"claimedAt"`
	ReceivedAt time.Time  `bson:"receivedAt"`
	DoneAt     *time.Time `bson:"doneAt,omitempty"`
}

// Ledger records the webhook messages already processed. A message is
// claimed before it is processed, so concurrent deliveries of one message
// process it once; a failed processing lets the claim go, so the provider's
// retry processes it (at least once, never twice).
type Ledger struct {
	s *store.Store
	// Wait is how long a delivery waits for a concurrent delivery of the
	// same message to finish before answering ErrInProgress.
	Wait time.Duration
	// Lease is how long a claim holds without finishing; after it a
	// delivery takes the message over (its processor crashed).
	Lease time.Duration
	// Retention is how long processed messages are remembered; providers
	// stop retrying long before (Svix: about a day).
	Retention time.Duration
}

// NewLedger returns a ledger on s: 10 s wait, 1 min lease, 30 days' memory.
func NewLedger(s *store.Store) *Ledger {
	return &Ledger{s: s, Wait: 10 * time.Second, Lease: time.Minute, Retention: 30 * 24 * time.Hour}
}

// Indexes are the indexes the ledger needs (the message key is the _id).
func Indexes() []store.Index {
	return []store.Index{{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"receivedAt", 1}}}}}
}

func (l *Ledger) messages() *mongo.Collection { return l.s.DB.Collection(collection) }

// ProcessOnce runs process for the message key unless it was already
// processed, in which case it reports a duplicate and does nothing. When
// process fails the message is released and the error returned.
func (l *Ledger) ProcessOnce(ctx context.Context, key string, process func(context.Context) error) (duplicate bool, err error) {
	claim, err := l.claim(ctx, key)
	if err != nil {
		return false, err
	}
	if claim == "" {
		return true, nil
	}
	if err := process(ctx); err != nil {
		// Release even when the request was cancelled, or the retry would
		// wait out the lease.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, derr := l.messages().DeleteOne(rctx, bson.D{{"_id", key}, {"claim", claim}, {"done", false}}); derr != nil {
			err = errors.Join(err, fmt.Errorf("release webhook message: %w", derr))
		}
		return false, err
	}
	now := time.Now().UTC()
	if _, err := l.messages().UpdateOne(ctx, bson.D{{"_id", key}, {"claim", claim}},
		bson.D{{"$set", bson.D{{"done", true}, {"doneAt", now}}}}); err != nil {
		return false, fmt.Errorf("mark webhook message processed: %w", err)
	}
	return false, nil
}

// claim returns this delivery's claim on key, or "" when the message was
// already processed.
func (l *Ledger) claim(ctx context.Context, key string) (string, error) {
	claim := newClaim()
	deadline := time.Now().Add(l.Wait)
	for {
		now := time.Now().UTC()
		_, err := l.messages().InsertOne(ctx, messageDoc{ID: key, Claim: claim, ClaimedAt: now, ReceivedAt: now})
		if err == nil {
			return claim, nil
		}
		if !store.IsDuplicateKey(err) {
			return "", fmt.Errorf("claim webhook message: %w", err)
		}
		var m messageDoc
		err = l.messages().FindOne(ctx, bson.D{{"_id", key}}).Decode(&m)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			continue // the other delivery failed and let it go: claim it now
		case err != nil:
			return "", fmt.Errorf("read webhook message: %w", err)
		case m.Done:
			return "", nil
		case now.Sub(m.ClaimedAt) > l.Lease:
			if ok, err := l.takeOver(ctx, key, m.Claim, claim); err != nil || ok {
				return claim, err
			}
			continue
		case now.After(deadline):
			return "", ErrInProgress
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// takeOver moves an expired claim to this delivery. FerretDB applies a
// conditional update non-atomically, hence the lock.
func (l *Ledger) takeOver(ctx context.Context, key, old, claim string) (bool, error) {
	unlock := l.s.Locks.Lock("webhook:" + key)
	defer unlock()
	res, err := l.messages().UpdateOne(ctx, bson.D{{"_id", key}, {"claim", old}, {"done", false}},
		bson.D{{"$set", bson.D{{"claim", claim}, {"claimedAt", time.Now().UTC()}}}})
	if err != nil {
		return false, fmt.Errorf("take over webhook message: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// Sweep forgets messages older than the retention (FerretDB has no TTL
// indexes).
func (l *Ledger) Sweep(ctx context.Context) (int64, error) {
	res, err := l.messages().DeleteMany(ctx, bson.D{{"receivedAt", bson.D{{"$lt", time.Now().Add(-l.Retention)}}}})
	if err != nil {
		return 0, fmt.Errorf("sweep webhook messages: %w", err)
	}
	return res.DeletedCount, nil
}

func newClaim() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
