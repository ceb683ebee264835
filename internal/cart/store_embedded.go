package cart

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedCarts is the Store for the embedded FerretDB. FerretDB applies an
// update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only
// an exact {_id} filter without a scan. So a change takes the user's cart
// lock in this process (the one writer: the data directory's lock), reads
// and writes by _id alone.
//
// Being the one writer, it also keeps each cart it read or wrote in memory
// and serves reads from there: a shopper's every add and checkout read the
// cart (five reads an order), and on the embedded database each read is a
// round trip through FerretDB and SQLite. The copy is filled and changed
// only under the cart's lock, after the database answered, and dropped when
// a write's outcome is unknown, so it is always what the database holds.
type embeddedCarts struct {
	mongoStore
	locks *store.Locks
	kept  *keptCarts
}

// NewEmbeddedStore returns the cart store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedCarts{mongoStore: mongoStore{s}, locks: s.Locks, kept: &keptCarts{m: map[string]cartDoc{}}}
}

// keptCarts are the carts in memory, by user. maxKeptCarts bounds them: past
// it they are all dropped and read again as shoppers come back (a cart is a
// few hundred bytes; 50,000 of them a few megabytes).
type keptCarts struct {
	mu sync.Mutex
	m  map[string]cartDoc
}

const maxKeptCarts = 50_000

func (k *keptCarts) get(userID string) (cartDoc, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	d, ok := k.m[userID]
	d.Items = slices.Clone(d.Items)
	return d, ok
}

func (k *keptCarts) put(d cartDoc) {
	d.Items = slices.Clone(d.Items)
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.m[d.UserID]; !ok && len(k.m) >= maxKeptCarts {
		clear(k.m)
	}
	k.m[d.UserID] = d
}

func (k *keptCarts) drop(userID string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, userID)
}

func (e embeddedCarts) load(ctx context.Context, userID string) (cartDoc, error) {
	unlock := e.locks.Lock("cart:" + userID)
	defer unlock()
	return e.read(ctx, userID)
}

// read returns the user's cart; the caller holds its lock.
func (e embeddedCarts) read(ctx context.Context, userID string) (cartDoc, error) {
	if d, ok := e.kept.get(userID); ok {
		return d, nil
	}
	d, err := e.mongoStore.load(ctx, userID)
	if err != nil {
		return cartDoc{}, err
	}
	if d.Items == nil {
		d.Items = []Item{}
	}
	e.kept.put(d)
	return d, nil
}

func (e embeddedCarts) change(ctx context.Context, userID string, change func(items []Item) ([]Item, error), at time.Time) error {
	unlock := e.locks.Lock("cart:" + userID)
	defer unlock()
	// One more try when the kept cart turned out stale (a cart created by
	// another process, which the data directory's lock rules out).
	for range 2 {
		d, err := e.read(ctx, userID)
		if err != nil {
			return err
		}
		items, err := change(slices.Clone(d.Items))
		if err != nil {
			return err
		}
		ok, err := e.save(ctx, d, items, at, func(read cartDoc) bson.D { return bson.D{{"_id", read.ID}} })
		if err != nil || !ok {
			e.kept.drop(userID)
			if err != nil {
				return err
			}
			continue
		}
		// As the database keeps it: to the millisecond, in UTC.
		next := cartDoc{ID: d.ID, UserID: userID, Items: items, Version: d.Version + 1, UpdatedAt: at.Truncate(time.Millisecond).UTC()}
		if d.ID.IsZero() {
			next.ID, next.Version = cartID(userID), 1
		}
		e.kept.put(next)
		return nil
	}
	return errors.New("cart changed by another process")
}
