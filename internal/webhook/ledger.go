package webhook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
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
	db Store
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

// NewLedger returns a ledger on db: 10 s wait, 1 min lease, 30 days' memory.
func NewLedger(db Store) *Ledger {
	return &Ledger{db: db, Wait: 10 * time.Second, Lease: time.Minute, Retention: 30 * 24 * time.Hour}
}

// Indexes are the indexes the ledger needs (the message key is the _id).
func Indexes() []store.Index {
	return []store.Index{{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"receivedAt", 1}}}}}
}

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
		if derr := l.db.release(rctx, key, claim); derr != nil {
			err = errors.Join(err, derr)
		}
		return false, err
	}
	return false, l.db.finish(ctx, key, claim, time.Now().UTC())
}

// claim returns this delivery's claim on key, or "" when the message was
// already processed.
func (l *Ledger) claim(ctx context.Context, key string) (string, error) {
	claim := newClaim()
	deadline := time.Now().Add(l.Wait)
	for {
		now := time.Now().UTC()
		claimed, err := l.db.insert(ctx, messageDoc{ID: key, Claim: claim, ClaimedAt: now, ReceivedAt: now})
		if err != nil {
			return "", err
		}
		if claimed {
			return claim, nil
		}
		m, found, err := l.db.find(ctx, key)
		switch {
		case err != nil:
			return "", err
		case !found:
			continue // the other delivery failed and let it go: claim it now
		case m.Done:
			return "", nil
		case now.Sub(m.ClaimedAt) > l.Lease:
			if ok, err := l.db.takeOver(ctx, key, m.Claim, claim, now); err != nil || ok {
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

// Sweep forgets messages older than the retention (FerretDB has no TTL
// indexes).
func (l *Ledger) Sweep(ctx context.Context) (int64, error) {
	return l.db.sweep(ctx, time.Now().Add(-l.Retention))
}

func newClaim() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
