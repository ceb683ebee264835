package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Intents is a small collection of marks "the document with this _id is
// about to be created and its creation announced". A writer marks before the
// insert and drops the mark once the announcement is recorded; recovery lists
// the marks older than a grace (an _id-keyed collection, so it never scans
// the big one) and, for each, announces the document if it exists and drops
// the mark either way. Together with an announcement keyed by the document's
// id (the outbox keeps one event per key) no crash point loses or duplicates
// the announcement: before the insert there is nothing to announce; after it
// the mark is still there until the announcement is recorded.
type Intents struct {
	s    *Store
	name string
}

// Intents returns the marks kept in the collection name.
func (s *Store) Intents(name string) Intents { return Intents{s: s, name: name} }

type intentDoc struct {
	ID string    `bson:"_id"`
	At time.Time `bson:"at"`
}

// Mark records the intent for id at now.
func (i Intents) Mark(ctx context.Context, id string, now time.Time) error {
	_, err := i.s.DB.Collection(i.name).UpdateOne(ctx, bson.D{{"_id", id}},
		bson.D{{"$set", bson.D{{"at", now}}}}, options.UpdateOne().SetUpsert(true))
	if err != nil && !IsDuplicateKey(err) { // a concurrent writer's upsert made the same mark
		return fmt.Errorf("mark %s: %w", i.name, err)
	}
	return nil
}

// Drop removes the mark of id.
func (i Intents) Drop(ctx context.Context, id string) error {
	if _, err := i.s.DB.Collection(i.name).DeleteOne(ctx, bson.D{{"_id", id}}); err != nil {
		return fmt.Errorf("drop %s mark: %w", i.name, err)
	}
	return nil
}

// Before lists the ids marked before t.
func (i Intents) Before(ctx context.Context, t time.Time) ([]string, error) {
	cur, err := i.s.DB.Collection(i.name).Find(ctx, bson.D{{"at", bson.D{{"$lt", t}}}})
	if err != nil {
		return nil, fmt.Errorf("find %s marks: %w", i.name, err)
	}
	var docs []intentDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find %s marks: %w", i.name, err)
	}
	ids := make([]string, len(docs))
	for k, d := range docs {
		ids[k] = d.ID
	}
	return ids, nil
}

// Drain finishes the intents marked before t: tell announces the document
// with that id and reports whether it exists. A mark whose document was
// never inserted (or whose id is not an ObjectId) is dropped untold. It
// returns how many documents it announced.
func (i Intents) Drain(ctx context.Context, t time.Time, tell func(context.Context, bson.ObjectID) (found bool, err error)) (int, error) {
	ids, err := i.Before(ctx, t)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		oid, err := bson.ObjectIDFromHex(id)
		found := false
		if err == nil {
			if found, err = tell(ctx, oid); err != nil {
				return n, fmt.Errorf("finish %s intent %s: %w", i.name, id, err)
			}
		}
		if err := i.Drop(ctx, id); err != nil {
			return n, err
		}
		if found {
			n++
		}
	}
	return n, nil
}
