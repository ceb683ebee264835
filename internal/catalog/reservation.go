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

// reservationDoc records what an order took, so it can be given back once.
type reservationDoc struct {
	OrderID  string         `bson:"_id"`
	Items    []reservedItem `bson:"items"`
	Released bool           `bson:"released"`
	At       time.Time      `bson:"at"`
}

type reservedItem struct {
	ProductID string `bson:"productId"`
	Quantity  int    `bson:"quantity"`
}

func (s *Service) reservations() *mongo.Collection {
	return s.db.s.DB.Collection(reservationsCollection)
}

// Reserve takes the stock an order needs, for every product or for none.
// Each product's stock only moves by a guarded decrement (stock ≥ n), so it
// can never go negative; the product locks, taken in id order, make the
// all-or-none step exact on the embedded database too. Demand for one product
// is summed first, whatever the number of lines. The reservation is recorded
// under the order's id so Release gives it back exactly once.
func (s *Service) Reserve(ctx context.Context, orderID string, demand []Demand) error {
	taken, docs, err := s.reserve(ctx, orderID, demand)
	// Readers see the new stock once the product locks are free again: the
	// updated documents themselves, or (after a give-back) fresh reads.
	if err == nil {
		s.publish(ctx, docs...)
	} else {
		s.publishIDs(ctx, taken)
	}
	return err
}

// reserve does Reserve's work under the product locks and returns the
// products whose stock changed, with their documents after the change.
func (s *Service) reserve(ctx context.Context, orderID string, demand []Demand) ([]string, []productDoc, error) {
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

	var taken, short []string
	var docs []productDoc
	now := s.now()
	for _, id := range ids {
		n := byProduct[id]
		d, matched, err := s.db.update(ctx, id,
			func(p productDoc) bool { return p.Active && p.Stock >= n },
			bson.D{{"active", true}, {"stock", bson.D{{"$gte", n}}}},
			bson.D{{"$inc", bson.D{{"stock", -n}}}, {"$set", bson.D{{"updatedAt", now}}}})
		switch {
		case errors.Is(err, ErrNotFound) || (err == nil && !matched):
			short = append(short, id)
		case err != nil:
			s.giveBack(ctx, taken, byProduct)
			return taken, nil, err
		default:
			taken = append(taken, id)
			docs = append(docs, d)
		}
	}
	if len(short) > 0 {
		s.giveBack(ctx, taken, byProduct)
		return taken, nil, &StockError{ProductIDs: short}
	}
	doc := reservationDoc{OrderID: orderID, At: now}
	for _, id := range ids {
		doc.Items = append(doc.Items, reservedItem{ProductID: id, Quantity: byProduct[id]})
	}
	// Recorded after the decrements: a crash in between can only under-sell.
	if _, err := s.reservations().InsertOne(ctx, doc); err != nil {
		s.giveBack(ctx, taken, byProduct)
		return taken, nil, fmt.Errorf("record stock reservation: %w", err)
	}
	return taken, docs, nil
}

// giveBack undoes decrements of a reservation that did not complete; the
// caller publishes the products.
func (s *Service) giveBack(ctx context.Context, ids []string, qty map[string]int) {
	for _, id := range ids {
		if _, _, err := s.db.update(ctx, id, nil, nil, bson.D{{"$inc", bson.D{{"stock", qty[id]}}}}); err != nil {
			s.log.Error("could not give back reserved stock", "product", id, "quantity", qty[id], "err", err)
		}
	}
}

// Release returns an order's reserved stock, at most once however often it
// is called: the reservation is marked released before any stock moves, so
// a crash part-way can only under-sell, never count stock twice.
func (s *Service) Release(ctx context.Context, orderID string) error {
	unlock := s.locks.Lock("reservation:" + orderID)
	defer unlock()
	var r reservationDoc
	err := s.reservations().FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && r.Released) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find stock reservation: %w", err)
	}
	res, err := s.reservations().UpdateOne(ctx, s.db.s.ByID(orderID, bson.E{"released", false}),
		bson.D{{"$set", bson.D{{"released", true}}}})
	if err != nil {
		return fmt.Errorf("release stock reservation: %w", err)
	}
	if res.ModifiedCount == 0 {
		return nil
	}
	var changed []string
	for _, it := range r.Items {
		unlockProduct := s.locks.Lock("product:" + it.ProductID)
		// The product may have been deleted since; its stock still comes back.
		oid, _ := parseID(it.ProductID)
		_, err := s.db.products().UpdateOne(ctx, bson.D{{"_id", oid}},
			withRev(bson.D{{"$inc", bson.D{{"stock", it.Quantity}}}, {"$set", bson.D{{"updatedAt", s.now()}}}}))
		unlockProduct()
		if err != nil {
			s.log.Error("stock of a released reservation not given back", "order", orderID, "product", it.ProductID, "quantity", it.Quantity, "err", err)
			continue
		}
		changed = append(changed, it.ProductID)
	}
	s.publishIDs(ctx, changed)
	return nil
}

// Unreleased lists orders whose reservations were made between from and to
// and never released. The order service checks which of them lack an order:
// checkouts that died between reserving and storing their order.
func (s *Service) Unreleased(ctx context.Context, from, to time.Time) ([]string, error) {
	cur, err := s.reservations().Find(ctx, bson.D{{"released", false}, {"at", bson.D{{"$gte", from}, {"$lt", to}}}})
	if err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	var docs []reservationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.OrderID
	}
	return ids, nil
}

func (s *Service) publishIDs(ctx context.Context, ids []string) {
	if err := s.Refresh(ctx, ids...); err != nil {
		s.log.Warn("refresh products", "products", ids, "err", err)
	}
}
