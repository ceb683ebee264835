package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

const reservationsCollection = "stock_reservations"

// Demand is how many units of a product an order takes.
type Demand struct {
	ProductID string
	Quantity  int
}

// StockError names the products whose stock could not cover a demand.
type StockError struct{ ProductIDs []string }

func (e *StockError) Error() string { return fmt.Sprintf("not enough stock for %v", e.ProductIDs) }

type reservationDoc struct {
	ID        string    `bson:"_id"` // orderID:productID
	OrderID   string    `bson:"orderId"`
	ProductID string    `bson:"productId"`
	Quantity  int       `bson:"quantity"`
	Released  bool      `bson:"released"`
	Settled   bool      `bson:"settled"`
	At        time.Time `bson:"at"`
}

func (s *Service) reservations() *mongo.Collection {
	return s.db.s.DB.Collection(reservationsCollection)
}

// Reserve takes the stock an order needs, for every product or for none.
// Each product's stock only moves by a conditional decrement (stock ≥ n),
// so it can never go negative; the product locks, taken in id order, make
// the all-or-none step exact on the embedded database too. Demand for one
// product is summed first, whatever the number of lines.
func (s *Service) Reserve(ctx context.Context, orderID string, demand []Demand) error {
	byProduct := map[string]int{}
	for _, d := range demand {
		byProduct[d.ProductID] += d.Quantity
	}
	ids := make([]string, 0, len(byProduct))
	for id := range byProduct {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		unlock := s.locks.Lock("product:" + id)
		defer unlock()
	}

	var taken []string
	var short []string
	now := s.now()
	for _, id := range ids {
		n := byProduct[id]
		_, matched, err := s.db.update(ctx, id,
			bson.D{{"active", true}, {"stock", bson.D{{"$gte", n}}}},
			bson.D{{"$inc", bson.D{{"stock", -n}}}, {"$set", bson.D{{"updatedAt", now}}}})
		if errors.Is(err, ErrNotFound) || (err == nil && !matched) {
			short = append(short, id)
			continue
		}
		if err != nil {
			s.giveBack(ctx, taken, byProduct)
			return err
		}
		if _, err := s.reservations().InsertOne(ctx, reservationDoc{
			ID: orderID + ":" + id, OrderID: orderID, ProductID: id, Quantity: n, At: now,
		}); err != nil {
			taken = append(taken, id)
			s.giveBack(ctx, taken, byProduct)
			return fmt.Errorf("record stock reservation: %w", err)
		}
		taken = append(taken, id)
	}
	if len(short) > 0 {
		s.giveBack(ctx, taken, byProduct)
		_, _ = s.reservations().DeleteMany(ctx, bson.D{{"orderId", orderID}})
		return &StockError{ProductIDs: short}
	}
	s.publishIDs(ctx, taken)
	return nil
}

// giveBack undoes decrements of a reservation that did not complete.
func (s *Service) giveBack(ctx context.Context, ids []string, qty map[string]int) {
	for _, id := range ids {
		if _, _, err := s.db.update(ctx, id, nil, bson.D{{"$inc", bson.D{{"stock", qty[id]}}}}); err != nil {
			s.log.Error("could not give back reserved stock", "product", id, "quantity", qty[id], "err", err)
		}
	}
	s.publishIDs(ctx, ids)
}

// Release returns an order's reserved stock. Each product's reservation is
// released at most once, however often Release is called.
func (s *Service) Release(ctx context.Context, orderID string) error {
	cur, err := s.reservations().Find(ctx, bson.D{{"orderId", orderID}, {"released", false}})
	if err != nil {
		return fmt.Errorf("find stock reservations: %w", err)
	}
	var docs []reservationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return fmt.Errorf("find stock reservations: %w", err)
	}
	var changed []string
	for _, r := range docs {
		unlock := s.locks.Lock("product:" + r.ProductID)
		res, err := s.reservations().UpdateOne(ctx, bson.D{{"_id", r.ID}, {"released", false}},
			bson.D{{"$set", bson.D{{"released", true}, {"settled", true}}}})
		if err == nil && res.ModifiedCount == 1 {
			// The product may have been deleted since; its stock still comes back.
			oid, _ := parseID(r.ProductID)
			_, err = s.db.products().UpdateOne(ctx, bson.D{{"_id", oid}},
				bson.D{{"$inc", bson.D{{"stock", r.Quantity}}}, {"$set", bson.D{{"updatedAt", s.now()}}}})
			changed = append(changed, r.ProductID)
		}
		unlock()
		if err != nil {
			return fmt.Errorf("release stock of %s: %w", r.ProductID, err)
		}
	}
	s.publishIDs(ctx, changed)
	return nil
}

// Settle marks an order's reservations as belonging to a stored order, so
// the orphan sweep leaves them alone.
func (s *Service) Settle(ctx context.Context, orderID string) error {
	if _, err := s.reservations().UpdateMany(ctx, bson.D{{"orderId", orderID}}, bson.D{{"$set", bson.D{{"settled", true}}}}); err != nil {
		return fmt.Errorf("settle stock reservations: %w", err)
	}
	return nil
}

// Unsettled lists orders with reservations older than before that were never
// settled: checkouts that died between reserving and storing their order.
func (s *Service) Unsettled(ctx context.Context, before time.Time) ([]string, error) {
	var ids []string
	err := s.reservations().Distinct(ctx, "orderId", bson.D{{"settled", false}, {"at", bson.D{{"$lt", before}}}}).Decode(&ids)
	if err != nil {
		return nil, fmt.Errorf("find unsettled reservations: %w", err)
	}
	return ids, nil
}

func (s *Service) publishIDs(ctx context.Context, ids []string) {
	for _, id := range ids {
		if err := s.Refresh(ctx, id); err != nil {
			s.log.Warn("refresh product", "product", id, "err", err)
		}
	}
}
