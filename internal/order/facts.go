package order

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/faults"
)

// The events an order records about itself.
const (
	EventCreated       = "order.created"
	EventPaid          = "order.paid"
	EventStatusChanged = "order.status_changed"
	EventCanceled      = "order.canceled"
)

// FactEvent is an event written in the same single-document write as the
// fact it describes (the order's insert or status change), so no crash can
// keep the fact and lose the event. The Hook then moves it to the outbox;
// Key names the fact, so moving it twice records it once.
type FactEvent struct {
	Type    string         `bson:"type"`
	Key     string         `bson:"key"`
	Payload map[string]any `bson:"payload"`
}

// Orders with events not yet moved are marked in a small collection before
// the fact is written, so finding them never scans the orders (a non-_id
// filter does on the embedded database). A mark without events is dropped.
const eventMarksCollection = "order_event_marks"

type markDoc struct {
	OrderID string    `bson:"_id"`
	At      time.Time `bson:"at"`
}

func (s *Service) marks() *mongo.Collection { return s.d.Store.DB.Collection(eventMarksCollection) }

// mark records that orderID is about to carry events (the intent).
func (s *Service) mark(ctx context.Context, orderID string) error {
	_, err := s.marks().UpdateOne(ctx, bson.D{{"_id", orderID}}, bson.D{{"$set", bson.D{{"at", s.now()}}}},
		options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mark order events: %w", err)
	}
	return nil
}

func eventPayload(o Order, from Status) map[string]any {
	p := map[string]any{
		"orderId": o.ID.Hex(), "userId": o.UserID, "reference": o.Reference(), "status": string(o.Status),
		"total": o.Total, "currency": o.Currency, "paymentMethod": string(o.PaymentMethod),
	}
	if from != "" {
		p["from"] = string(from)
	}
	return p
}

// movedEvents are the events of o's move from `from` to to.
func movedEvents(o Order, from, to Status) []FactEvent {
	o.Status = to
	p := eventPayload(o, from)
	id := o.ID.Hex()
	evs := []FactEvent{{Type: EventStatusChanged, Key: id + ":" + string(to), Payload: p}}
	switch to {
	case Paid:
		evs = append(evs, FactEvent{Type: EventPaid, Key: id, Payload: p})
	case Canceled, Rejected:
		evs = append(evs, FactEvent{Type: EventCanceled, Key: id, Payload: p})
	}
	return evs
}

// drain moves an order's recorded events to the outbox, clears them from
// the order and drops its mark. The caller holds the order (lockOrder). Every
// step can run again: the outbox keeps one event per key, and the events are
// cleared only if no new one was recorded since they were read.
func (s *Service) drain(ctx context.Context, orderID string) error {
	oid, err := bson.ObjectIDFromHex(orderID)
	if err != nil {
		return nil
	}
	var o Order
	err = s.orders().FindOne(ctx, bson.D{{"_id", oid}},
		options.FindOne().SetProjection(bson.D{{"events", 1}, {"eventSeq", 1}})).Decode(&o)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("read order events: %w", err)
	}
	if len(o.Events) > 0 {
		for _, e := range o.Events {
			if err := s.d.Hook.Publish(ctx, orderID, e); err != nil {
				return fmt.Errorf("move %s to the outbox: %w", e.Type, err)
			}
		}
		faults.Point("order.events.published")
		cleared, err := s.db.clearEvents(ctx, oid, o.EventSeq)
		if err != nil {
			return fmt.Errorf("clear moved order events: %w", err)
		}
		if !cleared {
			return nil // newer events came; their writer drains them
		}
	}
	if _, err := s.marks().DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
		return fmt.Errorf("drop order events mark: %w", err)
	}
	return nil
}

// DrainEvents moves to the outbox the events of orders marked before
// now-grace: those whose writer crashed (or failed) between the fact and the
// move. It returns how many orders it drained; each is logged.
func (s *Service) DrainEvents(ctx context.Context, grace time.Duration) (int, error) {
	cur, err := s.marks().Find(ctx, bson.D{{"at", bson.D{{"$lt", s.now().Add(-grace)}}}})
	if err != nil {
		return 0, fmt.Errorf("find order event marks: %w", err)
	}
	var marks []markDoc
	if err := cur.All(ctx, &marks); err != nil {
		return 0, fmt.Errorf("find order event marks: %w", err)
	}
	n := 0
	for _, m := range marks {
		unlock := s.db.lockOrder(m.OrderID)
		err := s.drain(ctx, m.OrderID)
		unlock()
		if err != nil {
			return n, err
		}
		s.d.Log.Warn("recovery: moved the events of an order to the outbox", "order", m.OrderID, "markedAt", m.At)
		n++
	}
	return n, nil
}

// RefundsPendingSince lists card orders canceled before `before` whose
// refund is still pending: refunds a provider never confirmed or that
// failed every retry.
func (s *Service) RefundsPendingSince(ctx context.Context, before time.Time) ([]Order, error) {
	return s.d.Reads.RefundsPending(ctx, before, 500)
}
