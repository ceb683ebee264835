package webhook

import (
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

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

func TestStoreWritesOnlyWithTheClaimThatHoldsTheMessage(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store) {
		ctx := t.Context()
		now := time.Now().UTC()
		message := func() messageDoc {
			t.Helper()
			m, found, err := db.find(ctx, "clerk:msg")
			if err != nil || !found {
				t.Fatalf("message: found=%v err=%v", found, err)
			}
			return m
		}
		if ok, err := db.insert(ctx, messageDoc{ID: "clerk:msg", Claim: "a", ClaimedAt: now, ReceivedAt: now}); err != nil || !ok {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if ok, err := db.insert(ctx, messageDoc{ID: "clerk:msg", Claim: "b", ClaimedAt: now, ReceivedAt: now}); err != nil || ok {
			t.Fatalf("second claim of one message: %v %v", ok, err)
		}

		// Only the claim that holds the message hands it over.
		if ok, err := db.takeOver(ctx, "clerk:msg", "b", "c", now); err != nil || ok {
			t.Fatalf("take over with a claim that never held it: %v %v", ok, err)
		}
		if ok, err := db.takeOver(ctx, "clerk:msg", "a", "b", now); err != nil || !ok {
			t.Fatalf("take over an expired claim: %v %v", ok, err)
		}
		if ok, err := db.takeOver(ctx, "clerk:msg", "a", "c", now); err != nil || ok {
			t.Fatalf("a second take over from the same stale claim: %v %v", ok, err)
		}

		// The delivery that lost its claim neither finishes nor releases
		// the message of the one that took it over.
		if err := db.finish(ctx, "clerk:msg", "a", now); err != nil {
			t.Fatal(err)
		}
		if err := db.release(ctx, "clerk:msg", "a"); err != nil {
			t.Fatal(err)
		}
		if m := message(); m.Claim != "b" || m.Done {
			t.Fatalf("after the stale claim's writes: %+v; want b's, unprocessed", m)
		}

		// A processed message is neither released nor taken over.
		if err := db.finish(ctx, "clerk:msg", "b", now); err != nil {
			t.Fatal(err)
		}
		if err := db.release(ctx, "clerk:msg", "b"); err != nil {
			t.Fatal(err)
		}
		if ok, err := db.takeOver(ctx, "clerk:msg", "b", "c", now); err != nil || ok {
			t.Fatalf("take over a processed message: %v %v", ok, err)
		}
		if m := message(); m.Claim != "b" || !m.Done || m.DoneAt == nil {
			t.Fatalf("processed message: %+v", m)
		}

		// An unprocessed message is released by its own claim only.
		if ok, err := db.insert(ctx, messageDoc{ID: "clerk:failed", Claim: "d", ClaimedAt: now, ReceivedAt: now}); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if err := db.release(ctx, "clerk:failed", "d"); err != nil {
			t.Fatal(err)
		}
		if _, found, err := db.find(ctx, "clerk:failed"); err != nil || found {
			t.Fatalf("released message still recorded: %v %v", found, err)
		}
		if err := db.release(ctx, "clerk:gone", "d"); err != nil {
			t.Fatalf("releasing a missing message: %v", err)
		}

		if n, err := db.sweep(ctx, now.Add(time.Second)); err != nil || n != 1 {
			t.Fatalf("swept %d, %v; want 1", n, err)
		}
	})
}
