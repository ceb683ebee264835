package events

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where the outbox keeps its events. The outbox and its worker
// hold the rules (when an event is due, what a delivery's outcome makes of
// it, which events an admin may queue again); the store makes each write
// that depends on the event's delivery state one guarded single-document
// write, so two workers never hold one event and a worker that lost its
// lease cannot record an outcome.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts what the write depends on (the event as read, the
//     lease owner) into the update filter, which MongoDB checks atomically
//     on every server.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies updates
//     as an unisolated read-modify-write and scans for any filter but an
//     exact {_id}: it takes the event's lock in this process, checks on a
//     fresh read and writes by _id alone (exact with one process, which the
//     data directory's lock guarantees).
//
// Reads, inserts, the due-event search and the sweep need no guard on
// either database: the outbox runs them on events() and archive() directly.
// The interface is sealed: both stores live here and share mongoStore.
type Store interface {
	// events is the live outbox: the events still in flight.
	events() *mongo.Collection
	// archive holds the delivered events.
	archive() *mongo.Collection

	// claim reads the live event id and, when due judges it claimable as
	// stored now, gives owner its lease until until, counting an attempt;
	// it returns the event as claimed. ok is false when due refuses, the
	// event changed between that read and the write, or it left the live
	// outbox.
	claim(ctx context.Context, id bson.ObjectID, due func(Event) bool, owner string, until, at time.Time) (e Event, ok bool, err error)
	// settle ends owner's lease of next.ID and stores next: archived and
	// removed from the live outbox when delivered, its state and retry
	// fields otherwise. ok is false, and nothing is written, when owner no
	// longer holds the lease.
	settle(ctx context.Context, owner string, next Event) (ok bool, err error)
	// requeue makes seen pending and due at at with its attempts reset,
	// provided its state is still seen's; it returns the event after. ok is
	// false when the state changed or the event left the live outbox.
	requeue(ctx context.Context, seen Event, at time.Time) (e Event, ok bool, err error)
}

// mongoStore is what both stores share.
type mongoStore struct{ s *store.Store }

func (m mongoStore) events() *mongo.Collection  { return m.s.DB.Collection(collection) }
func (m mongoStore) archive() *mongo.Collection { return m.s.DB.Collection(archiveCollection) }

// live reads an event of the live outbox; found is false when it is not
// there (delivered, or never published).
func (m mongoStore) live(ctx context.Context, id bson.ObjectID) (e Event, found bool, err error) {
	err = m.events().FindOne(ctx, bson.D{{"_id", id}}).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, false, fmt.Errorf("read event: %w", err)
	}
	return e, true, nil
}

// held reports whether owner holds the lease of the live event id.
func (m mongoStore) held(ctx context.Context, id bson.ObjectID, owner string) (bool, error) {
	cur, found, err := m.live(ctx, id)
	if err != nil || !found {
		return false, err
	}
	return cur.State == Processing && cur.LeaseOwner == owner, nil
}

// unchangedFilter matches the event while it is still as seen, by the
// fields every change of its delivery state moves: the state and attempts,
// and the due time of a pending event or the lease of a processing one
// (attempts alone can come back to a value: a worker that stops hands its
// attempt back).
func unchangedFilter(seen Event) bson.D {
	f := bson.D{{"_id", seen.ID}, {"state", seen.State}, {"attempts", seen.Attempts}}
	if seen.State == Processing && seen.LeaseUntil != nil {
		return append(f, bson.E{"leaseUntil", *seen.LeaseUntil})
	}
	return append(f, bson.E{"nextAttemptAt", seen.NextAttemptAt})
}

// claimed is e after owner's claim.
func claimed(e Event, owner string, until, at time.Time) Event {
	e.State, e.LeaseOwner, e.LeaseUntil, e.Attempts, e.UpdatedAt = Processing, owner, &until, e.Attempts+1, at
	return e
}

func claimChange(owner string, until, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"state", Processing}, {"leaseOwner", owner}, {"leaseUntil", until}, {"updatedAt", at}}},
		{"$inc", bson.D{{"attempts", 1}}}}
}

// leaseFilter matches the event while owner holds its lease.
func leaseFilter(id bson.ObjectID, owner string) bson.D {
	return bson.D{{"_id", id}, {"state", Processing}, {"leaseOwner", owner}}
}

// settleWhere is Store.settle, writing through filter.
func (m mongoStore) settleWhere(ctx context.Context, filter bson.D, next Event) (bool, error) {
	if next.State == Delivered {
		// Archive it (an insert, cheap) and drop it from the live outbox.
		// If the delete fails the event is still claimable, and its
		// handlers are idempotent by event id.
		next.LeaseOwner, next.LeaseUntil = "", nil
		if _, err := m.archive().InsertOne(ctx, next); err != nil && !store.IsDuplicateKey(err) {
			return false, fmt.Errorf("archive delivered event: %w", err)
		}
		res, err := m.events().DeleteOne(ctx, filter)
		if err != nil {
			return false, fmt.Errorf("remove delivered event: %w", err)
		}
		return res.DeletedCount == 1, nil
	}
	res, err := m.events().UpdateOne(ctx, filter, bson.D{
		{"$set", bson.D{{"state", next.State}, {"attempts", next.Attempts}, {"nextAttemptAt", next.NextAttemptAt},
			{"lastError", next.LastError}, {"done", next.Done}, {"updatedAt", next.UpdatedAt}}},
		{"$unset", bson.D{{"leaseOwner", ""}, {"leaseUntil", ""}}}})
	if err != nil {
		return false, fmt.Errorf("record event outcome: %w", err)
	}
	return res.MatchedCount == 1, nil
}

// requeueWhere is Store.requeue, writing through filter.
func (m mongoStore) requeueWhere(ctx context.Context, filter bson.D, at time.Time) (Event, bool, error) {
	var e Event
	err := m.events().FindOneAndUpdate(ctx, filter,
		bson.D{{"$set", bson.D{{"state", Pending}, {"attempts", 0}, {"nextAttemptAt", at}, {"updatedAt", at}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, false, fmt.Errorf("retry event: %w", err)
	}
	return e, true, nil
}
