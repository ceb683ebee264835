package events

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// listIndex answers the admin's event list on the embedded store, where any
// filter but _id scans both collections (100,000 events take seconds). It
// holds what the list filters and sorts on for every event, in memory, kept
// by the outbox's own writes: one process owns the data directory (the
// DATA_DIR lock), so no write escapes it. A page then costs a walk over
// small entries and one read by _id per item. On MongoDB the outbox's
// indexes serve the query instead (Indexes).
type listIndex struct {
	// ids orders the reindexes of one event (its read and its put); mu
	// guards the index itself, and is never held across a database read.
	ids   *store.Locks
	mu    sync.Mutex
	ready bool
	// Built from a scan while writes go on: those writes are recorded here
	// meanwhile and win over what the scan saw.
	building bool
	touched  map[bson.ObjectID]bool
	byID     map[bson.ObjectID]*indexEntry
	// sorted is ascending by (createdAt, id): events are recorded in time
	// order, so an insert is nearly always an append.
	sorted []*indexEntry
	// types interns type names, so 100,000 entries share a few strings.
	types map[string]string
}

type indexEntry struct {
	id          bson.ObjectID
	typ         string
	state       State
	createdAt   time.Time
	deliveredAt time.Time
}

func less(a, b *indexEntry) int {
	if c := a.createdAt.Compare(b.createdAt); c != 0 {
		return c
	}
	return bytesCompare(a.id, b.id)
}

func bytesCompare(a, b bson.ObjectID) int {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

func newListIndex() *listIndex {
	return &listIndex{ids: store.NewLocks(), byID: map[bson.ObjectID]*indexEntry{}, types: map[string]string{}}
}

// put records e as it is now stored (or removes it when gone is true).
// The caller holds mu.
func (x *listIndex) put(e Event, gone bool) {
	if x.building {
		x.touched[e.ID] = true
	}
	if old := x.byID[e.ID]; old != nil {
		if !gone && old.createdAt.Equal(e.CreatedAt) {
			old.state, old.deliveredAt = e.State, deliveredAt(e)
			return
		}
		x.remove(old)
	}
	if gone {
		return
	}
	typ, ok := x.types[e.Type]
	if !ok {
		x.types[e.Type], typ = e.Type, e.Type
	}
	n := &indexEntry{id: e.ID, typ: typ, state: e.State, createdAt: e.CreatedAt, deliveredAt: deliveredAt(e)}
	x.byID[e.ID] = n
	i, _ := slices.BinarySearchFunc(x.sorted, n, less)
	x.sorted = slices.Insert(x.sorted, i, n)
}

func (x *listIndex) remove(old *indexEntry) {
	delete(x.byID, old.id)
	if i, found := slices.BinarySearchFunc(x.sorted, old, less); found {
		x.sorted = slices.Delete(x.sorted, i, i+1)
	}
}

func deliveredAt(e Event) time.Time {
	if e.DeliveredAt != nil {
		return *e.DeliveredAt
	}
	return time.Time{}
}

// UseListIndex makes the admin's list read an in-memory index of the events
// instead of querying (the embedded store's choice, made at wiring). It is
// built in the background from both collections; until then List queries.
// Call it before serving, and run BuildListIndex once.
func (o *Outbox) UseListIndex() { o.index = newListIndex() }

// BuildListIndex scans the outbox and its archive into the list index.
func (o *Outbox) BuildListIndex(ctx context.Context) error {
	x := o.index
	if x == nil {
		return nil
	}
	x.mu.Lock()
	if x.ready {
		x.mu.Unlock()
		return nil // restored from the last shutdown's snapshot
	}
	x.building, x.touched = true, map[bson.ObjectID]bool{}
	x.mu.Unlock()
	defer func() {
		x.mu.Lock()
		x.building, x.touched = false, nil
		x.mu.Unlock()
	}()
	var scanned []Event
	proj := options.Find().SetProjection(bson.D{{"type", 1}, {"state", 1}, {"createdAt", 1}, {"deliveredAt", 1}})
	for _, c := range []*mongo.Collection{o.events(), o.archive()} {
		cur, err := c.Find(ctx, bson.D{}, proj)
		if err != nil {
			return fmt.Errorf("index events: %w", err)
		}
		for cur.Next(ctx) {
			var e Event
			if err := cur.Decode(&e); err != nil {
				_ = cur.Close(ctx)
				return fmt.Errorf("index events: %w", err)
			}
			scanned = append(scanned, e)
		}
		if err := cur.Err(); err != nil {
			_ = cur.Close(ctx)
			return fmt.Errorf("index events: %w", err)
		}
		_ = cur.Close(ctx)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, e := range scanned {
		if x.touched[e.ID] {
			continue // written since the scan read it: the write is newer
		}
		if old := x.byID[e.ID]; old != nil && old.state == Delivered {
			continue // seen in the live outbox and in the archive: archived wins
		}
		x.put(e, false)
	}
	x.ready = true
	return nil
}

// reindex brings the index in step with event id as stored now. The read
// and the update happen under the event's own lock, so the last reindex of
// an event reflects its last write whatever the interleaving; reindexes of
// different events (every order publishes one) read at the same time.
func (o *Outbox) reindex(ctx context.Context, id bson.ObjectID) {
	x := o.index
	if x == nil {
		return
	}
	unlock := x.ids.Lock(id.Hex())
	defer unlock()
	e, err := o.Get(ctx, id.Hex())
	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case err == nil:
		x.put(e, false)
	case errors.Is(err, ErrNotFound):
		x.put(Event{ID: id}, true)
	default:
		// The read failed: forget the index rather than serve it stale;
		// List queries until the next start rebuilds it.
		x.ready = false
	}
}

// indexSwept drops the archived events Sweep deleted.
func (o *Outbox) indexSwept(before time.Time) {
	x := o.index
	if x == nil {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, e := range slices.Clone(x.sorted) {
		if e.state == Delivered && !e.deliveredAt.IsZero() && e.deliveredAt.Before(before) {
			x.remove(e)
		}
	}
}

// listIndexed serves List from the index; ok is false while it is not built.
func (o *Outbox) listIndexed(ctx context.Context, q Query) (Page, bool, error) {
	x := o.index
	if x == nil {
		return Page{}, false, nil
	}
	x.mu.Lock()
	if !x.ready {
		x.mu.Unlock()
		return Page{}, false, nil
	}
	from, to := store.Window(q.Page, q.Limit, len(x.sorted))
	total := 0
	var page []*indexEntry
	for i := len(x.sorted) - 1; i >= 0; i-- {
		e := x.sorted[i]
		if (q.Type != "" && e.typ != q.Type) || (q.State != "" && e.state != q.State) {
			continue
		}
		if total >= from && total < to {
			page = append(page, e)
		}
		total++
	}
	ids := make([]bson.ObjectID, len(page))
	states := make([]State, len(page))
	for i, e := range page {
		ids[i], states[i] = e.id, e.state
	}
	x.mu.Unlock()
	items := make([]Event, 0, len(ids))
	for i, id := range ids {
		e, err := o.getIn(ctx, id, states[i] == Delivered)
		if errors.Is(err, ErrNotFound) {
			continue // removed since the walk; the next page read is exact
		}
		if err != nil {
			return Page{}, false, err
		}
		items = append(items, e)
	}
	return Page{Items: items, Total: total, Page: q.Page, Limit: q.Limit}, true, nil
}

// getIn reads an event by id from the collection the index says holds it,
// then from the other.
func (o *Outbox) getIn(ctx context.Context, id bson.ObjectID, archived bool) (Event, error) {
	if archived {
		d, err := o.archived(ctx, id)
		if err != nil {
			return Event{}, err
		}
		if d != nil {
			return *d, nil
		}
	}
	return o.Get(ctx, id.Hex())
}

// indexRecord is a list entry as the snapshot keeps it.
type indexRecord struct {
	ID                     bson.ObjectID
	Type                   string
	State                  State
	CreatedAt, DeliveredAt time.Time
}

// SnapshotListIndex encodes the list index for the next start (see
// store.KeepSnapshot); ok is false when there is none or it is not built
// or may be stale.
func (o *Outbox) SnapshotListIndex() (b []byte, ok bool, err error) {
	x := o.index
	if x == nil {
		return nil, false, nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.ready || x.building {
		return nil, false, nil
	}
	recs := make([]indexRecord, len(x.sorted))
	for i, e := range x.sorted {
		recs[i] = indexRecord{ID: e.id, Type: e.typ, State: e.state, CreatedAt: e.createdAt, DeliveredAt: e.deliveredAt}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(recs); err != nil {
		return nil, false, fmt.Errorf("encode the event list index: %w", err)
	}
	return buf.Bytes(), true, nil
}

// RestoreListIndex loads a list index SnapshotListIndex encoded; the index
// is then ready and BuildListIndex has nothing to do.
func (o *Outbox) RestoreListIndex(b []byte) error {
	x := o.index
	if x == nil {
		return errors.New("restore the event list index: no index in use")
	}
	var recs []indexRecord
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&recs); err != nil {
		return fmt.Errorf("decode the event list index: %w", err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byID, x.sorted, x.types = make(map[bson.ObjectID]*indexEntry, len(recs)), make([]*indexEntry, 0, len(recs)), map[string]string{}
	for _, r := range recs {
		typ, ok := x.types[r.Type]
		if !ok {
			x.types[r.Type], typ = r.Type, r.Type
		}
		e := &indexEntry{id: r.ID, typ: typ, state: r.State, createdAt: r.CreatedAt, deliveredAt: r.DeliveredAt}
		x.byID[e.id] = e
		x.sorted = append(x.sorted, e)
	}
	slices.SortFunc(x.sorted, less)
	x.ready = true
	return nil
}
