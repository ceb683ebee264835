package order

import (
	"context"
	"errors"
	"fmt"
	"math"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Each customer's order ids live in one small document read by _id, so a
// customer's order list reads their orders by primary key instead of
// scanning every order of the shop (which the embedded FerretDB would do
// for a userId filter).
const userOrdersCollection = "user_orders"

type userOrdersDoc struct {
	UserID string   `bson:"_id"`
	Orders []string `bson:"orders"` // oldest first
}

func (s *Service) userOrders() *mongo.Collection {
	return s.d.Store.DB.Collection(userOrdersCollection)
}

// indexOrder adds a placed order to its customer's list. The first time, the
// list is built from the orders already stored, so it is always complete.
func (s *Service) indexOrder(ctx context.Context, userID, orderID string) error {
	return s.db.listOrder(ctx, userID, orderID, func(ctx context.Context) ([]string, error) {
		return s.scanUserOrders(ctx, userID)
	})
}

// unindexOrder drops an order that was never stored from its customer's list.
func (s *Service) unindexOrder(ctx context.Context, userID, orderID string) {
	if err := s.db.unlistOrder(ctx, userID, orderID); err != nil {
		// The list skips ids without an order; only its total is off.
		s.d.Log.Warn("drop an unplaced order from its customer's list", "order", orderID, "err", err)
	}
}

// indexedBy finds the customer whose list names orderID ("" for none). It
// scans the lists, which only recovery of an interrupted checkout does.
func (s *Service) indexedBy(ctx context.Context, orderID string) (string, error) {
	var d userOrdersDoc
	err := s.userOrders().FindOne(ctx, bson.D{{"orders", orderID}}, options.FindOne().SetProjection(bson.D{{"_id", 1}})).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find the list naming order %s: %w", orderID, err)
	}
	return d.UserID, nil
}

// scanUserOrders lists the orders a customer has before their list exists
// (orders stored before lists did, or by the seeding tool).
func (s *Service) scanUserOrders(ctx context.Context, userID string) ([]string, error) {
	oids, err := s.d.Reads.UserOrders(ctx, userID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(oids))
	for i, id := range oids {
		ids[i] = id.Hex()
	}
	return ids, nil
}

// listForCustomer serves a customer's own list (newest first, optionally one
// status) from their order index. ok is false when the customer has no index
// yet (no order placed since it existed); the caller then queries.
func (s *Service) listForCustomer(ctx context.Context, q Query) (Page, bool, error) {
	var d userOrdersDoc
	err := s.userOrders().FindOne(ctx, bson.D{{"_id", q.UserID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Page{}, false, nil
	}
	if err != nil {
		return Page{}, false, fmt.Errorf("read order index: %w", err)
	}
	p := Page{Items: []Order{}, Page: q.Page, Limit: q.Limit}
	// The window of the page among every order the customer could have.
	from, to := store.Window(q.Page, q.Limit, math.MaxInt)
	seen := 0
	for i := len(d.Orders) - 1; i >= 0; i-- {
		if q.Status == "" && (seen < from || seen >= to) {
			// Without a status filter the count is the index's length, and
			// only the page's orders need reading.
			seen++
			continue
		}
		o, err := s.Get(ctx, d.Orders[i])
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return Page{}, false, err
		}
		if q.Status != "" && o.Status != q.Status {
			continue
		}
		if seen >= from && seen < to {
			p.Items = append(p.Items, o)
		}
		seen++
	}
	p.Total = seen
	return p, true, nil
}
