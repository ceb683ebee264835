package order

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// MemoryReads answers the admin's order queries on the embedded FerretDB
// from an in-memory index of every order's summary: FerretDB serves only
// {_id: x} from its primary key and scans and decodes the whole collection
// for any other filter. The index is built by one scan at start and kept by
// the service, which reports every order it writes (Stored). It is exact
// because one process holds the data directory (the store's directory
// lock), so no write escapes it. Pages and exports read their orders by _id.
//
// The scan takes about 45 s at 100,000 orders, so it may run while the
// platform serves (after a crash, when no snapshot is kept): orders written
// meanwhile are remembered and read again once it ends, and the queries
// wait for it.
type MemoryReads struct {
	coll *mongo.Collection
	// built is closed once Load or Restore has filled the index.
	built chan struct{}

	mu sync.RWMutex
	// building is true while Load scans; written then holds the orders
	// written meanwhile, which it reads again before it serves.
	building bool
	written  map[bson.ObjectID]bool
	// scanned, when set, runs between Load's scan and its catch-up: tests
	// write there to prove the catch-up.
	scanned func()
	// byID holds every order's summary; newest holds the same summaries
	// sorted oldest first by (createdAt, _id), so the lists walk it from the
	// end.
	byID   map[bson.ObjectID]*summary
	newest []*summary
	// strs interns the strings many summaries repeat (customers, products).
	strs map[string]string
	// unsure is set when an order could not be read back after a write:
	// the index may be stale, so it is never kept for the next start.
	unsure bool
}

// summary is what the queries and figures need of an order.
type summary struct {
	id      bson.ObjectID
	created int64 // Unix milliseconds, as stored
	paid    int64 // Unix milliseconds; 0 when never paid
	status  Status
	method  PaymentMethod
	userID  string
	// name and email are lower-cased for the search.
	name, email string
	total       int64
	// expires (Unix ms, 0 for none), canceled (likewise) and refundPending
	// serve the sweeps.
	expires, canceled int64
	refundPending     bool
	// lines are kept only while the order counts as revenue.
	lines []PaidLine
}

// NewMemoryReads returns the reads of the embedded database; Load builds
// the index.
func NewMemoryReads(s *store.Store) *MemoryReads {
	return &MemoryReads{coll: s.DB.Collection(ordersCollection), built: make(chan struct{}),
		byID: map[bson.ObjectID]*summary{}, strs: map[string]string{}}
}

// wait blocks a query until the index is built.
func (m *MemoryReads) wait(ctx context.Context) error {
	select {
	case <-m.built:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// markBuilt opens the index to queries; it is filled once per process.
func (m *MemoryReads) markBuilt() {
	select {
	case <-m.built:
	default:
		close(m.built)
	}
}

// summaryDoc is the projection of an order the index is built from.
type summaryDoc struct {
	ID            bson.ObjectID `bson:"_id"`
	UserID        string        `bson:"userId"`
	Customer      struct{ Name, Email string }
	Status        Status        `bson:"status"`
	PaymentMethod PaymentMethod `bson:"paymentMethod"`
	Total         int64         `bson:"total"`
	CreatedAt     time.Time     `bson:"createdAt"`
	PaidAt        *time.Time    `bson:"paidAt"`
	Lines         []PaidLine    `bson:"lines"`
	ExpiresAt     *time.Time    `bson:"expiresAt"`
	CanceledAt    *time.Time    `bson:"canceledAt"`
	Payment       struct {
		RefundStatus string `bson:"refundStatus"`
	} `bson:"payment"`
}

// summaryProjection is the part of an order its summary needs.
var summaryProjection = bson.D{
	{"userId", 1}, {"customer.name", 1}, {"customer.email", 1}, {"status", 1}, {"paymentMethod", 1},
	{"total", 1}, {"createdAt", 1}, {"paidAt", 1},
	{"expiresAt", 1}, {"canceledAt", 1}, {"payment.refundStatus", 1},
	{"lines.productId", 1}, {"lines.name", 1}, {"lines.quantity", 1}, {"lines.lineTotal", 1},
}

// Load builds the index with one scan of the orders. Writes may go on
// meanwhile: the orders they touch are read again afterwards, until a
// round finds none written, and only then does the index serve.
func (m *MemoryReads) Load(ctx context.Context) error {
	m.mu.Lock()
	m.building, m.written = true, map[bson.ObjectID]bool{}
	m.mu.Unlock()
	ok := false
	defer func() {
		if !ok {
			m.mu.Lock()
			m.building, m.written = false, nil
			m.mu.Unlock()
		}
	}()
	strs := map[string]string{}
	intern := func(s string) string {
		if v, ok := strs[s]; ok {
			return v
		}
		strs[s] = s
		return s
	}
	cur, err := m.coll.Find(ctx, bson.D{}, options.Find().SetBatchSize(1000).SetProjection(summaryProjection))
	if err != nil {
		return fmt.Errorf("scan orders for their index: %w", err)
	}
	defer cur.Close(ctx)
	byID := map[bson.ObjectID]*summary{}
	for cur.Next(ctx) {
		var d summaryDoc
		if err := cur.Decode(&d); err != nil {
			return fmt.Errorf("decode order for its index: %w", err)
		}
		sm := summarise(d, intern)
		byID[sm.id] = sm
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("scan orders for their index: %w", err)
	}
	if m.scanned != nil {
		m.scanned()
	}
	for {
		m.mu.Lock()
		written := m.written
		if len(written) == 0 {
			m.byID, m.strs, m.building, m.written = byID, strs, false, nil
			m.newest = make([]*summary, 0, len(byID))
			for _, sm := range byID {
				m.newest = append(m.newest, sm)
			}
			slices.SortFunc(m.newest, compareSummaries)
			m.mu.Unlock()
			break
		}
		m.written = map[bson.ObjectID]bool{}
		m.mu.Unlock()
		// A write during this round marks its order again, so the next
		// round reads it after the write.
		for id := range written {
			var d summaryDoc
			err := m.coll.FindOne(ctx, bson.D{{"_id", id}}, options.FindOne().SetProjection(summaryProjection)).Decode(&d)
			switch {
			case errors.Is(err, mongo.ErrNoDocuments):
				delete(byID, id)
			case err != nil:
				return fmt.Errorf("read an order written while its index was built: %w", err)
			default:
				byID[id] = summarise(d, intern)
			}
		}
	}
	ok = true
	m.markBuilt()
	return nil
}

func compareSummaries(a, b *summary) int {
	return cmp.Or(cmp.Compare(a.created, b.created), bytes.Compare(a.id[:], b.id[:]))
}

func (m *MemoryReads) intern(s string) string {
	if v, ok := m.strs[s]; ok {
		return v
	}
	m.strs[s] = s
	return s
}

// summarise turns a stored order into its summary, sharing repeated
// strings through intern.
func summarise(d summaryDoc, intern func(string) string) *summary {
	sm := &summary{id: d.ID, created: d.CreatedAt.UnixMilli(), status: d.Status, method: d.PaymentMethod,
		userID: intern(d.UserID), name: intern(strings.ToLower(d.Customer.Name)),
		email: intern(strings.ToLower(d.Customer.Email)), total: d.Total}
	if d.PaidAt != nil {
		sm.paid = d.PaidAt.UnixMilli()
	}
	if d.ExpiresAt != nil {
		sm.expires = d.ExpiresAt.UnixMilli()
	}
	if d.CanceledAt != nil {
		sm.canceled = d.CanceledAt.UnixMilli()
	}
	sm.refundPending = d.Payment.RefundStatus == "pending"
	if IsPaidOrLater(d.Status) && sm.paid != 0 {
		sm.lines = make([]PaidLine, len(d.Lines))
		for i, l := range d.Lines {
			sm.lines[i] = PaidLine{ProductID: intern(l.ProductID), Name: intern(l.Name), Quantity: l.Quantity,
				LineTotal: l.LineTotal}
		}
	}
	return sm
}

// Stored puts o's summary in the index, replacing the one it had.
func (m *MemoryReads) Stored(o Order) {
	d := summaryDoc{ID: o.ID, UserID: o.UserID, Status: o.Status, PaymentMethod: o.PaymentMethod, Total: o.Total,
		CreatedAt: o.CreatedAt, PaidAt: o.PaidAt, ExpiresAt: o.ExpiresAt, CanceledAt: o.CanceledAt}
	d.Payment.RefundStatus = o.Payment.RefundStatus
	d.Customer.Name, d.Customer.Email = o.Customer.Name, o.Customer.Email
	for _, l := range o.Lines {
		d.Lines = append(d.Lines, PaidLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, LineTotal: l.LineTotal})
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.building {
		m.written[o.ID] = true
		return
	}
	sm := summarise(d, m.intern)
	if old := m.byID[o.ID]; old != nil {
		if old.created == sm.created {
			*old = *sm
			return
		}
		m.remove(old)
	}
	m.byID[sm.id] = sm
	i, _ := slices.BinarySearchFunc(m.newest, sm, compareSummaries)
	m.newest = slices.Insert(m.newest, i, sm)
}

// Gone drops an order from the index.
func (m *MemoryReads) Gone(id bson.ObjectID) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.building {
		m.written[id] = true
		return
	}
	if old := m.byID[id]; old != nil {
		m.remove(old)
	}
}

func (m *MemoryReads) remove(sm *summary) {
	delete(m.byID, sm.id)
	if i, ok := slices.BinarySearchFunc(m.newest, sm, compareSummaries); ok {
		m.newest = slices.Delete(m.newest, i, i+1)
	}
}

func (sel *selection) matches(sm *summary) bool {
	switch {
	case sel.userID != "" && sm.userID != sel.userID,
		sel.status != "" && sm.status != sel.status,
		sel.method != "" && sm.method != sel.method,
		sel.start != 0 && sm.created < sel.start,
		sel.end != 0 && sm.created >= sel.end:
		return false
	case sel.ref != "":
		return reference(sm.id) == sel.ref
	case sel.term != "":
		return strings.Contains(sm.name, sel.term) || strings.Contains(sm.email, sel.term) ||
			(sel.hasID && sm.id == sel.id)
	}
	return true
}

// bounds is the part of newest a createdAt range can match.
func (m *MemoryReads) bounds(start, end int64) (int, int) {
	lo, hi := 0, len(m.newest)
	if start != 0 {
		lo, _ = slices.BinarySearchFunc(m.newest, start, func(sm *summary, t int64) int { return cmp.Compare(sm.created, t) })
	}
	if end != 0 {
		hi, _ = slices.BinarySearchFunc(m.newest, end, func(sm *summary, t int64) int { return cmp.Compare(sm.created, t) })
	}
	return lo, max(lo, hi)
}

// matching returns the ids of the orders sel selects, newest first, from
// the window [from, to) of them, and how many match in all.
func (m *MemoryReads) matching(sel selection, from, to int) ([]bson.ObjectID, int) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	lo, hi := m.bounds(sel.start, sel.end)
	var ids []bson.ObjectID
	n := 0
	for i := hi - 1; i >= lo; i-- {
		sm := m.newest[i]
		if !sel.matches(sm) {
			continue
		}
		if n >= from && n < to {
			ids = append(ids, sm.id)
		}
		n++
	}
	return ids, n
}

// List finds the page in the index and reads its orders by _id.
func (m *MemoryReads) List(ctx context.Context, q Query) (Page, error) {
	sel, err := q.selection()
	if err != nil {
		return Page{}, err
	}
	if err := m.wait(ctx); err != nil {
		return Page{}, err
	}
	from := store.Offset(q.Page, q.Limit)
	ids, total := m.matching(sel, from, from+q.Limit)
	orders, err := m.getAll(ctx, ids)
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: make([]Order, 0, len(ids)), Total: total, Page: q.Page, Limit: q.Limit}
	for _, o := range orders {
		if o != nil {
			p.Items = append(p.Items, *o)
		}
	}
	return p, nil
}

// pageReaders is how many of a page's orders are read at once: FerretDB
// answers each read by _id on its own, and a page is up to 100 of them.
const pageReaders = 4

// getAll reads the orders ids names, in their order; an order deleted
// meanwhile is nil.
func (m *MemoryReads) getAll(ctx context.Context, ids []bson.ObjectID) ([]*Order, error) {
	out := make([]*Order, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(pageReaders, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				o, err := m.get(ctx, ids[i])
				switch {
				case errors.Is(err, ErrNotFound):
				case err != nil:
					errs[i] = err
				default:
					out[i] = &o
				}
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (m *MemoryReads) get(ctx context.Context, id bson.ObjectID) (Order, error) {
	var o Order
	err := m.coll.FindOne(ctx, bson.D{{"_id", id}}).Decode(&o)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, fmt.Errorf("read order: %w", err)
	}
	return o, nil
}

// Each takes the matching ids from the index (twelve bytes an order) and
// reads the orders one at a time.
func (m *MemoryReads) Each(ctx context.Context, q Query, f func(Order) error) error {
	sel, err := q.selection()
	if err != nil {
		return err
	}
	if err := m.wait(ctx); err != nil {
		return err
	}
	ids, _ := m.matching(sel, 0, int(^uint(0)>>1))
	for _, id := range ids {
		o, err := m.get(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := f(o); err != nil {
			return err
		}
	}
	return nil
}

// EachPaid walks the index for the paid orders of the range.
func (m *MemoryReads) EachPaid(ctx context.Context, start, end time.Time, f func(PaidOrder) error) error {
	from, until := start.UnixMilli(), end.UnixMilli()
	type paid struct {
		id bson.ObjectID
		at int64
		p  PaidOrder
	}
	var rows []paid
	if err := m.wait(ctx); err != nil {
		return err
	}
	m.mu.RLock()
	for _, sm := range m.newest {
		if sm.paid == 0 || sm.paid < from || sm.paid >= until || !IsPaidOrLater(sm.status) {
			continue
		}
		// The lines are never changed in place, only replaced, so they
		// can be read after the lock is released.
		rows = append(rows, paid{id: sm.id, at: sm.paid,
			p: PaidOrder{Total: sm.total, PaidAt: time.UnixMilli(sm.paid).UTC(), Lines: sm.lines}})
	}
	m.mu.RUnlock()
	slices.SortFunc(rows, func(a, b paid) int { return cmp.Or(cmp.Compare(b.at, a.at), bytes.Compare(b.id[:], a.id[:])) })
	for _, r := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f(r.p); err != nil {
			return err
		}
	}
	return nil
}

// CountCreated counts the range's orders in the index.
func (m *MemoryReads) CountCreated(ctx context.Context, start, end time.Time) (map[Status]int, error) {
	if err := m.wait(ctx); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := map[Status]int{}
	lo, hi := m.bounds(start.UnixMilli(), end.UnixMilli())
	for _, sm := range m.newest[lo:hi] {
		out[sm.status]++
	}
	return out, nil
}

// Expired walks the index for pending orders past their hold.
func (m *MemoryReads) Expired(ctx context.Context, now time.Time) ([]bson.ObjectID, error) {
	if err := m.wait(ctx); err != nil {
		return nil, err
	}
	at := now.UnixMilli()
	m.mu.RLock()
	defer m.mu.RUnlock()
	var ids []bson.ObjectID
	for _, sm := range m.newest {
		if sm.status == Pending && sm.expires != 0 && sm.expires <= at {
			ids = append(ids, sm.id)
		}
	}
	return ids, nil
}

// UserOrders walks the index for the customer's orders: a userId filter
// would make FerretDB scan every order (half a minute at 100,000).
func (m *MemoryReads) UserOrders(ctx context.Context, userID string) ([]bson.ObjectID, error) {
	if err := m.wait(ctx); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	var ids []bson.ObjectID
	for _, sm := range m.newest {
		if sm.userID == userID {
			ids = append(ids, sm.id)
		}
	}
	return ids, nil
}

// RefundsPending walks the index and reads the orders it finds by _id.
func (m *MemoryReads) RefundsPending(ctx context.Context, before time.Time, limit int) ([]Order, error) {
	at := before.UnixMilli()
	var ids []bson.ObjectID
	if err := m.wait(ctx); err != nil {
		return nil, err
	}
	m.mu.RLock()
	for _, sm := range m.newest {
		if len(ids) == limit {
			break
		}
		if sm.refundPending && sm.canceled != 0 && sm.canceled < at {
			ids = append(ids, sm.id)
		}
	}
	m.mu.RUnlock()
	var out []Order
	for _, id := range ids {
		o, err := m.get(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// Unsure records that an order's stored state could not be read back: the
// index serves on (the next write of that order corrects it) but is not
// kept for the next start, which rebuilds it from the orders.
func (m *MemoryReads) Unsure() {
	m.mu.Lock()
	m.unsure = true
	m.mu.Unlock()
}

// summaryRecord is a summary as the snapshot keeps it.
type summaryRecord struct {
	ID                               bson.ObjectID
	Created, Paid, Expires, Canceled int64
	Status                           Status
	Method                           PaymentMethod
	UserID, Name, Email              string
	Total                            int64
	RefundPending                    bool
	Lines                            []PaidLine
}

// Snapshot encodes the index for the next start (see store.KeepSnapshot);
// ok is false when it may be stale.
func (m *MemoryReads) Snapshot() (b []byte, ok bool, err error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	select {
	case <-m.built:
	default:
		return nil, false, nil // never built, or a scan still running
	}
	if m.unsure || m.building {
		return nil, false, nil
	}
	recs := make([]summaryRecord, len(m.newest))
	for i, sm := range m.newest {
		recs[i] = summaryRecord{ID: sm.id, Created: sm.created, Paid: sm.paid, Expires: sm.expires, Canceled: sm.canceled,
			Status: sm.status, Method: sm.method, UserID: sm.userID, Name: sm.name, Email: sm.email, Total: sm.total,
			RefundPending: sm.refundPending, Lines: sm.lines}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(recs); err != nil {
		return nil, false, fmt.Errorf("encode the order index: %w", err)
	}
	return buf.Bytes(), true, nil
}

// Restore loads an index Snapshot encoded, instead of Load's scan.
func (m *MemoryReads) Restore(b []byte) error {
	var recs []summaryRecord
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&recs); err != nil {
		return fmt.Errorf("decode the order index: %w", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.byID, m.newest, m.strs = make(map[bson.ObjectID]*summary, len(recs)), make([]*summary, 0, len(recs)), map[string]string{}
	for _, r := range recs {
		sm := &summary{id: r.ID, created: r.Created, paid: r.Paid, expires: r.Expires, canceled: r.Canceled,
			status: r.Status, method: r.Method, userID: m.intern(r.UserID), name: m.intern(r.Name),
			email: m.intern(r.Email), total: r.Total, refundPending: r.RefundPending}
		for _, l := range r.Lines {
			l.ProductID, l.Name = m.intern(l.ProductID), m.intern(l.Name)
			sm.lines = append(sm.lines, l)
		}
		m.byID[sm.id] = sm
		m.newest = append(m.newest, sm)
	}
	// Kept in order; sorting again costs little and guards the invariant.
	slices.SortFunc(m.newest, compareSummaries)
	m.markBuilt()
	return nil
}
