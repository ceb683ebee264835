package events_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// modeStore is the store the platform wires for s's mode: the embedded one
// normally, MongoDB's under make test-mongo.
func modeStore(s *store.Store) events.Store {
	if s.Embedded {
		return events.NewEmbeddedStore(s)
	}
	return events.NewMongoStore(s)
}

var ctx = context.Background()

// counter counts handler invocations and successes per event id.
type counter struct {
	mu        sync.Mutex
	calls, ok map[string]int
}

func newCounter() *counter { return &counter{calls: map[string]int{}, ok: map[string]int{}} }

func (c *counter) record(id string, success bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[id]++
	if success {
		c.ok[id]++
	}
}

func (c *counter) get(id string) (calls, ok int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[id], c.ok[id]
}

func waitState(t *testing.T, o *events.Outbox, id string, want events.State) events.Event {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		e, err := o.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.State == want {
			return e
		}
		if time.Now().After(deadline) {
			t.Fatalf("event %s is %s (attempts %d, %q), want %s", id, e.State, e.Attempts, e.LastError, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAHandlerFailingTwiceThenSucceedingDeliversExactlyOnce(t *testing.T) {
	s := storetest.Store(t)
	o := events.NewOutbox(modeStore(s))
	e, err := o.Publish(ctx, events.OrderPaid, "order-1", "order-1", map[string]any{"orderId": "order-1"})
	if err != nil {
		t.Fatal(err)
	}
	flaky, steady := newCounter(), newCounter()
	w := &events.Worker{Outbox: o, Backoff: 20 * time.Millisecond, Poll: 10 * time.Millisecond, Handlers: []events.Handler{
		events.HandlerFunc("steady", func(_ context.Context, e events.Event) error {
			steady.record(e.ID.Hex(), true)
			return nil
		}),
		events.HandlerFunc("flaky", func(_ context.Context, e events.Event) error {
			if calls, _ := flaky.get(e.ID.Hex()); calls < 2 {
				flaky.record(e.ID.Hex(), false)
				return errors.New("smtp: 421 try later")
			}
			flaky.record(e.ID.Hex(), true)
			return nil
		}),
	}}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.Run(wctx)

	got := waitState(t, o, e.ID.Hex(), events.Delivered)
	if got.Attempts != 3 {
		t.Errorf("attempts = %d, want 3", got.Attempts)
	}
	time.Sleep(100 * time.Millisecond) // nothing more may happen
	if calls, ok := flaky.get(e.ID.Hex()); calls != 3 || ok != 1 {
		t.Errorf("flaky handler: %d calls, %d successes; want 3 and 1", calls, ok)
	}
	if calls, _ := steady.get(e.ID.Hex()); calls != 1 {
		t.Errorf("the handler that succeeded at once ran %d times, want 1", calls)
	}

	// Publishing the same fact again stores nothing new.
	again, err := o.Publish(ctx, events.OrderPaid, "order-1", "order-1", nil)
	if err != nil || again.ID != e.ID || again.State != events.Delivered {
		t.Errorf("republish: %v %+v", err, again)
	}
}

func TestAnEventIsDeadAfterItsLastAttemptAndCanBeRetried(t *testing.T) {
	s := storetest.Store(t)
	o := events.NewOutbox(modeStore(s))
	e, _ := o.Publish(ctx, events.UserCreated, "u1", "u1", nil)
	fail := true
	var mu sync.Mutex
	w := &events.Worker{Outbox: o, MaxAttempts: 3, Backoff: time.Millisecond, Handlers: []events.Handler{
		events.HandlerFunc("mail", func(context.Context, events.Event) error {
			mu.Lock()
			defer mu.Unlock()
			if fail {
				return errors.New("boom")
			}
			return nil
		}),
	}}
	for range 20 {
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	dead := waitState(t, o, e.ID.Hex(), events.Dead)
	if dead.Attempts != 3 || dead.LastError == "" {
		t.Errorf("dead event: %+v", dead)
	}
	if _, err := o.Retry(ctx, e.ID.Hex()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	waitState(t, o, e.ID.Hex(), events.Delivered)
	if _, err := o.Retry(ctx, e.ID.Hex()); !errors.Is(err, events.ErrNotRetryable) {
		t.Errorf("retrying a delivered event: %v, want ErrNotRetryable", err)
	}
}

func TestAWorkerKilledMidDeliveryDoesNotLoseTheEvent(t *testing.T) {
	s := storetest.Store(t)
	o := events.NewOutbox(modeStore(s))
	e, _ := o.Publish(ctx, events.OrderCreated, "o1", "o1", nil)

	// Worker A claims the event and hangs inside its handler, as a process
	// that died mid-delivery would.
	started, hang := make(chan struct{}), make(chan struct{})
	defer close(hang)
	// The lease must outlast the checks below on a loaded machine (B must
	// find it still valid) and expire soon after.
	a := &events.Worker{Outbox: o, Owner: "a", Lease: 2 * time.Second, Handlers: []events.Handler{
		events.HandlerFunc("mail", func(context.Context, events.Event) error {
			close(started)
			<-hang
			return nil
		}),
	}}
	go func() { _, _ = a.RunOnce(ctx) }()
	<-started
	if got, _ := o.Get(ctx, e.ID.Hex()); got.State != events.Processing || got.LeaseOwner != "a" {
		t.Fatalf("worker A should hold the lease: %+v", got)
	}

	// A second worker takes it over once the lease has expired.
	delivered := newCounter()
	b := &events.Worker{Outbox: o, Owner: "b", Poll: 20 * time.Millisecond, Handlers: []events.Handler{
		events.HandlerFunc("mail", func(_ context.Context, e events.Event) error {
			delivered.record(e.ID.Hex(), true)
			return nil
		}),
	}}
	if n, _ := b.RunOnce(ctx); n != 0 {
		t.Fatal("worker B took an event whose lease is still valid")
	}
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go b.Run(bctx)
	got := waitState(t, o, e.ID.Hex(), events.Delivered)
	if calls, _ := delivered.get(e.ID.Hex()); calls != 1 {
		t.Errorf("worker B delivered %d times, want 1", calls)
	}
	if got.Attempts != 2 {
		t.Errorf("attempts = %d, want 2 (A's and B's)", got.Attempts)
	}
}

func TestTwoWorkersOnOneDatabaseNeverHandleAnEventTwice(t *testing.T) {
	s := storetest.Store(t)
	o := events.NewOutbox(modeStore(s))
	const n = 40
	ids := make([]string, n)
	for i := range n {
		e, err := o.Publish(ctx, events.OrderStatusChanged, fmt.Sprint(i), fmt.Sprint(i), nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = e.ID.Hex()
	}
	c := newCounter()
	var total atomic.Int64
	handler := events.HandlerFunc("count", func(_ context.Context, e events.Event) error {
		c.record(e.ID.Hex(), true)
		total.Add(1)
		time.Sleep(time.Millisecond)
		return nil
	})
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, name := range []string{"one", "two"} {
		w := &events.Worker{Outbox: o, Owner: name, Batch: 5, Poll: 5 * time.Millisecond, Handlers: []events.Handler{handler}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			w.Run(wctx)
		}()
	}
	// An admin queues events again while the workers claim them: a retry
	// judged on a state that changed meanwhile must not hand a claimed
	// event to the other worker.
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		for i := 0; wctx.Err() == nil; i++ {
			_, err := o.Retry(wctx, ids[i%n])
			if err != nil && !errors.Is(err, events.ErrNotRetryable) && wctx.Err() == nil {
				t.Errorf("retry: %v", err)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	close(start)
	for _, id := range ids {
		waitState(t, o, id, events.Delivered)
	}
	cancel()
	wg.Wait()
	for _, id := range ids {
		if calls, _ := c.get(id); calls != 1 {
			t.Errorf("event %s handled %d times", id, calls)
		}
	}
	if total.Load() != n {
		t.Errorf("%d deliveries for %d events", total.Load(), n)
	}
}

func TestAWorkerThatOutlivedItsLeaseDoesNotOverwriteTheNextOne(t *testing.T) {
	s := storetest.Store(t)
	o := events.NewOutbox(modeStore(s))
	e, err := o.Publish(ctx, events.OrderPaid, "o1", "o1", nil)
	if err != nil {
		t.Fatal(err)
	}

	// Worker A claims the event and stalls past its lease.
	started, resume, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	a := &events.Worker{Outbox: o, Owner: "a", Lease: 200 * time.Millisecond, Handlers: []events.Handler{
		events.HandlerFunc("mail", func(context.Context, events.Event) error {
			close(started)
			<-resume
			return nil
		}),
	}}
	go func() {
		defer close(finished)
		_, _ = a.RunOnce(ctx)
	}()
	<-started
	time.Sleep(250 * time.Millisecond)

	// Worker B takes it over and fails it: it is to be retried later.
	b := &events.Worker{Outbox: o, Owner: "b", Backoff: time.Hour, Handlers: []events.Handler{
		events.HandlerFunc("mail", func(context.Context, events.Event) error { return errors.New("smtp: 421 try later") }),
	}}
	if n, err := b.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("worker B claimed %d events (%v), want the expired one", n, err)
	}

	// A wakes up and succeeds: it lost the lease, so B's outcome stands.
	close(resume)
	<-finished
	got, err := o.Get(ctx, e.ID.Hex())
	if err != nil {
		t.Fatal(err)
	}
	if got.State != events.Pending || got.Attempts != 2 || got.LastError == "" || got.LeaseOwner != "" {
		t.Errorf("after A finished late: %+v; want B's failure, pending with 2 attempts", got)
	}
	if _, err := o.Retry(ctx, e.ID.Hex()); err != nil {
		t.Errorf("retrying the event B failed: %v", err)
	}
}
