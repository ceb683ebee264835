package store_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func TestDuplicateKeyIsRecognised(t *testing.T) {
	ctx := context.Background()
	s := storetest.Store(t)
	err := s.EnsureIndexes(ctx, []store.Index{{Collection: "things", Model: mongo.IndexModel{
		Keys: bson.D{{"code", 1}}, Options: options.Index().SetUnique(true)}}})
	if err != nil {
		t.Fatal(err)
	}
	// Creating the same index again must be harmless: it runs at every start.
	if err := s.EnsureIndexes(ctx, []store.Index{{Collection: "things", Model: mongo.IndexModel{
		Keys: bson.D{{"code", 1}}, Options: options.Index().SetUnique(true)}}}); err != nil {
		t.Fatalf("second EnsureIndexes: %v", err)
	}
	c := s.DB.Collection("things")
	if _, err := c.InsertOne(ctx, bson.D{{"code", "A"}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.InsertOne(ctx, bson.D{{"code", "A"}})
	if !store.IsDuplicateKey(err) {
		t.Fatalf("insert duplicate: want duplicate key error, got %v", err)
	}
	if _, err := c.InsertOne(ctx, bson.D{{"code", "B"}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdateOne(ctx, bson.D{{"code", "B"}}, bson.D{{"$set", bson.D{{"code", "A"}}}})
	if !store.IsDuplicateKey(err) {
		t.Fatalf("update into duplicate: want duplicate key error, got %v", err)
	}
}

// FerretDB on SQLite answers only {_id: x} from an index, so the embedded
// store keeps unique indexes (constraints) and nothing else: a non-unique
// one would only slow every write. One left by an earlier version goes.
func TestTheEmbeddedStoreKeepsOnlyUniqueIndexes(t *testing.T) {
	ctx := context.Background()
	s := storetest.Store(t)
	if !s.Embedded {
		t.Skip("MongoDB gets every index")
	}
	c := s.DB.Collection("indexed_things")
	if _, err := c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{"old", 1}}}); err != nil {
		t.Fatal(err)
	}
	err := s.EnsureIndexes(ctx, []store.Index{
		{Collection: "indexed_things", Model: mongo.IndexModel{Keys: bson.D{{"code", 1}}, Options: options.Index().SetUnique(true)}},
		{Collection: "indexed_things", Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	specs, err := c.Indexes().ListSpecifications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sp := range specs {
		names = append(names, sp.Name)
	}
	if len(names) != 2 || names[0] != "_id_" || names[1] != "code_1" {
		t.Fatalf("indexes %v, want [_id_ code_1]", names)
	}
}

// The keyed lock is what makes conditional decrements exact on FerretDB.
func TestLockedConditionalDecrementsAreExact(t *testing.T) {
	ctx := context.Background()
	s := storetest.Store(t)
	c := s.DB.Collection("counters")
	res, err := c.InsertOne(ctx, bson.D{{"n", 20}})
	if err != nil {
		t.Fatal(err)
	}
	id := res.InsertedID

	const workers = 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	succeeded := 0
	start := make(chan struct{})
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			unlock := s.Locks.Lock("counter")
			defer unlock()
			r, err := c.UpdateOne(ctx, bson.D{{"_id", id}, {"n", bson.D{{"$gte", 1}}}}, bson.D{{"$inc", bson.D{{"n", -1}}}})
			if err != nil {
				t.Error(err)
				return
			}
			if r.ModifiedCount == 1 {
				mu.Lock()
				succeeded++
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()

	var doc struct{ N int }
	if err := c.FindOne(ctx, bson.D{{"_id", id}}).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if succeeded != 20 || doc.N != 0 {
		t.Fatalf("succeeded=%d n=%d, want 20 and 0", succeeded, doc.N)
	}
}
