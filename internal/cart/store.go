package cart

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where carts live. The service holds the rules (what a change
// does to the lines, which quantities are allowed); the store makes each
// change one write computed from the cart as it was read, with no other
// change of that cart in between.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore writes only while the cart is still at the version it
//     read (compare-and-set in the update filter, atomic on every server)
//     and creates a new cart through the unique _id, so a change that lost
//     a race is made again on the fresh cart.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies updates
//     as an unisolated read-modify-write and scans for any filter but an
//     exact {_id}: it takes the cart's lock in this process, reads fresh
//     and writes by _id alone (exact with one process, which the data
//     directory's lock guarantees).
//
// The interface is sealed: both stores live here and share mongoStore's
// read and retry loop.
type Store interface {
	// load returns the user's cart, an empty unsaved one (zero ID) when
	// the user has none yet.
	load(ctx context.Context, userID string) (cartDoc, error)
	// change stores what change makes of the user's lines. change may run
	// more than once and gets its own copy of the lines each time; its
	// error is returned as is.
	change(ctx context.Context, userID string, change func(items []Item) ([]Item, error), at time.Time) error
}

// mongoStore is what both stores share.
type mongoStore struct{ s *store.Store }

func (m mongoStore) carts() *mongo.Collection { return m.s.DB.Collection(collection) }

func (m mongoStore) load(ctx context.Context, userID string) (cartDoc, error) {
	var d cartDoc
	err := m.carts().FindOne(ctx, bson.D{{"_id", cartID(userID)}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return cartDoc{UserID: userID, Items: []Item{}}, nil
	}
	if err != nil {
		return cartDoc{}, fmt.Errorf("load cart: %w", err)
	}
	return d, nil
}

// changeWhere is Store.change, writing an existing cart through the filter
// that guard makes of the cart read. A write that matched nothing, or a
// first cart that another writer created meanwhile, is made again on a
// fresh read.
func (m mongoStore) changeWhere(ctx context.Context, userID string, change func(items []Item) ([]Item, error),
	at time.Time, guard func(read cartDoc) bson.D) error {
	for range 5 {
		d, err := m.load(ctx, userID)
		if err != nil {
			return err
		}
		items, err := change(append([]Item{}, d.Items...))
		if err != nil {
			return err
		}
		ok, err := m.save(ctx, d, items, at, guard)
		if err != nil || ok {
			return err
		}
	}
	return errors.New("cart changed concurrently too many times")
}

// save writes items over the cart d was read from; it reports false when
// another writer got there first.
func (m mongoStore) save(ctx context.Context, d cartDoc, items []Item, at time.Time, guard func(read cartDoc) bson.D) (bool, error) {
	if d.ID.IsZero() {
		_, err := m.carts().InsertOne(ctx, cartDoc{ID: cartID(d.UserID), UserID: d.UserID, Items: items, Version: 1, UpdatedAt: at})
		if store.IsDuplicateKey(err) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("create cart: %w", err)
		}
		return true, nil
	}
	res, err := m.carts().UpdateOne(ctx, guard(d),
		bson.D{{"$set", bson.D{{"items", items}, {"updatedAt", at}}}, {"$inc", bson.D{{"version", int64(1)}}}})
	if err != nil {
		return false, fmt.Errorf("save cart: %w", err)
	}
	return res.ModifiedCount == 1, nil
}
