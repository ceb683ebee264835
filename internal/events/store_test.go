package events

import (
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

// bothStores runs a one-goroutine test on each store (storetest.EachStore
// says what that proves and what it does not).
func bothStores(t *testing.T, run func(t *testing.T, o *Outbox, db Store)) {
	storetest.EachStore(t, Indexes(), func(t *testing.T, s *store.Store, mongo bool) {
		db := pick(s, mongo)
		run(t, NewOutbox(db), db)
	})
}

// pick is the store under test.
func pick(s *store.Store, mongo bool) Store {
	if mongo {
		return NewMongoStore(s)
	}
	return NewEmbeddedStore(s)
}

// stored reads an event as the database holds it, as a worker finds it.
func stored(t *testing.T, o *Outbox, id bson.ObjectID) Event {
	t.Helper()
	e, err := o.Get(t.Context(), id.Hex())
	if err != nil {
		t.Fatalf("read event: %v", err)
	}
	return e
}

func publish(t *testing.T, o *Outbox, key string) Event {
	t.Helper()
	e, err := o.Publish(t.Context(), OrderCreated, key, key, nil)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return stored(t, o, e.ID)
}

// pending and leasedBy are claim rules: the worker's, without the clock.
func pending(e Event) bool { return e.State == Pending }

func leasedBy(owner string) func(Event) bool {
	return func(e Event) bool { return e.State == Processing && e.LeaseOwner == owner }
}

func TestStoreClaimsAnEventJudgedAsItIsStored(t *testing.T) {
	bothStores(t, func(t *testing.T, o *Outbox, db Store) {
		ctx := t.Context()
		now := time.Now().UTC()
		until := now.Add(time.Minute)
		id := publish(t, o, "o1").ID

		e, ok, err := db.claim(ctx, id, pending, "a", until, now)
		if err != nil || !ok || e.State != Processing || e.LeaseOwner != "a" || e.Attempts != 1 {
			t.Fatalf("claim of a pending event: %+v %v %v", e, ok, err)
		}
		// A second worker found it pending too: judged as stored, it is
		// leased now.
		if _, ok, err := db.claim(ctx, id, pending, "b", until, now); err != nil || ok {
			t.Fatalf("claim of an event already leased: %v %v", ok, err)
		}
		if got := stored(t, o, id); got.State != Processing || got.LeaseOwner != "a" || got.Attempts != 1 {
			t.Fatalf("after a's claim: %+v", got)
		}

		// Its lease expired (the worker judges that): it is taken over once.
		if _, ok, err := db.claim(ctx, id, leasedBy("a"), "b", until, now); err != nil || !ok {
			t.Fatalf("take over an expired lease: %v %v", ok, err)
		}
		if _, ok, err := db.claim(ctx, id, leasedBy("a"), "c", until, now); err != nil || ok {
			t.Fatalf("a second take over of a's lease: %v %v", ok, err)
		}
		if got := stored(t, o, id); got.LeaseOwner != "b" || got.Attempts != 2 {
			t.Fatalf("after b's take over: %+v", got)
		}

		// An event no longer in the live outbox is not claimed.
		if _, ok, err := db.claim(ctx, KeyID("gone"), pending, "a", until, now); err != nil || ok {
			t.Fatalf("claim of a missing event: %v %v", ok, err)
		}
	})
}

// On MongoDB the claim's read and write are two commands: another claim
// between them must make the write miss. (The embedded store judges under
// the event's lock, which another claim would wait for; the worker's
// concurrent test covers it.)
func TestMongoStoreRefusesAClaimOfAnEventThatChangedAfterItWasJudged(t *testing.T) {
	s := storetest.Store(t)
	o := NewOutbox(NewMongoStore(s))
	db := o.db
	ctx := t.Context()
	now := time.Now().UTC()
	until := now.Add(time.Minute)
	race := func(due func(Event) bool, meanwhile func()) func(Event) bool {
		return func(e Event) bool {
			ok := due(e)
			meanwhile()
			return ok
		}
	}

	id := publish(t, o, "o1").ID
	_, ok, err := db.claim(ctx, id, race(pending, func() {
		if _, ok, err := db.claim(ctx, id, pending, "a", until, now); err != nil || !ok {
			t.Fatalf("a's claim: %v %v", ok, err)
		}
	}), "b", until, now)
	if err != nil || ok {
		t.Fatalf("b's claim of the event a claimed meanwhile: %v %v", ok, err)
	}
	if _, ok, err := db.claim(ctx, id, race(leasedBy("a"), func() {
		if _, ok, err := db.claim(ctx, id, leasedBy("a"), "c", until, now); err != nil || !ok {
			t.Fatalf("c's take over: %v %v", ok, err)
		}
	}), "b", until, now); err != nil || ok {
		t.Fatalf("b's take over of the lease c took meanwhile: %v %v", ok, err)
	}

	// A worker that stops hands its attempt back, so the attempts come back
	// to what the judged read saw; the due time tells them apart.
	second := publish(t, o, "o2").ID
	if _, ok, err := db.claim(ctx, second, race(pending, func() {
		if _, ok, err := db.claim(ctx, second, pending, "a", until, now); err != nil || !ok {
			t.Fatalf("a's claim: %v %v", ok, err)
		}
		next := stored(t, o, second)
		next.State, next.Attempts, next.NextAttemptAt, next.UpdatedAt = Pending, 0, now.Add(time.Second), now
		if ok, err := db.settle(ctx, "a", next); err != nil || !ok {
			t.Fatalf("hand the event back: %v %v", ok, err)
		}
	}), "b", until, now); err != nil || ok {
		t.Fatalf("b's claim of an event claimed and handed back meanwhile: %v %v", ok, err)
	}
	if got := stored(t, o, second); got.State != Pending || got.Attempts != 0 {
		t.Fatalf("after the refused claim: %+v", got)
	}
}

func TestStoreRecordsAnOutcomeOnlyForTheLeaseOwner(t *testing.T) {
	bothStores(t, func(t *testing.T, o *Outbox, db Store) {
		ctx := t.Context()
		now := time.Now().UTC()
		until := now.Add(time.Minute)
		found := publish(t, o, "o1")
		if _, ok, err := db.claim(ctx, found.ID, pending, "a", until, now); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if _, ok, err := db.claim(ctx, found.ID, leasedBy("a"), "b", until, now); err != nil || !ok {
			t.Fatalf("take over: %v %v", ok, err)
		}
		claimed := stored(t, o, found.ID)

		// a lost its lease: it neither fails nor finishes b's delivery.
		failed := claimed
		failed.State, failed.NextAttemptAt, failed.LastError, failed.Done = Pending, now, "a: boom", []string{"mail"}
		if ok, err := db.settle(ctx, "a", failed); err != nil || ok {
			t.Fatalf("a fails the event after losing its lease: %v %v", ok, err)
		}
		delivered := claimed
		delivered.State, delivered.DeliveredAt = Delivered, &now
		if ok, err := db.settle(ctx, "a", delivered); err != nil || ok {
			t.Fatalf("a delivers the event after losing its lease: %v %v", ok, err)
		}
		if got := stored(t, o, found.ID); got.State != Processing || got.LeaseOwner != "b" || got.LastError != "" {
			t.Fatalf("after a's writes: %+v; want b's lease", got)
		}
		if archived, err := o.archived(ctx, found.ID); err != nil || archived != nil {
			t.Fatalf("a archived the event: %+v %v", archived, err)
		}

		// b holds it: its failure is recorded and ends the lease.
		failed.LastError = "b: boom"
		if ok, err := db.settle(ctx, "b", failed); err != nil || !ok {
			t.Fatalf("b fails the event: %v %v", ok, err)
		}
		got := stored(t, o, found.ID)
		if got.State != Pending || got.LeaseOwner != "" || got.LeaseUntil != nil || got.LastError != "b: boom" || len(got.Done) != 1 {
			t.Fatalf("after b's failure: %+v", got)
		}
		if ok, err := db.settle(ctx, "b", delivered); err != nil || ok {
			t.Fatalf("b delivers an event it no longer holds: %v %v", ok, err)
		}

		// The next holder's delivery archives it.
		if _, ok, err := db.claim(ctx, got.ID, pending, "c", until, now); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if ok, err := db.settle(ctx, "c", delivered); err != nil || !ok {
			t.Fatalf("c delivers the event: %v %v", ok, err)
		}
		if n, err := db.events().CountDocuments(ctx, bson.D{{"_id", found.ID}}); err != nil || n != 0 {
			t.Fatalf("delivered event still in the live outbox: %d %v", n, err)
		}
		got = stored(t, o, found.ID)
		if got.State != Delivered || got.LeaseOwner != "" || got.LeaseUntil != nil || got.DeliveredAt == nil {
			t.Fatalf("delivered event: %+v", got)
		}
		if ok, err := db.settle(ctx, "c", delivered); err != nil || ok {
			t.Fatalf("deliver an event already delivered: %v %v", ok, err)
		}
	})
}

func TestStoreRequeuesAnEventOnlyFromTheStateJudged(t *testing.T) {
	bothStores(t, func(t *testing.T, o *Outbox, db Store) {
		ctx := t.Context()
		now := time.Now().UTC()
		found := publish(t, o, "o1")
		if _, ok, err := db.claim(ctx, found.ID, pending, "a", now.Add(time.Minute), now); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		dead := stored(t, o, found.ID)
		dead.State, dead.LastError = Dead, "boom"
		if ok, err := db.settle(ctx, "a", dead); err != nil || !ok {
			t.Fatalf("kill the event: %v %v", ok, err)
		}
		dead = stored(t, o, found.ID)

		e, ok, err := db.requeue(ctx, dead, now)
		if err != nil || !ok || e.State != Pending || e.Attempts != 0 || !e.NextAttemptAt.Equal(now.Truncate(time.Millisecond)) {
			t.Fatalf("requeue a dead event: %+v %v %v", e, ok, err)
		}
		// Judged dead, it was queued meanwhile, then claimed: neither
		// requeues it again.
		if _, ok, err := db.requeue(ctx, dead, now); err != nil || ok {
			t.Fatalf("requeue judged on a state that changed: %v %v", ok, err)
		}
		judged := stored(t, o, found.ID)
		if _, ok, err := db.claim(ctx, judged.ID, pending, "b", now.Add(time.Minute), now); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if _, ok, err := db.requeue(ctx, judged, now); err != nil || ok {
			t.Fatalf("requeue an event claimed since it was judged: %v %v", ok, err)
		}
		if got := stored(t, o, found.ID); got.State != Processing || got.LeaseOwner != "b" || got.Attempts != 1 {
			t.Fatalf("after the refused requeue: %+v", got)
		}

		// A delivered event has left the live outbox.
		delivered := stored(t, o, found.ID)
		delivered.State, delivered.DeliveredAt = Delivered, &now
		if ok, err := db.settle(ctx, "b", delivered); err != nil || !ok {
			t.Fatalf("deliver: %v %v", ok, err)
		}
		if _, ok, err := db.requeue(ctx, judged, now); err != nil || ok {
			t.Fatalf("requeue a delivered event: %v %v", ok, err)
		}
	})
}
