package catalog

import (
	"errors"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

// Both product stores, on the test database: the MongoDB one too, on the
// embedded server when MONGODB_URI is not set. These tests are one goroutine
// each: they prove that every guard, as a filter (MongoDB) and as a check on
// a fresh read (embedded), refuses what it must and lets through what it
// may, and that repeating a write is a no-op. They do not prove MongoDB's
// atomicity across concurrent writers: FerretDB does not isolate concurrent
// updates of one document (a conditional $inc can pass its guard twice and
// lose a change), so the concurrency tests run the MongoDB store only on a
// real deployment (make test-mongo).
func bothStores(t *testing.T, run func(t *testing.T, ps ProductStore)) {
	for _, kind := range []string{"mongo", "embedded"} {
		t.Run(kind, func(t *testing.T) {
			s := storetest.Store(t)
			if err := s.EnsureIndexes(t.Context(), Indexes()); err != nil {
				t.Fatalf("indexes: %v", err)
			}
			if kind == "mongo" {
				run(t, NewMongoStore(s))
			} else {
				run(t, NewEmbeddedStore(s))
			}
		})
	}
}

func newDoc(t *testing.T, ps ProductStore, stock int, active bool) string {
	t.Helper()
	now := time.Now().UTC()
	d := productDoc{ID: bson.NewObjectID(), Name: "Buñuelo", Category: "Especiales", Price: 100000, Currency: "COP",
		Stock: stock, Active: active, Images: []imageDoc{}, CreatedAt: now, UpdatedAt: now}
	if err := ps.insert(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	return d.ID.Hex()
}

func stockOf(t *testing.T, ps ProductStore, id string) productDoc {
	t.Helper()
	oid, _ := parseID(id)
	d, ok, err := ps.findAny(t.Context(), oid)
	if err != nil || !ok {
		t.Fatalf("read product: %v %v", ok, err)
	}
	return d
}

func TestProductStoreTakeIsGuardedAndOncePerOrder(t *testing.T) {
	bothStores(t, func(t *testing.T, ps ProductStore) {
		ctx, now := t.Context(), time.Now().UTC()
		id := newDoc(t, ps, 5, true)
		if _, ok, err := ps.take(ctx, id, "o-short", 6, now); err != nil || ok {
			t.Fatalf("taking 6 of 5: ok=%v err=%v, want a refusal", ok, err)
		}
		d, ok, err := ps.take(ctx, id, "o1", 3, now)
		if err != nil || !ok || d.Stock != 2 || len(d.Held) != 1 || d.Held[0] != "o1" {
			t.Fatalf("take 3: ok=%v err=%v doc=%+v", ok, err, d)
		}
		if _, ok, err := ps.take(ctx, id, "o1", 1, now); err != nil || ok {
			t.Fatalf("a second take for the same order: ok=%v err=%v, want a refusal", ok, err)
		}
		if d, ok, err := ps.take(ctx, id, "o2", 2, now); err != nil || !ok || d.Stock != 0 {
			t.Fatalf("taking the last 2: ok=%v err=%v stock=%d", ok, err, d.Stock)
		}
		if _, ok, _ := ps.take(ctx, id, "o3", 1, now); ok {
			t.Fatal("took from an empty stock")
		}
		inactive := newDoc(t, ps, 5, false)
		if _, ok, err := ps.take(ctx, inactive, "o1", 1, now); err != nil || ok {
			t.Fatalf("take from an inactive product: ok=%v err=%v", ok, err)
		}
		if _, _, err := ps.take(ctx, bson.NewObjectID().Hex(), "o1", 1, now); !errors.Is(err, ErrNotFound) {
			t.Fatalf("take from a missing product: %v", err)
		}

		// Giving back is once per order, and only for an order held.
		for i, want := range []bool{true, false} {
			given, err := ps.unhold(ctx, id, "o1", 3, now)
			if err != nil || given != want {
				t.Fatalf("unhold #%d: given=%v err=%v, want %v", i+1, given, err, want)
			}
		}
		if given, err := ps.unhold(ctx, id, "never-held", 3, now); err != nil || given {
			t.Fatalf("unhold of an order never held: %v %v", given, err)
		}
		// A consumed order leaves the list without moving stock.
		if given, err := ps.unhold(ctx, id, "o2", 0, now); err != nil || !given {
			t.Fatalf("consume: %v %v", given, err)
		}
		if d := stockOf(t, ps, id); d.Stock != 3 || len(d.Held) != 0 {
			t.Fatalf("after give-backs: stock=%d held=%v, want 3 and none", d.Stock, d.Held)
		}
		// Deleted products still get their units back.
		d, ok, _ = ps.take(ctx, id, "o4", 1, now)
		if !ok {
			t.Fatal("take before delete")
		}
		if _, err := ps.markDeleted(ctx, id, now); err != nil {
			t.Fatal(err)
		}
		if given, err := ps.unhold(ctx, id, "o4", 1, now); err != nil || !given {
			t.Fatalf("unhold on a deleted product: %v %v", given, err)
		}
		if d := stockOf(t, ps, id); d.Stock != 3 {
			t.Fatalf("deleted product's stock = %d, want 3", d.Stock)
		}
	})
}

func TestProductStoreStockMovesStayWithinBounds(t *testing.T) {
	bothStores(t, func(t *testing.T, ps ProductStore) {
		ctx, now := t.Context(), time.Now().UTC()
		id := newDoc(t, ps, 5, true)
		if d, ok, err := ps.moveStock(ctx, id, -6, now); err != nil || ok || d.Stock != 5 {
			t.Fatalf("moving below zero: ok=%v err=%v stock=%d", ok, err, d.Stock)
		}
		if d, ok, err := ps.moveStock(ctx, id, maxStock, now); err != nil || ok || d.Stock != 5 {
			t.Fatalf("moving above the ceiling: ok=%v err=%v stock=%d", ok, err, d.Stock)
		}
		if d, ok, err := ps.moveStock(ctx, id, -5, now); err != nil || !ok || d.Stock != 0 {
			t.Fatalf("moving to exactly zero: ok=%v err=%v stock=%d", ok, err, d.Stock)
		}
		if d, ok, err := ps.moveStock(ctx, id, maxStock, now); err != nil || !ok || d.Stock != maxStock {
			t.Fatalf("moving to exactly the ceiling: ok=%v err=%v stock=%d", ok, err, d.Stock)
		}
		before := stockOf(t, ps, id).Rev
		d, err := ps.change(ctx, id, bson.D{{"$inc", bson.D{{"ratingSum", int64(4)}, {"reviewCount", 1}}}})
		if err != nil || d.RatingSum != 4 || d.ReviewCount != 1 || d.Rev != before+1 {
			t.Fatalf("counters: %+v %v", d, err)
		}
	})
}

func TestProductStoreDeleteAndRestoreAreGuarded(t *testing.T) {
	bothStores(t, func(t *testing.T, ps ProductStore) {
		ctx, now := t.Context(), time.Now().UTC()
		id := newDoc(t, ps, 5, true)
		if _, err := ps.restore(ctx, id, now); !errors.Is(err, ErrNotDeleted) {
			t.Fatalf("restoring a live product: %v", err)
		}
		if d, err := ps.markDeleted(ctx, id, now); err != nil || !d.Deleted || d.Active {
			t.Fatalf("delete: %+v %v", d, err)
		}
		if _, err := ps.markDeleted(ctx, id, now); !errors.Is(err, ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
		if _, err := ps.change(ctx, id, bson.D{{"$set", bson.D{{"name", "x"}}}}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("changing a deleted product: %v", err)
		}
		if _, ok, err := ps.take(ctx, id, "o1", 1, now); !errors.Is(err, ErrNotFound) || ok {
			t.Fatalf("taking from a deleted product: %v %v", ok, err)
		}
		if d, err := ps.restore(ctx, id, now); err != nil || d.Deleted || d.Active {
			t.Fatalf("restore: %+v %v", d, err)
		}
		if _, err := ps.restore(ctx, id, now); !errors.Is(err, ErrNotDeleted) {
			t.Fatalf("second restore: %v", err)
		}
	})
}

func TestProductStoreImageEditsKeepWritesMadeMeanwhile(t *testing.T) {
	bothStores(t, func(t *testing.T, ps ProductStore) {
		ctx, now := t.Context(), time.Now().UTC()
		id := newDoc(t, ps, 5, true)
		calls := 0
		d, err := ps.editImages(ctx, id, func(cur []imageDoc) ([]imageDoc, error) {
			calls++
			if calls == 1 {
				if _, ok := ps.(mongoProducts); ok {
					// Another server's write between the read and the write:
					// the revision guard must refuse and the edit run again.
					if _, ok, err := ps.take(ctx, id, "meanwhile", 1, now); err != nil || !ok {
						t.Fatalf("concurrent take: %v %v", ok, err)
					}
				}
			}
			return append(cur, imageDoc{ID: "a", URL: "/media/a.jpg", Key: "a.jpg"}), nil
		}, now)
		if err != nil || len(d.Images) != 1 {
			t.Fatalf("edit: %+v %v", d, err)
		}
		if _, ok := ps.(mongoProducts); ok && (calls != 2 || d.Stock != 4) {
			t.Fatalf("edit ran %d times, stock %d; want 2 runs and the take kept (4)", calls, d.Stock)
		}
		boom := errors.New("refused")
		if _, err := ps.editImages(ctx, id, func([]imageDoc) ([]imageDoc, error) { return nil, boom }, now); !errors.Is(err, boom) {
			t.Fatalf("a refusing edit: %v", err)
		}
		if d := stockOf(t, ps, id); len(d.Images) != 1 {
			t.Fatalf("a refused edit wrote: %+v", d.Images)
		}
	})
}

func TestProductStoreReleasesAReservationOnce(t *testing.T) {
	bothStores(t, func(t *testing.T, ps ProductStore) {
		ctx := t.Context()
		if err := ps.insertReservation(ctx, reservationDoc{OrderID: "o1", At: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		for i, want := range []bool{true, false} {
			if got, err := ps.markReleased(ctx, "o1"); err != nil || got != want {
				t.Fatalf("release #%d: %v %v, want %v", i+1, got, err, want)
			}
		}
		if got, err := ps.markReleased(ctx, "unknown"); err != nil || got {
			t.Fatalf("release of no reservation: %v %v", got, err)
		}
		v1, err := ps.bumpVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v2, err := ps.bumpVersion(ctx); err != nil || v2 != v1+1 {
			t.Fatalf("version %d then %d (%v)", v1, v2, err)
		}
	})
}
