package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
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

// Reserve takes the stock an order needs, for every product or for none.
// The reservation is recorded first; then each product's stock moves by a
// guarded decrement (stock ≥ n, order not yet holding it) that also adds the
// order to the product's held list, in one single-document write; when one
// product refuses, the units already taken go back. Demand for one product
// is summed first, whatever the number of lines.
func (s *Service) Reserve(ctx context.Context, orderID string, demand []Demand) error {
	taken, docs, err := s.reserve(ctx, orderID, demand)
	// Readers see the new stock: the updated documents themselves, or
	// (after a give-back) fresh reads.
	if err == nil {
		s.publish(ctx, docs...)
	} else {
		s.publishIDs(ctx, taken)
	}
	return err
}

// reserve does Reserve's work and returns the products whose stock changed,
// with their documents after the change.
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

	now := s.now()
	doc := reservationDoc{OrderID: orderID, At: now, Marked: true}
	for _, id := range ids {
		doc.Items = append(doc.Items, reservedItem{ProductID: id, Quantity: byProduct[id]})
	}
	// Intent first: a crash after this line leaves a record that recovery
	// finishes (gives back whatever the products say they hold).
	if err := s.db.insertReservation(ctx, doc); err != nil {
		return nil, nil, err
	}

	var taken, short []string
	var docs []productDoc
	var failure error
	for _, id := range ids {
		n := byProduct[id]
		d, matched, err := s.db.take(ctx, id, orderID, n, now)
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
	// Give back what was taken, then drop the intent. If this fails half-way the reservation stays and recovery
	// finishes it, since no order will ever exist for it.
	for _, id := range taken {
		if _, err := s.db.unhold(ctx, id, orderID, byProduct[id], s.now()); err != nil {
			s.log.Error("could not give back reserved stock", "order", orderID, "product", id, "quantity", byProduct[id], "err", err)
			return taken, nil, errors.Join(failure, err)
		}
	}
	if err := s.db.deleteReservation(ctx, orderID); err != nil {
		s.log.Warn("drop an unused stock reservation", "order", orderID, "err", err)
	}
	if failure != nil {
		return taken, nil, failure
	}
	return taken, nil, &StockError{ProductIDs: short}
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
	r, found, err := s.db.findReservation(ctx, orderID)
	if err != nil || !found || r.Released {
		return nil, err
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
		given, err := s.db.unhold(ctx, it.ProductID, orderID, qty, s.now())
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
	if err := s.db.deleteReservation(ctx, orderID); err != nil {
		return moved, fmt.Errorf("settle reservation of order %s: %w", orderID, err)
	}
	return moved, nil
}

// releaseUnmarked settles a reservation written before products kept held
// lists: flag it released, then give the units back (the old order, kept
// for the reservations in flight when the server was upgraded).
func (s *Service) releaseUnmarked(ctx context.Context, r reservationDoc, giveBack bool) (map[string]int, error) {
	released, err := s.db.markReleased(ctx, r.OrderID)
	if err != nil || !released || !giveBack {
		return nil, err
	}
	moved := map[string]int{}
	var changed []string
	for _, it := range r.Items {
		if err := s.db.giveBack(ctx, it.ProductID, it.Quantity, s.now()); err != nil {
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
	docs, err := s.db.liveReservations(ctx, before)
	if err != nil {
		return nil, err
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
