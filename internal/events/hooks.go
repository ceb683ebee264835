package events

import (
	"context"
	"log/slog"

	"github.com/donpalito/donpalitojr/internal/order"
)

// OrderHook records the order facts as events. The order is written first and
// the event right after (there are no multi-document transactions on the
// embedded database); each fact's event id is derived from the fact, so
// recording it again never duplicates it.
type OrderHook struct {
	Outbox *Outbox
	Log    *slog.Logger
}

var _ order.Hook = OrderHook{}

func orderPayload(o order.Order) map[string]any {
	return map[string]any{
		"orderId": o.ID.Hex(), "userId": o.UserID, "reference": o.Reference(), "status": string(o.Status),
		"total": o.Total, "currency": o.Currency, "paymentMethod": string(o.PaymentMethod),
	}
}

func (h OrderHook) publish(ctx context.Context, typ, key string, o order.Order, payload map[string]any) {
	if _, err := h.Outbox.Publish(context.WithoutCancel(ctx), typ, key, o.ID.Hex(), payload); err != nil {
		h.Log.Error("record order event", "type", typ, "order", o.ID.Hex(), "err", err)
	}
}

// OrderPlaced records order.created.
func (h OrderHook) OrderPlaced(ctx context.Context, o order.Order) {
	h.publish(ctx, OrderCreated, o.ID.Hex(), o, orderPayload(o))
}

// OrderMoved records order.status_changed, plus order.paid or order.canceled.
func (h OrderHook) OrderMoved(ctx context.Context, o order.Order, from order.Status) {
	p := orderPayload(o)
	p["from"] = string(from)
	key := o.ID.Hex() + ":" + string(o.Status)
	h.publish(ctx, OrderStatusChanged, key, o, p)
	switch o.Status {
	case order.Paid:
		h.publish(ctx, OrderPaid, o.ID.Hex(), o, p)
	case order.Canceled, order.Rejected:
		h.publish(ctx, OrderCanceled, o.ID.Hex(), o, p)
	}
}
