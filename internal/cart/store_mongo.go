package cart

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoCarts is the Store for MongoDB. A change is a read, the rules in Go
// and a write that is no single update operator, so it is a compare-and-set
// on the cart's version: the write matches only the cart it was computed
// from, and any server that lost the race recomputes it on the fresh cart.
type mongoCarts struct{ mongoStore }

// NewMongoStore returns the cart store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoCarts{mongoStore{s}} }

func (m mongoCarts) change(ctx context.Context, userID string, change func(items []Item) ([]Item, error), at time.Time) error {
	return m.changeWhere(ctx, userID, change, at, func(read cartDoc) bson.D {
		return bson.D{{"_id", read.ID}, {"version", read.Version}}
	})
}
