package events

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedEvents is the Store for the embedded FerretDB. FerretDB applies
// an update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only
// an exact {_id} filter without a scan. So every guarded write takes the
// event's lock in this process (the one writer: the data directory's lock),
// checks its guard on a fresh read and writes by _id alone.
type embeddedEvents struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the outbox store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedEvents{mongoStore: mongoStore{s}, locks: s.Locks}
}

func (e embeddedEvents) lock(id bson.ObjectID) (unlock func()) {
	return e.locks.Lock("outbox:" + id.Hex())
}

func byID(id bson.ObjectID) bson.D { return bson.D{{"_id", id}} }

func (e embeddedEvents) claim(ctx context.Context, id bson.ObjectID, due func(Event) bool, owner string, until, at time.Time) (Event, bool, error) {
	unlock := e.lock(id)
	defer unlock()
	cur, found, err := e.live(ctx, id)
	if err != nil || !found || !due(cur) {
		return Event{}, false, err
	}
	res, err := e.events().UpdateOne(ctx, byID(id), claimChange(owner, until, at))
	if err != nil {
		return Event{}, false, fmt.Errorf("claim event: %w", err)
	}
	if res.ModifiedCount != 1 {
		return Event{}, false, nil
	}
	return claimed(cur, owner, until, at), true, nil
}

func (e embeddedEvents) settle(ctx context.Context, owner string, next Event) (bool, error) {
	unlock := e.lock(next.ID)
	defer unlock()
	if ok, err := e.held(ctx, next.ID, owner); err != nil || !ok {
		return false, err
	}
	return e.settleWhere(ctx, byID(next.ID), next)
}

func (e embeddedEvents) requeue(ctx context.Context, seen Event, at time.Time) (Event, bool, error) {
	unlock := e.lock(seen.ID)
	defer unlock()
	cur, found, err := e.live(ctx, seen.ID)
	if err != nil || !found || cur.State != seen.State {
		return Event{}, false, err
	}
	return e.requeueWhere(ctx, byID(seen.ID), at)
}
