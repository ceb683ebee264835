package events

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Handler does one thing with an event (send its emails, publish it to
// Inngest, …). Handlers must be idempotent by event id: delivery is at least
// once.
type Handler interface {
	Name() string
	Handle(ctx context.Context, e Event) error
}

type handlerFunc struct {
	name string
	f    func(context.Context, Event) error
}

func (h handlerFunc) Name() string                              { return h.name }
func (h handlerFunc) Handle(ctx context.Context, e Event) error { return h.f(ctx, e) }

// HandlerFunc names a function as a handler.
func HandlerFunc(name string, f func(context.Context, Event) error) Handler {
	return handlerFunc{name: name, f: f}
}

// DefaultLease is how long a worker holds an event it claimed unless told
// otherwise. Every handler must finish within it (the SMTP timeout is bounded
// to fit two emails in it).
const DefaultLease = time.Minute

// Worker delivers due events to its handlers.
//
// An event is claimed with a lease before it is delivered: the claim judges
// the event as stored at that moment and holds only if it did not change
// before the write (the outbox's Store guards it), so of two workers that
// found it one gets it. Only the lease
// owner may record the outcome, so a worker that stalls past its lease
// cannot overwrite the delivery of the worker that took over.
type Worker struct {
	Outbox   *Outbox
	Handlers []Handler
	Log      *slog.Logger
	// Owner names this worker in leases; unique per process.
	Owner string
	// Lease is how long a claim holds; a worker that has not finished by
	// then is presumed dead and the event is delivered again.
	Lease time.Duration
	// MaxAttempts before the event is dead.
	MaxAttempts int
	// Backoff is the wait after the first failure; it doubles with every
	// further failure up to MaxBackoff.
	Backoff, MaxBackoff time.Duration
	// Poll is how often the worker looks for due events when nothing wakes it.
	Poll time.Duration
	// Batch is how many events one pass claims at most.
	Batch int
}

func (w *Worker) defaults() {
	if w.Owner == "" {
		w.Owner = bson.NewObjectID().Hex()
	}
	if w.Lease <= 0 {
		w.Lease = DefaultLease
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 8
	}
	if w.Backoff <= 0 {
		w.Backoff = 5 * time.Second
	}
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = time.Hour
	}
	if w.Poll <= 0 {
		w.Poll = time.Second
	}
	if w.Batch <= 0 {
		w.Batch = 20
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
}

// Run delivers events until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	for {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("deliver events", "err", err)
		}
		if n > 0 && ctx.Err() == nil {
			continue // there may be more
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.Outbox.wake:
		}
	}
}

// RunOnce claims the events due now and delivers them; it returns how many
// it claimed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	now := w.Outbox.now()
	cur, err := w.Outbox.events().Find(ctx, bson.D{{"$or", bson.A{
		bson.D{{"state", Pending}, {"nextAttemptAt", bson.D{{"$lte", now}}}},
		bson.D{{"state", Processing}, {"leaseUntil", bson.D{{"$lte", now}}}},
	}}}, options.Find().SetSort(bson.D{{"nextAttemptAt", 1}}).SetLimit(int64(w.Batch)).SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return 0, fmt.Errorf("find due events: %w", err)
	}
	var due []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &due); err != nil {
		return 0, fmt.Errorf("find due events: %w", err)
	}
	n := 0
	for _, d := range due {
		e, ok, err := w.claim(ctx, d.ID)
		if err != nil {
			return n, err
		}
		if !ok {
			continue // another worker has it
		}
		n++
		w.deliver(ctx, e)
	}
	return n, nil
}

// claim takes the lease of a due event: one pending whose time has come,
// or one whose worker has not finished within its lease (presumed dead).
func (w *Worker) claim(ctx context.Context, id bson.ObjectID) (Event, bool, error) {
	o := w.Outbox
	now := o.now()
	due := func(e Event) bool {
		switch e.State {
		case Pending:
			return !e.NextAttemptAt.After(now)
		case Processing:
			return e.LeaseUntil != nil && !e.LeaseUntil.After(now)
		}
		return false
	}
	e, ok, err := o.db.claim(ctx, id, due, w.Owner, now.Add(w.Lease), now)
	if err != nil || !ok {
		return Event{}, false, err
	}
	o.reindex(ctx, e.ID)
	return e, true, nil
}

// deliver runs the handlers that have not succeeded yet and records the
// outcome with one write. The handlers that succeeded are remembered only
// when the event is retried (a failure), so a retry skips them; every
// handler is also idempotent by event id, which covers a crash before that
// write.
func (w *Worker) deliver(ctx context.Context, e Event) {
	hctx, cancel := context.WithTimeout(ctx, w.Lease)
	defer cancel()
	done := slices.Clone(e.Done)
	var failure error
	for _, h := range w.Handlers {
		if slices.Contains(done, h.Name()) {
			continue
		}
		if err := h.Handle(hctx, e); err != nil {
			failure = fmt.Errorf("%s: %w", h.Name(), err)
			break
		}
		done = append(done, h.Name())
	}
	if err := w.finish(context.WithoutCancel(ctx), e, done, failure, ctx.Err() != nil); err != nil {
		w.Log.Warn("record event delivery", "event", e.ID.Hex(), "type", e.Type, "err", err)
	}
}

// finish records the outcome of delivering e, claimed by this worker, if it
// still holds the lease; done lists the handlers that have succeeded.
func (w *Worker) finish(ctx context.Context, e Event, done []string, failure error, stopping bool) error {
	o := w.Outbox
	now := o.now()
	next := e
	next.UpdatedAt = now
	switch {
	case failure == nil:
		next.State, next.DeliveredAt, next.LastError = Delivered, &now, ""
	case stopping:
		// Shutting down is not the event's fault: hand it back at once.
		next.State, next.NextAttemptAt, next.Attempts = Pending, now, max(e.Attempts-1, 0)
		next.Done = done
	case e.Attempts >= w.MaxAttempts:
		next.State, next.LastError = Dead, failure.Error()
		next.Done = done
	default:
		next.State, next.NextAttemptAt, next.LastError = Pending, now.Add(w.backoff(e.Attempts)), failure.Error()
		next.Done = done
	}
	settled, err := o.db.settle(ctx, w.Owner, next)
	if settled || err != nil {
		o.reindex(ctx, e.ID)
	}
	if err != nil || !settled {
		return err // nil when it took too long: the worker that took over decides
	}
	switch {
	case next.State == Dead:
		w.Log.Error("event is dead after its last attempt", "event", e.ID.Hex(), "type", e.Type, "attempts", e.Attempts, "err", failure)
	case failure != nil && !stopping:
		w.Log.Warn("event delivery failed; will retry", "event", e.ID.Hex(), "type", e.Type, "attempts", e.Attempts, "err", failure)
	}
	return nil
}

// backoff is the wait after the n-th failed attempt: Backoff·2^(n-1), capped.
func (w *Worker) backoff(n int) time.Duration {
	d := w.Backoff
	for i := 1; i < n && d < w.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.MaxBackoff)
}

// Sweep forgets delivered events older than keep (FerretDB has no TTL
// indexes, and the worker's due-event query scans the collection there).
func (o *Outbox) Sweep(ctx context.Context, keep time.Duration) (int64, error) {
	before := o.now().Add(-keep)
	res, err := o.archive().DeleteMany(ctx, bson.D{{"deliveredAt", bson.D{{"$lt", before}}}})
	if err != nil {
		return 0, fmt.Errorf("sweep events: %w", err)
	}
	o.indexSwept(before)
	return res.DeletedCount, nil
}
