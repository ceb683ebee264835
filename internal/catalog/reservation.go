package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
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

// reservationDoc records what an order takes. It is written before any stock
// moves (the intent) and deleted only once every unit is given back or the
// order has consumed it (the effect done), so after a crash at any point the
// live reservations name every order whose stock may still be in flight.
type reservationDoc struct {
	OrderID string         `bson:"_id"`
	Items   []reservedItem `bson:"items"`
	// Marked reservations record themselves in each product's held list.
	// Older ones (written before the markers existed) are given back the old
	// way: flag first, then stock.
	Marked   bool      `bson:"marked"`
	Released bool      `bson:"released"`
	At       time.Time `bson:"at"`
}

type reservedItem struct {
	ProductID string `bson:"productId"`
	Quantity  int    `bson:"quantity"`
}

// Reservation is a live stock reservation, for recovery.
type Reservation struct {
	OrderID string
	At      time.Time
	Items   []Demand
}

func (s *Service) reservations() *mongo.Collection {
	return s.db.s.DB.Collection(reservationsCollection)
}

// Reserve takes the stock an order needs, for every product or for none.
// The reservation is recorded first; then each product's stock moves by a
// guarded decrement (stock ≥ n, order not yet holding it) that also adds the
// order to the product's held list, in one single-document write. The product
// locks, taken in id order, make the all-or-none step exact on the embedded
// database too. Demand for one product is summed first, whatever the number
// of lines.
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

	now := s.now()
	doc := reservationDoc{OrderID: orderID, At: now, Marked: true}
	for _, id := range ids {
		doc.Items = append(doc.Items, reservedItem{ProductID: id, Quantity: byProduct[id]})
	}
	// Intent first: a crash after this line leaves a record that recovery
	// finishes (gives back whatever the products say they hold).
	if _, err := s.reservations().InsertOne(ctx, doc); err != nil {
		return nil, nil, fmt.Errorf("record stock reservation: %w", err)
	}

	var taken, short []string
	var docs []productDoc
	var failure error
	for _, id := range ids {
		n := byProduct[id]
		d, matched, err := s.db.update(ctx, id,
			func(p productDoc) bool { return p.Active && p.Stock >= n && !slices.Contains(p.Held, orderID) },
			bson.D{{"active", true}, {"stock", bson.D{{"$gte", n}}}, {"held", bson.D{{"$ne", orderID}}}},
			bson.D{{"$inc", bson.D{{"stock", -n}}}, {"$set", bson.D{{"updatedAt", now}}}, {"$push", bson.D{{"held", orderID}}}})
		switch {
		case errors.Is(err, ErrNotFound) || (err == nil && !matched):
			short = append(short, id)
		case err != nil:
			failure = err
		default:
			taken = append(taken, id)
			docs = append(docs, d)
		}
		if failure != nil {
			break
		}
	}
	if failure == nil && len(short) == 0 {
		return taken, docs, nil
	}
	// Give back what was taken (the product locks are held), then drop the
	// intent. If this fails half-way the reservation stays and recovery
	// finishes it, since no order will ever exist for it.
	for _, id := range taken {
		if _, err := s.unhold(ctx, orderID, id, byProduct[id]); err != nil {
			s.log.Error("could not give back reserved stock", "order", orderID, "product", id, "quantity", byProduct[id], "err", err)
			return taken, nil, errors.Join(failure, err)
		}
	}
	if _, err := s.reservations().DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
		s.log.Warn("drop an unused stock reservation", "order", orderID, "err", err)
	}
	if failure != nil {
		return taken, nil, failure
	}
	return taken, nil, &StockError{ProductIDs: short}
}

// unhold removes orderID from product id's held list, adding qty back to the
// stock (0 when the order consumed its units), once: the stock and the held
// list change in one guarded write, so running it again (after a crash, from
// recovery) finds nothing to do. It works on deleted products too: their
// stock still comes back. The caller holds the product's lock.
func (s *Service) unhold(ctx context.Context, orderID, id string, qty int) (bool, error) {
	oid, err := parseID(id)
	if err != nil {
		return false, nil
	}
	if s.db.s.Embedded {
		// The lock is held: check the guard on a fresh read (see store.ByID).
		var d productDoc
		err := s.db.products().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("find product: %w", err)
		}
		if !slices.Contains(d.Held, orderID) {
			return false, nil
		}
	}
	change := bson.D{{"$pull", bson.D{{"held", orderID}}}}
	if qty != 0 {
		change = append(change, bson.E{"$inc", bson.D{{"stock", qty}}}, bson.E{"$set", bson.D{{"updatedAt", s.now()}}})
	}
	res, err := s.db.products().UpdateOne(ctx, s.db.s.ByID(oid, bson.E{"held", orderID}), withRev(change))
	if err != nil {
		return false, fmt.Errorf("give back held stock: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// Release returns an order's reserved stock, exactly once however often it
// is called and wherever a previous call stopped: each product gives back
// only what it still holds for the order, and the reservation is deleted
// last.
func (s *Service) Release(ctx context.Context, orderID string) error {
	_, err := s.settle(ctx, orderID, true)
	return err
}

// Consume ends a reservation whose order keeps its units for good (it can no
// longer be canceled): the products forget the order without any stock
// moving, and the reservation is deleted. Idempotent like Release.
func (s *Service) Consume(ctx context.Context, orderID string) error {
	_, err := s.settle(ctx, orderID, false)
	return err
}

// ReleaseCounted is Release that reports how many units each product got
// back, so recovery can log its corrections.
func (s *Service) ReleaseCounted(ctx context.Context, orderID string) (map[string]int, error) {
	return s.settle(ctx, orderID, true)
}

func (s *Service) settle(ctx context.Context, orderID string, giveBack bool) (map[string]int, error) {
	unlock := s.locks.Lock("reservation:" + orderID)
	defer unlock()
	var r reservationDoc
	err := s.reservations().FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && r.Released) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find stock reservation: %w", err)
	}
	if !r.Marked {
		return s.releaseUnmarked(ctx, r, giveBack)
	}
	moved := map[string]int{}
	var changed []string
	for _, it := range r.Items {
		qty := 0
		if giveBack {
			qty = it.Quantity
		}
		unlockProduct := s.locks.Lock("product:" + it.ProductID)
		given, err := s.unhold(ctx, orderID, it.ProductID, qty)
		unlockProduct()
		if err != nil {
			// The reservation stays: the next call (or recovery) finishes.
			return moved, fmt.Errorf("settle reservation of order %s: %w", orderID, err)
		}
		if given && qty > 0 {
			moved[it.ProductID] = qty
			changed = append(changed, it.ProductID)
		}
	}
	s.publishIDs(ctx, changed)
	if _, err := s.reservations().DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
		return moved, fmt.Errorf("drop settled stock reservation: %w", err)
	}
	return moved, nil
}

// releaseUnmarked settles a reservation written before products kept held
// lists: flag it released, then give the units back (the old order, kept
// for the reservations in flight when the server was upgraded).
func (s *Service) releaseUnmarked(ctx context.Context, r reservationDoc, giveBack bool) (map[string]int, error) {
	res, err := s.reservations().UpdateOne(ctx, s.db.s.ByID(r.OrderID, bson.E{"released", false}),
		bson.D{{"$set", bson.D{{"released", true}}}})
	if err != nil {
		return nil, fmt.Errorf("release stock reservation: %w", err)
	}
	if res.ModifiedCount == 0 || !giveBack {
		return nil, nil
	}
	moved := map[string]int{}
	var changed []string
	for _, it := range r.Items {
		unlockProduct := s.locks.Lock("product:" + it.ProductID)
		oid, _ := parseID(it.ProductID)
		_, err := s.db.products().UpdateOne(ctx, bson.D{{"_id", oid}},
			withRev(bson.D{{"$inc", bson.D{{"stock", it.Quantity}}}, {"$set", bson.D{{"updatedAt", s.now()}}}}))
		unlockProduct()
		if err != nil {
			s.log.Error("stock of a released reservation not given back", "order", r.OrderID, "product", it.ProductID, "quantity", it.Quantity, "err", err)
			continue
		}
		moved[it.ProductID] = it.Quantity
		changed = append(changed, it.ProductID)
	}
	s.publishIDs(ctx, changed)
	return moved, nil
}

// Reservations lists the live reservations made before `before`, oldest
// first. Settled reservations are deleted, so this is proportional to the
// orders still able to give stock back, not to the shop's history.
func (s *Service) Reservations(ctx context.Context, before time.Time) ([]Reservation, error) {
	cur, err := s.reservations().Find(ctx, bson.D{{"released", false}, {"at", bson.D{{"$lt", before}}}},
		options.Find().SetSort(bson.D{{"at", 1}}))
	if err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	var docs []reservationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	out := make([]Reservation, len(docs))
	for i, d := range docs {
		out[i] = Reservation{OrderID: d.OrderID, At: d.At}
		for _, it := range d.Items {
			out[i].Items = append(out[i].Items, Demand(it))
		}
	}
	return out, nil
}

// SetClock replaces the catalog's clock (tests that simulate downtime).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) publishIDs(ctx context.Context, ids []string) {
	if len(ids) == 0 {
		return
	}
	if err := s.Refresh(ctx, ids...); err != nil {
		s.log.Warn("refresh products", "products", ids, "err", err)
	}
}
