package review

import (
	"os"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// Both review stores one goroutine at a time, the MongoDB one on the
// embedded server when MONGODB_URI is not set: the guards are well formed
// and refuse what they must. Atomicity under concurrency is MongoDB's to
// prove (make test-mongo runs the concurrent reviews API test on it).
func TestReviewStoresCreateOnceAndEditOnlyWhatWasRead(t *testing.T) {
	for _, kind := range []string{"mongo", "embedded"} {
		t.Run(kind, func(t *testing.T) {
			s := storetest.Store(t)
			ctx := t.Context()
			if err := s.EnsureIndexes(ctx, Indexes()); err != nil {
				t.Fatalf("indexes: %v", err)
			}
			db := NewEmbeddedStore(s)
			if kind == "mongo" {
				db = NewMongoStore(s)
			}
			now := time.Now().UTC().Truncate(time.Millisecond)
			d := reviewDoc{ID: bson.NewObjectID(), ProductID: "p1", OrderID: "o1", UserID: "u1", AuthorName: "Ana G.",
				Rating: 3, Comment: "Rico", CreatedAt: now, UpdatedAt: now}
			if created, err := db.insert(ctx, d); err != nil || !created {
				t.Fatalf("insert: %v %v", created, err)
			}
			twin := d
			twin.ID = bson.NewObjectID()
			if created, err := db.insert(ctx, twin); err != nil || created {
				t.Fatalf("a second review of one (user, product, order): created=%v err=%v", created, err)
			}
			stale := d
			stale.Rating = 4
			if _, ok, err := db.edit(ctx, stale, 5, "x", "Ana G.", now); err != nil || ok {
				t.Fatalf("an edit from a stale rating: ok=%v err=%v", ok, err)
			}
			got, ok, err := db.edit(ctx, d, 5, "Muy rico", "Ana G.", now.Add(time.Second))
			if err != nil || !ok || got.Rating != 5 || got.Comment != "Muy rico" {
				t.Fatalf("edit: %+v %v %v", got, ok, err)
			}
			if _, ok, _ := db.edit(ctx, d, 1, "x", "Ana G.", now); ok {
				t.Fatal("the same edit applied twice")
			}
			// revert only puts back what it changed.
			if err := db.revert(ctx, d, 4); err != nil {
				t.Fatal(err)
			}
			if cur, _, _ := db.get(ctx, d.ID); cur.Rating != 5 {
				t.Fatalf("revert from a rating the review no longer has changed it to %d", cur.Rating)
			}
			if err := db.revert(ctx, d, 5); err != nil {
				t.Fatal(err)
			}
			if cur, _, _ := db.find(ctx, "u1", "p1", "o1"); cur.Rating != 3 || cur.Comment != "Rico" {
				t.Fatalf("after revert: %+v", cur)
			}
			gone, ok, err := db.remove(ctx, d.ID)
			if err != nil || !ok || gone.Rating != 3 {
				t.Fatalf("remove: %+v %v %v", gone, ok, err)
			}
			if _, ok, err := db.remove(ctx, d.ID); err != nil || ok {
				t.Fatalf("second remove: %v %v", ok, err)
			}
			if err := db.restore(ctx, gone); err != nil {
				t.Fatal(err)
			}
			docs, total, err := db.page(ctx, "p1", 0, 10)
			if err != nil || total != 1 || len(docs) != 1 || docs[0].ID != d.ID {
				t.Fatalf("page: %d %+v %v", total, docs, err)
			}
		})
	}
}
