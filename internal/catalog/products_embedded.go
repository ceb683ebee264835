package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedProducts is the ProductStore for the embedded FerretDB. FerretDB
// reads, changes and writes a document back without isolating concurrent
// updates of it, and scans the whole collection for any filter but an exact
// {_id}. So every write here takes the document's lock in this process,
// checks its guard on a fresh read and writes by _id alone. It is exact
// because the embedded database has one process (the data directory's
// lock), and it is the only writer of products in that process.
type embeddedProducts struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the product store for the embedded database.
func NewEmbeddedStore(s *store.Store) ProductStore {
	return embeddedProducts{mongoStore: mongoStore{s}, locks: s.Locks}
}

// write runs plan on a fresh read of product id under its lock, and applies
// the update plan returns, unless plan refuses (ok=false: the product is
// returned as it is). ErrNotFound when there is no such (live) product.
func (e embeddedProducts) write(ctx context.Context, id string, live bool, plan func(cur productDoc) (bson.D, bool)) (productDoc, bool, error) {
	oid, err := parseID(id)
	if err != nil {
		return productDoc{}, false, err
	}
	unlock := e.locks.Lock("product:" + id)
	defer unlock()
	cur, found, err := e.findAny(ctx, oid)
	if err != nil {
		return productDoc{}, false, err
	}
	if !found || (live && cur.Deleted) {
		return productDoc{}, false, ErrNotFound
	}
	update, ok := plan(cur)
	if !ok {
		return cur, false, nil
	}
	var d productDoc
	err = e.products().FindOneAndUpdate(ctx, bson.D{{"_id", oid}}, withRev(update),
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if err != nil {
		return productDoc{}, false, fmt.Errorf("update product: %w", err)
	}
	return d, true, nil
}

// when is a plan with a fixed update.
func when(ok func(productDoc) bool, update bson.D) func(productDoc) (bson.D, bool) {
	return func(cur productDoc) (bson.D, bool) {
		if ok != nil && !ok(cur) {
			return nil, false
		}
		return update, true
	}
}

func (e embeddedProducts) take(ctx context.Context, id, orderID string, n int, at time.Time) (productDoc, bool, error) {
	return e.write(ctx, id, true, when(func(p productDoc) bool {
		return p.Active && p.Stock >= n && !slices.Contains(p.Held, orderID)
	}, takeUpdate(orderID, n, at)))
}

func (e embeddedProducts) unhold(ctx context.Context, id, orderID string, qty int, at time.Time) (bool, error) {
	_, ok, err := e.write(ctx, id, false, when(func(p productDoc) bool {
		return slices.Contains(p.Held, orderID)
	}, unholdUpdate(orderID, qty, at)))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return ok, err
}

func (e embeddedProducts) giveBack(ctx context.Context, id string, qty int, at time.Time) error {
	_, _, err := e.write(ctx, id, false, when(nil, moveUpdate(qty, at)))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

func (e embeddedProducts) moveStock(ctx context.Context, id string, delta int, at time.Time) (productDoc, bool, error) {
	return e.write(ctx, id, true, when(func(p productDoc) bool {
		return p.Stock+delta >= 0 && p.Stock+delta <= maxStock
	}, moveUpdate(delta, at)))
}

func (e embeddedProducts) change(ctx context.Context, id string, update bson.D) (productDoc, error) {
	d, _, err := e.write(ctx, id, true, when(nil, update))
	return d, err
}

func (e embeddedProducts) editImages(ctx context.Context, id string, edit func([]imageDoc) ([]imageDoc, error), at time.Time) (productDoc, error) {
	var editErr error
	d, _, err := e.write(ctx, id, true, func(cur productDoc) (bson.D, bool) {
		images, err := edit(cur.Images)
		if err != nil {
			editErr = err
			return nil, false
		}
		return imagesUpdate(images, at), true
	})
	if err == nil {
		err = editErr
	}
	return d, err
}

func (e embeddedProducts) markDeleted(ctx context.Context, id string, at time.Time) (productDoc, error) {
	d, _, err := e.write(ctx, id, true, when(nil, deleteUpdate(at)))
	return d, err
}

func (e embeddedProducts) restore(ctx context.Context, id string, at time.Time) (productDoc, error) {
	d, ok, err := e.write(ctx, id, false, when(func(p productDoc) bool { return p.Deleted }, restoreUpdate(at)))
	if err == nil && !ok {
		err = ErrNotDeleted
	}
	return d, err
}

func (e embeddedProducts) markReleased(ctx context.Context, orderID string) (bool, error) {
	unlock := e.locks.Lock("reservation:" + orderID)
	defer unlock()
	r, found, err := e.findReservation(ctx, orderID)
	if err != nil || !found || r.Released {
		return false, err
	}
	if _, err := e.reservations().UpdateOne(ctx, bson.D{{"_id", orderID}}, releasedUpdate); err != nil {
		return false, fmt.Errorf("release stock reservation: %w", err)
	}
	return true, nil
}

// bumpVersion holds the counter's lock: FerretDB's $inc is not atomic.
func (e embeddedProducts) bumpVersion(ctx context.Context) (int64, error) {
	unlock := e.locks.Lock("meta:" + catalogMetaID)
	defer unlock()
	return e.incVersion(ctx)
}
