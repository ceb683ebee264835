package cart

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// modeStore is the store the platform wires for s's mode: the embedded one
// normally, MongoDB's under make test-mongo.
func modeStore(s *store.Store) Store { return pick(s, !s.Embedded) }

// bothStores runs a one-goroutine test on each store (storetest.EachStore
// says what that proves and what it does not).
func bothStores(t *testing.T, run func(t *testing.T, db Store)) {
	storetest.EachStore(t, Indexes(), func(t *testing.T, s *store.Store, mongo bool) {
		run(t, pick(s, mongo))
	})
}

// pick is the store under test.
func pick(s *store.Store, mongo bool) Store {
	if mongo {
		return NewMongoStore(s)
	}
	return NewEmbeddedStore(s)
}

const ana = "65f000000000000000000001"

// addOne is a change that puts one more of product in the cart.
func addOne(product string) func([]Item) ([]Item, error) {
	return func(items []Item) ([]Item, error) {
		for i := range items {
			if items[i].ProductID == product {
				items[i].Quantity++
				return items, nil
			}
		}
		return append(items, Item{ProductID: product, Quantity: 1}), nil
	}
}

func quantities(t *testing.T, db Store, userID string) map[string]int {
	t.Helper()
	d, err := db.load(t.Context(), userID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, it := range d.Items {
		out[it.ProductID] = it.Quantity
	}
	return out
}

func TestStoreChangesLandOnTheCartTheyWereMadeFrom(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store) {
		ctx := t.Context()
		_, isMongo := db.(mongoCarts)
		now := time.Now().UTC()

		// The first change creates the cart; on MongoDB another server
		// creates it between the read and the insert, and the change is
		// made again on that cart instead of failing or overwriting it.
		calls := 0
		err := db.change(ctx, ana, func(items []Item) ([]Item, error) {
			calls++
			if isMongo && calls == 1 {
				if err := db.change(ctx, ana, addOne("arepa"), now); err != nil {
					t.Fatal(err)
				}
			}
			return addOne("palito")(items)
		}, now)
		if err != nil {
			t.Fatal(err)
		}
		if isMongo && calls != 2 {
			t.Fatalf("the change ran %d times; want 2 (once more after the other server's insert)", calls)
		}
		want := map[string]int{"palito": 1}
		if isMongo {
			want["arepa"] = 1
		}
		if got := quantities(t, db, ana); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("cart = %v, want %v", got, want)
		}

		// A change of an existing cart: on MongoDB another server's change
		// between the read and the write makes this one run again, so
		// neither is lost.
		calls = 0
		err = db.change(ctx, ana, func(items []Item) ([]Item, error) {
			calls++
			if isMongo && calls == 1 {
				if err := db.change(ctx, ana, addOne("arepa"), now); err != nil {
					t.Fatal(err)
				}
			}
			return addOne("palito")(items)
		}, now)
		if err != nil {
			t.Fatal(err)
		}
		if isMongo && calls != 2 {
			t.Fatalf("the change ran %d times; want 2 (once more after the other server's write)", calls)
		}
		want["palito"] = 2
		if isMongo {
			want["arepa"] = 2
		}
		if got := quantities(t, db, ana); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("cart = %v, want %v", got, want)
		}
		// Every write moved the version: the insert, the other server's
		// write and the retried ones.
		wantVersion := int64(2)
		if isMongo {
			wantVersion = 4
		}
		if d, _ := db.load(ctx, ana); d.Version != wantVersion {
			t.Fatalf("version = %d, want %d", d.Version, wantVersion)
		}

		// A refused change writes nothing.
		no := errors.New("refused")
		if err := db.change(ctx, ana, func([]Item) ([]Item, error) { return nil, no }, now); !errors.Is(err, no) {
			t.Fatalf("refused change: %v", err)
		}
		if got := quantities(t, db, ana); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("cart after a refused change = %v, want %v", got, want)
		}
	})
}

// TestConcurrentChangesAreAllKept runs on the store of the tests' mode: the
// embedded one, or MongoDB's under make test-mongo.
func TestConcurrentChangesAreAllKept(t *testing.T) {
	s := storetest.Store(t)
	if err := s.EnsureIndexes(t.Context(), Indexes()); err != nil {
		t.Fatal(err)
	}
	db := modeStore(s)
	start := make(chan struct{})
	var wg sync.WaitGroup
	// Two tabs of one shopper adding at once, the first ones creating the
	// cart; fewer than the MongoDB store's retries, so none gives up.
	for i := range 4 {
		product := []string{"palito", "arepa"}[i%2]
		wg.Go(func() {
			<-start
			if err := db.change(t.Context(), ana, addOne(product), time.Now().UTC()); err != nil {
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	if got := quantities(t, db, ana); got["palito"] != 2 || got["arepa"] != 2 {
		t.Fatalf("cart = %v, want 2 of each", got)
	}
}

// The embedded store serves reads from the carts it keeps in memory, and
// what it serves is what the database holds: a store that keeps nothing yet
// reads the same cart from the database.
func TestEmbeddedStoreKeepsWhatTheDatabaseHolds(t *testing.T) {
	s := storetest.Store(t)
	if err := s.EnsureIndexes(t.Context(), Indexes()); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	db := NewEmbeddedStore(s)
	finds := func() int64 { return s.Commands()[store.Command{Name: "find", Collection: collection}].Count }

	// A shopper with no cart yet is read once.
	before := finds()
	for range 3 {
		if d, err := db.load(ctx, ana); err != nil || !d.ID.IsZero() || len(d.Items) != 0 {
			t.Fatalf("new shopper's cart = %+v, %v", d, err)
		}
	}
	if n := finds() - before; n != 1 {
		t.Fatalf("%d reads of the database for three loads of a new cart, want 1", n)
	}

	for _, p := range []string{"palito", "arepa", "palito"} {
		if err := db.change(ctx, ana, addOne(p), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	no := errors.New("refused")
	if err := db.change(ctx, ana, func([]Item) ([]Item, error) { return nil, no }, time.Now()); !errors.Is(err, no) {
		t.Fatalf("refused change: %v", err)
	}
	before = finds()
	kept, err := db.load(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	if n := finds() - before; n != 0 {
		t.Fatalf("%d reads of the database for a kept cart, want 0", n)
	}
	stored, err := NewEmbeddedStore(s).load(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", kept) != fmt.Sprintf("%+v", stored) {
		t.Fatalf("kept cart\n%+v\ndiffers from the stored one\n%+v", kept, stored)
	}
	if kept.Version != 3 || len(kept.Items) != 2 {
		t.Fatalf("kept cart = %+v, want version 3 with two lines", kept)
	}

	// What a caller does with the lines it got does not change the kept cart.
	kept.Items[0].Quantity = 99
	if again, _ := db.load(ctx, ana); again.Items[0].Quantity == 99 {
		t.Fatal("a caller's edit reached the kept cart")
	}
}
