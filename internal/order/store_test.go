package order

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

// modeStore is the store the platform wires for s's mode: the embedded one
// normally, MongoDB's under make test-mongo.
func modeStore(s *store.Store) Store {
	if s.Embedded {
		return NewEmbeddedStore(s)
	}
	return NewMongoStore(s)
}

// bothStores runs a one-goroutine test on each store, the MongoDB one on
// the embedded server when MONGODB_URI is not set: it proves the guards are
// well formed and refuse what they must. It does not prove MongoDB's
// atomicity: FerretDB does not isolate concurrent updates of a document,
// so the concurrent tests below run the MongoDB store only under
// make test-mongo.
func bothStores(t *testing.T, run func(t *testing.T, s *store.Store, db Store)) {
	for _, kind := range []string{"mongo", "embedded"} {
		t.Run(kind, func(t *testing.T) {
			s := storetest.Store(t)
			db := NewEmbeddedStore(s)
			if kind == "mongo" {
				db = NewMongoStore(s)
			}
			run(t, s, db)
		})
	}
}

func isMongo(db Store) bool {
	_, ok := db.(mongoOrders)
	return ok
}

// testService is an order service with only what moving orders between
// pending, paid and in preparation needs: those moves touch no stock or
// coupon.
func testService(s *store.Store, db Store) *Service {
	return NewService(Deps{Store: s, Orders: db, Log: slog.New(slog.DiscardHandler)})
}

const ana = "65f000000000000000000001"

// putOrder stores a pending order with its creation event not yet moved,
// as checkout leaves it.
func putOrder(t *testing.T, s *store.Store) Order {
	t.Helper()
	now := time.Now().UTC()
	id := bson.NewObjectID()
	o := Order{ID: id, UserID: ana, Status: Pending, PaymentMethod: Transfer, Total: 1000, Currency: "COP",
		Payment:  Payment{Provider: "manual", Status: "pending", Amount: 1000},
		Timeline: []TimelineEntry{{Status: Pending, Actor: ActorCustomer, ActorID: ana, At: now}},
		Events:   []FactEvent{{Type: EventCreated, Key: id.Hex()}}, EventSeq: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := s.DB.Collection(ordersCollection).InsertOne(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	return o
}

func stored(t *testing.T, s *store.Store, id bson.ObjectID) Order {
	t.Helper()
	var o Order
	if err := s.DB.Collection(ordersCollection).FindOne(t.Context(), bson.D{{"_id", id}}).Decode(&o); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestStoreMovesAnOrderOnlyFromTheStatusItRead(t *testing.T) {
	bothStores(t, func(t *testing.T, s *store.Store, db Store) {
		ctx := t.Context()
		svc := testService(s, db)
		o := putOrder(t, s)
		paid, err := svc.Transition(ctx, o.ID.Hex(), Move{To: Paid, Actor: ActorAdmin})
		if err != nil {
			t.Fatal(err)
		}
		if paid.Status != Paid || !strings.HasSuffix(paid.InvoiceNumber, "-000001") {
			t.Fatalf("paid order: status %s, invoice %q", paid.Status, paid.InvoiceNumber)
		}

		// Another server moves the order between this move's read and its
		// write: the write must find the order no longer paid and refuse.
		// On the embedded store the order's lock keeps the other writer out
		// until the move is done, so the interleaving cannot happen there.
		if isMongo(db) {
			_, err := svc.Transition(ctx, o.ID.Hex(), Move{To: InPreparation, Actor: ActorAdmin,
				Require: func(Order, time.Time) error {
					if _, err := svc.Transition(ctx, o.ID.Hex(), Move{To: InPreparation, Actor: ActorAdmin}); err != nil {
						t.Fatalf("the other server's move: %v", err)
					}
					return nil
				}})
			if !errors.Is(err, ErrInvalidTransition) {
				t.Fatalf("a move from a status the order left: %v", err)
			}
		} else if _, err := svc.Transition(ctx, o.ID.Hex(), Move{To: InPreparation, Actor: ActorAdmin}); err != nil {
			t.Fatal(err)
		}
		// Read fresh, the order is not paid any more either way.
		if _, err := svc.Transition(ctx, o.ID.Hex(), Move{To: InPreparation, Actor: ActorAdmin}); !errors.Is(err, ErrInvalidTransition) {
			t.Fatalf("moving an order to the status it is in: %v", err)
		}
		got := stored(t, s, o.ID)
		if got.Status != InPreparation || len(got.Timeline) != 3 {
			t.Fatalf("order: status %s, %d timeline entries; want in_preparation and 3 (one per applied move)",
				got.Status, len(got.Timeline))
		}

		// A payment change is guarded the same way.
		if isMongo(db) {
			if _, found, err := db.update(ctx, o.ID, Paid, bson.D{{"$set", bson.D{{"payment.flag", "stale"}}}}); err != nil || found {
				t.Fatalf("a write decided on a paid order landed on an order in preparation: found %v, %v", found, err)
			}
			if got := stored(t, s, o.ID); got.Payment.Flag != "" {
				t.Fatalf("flag = %q after a refused write", got.Payment.Flag)
			}
		}
		if _, err := svc.FlagPayment(ctx, o.ID.Hex(), FlagLatePayment, false); err != nil {
			t.Fatal(err)
		}
		if got := stored(t, s, o.ID); got.Payment.Flag != FlagLatePayment {
			t.Fatalf("flag = %q, want %q", got.Payment.Flag, FlagLatePayment)
		}

		// No order, no write.
		if _, found, err := db.update(ctx, bson.NewObjectID(), Pending, bson.D{{"$set", bson.D{{"notes", "x"}}}}); err != nil || found {
			t.Fatalf("update of a missing order: found %v, %v", found, err)
		}
		if _, err := svc.Transition(ctx, bson.NewObjectID().Hex(), Move{To: Paid}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("moving a missing order: %v", err)
		}
	})
}

func TestStoreClearsOnlyTheEventsItRead(t *testing.T) {
	bothStores(t, func(t *testing.T, s *store.Store, db Store) {
		ctx := t.Context()
		o := putOrder(t, s)
		if isMongo(db) {
			// A move recorded more events after the drain read seq 1: clearing
			// what was read must not drop them.
			_, found, err := db.update(ctx, o.ID, Pending, bson.D{
				{"$push", bson.D{{"events", FactEvent{Type: EventStatusChanged, Key: o.ID.Hex() + ":paid"}}}},
				{"$inc", bson.D{{"eventSeq", int64(1)}}}})
			if err != nil || !found {
				t.Fatalf("record events: found %v, %v", found, err)
			}
			if cleared, err := db.clearEvents(ctx, o.ID, 1); err != nil || cleared {
				t.Fatalf("clearing with a stale count: cleared %v, %v", cleared, err)
			}
			if got := stored(t, s, o.ID); len(got.Events) != 2 {
				t.Fatalf("%d events left after a refused clear, want 2", len(got.Events))
			}
			o.EventSeq = 2
		}
		if cleared, err := db.clearEvents(ctx, o.ID, o.EventSeq); err != nil || !cleared {
			t.Fatalf("clearing the events read: cleared %v, %v", cleared, err)
		}
		if got := stored(t, s, o.ID); len(got.Events) != 0 {
			t.Fatalf("%d events left after the clear", len(got.Events))
		}
	})
}

func TestStoreRunsOneCheckoutPerCustomerAtATime(t *testing.T) {
	bothStores(t, func(t *testing.T, s *store.Store, db Store) {
		ctx := t.Context()
		release, err := db.claimCheckout(ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		// The double click waits for the first checkout, then runs.
		second := make(chan func())
		go func() {
			r, err := db.claimCheckout(ctx, ana)
			if err != nil {
				t.Error(err)
			}
			second <- r
		}()
		select {
		case <-second:
			t.Fatal("a second checkout started while the first ran")
		case <-time.After(200 * time.Millisecond):
		}
		// Another customer is not held up.
		other, err := db.claimCheckout(ctx, "luis")
		if err != nil {
			t.Fatal(err)
		}
		other()
		release()
		select {
		case r := <-second:
			r()
		case <-time.After(10 * time.Second):
			t.Fatal("the second checkout never started after the first ended")
		}

		if !isMongo(db) {
			return
		}
		leases := s.DB.Collection(checkoutsCollection)
		expire := func(userID string) {
			t.Helper()
			if _, err := leases.UpdateOne(ctx, bson.D{{"_id", userID}},
				bson.D{{"$set", bson.D{{"until", time.Now().UTC().Add(-time.Second)}}}}); err != nil {
				t.Fatal(err)
			}
		}
		busy := func(userID string) bool {
			t.Helper()
			short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
			defer cancel()
			r, err := db.claimCheckout(short, userID)
			if err == nil {
				r()
				return false
			}
			// The driver refuses a command it cannot finish before the
			// deadline, a moment before the context itself expires.
			if short.Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("claim: %v", err)
			}
			return true
		}
		// A server died mid-checkout: its lease expires and the next
		// checkout takes it over.
		dead, err := db.claimCheckout(ctx, "eva")
		if err != nil {
			t.Fatal(err)
		}
		if !busy("eva") {
			t.Fatal("a live lease was taken over")
		}
		expire("eva")
		next, err := db.claimCheckout(ctx, "eva")
		if err != nil {
			t.Fatal(err)
		}
		// The checkout that outlived its lease ends late: the next one's
		// lease stays.
		dead()
		if !busy("eva") {
			t.Fatal("a checkout that outlived its lease ended the next one's")
		}
		next()
		if busy("eva") {
			t.Fatal("the lease stayed after its checkout ended")
		}
	})
}

func TestStoreKeepsListsHoldsAndCounters(t *testing.T) {
	bothStores(t, func(t *testing.T, s *store.Store, db Store) {
		ctx := t.Context()
		list := func(userID string) []string {
			t.Helper()
			var d userOrdersDoc
			if err := s.DB.Collection(userOrdersCollection).FindOne(ctx, bson.D{{"_id", userID}}).Decode(&d); err != nil {
				t.Fatal(err)
			}
			return d.Orders
		}
		before := func(ids ...string) func(context.Context) ([]string, error) {
			return func(context.Context) ([]string, error) { return ids, nil }
		}
		for _, id := range []string{"o2", "o2", "o3"} {
			if err := db.listOrder(ctx, ana, id, before("o1")); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.unlistOrder(ctx, ana, "o1"); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(list(ana)); got != "[o2 o3]" {
			t.Fatalf("list = %s, want [o2 o3]", got)
		}
		if isMongo(db) {
			// Another server builds the list between the read and the
			// insert: the order goes into theirs.
			err := db.listOrder(ctx, "luis", "b", func(ctx context.Context) ([]string, error) {
				if err := db.listOrder(ctx, "luis", "a", before()); err != nil {
					t.Fatal(err)
				}
				return nil, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(list("luis")); got != "[a b]" {
				t.Fatalf("list = %s, want [a b]", got)
			}
		}

		for _, id := range []string{"o1", "o1", "o2"} {
			if err := db.addHold(ctx, ana, id); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.dropHold(ctx, ana, "o1"); err != nil {
			t.Fatal(err)
		}
		var h holdsDoc
		if err := s.DB.Collection(holdsCollection).FindOne(ctx, bson.D{{"_id", ana}}).Decode(&h); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(h.Orders) != "[o2]" {
			t.Fatalf("holds = %v, want [o2]", h.Orders)
		}

		for want := int64(1); want <= 3; want++ {
			if n, err := db.nextSeq(ctx, "invoice:2026"); err != nil || n != want {
				t.Fatalf("count %d: %d, %v", want, n, err)
			}
		}
		if n, err := db.nextSeq(ctx, "invoice:2027"); err != nil || n != 1 {
			t.Fatalf("a new year's first count: %d, %v", n, err)
		}
	})
}

// TestConcurrentMovesOfOneOrderOneWins runs on the store of the tests' mode:
// the embedded one, or MongoDB's under make test-mongo.
func TestConcurrentMovesOfOneOrderOneWins(t *testing.T) {
	s := storetest.Store(t)
	db := modeStore(s)
	svc := testService(s, db)
	o := putOrder(t, s)
	var won, refused atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	// The admin and the payment provider confirming one payment at once.
	for range 6 {
		wg.Go(func() {
			<-start
			_, err := svc.Transition(t.Context(), o.ID.Hex(), Move{To: Paid, Actor: ActorPayment})
			switch {
			case err == nil:
				won.Add(1)
			case errors.Is(err, ErrInvalidTransition):
				refused.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	got := stored(t, s, o.ID)
	if won.Load() != 1 || refused.Load() != 5 || len(got.Timeline) != 2 || !strings.HasSuffix(got.InvoiceNumber, "-000001") {
		t.Fatalf("%d moves won, %d refused; order has %d timeline entries and invoice %q; want one win and one number",
			won.Load(), refused.Load(), len(got.Timeline), got.InvoiceNumber)
	}

	// Invoice numbers never repeat, whatever number of payments at once.
	seen := make(chan int64, 20)
	for range 20 {
		wg.Go(func() {
			n, err := db.nextSeq(t.Context(), "invoice:test")
			if err != nil {
				t.Error(err)
			}
			seen <- n
		})
	}
	wg.Wait()
	close(seen)
	distinct := map[int64]bool{}
	for n := range seen {
		distinct[n] = true
	}
	if len(distinct) != 20 || !distinct[1] || !distinct[20] {
		t.Fatalf("counts %v, want 1 to 20 once each", distinct)
	}

	// Checkouts of one customer take turns.
	var running, most atomic.Int64
	for range 4 {
		wg.Go(func() {
			release, err := db.claimCheckout(t.Context(), ana)
			if err != nil {
				t.Error(err)
				return
			}
			defer release()
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(10 * time.Millisecond)
			running.Add(-1)
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Fatalf("%d checkouts of one customer ran at once", most.Load())
	}
}
