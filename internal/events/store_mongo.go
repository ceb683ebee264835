package events

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoEvents is the Store for MongoDB: what each write depends on is a
// condition of its filter, so of two workers claiming one event only one
// gets it, and a worker whose lease was taken over records nothing, on any
// server.
type mongoEvents struct{ mongoStore }

// NewMongoStore returns the outbox store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoEvents{mongoStore{s}} }

func (m mongoEvents) claim(ctx context.Context, id bson.ObjectID, due func(Event) bool, owner string, until, at time.Time) (Event, bool, error) {
	cur, found, err := m.live(ctx, id)
	if err != nil || !found || !due(cur) {
		return Event{}, false, err
	}
	res, err := m.events().UpdateOne(ctx, unchangedFilter(cur), claimChange(owner, until, at))
	if err != nil {
		return Event{}, false, fmt.Errorf("claim event: %w", err)
	}
	if res.ModifiedCount != 1 {
		return Event{}, false, nil
	}
	return claimed(cur, owner, until, at), true, nil
}

func (m mongoEvents) settle(ctx context.Context, owner string, next Event) (bool, error) {
	if next.State == Delivered {
		// The archive insert is not guarded: check the lease first, so a
		// worker that lost it does not archive an event still in flight
		// (the filtered delete still decides when the lease moves between).
		if ok, err := m.held(ctx, next.ID, owner); err != nil || !ok {
			return false, err
		}
	}
	return m.settleWhere(ctx, leaseFilter(next.ID, owner), next)
}

func (m mongoEvents) requeue(ctx context.Context, seen Event, at time.Time) (Event, bool, error) {
	return m.requeueWhere(ctx, bson.D{{"_id", seen.ID}, {"state", seen.State}}, at)
}
