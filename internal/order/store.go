package order

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where the order domain's guarded writes go. The service holds the
// rules (which moves the lifecycle allows, what a payment change needs, the
// order of the writes at checkout); the store makes sure each write lands
// only on the document it was decided from, and that a customer runs one
// checkout at a time.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts what a write was decided from into its update filter
//     (the order's status, its event count), which MongoDB checks atomically
//     on every server; list, hold and counter changes are single update
//     operators, atomic as they are; and a customer's checkout is a lease
//     document that every server sees.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies updates as
//     an unisolated read-modify-write and scans for any filter but an exact
//     {_id}: it takes keyed locks in this process and writes by _id alone
//     (exact with one process, which the data directory's lock guarantees).
//
// An order's lock (lockOrder) spans several of the service's steps rather
// than one store call: on the embedded database the admin's reads are an
// index in this process (MemoryReads) that must see one order's writes in
// the order they were made, and the events drain must not interleave with
// the write that recorded them. So on the embedded store update and
// clearEvents rely on their caller holding lockOrder and having read the
// order under it; on MongoDB lockOrder holds nothing, as each write's guard
// is in its own filter and MongoReads keep no copy to order.
//
// Plain reads, inserts and the event marks need no guard on either database:
// the service runs them on its collections directly. The interface is
// sealed: both stores live here and share mongoStore.
type Store interface {
	// claimCheckout returns once no other checkout of userID runs, with the
	// function that ends this one: a double click must not turn one cart
	// into two orders.
	claimCheckout(ctx context.Context, userID string) (release func(), err error)
	// lockOrder keeps this process's other writers of the order out until
	// release.
	lockOrder(orderID string) (release func())
	// update applies change to the order while it is still in status from
	// and returns it after the change; found is false when it is gone or
	// no longer in from.
	update(ctx context.Context, oid bson.ObjectID, from Status, change bson.D) (o Order, found bool, err error)
	// clearEvents empties the order's recorded events unless a write added
	// more since eventSeq was seq; cleared says whether it did.
	clearEvents(ctx context.Context, oid bson.ObjectID, seq int64) (cleared bool, err error)
	// listOrder adds orderID to its customer's list; the first time the
	// list is built from existing (the orders stored before the list was)
	// so it is always complete.
	listOrder(ctx context.Context, userID, orderID string, existing func(context.Context) ([]string, error)) error
	// unlistOrder drops orderID from its customer's list.
	unlistOrder(ctx context.Context, userID, orderID string) error
	// addHold and dropHold keep a customer's list of unpaid orders.
	addHold(ctx context.Context, userID, orderID string) error
	dropHold(ctx context.Context, userID, orderID string) error
	// nextSeq counts one more on the counter key and returns the count.
	nextSeq(ctx context.Context, key string) (int64, error)
}

// mongoStore is what both stores share: the writes that are one update
// operator on a document read by _id.
type mongoStore struct{ s *store.Store }

func (m mongoStore) orders() *mongo.Collection     { return m.s.DB.Collection(ordersCollection) }
func (m mongoStore) userOrders() *mongo.Collection { return m.s.DB.Collection(userOrdersCollection) }
func (m mongoStore) holds() *mongo.Collection      { return m.s.DB.Collection(holdsCollection) }
func (m mongoStore) counters() *mongo.Collection   { return m.s.DB.Collection(countersCollection) }

// updateWhere applies change to the order filter matches and returns it
// after the change; found is false when none matches.
func (m mongoStore) updateWhere(ctx context.Context, filter, change bson.D) (Order, bool, error) {
	var out Order
	err := m.orders().FindOneAndUpdate(ctx, filter, change,
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&out)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Order{}, false, nil
	}
	if err != nil {
		return Order{}, false, fmt.Errorf("update order: %w", err)
	}
	return out, true, nil
}

// clearEventsWhere empties the events of the order filter matches.
func (m mongoStore) clearEventsWhere(ctx context.Context, filter bson.D) (bool, error) {
	res, err := m.orders().UpdateOne(ctx, filter, bson.D{{"$set", bson.D{{"events", bson.A{}}}}})
	if err != nil {
		return false, fmt.Errorf("clear order events: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// listOrder builds the list when it is missing; when another writer built
// it meanwhile (the insert finds its _id), the order is added to theirs.
func (m mongoStore) listOrder(ctx context.Context, userID, orderID string, existing func(context.Context) ([]string, error)) error {
	var d userOrdersDoc
	err := m.userOrders().FindOne(ctx, bson.D{{"_id", userID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		ids, err := existing(ctx)
		if err != nil {
			return err
		}
		if !slices.Contains(ids, orderID) {
			ids = append(ids, orderID)
		}
		_, err = m.userOrders().InsertOne(ctx, userOrdersDoc{UserID: userID, Orders: ids})
		if err == nil {
			return nil
		}
		if !store.IsDuplicateKey(err) {
			return fmt.Errorf("build order index: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("read order index: %w", err)
	}
	_, err = m.userOrders().UpdateOne(ctx, bson.D{{"_id", userID}}, bson.D{{"$addToSet", bson.D{{"orders", orderID}}}})
	if err != nil {
		return fmt.Errorf("index order: %w", err)
	}
	return nil
}

func (m mongoStore) unlistOrder(ctx context.Context, userID, orderID string) error {
	_, err := m.userOrders().UpdateOne(ctx, bson.D{{"_id", userID}}, bson.D{{"$pull", bson.D{{"orders", orderID}}}})
	if err != nil {
		return fmt.Errorf("drop order from its customer's list: %w", err)
	}
	return nil
}

// addHold upserts the customer's list; two first upserts at once may both
// insert, and the one refused by the _id finds the document on its retry.
func (m mongoStore) addHold(ctx context.Context, userID, orderID string) error {
	var err error
	for range 2 {
		_, err = m.holds().UpdateOne(ctx, bson.D{{"_id", userID}},
			bson.D{{"$addToSet", bson.D{{"orders", orderID}}}}, options.UpdateOne().SetUpsert(true))
		if !store.IsDuplicateKey(err) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("record pending order: %w", err)
	}
	return nil
}

func (m mongoStore) dropHold(ctx context.Context, userID, orderID string) error {
	_, err := m.holds().UpdateOne(ctx, bson.D{{"_id", userID}}, bson.D{{"$pull", bson.D{{"orders", orderID}}}})
	if err != nil {
		return fmt.Errorf("forget pending order: %w", err)
	}
	return nil
}

// nextSeq upserts the counter; like addHold, the loser of two first
// upserts counts on the winner's document at its retry.
func (m mongoStore) nextSeq(ctx context.Context, key string) (int64, error) {
	var c struct {
		Seq int64 `bson:"seq"`
	}
	var err error
	for range 2 {
		err = m.counters().FindOneAndUpdate(ctx, bson.D{{"_id", key}},
			bson.D{{"$inc", bson.D{{"seq", int64(1)}}}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&c)
		if !store.IsDuplicateKey(err) {
			break
		}
	}
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", key, err)
	}
	return c.Seq, nil
}
