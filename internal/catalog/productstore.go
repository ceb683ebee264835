package catalog

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// ProductStore is where the catalog keeps its products and stock
// reservations. The service holds the rules; the store turns every write
// that depends on a product's current state into one guarded
// single-document write, and says whether the guard held.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts each guard into the update filter, which MongoDB
//     checks atomically on every server: the real guarantee with several
//     servers on one database.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies an update
//     as a read-modify-write without isolation (two concurrent conditional
//     $inc on one document can both pass their guard, and one of the changes
//     is lost) and answers only an exact {_id} filter from its primary key.
//     It takes the product's lock in this process, checks the guard on a
//     fresh read and writes by _id alone; the data directory's lock makes
//     this process the only writer, so that is exact.
//
// The interface is sealed (unexported methods): both stores live here and
// share the reads and unconditional writes of mongoStore.
type ProductStore interface {
	insert(ctx context.Context, d productDoc) error
	find(ctx context.Context, id string) (productDoc, error)
	findAny(ctx context.Context, oid bson.ObjectID) (productDoc, bool, error)
	all(ctx context.Context) ([]productDoc, error)
	deleted(ctx context.Context) ([]productDoc, error)
	count(ctx context.Context) (int64, error)
	version(ctx context.Context) (int64, error)
	recordMovement(ctx context.Context, d movementDoc) error
	insertReservation(ctx context.Context, r reservationDoc) error
	findReservation(ctx context.Context, orderID string) (reservationDoc, bool, error)
	deleteReservation(ctx context.Context, orderID string) error
	liveReservations(ctx context.Context, before time.Time) ([]reservationDoc, error)

	// take moves n units of live product id to orderID's reservation: only
	// if the product is active, has at least n units and does not hold the
	// order yet. ok is false (with the product as it is) when it refuses;
	// ErrNotFound when the product does not exist or is deleted.
	take(ctx context.Context, id, orderID string, n int, at time.Time) (d productDoc, ok bool, err error)
	// unhold removes orderID from the product's held list and adds qty to
	// its stock (0 when the order consumed its units), only if the product
	// still holds the order; given says whether it did. Deleted products too.
	unhold(ctx context.Context, id, orderID string, qty int, at time.Time) (given bool, err error)
	// giveBack adds qty to a product's stock with no condition (reservations
	// from before held lists existed, already flagged released).
	giveBack(ctx context.Context, id string, qty int, at time.Time) error
	// moveStock adds delta to a live product's stock only if the result stays
	// within 0…maxStock; ok false (with the product as it is) otherwise.
	moveStock(ctx context.Context, id string, delta int, at time.Time) (d productDoc, ok bool, err error)
	// change applies an unconditional update to a live product.
	change(ctx context.Context, id string, update bson.D) (productDoc, error)
	// editImages replaces a live product's images by what edit makes of the
	// current ones, with nothing written in between; an error from edit is
	// returned as is and nothing is written.
	editImages(ctx context.Context, id string, edit func([]imageDoc) ([]imageDoc, error), at time.Time) (productDoc, error)
	// markDeleted soft-deletes a live product; ErrNotFound if there is none.
	markDeleted(ctx context.Context, id string, at time.Time) (productDoc, error)
	// restore brings a deleted product back, inactive; ErrNotDeleted when
	// it is not deleted.
	restore(ctx context.Context, id string, at time.Time) (productDoc, error)
	// markReleased flags an (unmarked) reservation released, once; released
	// says whether this call did it.
	markReleased(ctx context.Context, orderID string) (released bool, err error)
	// bumpVersion increments the catalog version other servers poll.
	bumpVersion(ctx context.Context) (int64, error)
}

// The updates are the same on both stores; only how the guard is checked
// differs.

func takeUpdate(orderID string, n int, at time.Time) bson.D {
	return bson.D{{"$inc", bson.D{{"stock", -n}}}, {"$set", bson.D{{"updatedAt", at}}}, {"$push", bson.D{{"held", orderID}}}}
}

func unholdUpdate(orderID string, qty int, at time.Time) bson.D {
	u := bson.D{{"$pull", bson.D{{"held", orderID}}}}
	if qty != 0 {
		u = append(u, bson.E{"$inc", bson.D{{"stock", qty}}}, bson.E{"$set", bson.D{{"updatedAt", at}}})
	}
	return u
}

func moveUpdate(delta int, at time.Time) bson.D {
	return bson.D{{"$inc", bson.D{{"stock", delta}}}, {"$set", bson.D{{"updatedAt", at}}}}
}

func imagesUpdate(images []imageDoc, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"images", images}, {"updatedAt", at}}}}
}

func deleteUpdate(at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"deleted", true}, {"active", false}, {"deletedAt", at}, {"updatedAt", at}}}}
}

func restoreUpdate(at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"deleted", false}, {"active", false}, {"updatedAt", at}}}, {"$unset", bson.D{{"deletedAt", ""}}}}
}

var releasedUpdate = bson.D{{"$set", bson.D{{"released", true}}}}
