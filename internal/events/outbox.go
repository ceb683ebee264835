// Package events is the durable outbox: business facts (order.created,
// order.paid, user.created, …) are stored as events and a worker delivers
// each one to its handlers (emails, Inngest, refunds) at least once, with
// retries, exponential backoff, a dead-letter state and leases so that two
// workers never deliver one event at the same time.
package events

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

const collection = "outbox"

// Event types.
const (
	OrderCreated       = "order.created"
	OrderPaid          = "order.paid"
	OrderStatusChanged = "order.status_changed"
	OrderCanceled      = "order.canceled"
	OrderRefunded      = "order.refunded"
	// OrderRefundRetry asks for a refund again: one still pending long after
	// its order was canceled (REFUND_RETRY_AFTER).
	OrderRefundRetry = "order.refund_retry"
	UserCreated      = "user.created"
	ReviewCreated    = "review.created"
)

// State is where an event is in its delivery.
type State string

const (
	Pending    State = "pending"
	Processing State = "processing"
	Delivered  State = "delivered"
	Dead       State = "dead"
)

var (
	ErrNotFound = errors.New("event not found")
	// ErrNotRetryable: delivered events and events being delivered are not
	// queued again.
	ErrNotRetryable = errors.New("the event is delivered or being delivered")
)

// Event is one business fact and its delivery state. It is also the stored
// document.
type Event struct {
	ID          bson.ObjectID  `bson:"_id"`
	Type        string         `bson:"type"`
	AggregateID string         `bson:"aggregateId,omitempty"`
	Payload     map[string]any `bson:"payload"`
	State       State          `bson:"state"`
	Attempts    int            `bson:"attempts"`
	// Done lists the handlers that already succeeded, so a retry after a
	// partial failure runs only the others.
	Done          []string   `bson:"done"`
	NextAttemptAt time.Time  `bson:"nextAttemptAt"`
	LeaseOwner    string     `bson:"leaseOwner,omitempty"`
	LeaseUntil    *time.Time `bson:"leaseUntil,omitempty"`
	LastError     string     `bson:"lastError,omitempty"`
	DeliveredAt   *time.Time `bson:"deliveredAt,omitempty"`
	CreatedAt     time.Time  `bson:"createdAt"`
	UpdatedAt     time.Time  `bson:"updatedAt"`
}

// String returns a payload field as a string ("" when absent).
func (e Event) String(key string) string {
	s, _ := e.Payload[key].(string)
	return s
}

// Outbox stores events.
type Outbox struct {
	db   Store
	now  func() time.Time
	wake chan struct{}
	// index serves the admin's list when set (UseListIndex).
	index *listIndex
}

// NewOutbox returns the outbox on db.
func NewOutbox(db Store) *Outbox {
	return &Outbox{db: db, now: func() time.Time { return time.Now().UTC() }, wake: make(chan struct{}, 1)}
}

// Indexes are the indexes the outbox needs.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"state", 1}, {"nextAttemptAt", 1}}}},
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"type", 1}, {"createdAt", -1}}}},
		{Collection: archiveCollection, Model: mongo.IndexModel{Keys: bson.D{{"deliveredAt", 1}}}},
		// The admin's list on MongoDB (the embedded store uses listIndex):
		// newest first, optionally one type or one state.
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}, {"_id", -1}}}},
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"state", 1}, {"createdAt", -1}}}},
		{Collection: archiveCollection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}, {"_id", -1}}}},
		{Collection: archiveCollection, Model: mongo.IndexModel{Keys: bson.D{{"type", 1}, {"createdAt", -1}}}},
	}
}

func (o *Outbox) events() *mongo.Collection { return o.db.events() }

// Delivered events move to an archive, so the live outbox holds only the
// events still in flight: the worker's search for due events and every
// update of an event cost time proportional to that collection on the
// embedded FerretDB, and it would otherwise grow with every order.
const archiveCollection = "outbox_delivered"

func (o *Outbox) archive() *mongo.Collection { return o.db.archive() }

// KeyID derives an event's id from what makes the fact unique ("order.paid"
// of one order happens once), so recording the same fact twice stores one
// event.
func KeyID(key string) bson.ObjectID {
	sum := sha256.Sum256([]byte("event\x00" + key))
	var id bson.ObjectID
	copy(id[:], sum[:len(id)])
	return id
}

// Publish stores an event for delivery. key names the fact; publishing the
// same key again is a no-op (the first event stands).
func (o *Outbox) Publish(ctx context.Context, typ, key, aggregateID string, payload map[string]any) (Event, error) {
	now := o.now()
	if payload == nil {
		payload = map[string]any{}
	}
	e := Event{
		ID: KeyID(typ + "\x00" + key), Type: typ, AggregateID: aggregateID, Payload: payload, State: Pending,
		Done: []string{}, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now,
	}
	if delivered, err := o.archived(ctx, e.ID); err != nil || delivered != nil {
		if delivered != nil {
			return *delivered, nil
		}
		return Event{}, err
	}
	if _, err := o.events().InsertOne(ctx, e); err != nil {
		if store.IsDuplicateKey(err) {
			return o.Get(ctx, e.ID.Hex())
		}
		return Event{}, fmt.Errorf("store event %s: %w", typ, err)
	}
	o.reindex(ctx, e.ID)
	select {
	case o.wake <- struct{}{}:
	default:
	}
	return e, nil
}

// Get returns one event.
func (o *Outbox) Get(ctx context.Context, id string) (Event, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return Event{}, ErrNotFound
	}
	var e Event
	err = o.events().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		d, err := o.archived(ctx, oid)
		if err != nil {
			return Event{}, err
		}
		if d == nil {
			return Event{}, ErrNotFound
		}
		return *d, nil
	}
	if err != nil {
		return Event{}, fmt.Errorf("find event: %w", err)
	}
	return e, nil
}

// archived returns a delivered event, or nil.
func (o *Outbox) archived(ctx context.Context, id bson.ObjectID) (*Event, error) {
	var e Event
	err := o.archive().FindOne(ctx, bson.D{{"_id", id}}).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find delivered event: %w", err)
	}
	return &e, nil
}

// Query filters the admin's list.
type Query struct {
	Type  string
	State State
	Page  int
	Limit int
}

// Page is one page of events.
type Page struct {
	Items              []Event
	Total, Page, Limit int
}

// List returns events newest first, from the live outbox and the archive.
func (o *Outbox) List(ctx context.Context, q Query) (Page, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.Limit < 1 || q.Limit > 100 {
		q.Limit = 20
	}
	if p, ok, err := o.listIndexed(ctx, q); ok || err != nil {
		return p, err
	}
	f := bson.D{}
	if q.Type != "" {
		f = append(f, bson.E{"type", q.Type})
	}
	if q.State != "" {
		f = append(f, bson.E{"state", q.State})
	}
	var colls []*mongo.Collection
	switch q.State {
	case Delivered:
		colls = []*mongo.Collection{o.archive()}
	case "":
		colls = []*mongo.Collection{o.events(), o.archive()}
	default:
		colls = []*mongo.Collection{o.events()}
	}
	// Each collection gives its newest page*limit; merged, they hold the page.
	want := q.Page * q.Limit
	total := 0
	var all []Event
	for _, c := range colls {
		n, err := c.CountDocuments(ctx, f)
		if err != nil {
			return Page{}, fmt.Errorf("count events: %w", err)
		}
		total += int(n)
		cur, err := c.Find(ctx, f, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).SetLimit(int64(want)))
		if err != nil {
			return Page{}, fmt.Errorf("list events: %w", err)
		}
		var items []Event
		if err := cur.All(ctx, &items); err != nil {
			return Page{}, fmt.Errorf("list events: %w", err)
		}
		all = append(all, items...)
	}
	slices.SortFunc(all, func(a, b Event) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID.Hex(), a.ID.Hex())
	})
	items := []Event{}
	if from, to := store.Window(q.Page, q.Limit, len(all)); from < to {
		items = all[from:to]
	}
	return Page{Items: items, Total: total, Page: q.Page, Limit: q.Limit}, nil
}

// Retry queues a pending or dead event for immediate delivery with its
// attempts reset.
func (o *Outbox) Retry(ctx context.Context, id string) (Event, error) {
	e, err := o.Get(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if e.State != Pending && e.State != Dead {
		return Event{}, ErrNotRetryable
	}
	// Queued only if its state is still the one judged here: a worker may
	// have claimed or delivered it since.
	out, ok, err := o.db.requeue(ctx, e, o.now())
	if err != nil {
		return Event{}, err
	}
	if !ok {
		return Event{}, ErrNotRetryable
	}
	o.reindex(ctx, out.ID)
	select {
	case o.wake <- struct{}{}:
	default:
	}
	return out, nil
}

// SetClock replaces the outbox's clock (tests that simulate downtime).
func (o *Outbox) SetClock(now func() time.Time) { o.now = now }
