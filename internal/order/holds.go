package order

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// A customer's unpaid orders are listed in one small document per customer,
// read by _id at checkout: counting them in the orders collection would scan
// every order on the embedded database.
const holdsCollection = "order_holds"

type holdsDoc struct {
	UserID string   `bson:"_id"`
	Orders []string `bson:"orders"`
}

// pendingOrders returns userID's unpaid orders, dropping any the list still
// names after they stopped being pending (a write that failed half-way).
func (s *Service) pendingOrders(ctx context.Context, userID string) ([]string, error) {
	var h holdsDoc
	err := s.d.Store.DB.Collection(holdsCollection).FindOne(ctx, bson.D{{"_id", userID}}).Decode(&h)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read pending orders: %w", err)
	}
	var pending []string
	for _, id := range h.Orders {
		o, err := s.Get(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if o.Status == Pending {
			pending = append(pending, id)
		}
	}
	return pending, nil
}

// hold and unhold keep the list in step with the orders' statuses.
func (s *Service) hold(ctx context.Context, userID, orderID string) error {
	return s.db.addHold(ctx, userID, orderID)
}

func (s *Service) unhold(ctx context.Context, userID, orderID string) {
	if err := s.db.dropHold(ctx, userID, orderID); err != nil {
		// pendingOrders drops stale entries, so this only costs a read later.
		s.d.Log.Warn("forget pending order", "order", orderID, "err", err)
	}
}
