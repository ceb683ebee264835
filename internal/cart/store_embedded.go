package cart

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedCarts is the Store for the embedded FerretDB. FerretDB applies an
// update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only
// an exact {_id} filter without a scan. So a change takes the user's cart
// lock in this process (the one writer: the data directory's lock), reads
// fresh and writes by _id alone.
type embeddedCarts struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the cart store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedCarts{mongoStore: mongoStore{s}, locks: s.Locks}
}

func (e embeddedCarts) change(ctx context.Context, userID string, change func(items []Item) ([]Item, error), at time.Time) error {
	unlock := e.locks.Lock("cart:" + userID)
	defer unlock()
	return e.changeWhere(ctx, userID, change, at, func(read cartDoc) bson.D {
		return bson.D{{"_id", read.ID}}
	})
}
