package customer

import (
	"bytes"
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

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store"
)

// listIndex answers the admin's customer list on the embedded store, where
// the list's filters (not deleted, a search over three fields, state, role)
// scan every user document. It keeps, in memory, what the list filters and
// sorts on for every account, updated by the service's own writes: one
// process owns the data directory (the DATA_DIR lock), so none escapes it. A
// page then costs a walk over small entries and one read by _id per item. On
// MongoDB the query runs on the users' indexes instead (Indexes).
type listIndex struct {
	mu       sync.Mutex
	ready    bool
	building bool
	touched  map[bson.ObjectID]bool
	byID     map[bson.ObjectID]*listEntry
	// sorted is ascending by (createdAt, id), the default order's reverse.
	sorted []*listEntry
}

type listEntry struct {
	id        bson.ObjectID
	listed    bool // neither deleted nor the terminal's service user
	deleted   bool
	active    bool
	role      auth.Role
	name      string
	email     string
	document  string
	search    [3]string // name, email and document, lowercased
	createdAt time.Time
}

func entryLess(a, b *listEntry) int {
	if c := a.createdAt.Compare(b.createdAt); c != 0 {
		return c
	}
	return compareIDs(a.id, b.id)
}

func compareIDs(a, b bson.ObjectID) int { return strings.Compare(string(a[:]), string(b[:])) }

func newListEntry(d userDoc) *listEntry {
	return &listEntry{
		id: d.ID, listed: d.DeletedAt == nil && d.ClerkID != serviceClerkID, deleted: d.DeletedAt != nil,
		active: d.IsActive,
		role:   auth.Role(d.Role), name: d.Name, email: d.Email, document: d.DocumentNumber,
		search:    [3]string{strings.ToLower(d.Name), strings.ToLower(d.Email), strings.ToLower(d.DocumentNumber)},
		createdAt: d.CreatedAt,
	}
}

// put records d as stored now, or forgets id when d is nil. Caller holds mu.
func (x *listIndex) put(id bson.ObjectID, d *userDoc) {
	if x.building {
		x.touched[id] = true
	}
	if old := x.byID[id]; old != nil {
		delete(x.byID, id)
		if i, found := slices.BinarySearchFunc(x.sorted, old, entryLess); found {
			x.sorted = slices.Delete(x.sorted, i, i+1)
		}
	}
	if d == nil {
		return
	}
	n := newListEntry(*d)
	x.byID[id] = n
	i, _ := slices.BinarySearchFunc(x.sorted, n, entryLess)
	x.sorted = slices.Insert(x.sorted, i, n)
}

// UseListIndex makes the admin's list read an in-memory index of the users
// instead of querying (the embedded store's choice, made at wiring). Until
// BuildListIndex has run, List queries.
func (s *Service) UseListIndex() {
	s.index = &listIndex{byID: map[bson.ObjectID]*listEntry{}}
}

// BuildListIndex reads every user into the list index.
func (s *Service) BuildListIndex(ctx context.Context) error {
	x := s.index
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
	cur, err := s.users().Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{
		{"clerkId", 1}, {"email", 1}, {"name", 1}, {"role", 1}, {"isActive", 1}, {"documentNumber", 1},
		{"deletedAt", 1}, {"createdAt", 1},
	}))
	if err != nil {
		return fmt.Errorf("index users: %w", err)
	}
	var docs []userDoc
	if err := cur.All(ctx, &docs); err != nil {
		return fmt.Errorf("index users: %w", err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for i := range docs {
		if !x.touched[docs[i].ID] {
			x.put(docs[i].ID, &docs[i])
		}
	}
	x.ready = true
	return nil
}

// reindex brings the index in step with user id as stored now. The read and
// the update happen under the index's lock, so the last reindex of a user
// reflects their last write whatever the interleaving.
func (s *Service) reindex(ctx context.Context, id bson.ObjectID) {
	x := s.index
	if x == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	x.mu.Lock()
	defer x.mu.Unlock()
	var d userDoc
	err := s.users().FindOne(ctx, bson.D{{"_id", id}}).Decode(&d)
	switch {
	case err == nil:
		x.put(id, &d)
	case errors.Is(err, mongo.ErrNoDocuments):
		x.put(id, nil)
	default:
		// Rather than serve a stale list, query until the next start.
		x.ready = false
	}
}

// listIndexed serves List from the index; ok is false while it is not built.
func (s *Service) listIndexed(ctx context.Context, q ListQuery) (Page, bool, error) {
	x := s.index
	if x == nil {
		return Page{}, false, nil
	}
	term := strings.ToLower(strings.TrimSpace(q.Q))
	match := func(e *listEntry) bool {
		if !e.listed || (q.Active != nil && e.active != *q.Active) || (q.Role != "" && e.role != q.Role) {
			return false
		}
		return term == "" || strings.Contains(e.search[0], term) || strings.Contains(e.search[1], term) ||
			strings.Contains(e.search[2], term)
	}
	x.mu.Lock()
	if !x.ready {
		x.mu.Unlock()
		return Page{}, false, nil
	}
	from, to := store.Window(q.Page, q.Limit, len(x.sorted))
	var ids []bson.ObjectID
	total := 0
	switch q.Sort {
	case SortName, SortEmail:
		var all []*listEntry
		for _, e := range x.sorted {
			if match(e) {
				all = append(all, e)
			}
		}
		key := func(e *listEntry) string { return e.name }
		if q.Sort == SortEmail {
			key = func(e *listEntry) string { return e.email }
		}
		slices.SortFunc(all, func(a, b *listEntry) int {
			if c := strings.Compare(key(a), key(b)); c != 0 {
				return c
			}
			return compareIDs(a.id, b.id)
		})
		total = len(all)
		if from < to && from < len(all) {
			for _, e := range all[from:min(to, len(all))] {
				ids = append(ids, e.id)
			}
		}
	default:
		n := len(x.sorted)
		at := func(i int) *listEntry { return x.sorted[n-1-i] } // newest first
		if q.Sort == SortOldest {
			at = func(i int) *listEntry { return x.sorted[i] }
		}
		for i := range n {
			e := at(i)
			if !match(e) {
				continue
			}
			if total >= from && total < to {
				ids = append(ids, e.id)
			}
			total++
		}
	}
	x.mu.Unlock()
	p := Page{Items: make([]User, 0, len(ids)), Total: total, Page: q.Page, Limit: q.Limit}
	for _, id := range ids {
		u, err := s.Get(ctx, id.Hex())
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return Page{}, false, err
		}
		p.Items = append(p.Items, u)
	}
	return p, true, nil
}

// countIndexed answers CountCustomers from the index; ok is false while it
// is not built. It walks entries, never documents: the dashboard's figures
// stay cheap however many customers the shop has.
func (s *Service) countIndexed(from, until time.Time) (CustomerCounts, bool) {
	x := s.index
	if x == nil {
		return CustomerCounts{}, false
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.ready {
		return CustomerCounts{}, false
	}
	var c CustomerCounts
	for _, e := range x.sorted {
		if e.role != auth.RoleCustomer {
			continue
		}
		if (from.IsZero() || !e.createdAt.Before(from)) && (until.IsZero() || e.createdAt.Before(until)) {
			c.New++
		}
		if e.active && !e.deleted {
			c.Active++
		}
	}
	return c, true
}

// entryRecord is a list entry as the snapshot keeps it.
type entryRecord struct {
	ID                      bson.ObjectID
	Listed, Deleted, Active bool
	Role                    auth.Role
	Name, Email, Document   string
	CreatedAt               time.Time
}

// SnapshotListIndex encodes the list index for the next start (see
// store.KeepSnapshot); ok is false when there is none or it is not built
// or may be stale.
func (s *Service) SnapshotListIndex() (b []byte, ok bool, err error) {
	x := s.index
	if x == nil {
		return nil, false, nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.ready || x.building {
		return nil, false, nil
	}
	recs := make([]entryRecord, len(x.sorted))
	for i, e := range x.sorted {
		recs[i] = entryRecord{ID: e.id, Listed: e.listed, Deleted: e.deleted, Active: e.active, Role: e.role,
			Name: e.name, Email: e.email, Document: e.document, CreatedAt: e.createdAt}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(recs); err != nil {
		return nil, false, fmt.Errorf("encode the customer list index: %w", err)
	}
	return buf.Bytes(), true, nil
}

// RestoreListIndex loads a list index SnapshotListIndex encoded; the index
// is then ready and BuildListIndex has nothing to do.
func (s *Service) RestoreListIndex(b []byte) error {
	x := s.index
	if x == nil {
		return errors.New("restore the customer list index: no index in use")
	}
	var recs []entryRecord
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&recs); err != nil {
		return fmt.Errorf("decode the customer list index: %w", err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byID, x.sorted = make(map[bson.ObjectID]*listEntry, len(recs)), make([]*listEntry, 0, len(recs))
	for _, r := range recs {
		e := &listEntry{id: r.ID, listed: r.Listed, deleted: r.Deleted, active: r.Active, role: r.Role,
			name: r.Name, email: r.Email, document: r.Document, createdAt: r.CreatedAt,
			search: [3]string{strings.ToLower(r.Name), strings.ToLower(r.Email), strings.ToLower(r.Document)}}
		x.byID[e.id] = e
		x.sorted = append(x.sorted, e)
	}
	slices.SortFunc(x.sorted, entryLess)
	x.ready = true
	return nil
}
