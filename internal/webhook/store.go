package webhook

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where the ledger keeps its messages. The ledger holds the rules
// (when a delivery waits, takes over or gives up); the store makes each
// write that depends on who holds a message's claim one guarded
// single-document write.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts the claim into the update filter, which MongoDB
//     checks atomically on every server.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies updates
//     as an unisolated read-modify-write and scans for any filter but an
//     exact {_id}: it takes the message's lock in this process, checks the
//     claim on a fresh read and writes by _id alone (exact with one
//     process, which the data directory's lock guarantees).
//
// The interface is sealed: both stores live here and share mongoStore's
// reads, inserts and sweep.
type Store interface {
	// insert records m as claimed; claimed is false when a message with
	// its key is already recorded (the unique _id decides, on both).
	insert(ctx context.Context, m messageDoc) (claimed bool, err error)
	find(ctx context.Context, key string) (m messageDoc, found bool, err error)
	// sweep forgets the messages received before t.
	sweep(ctx context.Context, before time.Time) (int64, error)

	// release forgets the message while claim holds it unprocessed.
	release(ctx context.Context, key, claim string) error
	// finish marks the message processed while claim holds it.
	finish(ctx context.Context, key, claim string, at time.Time) error
	// takeOver moves the claim of an unprocessed message from old to
	// claim; ok is false when old no longer holds it.
	takeOver(ctx context.Context, key, old, claim string, at time.Time) (ok bool, err error)
}

// mongoStore is what both stores share.
type mongoStore struct{ s *store.Store }

func (m mongoStore) messages() *mongo.Collection { return m.s.DB.Collection(collection) }

func (m mongoStore) insert(ctx context.Context, d messageDoc) (bool, error) {
	_, err := m.messages().InsertOne(ctx, d)
	if store.IsDuplicateKey(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim webhook message: %w", err)
	}
	return true, nil
}

func (m mongoStore) find(ctx context.Context, key string) (messageDoc, bool, error) {
	var d messageDoc
	err := m.messages().FindOne(ctx, bson.D{{"_id", key}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return messageDoc{}, false, nil
	}
	if err != nil {
		return messageDoc{}, false, fmt.Errorf("read webhook message: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) sweep(ctx context.Context, before time.Time) (int64, error) {
	res, err := m.messages().DeleteMany(ctx, bson.D{{"receivedAt", bson.D{{"$lt", before}}}})
	if err != nil {
		return 0, fmt.Errorf("sweep webhook messages: %w", err)
	}
	return res.DeletedCount, nil
}

func doneFields(at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"done", true}, {"doneAt", at}}}}
}

func claimFields(claim string, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"claim", claim}, {"claimedAt", at}}}}
}
