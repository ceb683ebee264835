package webhook

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedMessages is the Store for the embedded FerretDB. FerretDB applies
// an update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only
// an exact {_id} filter without a scan. So every claim-guarded write takes
// the message's lock in this process (the one writer: the data directory's
// lock), checks the claim on a fresh read and writes by _id alone.
type embeddedMessages struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the webhook store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedMessages{mongoStore: mongoStore{s}, locks: s.Locks}
}

// held reads the message under its lock and reports whether claim holds
// it (and, with unprocessed, has not finished it).
func (e embeddedMessages) held(ctx context.Context, key, claim string, unprocessed bool) (bool, error) {
	m, found, err := e.find(ctx, key)
	if err != nil || !found {
		return false, err
	}
	return m.Claim == claim && !(unprocessed && m.Done), nil
}

func (e embeddedMessages) release(ctx context.Context, key, claim string) error {
	unlock := e.locks.Lock("webhook:" + key)
	defer unlock()
	if ok, err := e.held(ctx, key, claim, true); err != nil || !ok {
		return err
	}
	if _, err := e.messages().DeleteOne(ctx, bson.D{{"_id", key}}); err != nil {
		return fmt.Errorf("release webhook message: %w", err)
	}
	return nil
}

func (e embeddedMessages) finish(ctx context.Context, key, claim string, at time.Time) error {
	unlock := e.locks.Lock("webhook:" + key)
	defer unlock()
	if ok, err := e.held(ctx, key, claim, false); err != nil || !ok {
		return err
	}
	if _, err := e.messages().UpdateOne(ctx, bson.D{{"_id", key}}, doneFields(at)); err != nil {
		return fmt.Errorf("mark webhook message processed: %w", err)
	}
	return nil
}

func (e embeddedMessages) takeOver(ctx context.Context, key, old, claim string, at time.Time) (bool, error) {
	unlock := e.locks.Lock("webhook:" + key)
	defer unlock()
	if ok, err := e.held(ctx, key, old, true); err != nil || !ok {
		return false, err
	}
	if _, err := e.messages().UpdateOne(ctx, bson.D{{"_id", key}}, claimFields(claim, at)); err != nil {
		return false, fmt.Errorf("take over webhook message: %w", err)
	}
	return true, nil
}
