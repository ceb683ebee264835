package order

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedOrders is the Store for the embedded FerretDB. FerretDB applies an
// update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only an
// exact {_id} filter without a scan. So every write takes its document's lock
// in this process (the one writer: the data directory's lock) and writes by
// _id alone; an order's writes rely on the caller holding lockOrder and
// having checked the order on a read under it.
type embeddedOrders struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the order store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedOrders{mongoStore: mongoStore{s}, locks: s.Locks}
}

// claimCheckout is a lock in this process: it is the only one checking out.
func (e embeddedOrders) claimCheckout(_ context.Context, userID string) (func(), error) {
	return e.locks.Lock("checkout:" + userID), nil
}

func (e embeddedOrders) lockOrder(orderID string) func() { return e.locks.Lock("order:" + orderID) }

func (e embeddedOrders) update(ctx context.Context, oid bson.ObjectID, _ Status, change bson.D) (Order, bool, error) {
	return e.updateWhere(ctx, bson.D{{"_id", oid}}, change)
}

func (e embeddedOrders) clearEvents(ctx context.Context, oid bson.ObjectID, _ int64) (bool, error) {
	return e.clearEventsWhere(ctx, bson.D{{"_id", oid}})
}

func (e embeddedOrders) listOrder(ctx context.Context, userID, orderID string, existing func(context.Context) ([]string, error)) error {
	unlock := e.locks.Lock("user-orders:" + userID)
	defer unlock()
	return e.mongoStore.listOrder(ctx, userID, orderID, existing)
}

func (e embeddedOrders) unlistOrder(ctx context.Context, userID, orderID string) error {
	unlock := e.locks.Lock("user-orders:" + userID)
	defer unlock()
	return e.mongoStore.unlistOrder(ctx, userID, orderID)
}

func (e embeddedOrders) addHold(ctx context.Context, userID, orderID string) error {
	unlock := e.locks.Lock("holds:" + userID)
	defer unlock()
	return e.mongoStore.addHold(ctx, userID, orderID)
}

func (e embeddedOrders) dropHold(ctx context.Context, userID, orderID string) error {
	unlock := e.locks.Lock("holds:" + userID)
	defer unlock()
	return e.mongoStore.dropHold(ctx, userID, orderID)
}

func (e embeddedOrders) nextSeq(ctx context.Context, key string) (int64, error) {
	unlock := e.locks.Lock("counter:" + key)
	defer unlock()
	return e.mongoStore.nextSeq(ctx, key)
}
