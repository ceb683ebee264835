package events

import (
	"context"
	"log/slog"

	"github.com/donpalito/donpalitojr/internal/order"
)

// OrderHook moves the events an order recorded with its facts into the
// outbox. Each event's id is derived from its key, so moving it again (after
// a crash, by the sweep) never duplicates it.
type OrderHook struct {
	Outbox *Outbox
	Log    *slog.Logger
}

var _ order.Hook = OrderHook{}

// Publish records one order event in the outbox.
func (h OrderHook) Publish(ctx context.Context, orderID string, e order.FactEvent) error {
	_, err := h.Outbox.Publish(ctx, e.Type, e.Key, orderID, e.Payload)
	return err
}
