package payment

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/validation"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

// Service is card payments.
type Service struct {
	// Provider is nil when card payments are unavailable.
	Provider Provider
	Orders   *order.Service
	Users    *customer.Service
	Outbox   *events.Outbox
	// WebhookSecret verifies the provider's webhook deliveries.
	WebhookSecret string
	Log           *slog.Logger
	Now           func() time.Time
}

// Available reports whether card payments can be taken.
func (s *Service) Available() bool { return s != nil && s.Provider != nil }

// PublishableKey is the key clients use with the provider ("" when none).
func (s *Service) PublishableKey() string {
	if !s.Available() {
		return ""
	}
	return s.Provider.PublishableKey()
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// EnsureIntent returns userID's pending card order with its PaymentIntent,
// creating the intent when the order has none: for exactly the order's total
// and currency, for the user's provider customer (created once), with ids
// only in its metadata and an idempotency key derived from the order and the
// attempt, so concurrent or repeated calls make one intent.
func (s *Service) EnsureIntent(ctx context.Context, userID, orderID string) (order.Order, error) {
	if !s.Available() {
		return order.Order{}, order.ErrPaymentMethodUnavailable
	}
	o, err := s.Orders.GetFor(ctx, userID, orderID)
	if err != nil {
		return order.Order{}, err
	}
	if err := order.CheckPendingCard(o); err != nil {
		return order.Order{}, err
	}
	if o.Payment.IntentID != "" && o.Payment.ClientSecret != "" {
		return o, nil
	}
	u, err := s.Users.Get(ctx, userID)
	if err != nil {
		return order.Order{}, err
	}
	custID, err := s.Provider.EnsureCustomer(ctx, u.ID, u.Email, u.Name, u.StripeCustomerID)
	if err != nil {
		return order.Order{}, err
	}
	if custID != "" && custID != u.StripeCustomerID {
		if custID, err = s.Users.SetStripeCustomer(ctx, u.ID, custID); err != nil {
			return order.Order{}, err
		}
	}
	attempt := o.Payment.Attempt + 1
	in, err := s.Provider.CreateIntent(ctx, IntentRequest{
		OrderID: o.ID.Hex(), UserID: o.UserID, CustomerID: custID, Amount: o.Total, Currency: o.Currency,
		IdempotencyKey: "pi:" + o.ID.Hex() + ":" + itoa(attempt),
	})
	if err != nil {
		return order.Order{}, err
	}
	if in.Amount != o.Total || !strings.EqualFold(in.Currency, o.Currency) {
		return order.Order{}, fmt.Errorf("the provider made an intent of %d %s for an order of %d %s", in.Amount, in.Currency, o.Total, o.Currency)
	}
	return s.Orders.RecordIntent(ctx, o.ID.Hex(), s.Provider.Name(), in.ID, in.ClientSecret, attempt)
}

// ParseEvent verifies a delivery's signature over the exact body and decodes
// it as a stripe.Event; any doubt about the signature is
// webhook.ErrInvalidSignature, a signed body that is not an event a
// validation error.
func (s *Service) ParseEvent(signature string, body []byte) (stripe.Event, error) {
	e, err := webhook.ConstructStripeEvent(s.WebhookSecret, signature, body, s.now())
	if errors.Is(err, webhook.ErrMalformedEvent) {
		return stripe.Event{}, validation.Fail("body", validation.Malformed, "No es un evento de Stripe.")
	}
	return e, err
}

// eventObject is what Apply reads of an event's data.object, taken from the
// stripe-go type of the object the event carries.
type eventObject struct {
	intentID, orderID string
	intent            stripe.PaymentIntent // payment_intent.* events
	amountRefunded    int64                // charge.refunded
	refund            stripe.Refund        // refund.updated
}

// objectOf decodes the data.object of the events Apply acts on; ok is false
// for every other type.
func objectOf(e stripe.Event) (obj eventObject, ok bool, err error) {
	var into any
	switch e.Type {
	case stripe.EventTypePaymentIntentSucceeded, stripe.EventTypePaymentIntentPaymentFailed, stripe.EventTypePaymentIntentCanceled:
		into = &obj.intent
	case stripe.EventTypeChargeRefunded:
		into = &stripe.Charge{}
	case stripe.EventTypeRefundUpdated:
		into = &obj.refund
	default:
		return obj, false, nil
	}
	if err := json.Unmarshal(e.Data.Raw, into); err != nil {
		return obj, false, validation.Fail("body", validation.Malformed, "El objeto del evento de Stripe no se puede leer.")
	}
	var metadata map[string]string
	switch o := into.(type) {
	case *stripe.PaymentIntent:
		obj.intentID, metadata = o.ID, o.Metadata
	case *stripe.Charge:
		obj.amountRefunded, metadata = o.AmountRefunded, o.Metadata
		if o.PaymentIntent != nil {
			obj.intentID = o.PaymentIntent.ID
		}
	case *stripe.Refund:
		metadata = o.Metadata
		if o.PaymentIntent != nil {
			obj.intentID = o.PaymentIntent.ID
		}
	}
	obj.orderID = metadata["orderId"]
	return obj, true, nil
}

// Apply drives the order of a verified event through guarded moves. Events
// for unknown orders, and events that arrive after a later state, change
// nothing.
func (s *Service) Apply(ctx context.Context, e stripe.Event) error {
	obj, ok, err := objectOf(e)
	if !ok || err != nil {
		return err
	}
	intentID := obj.intentID
	o, err := s.orderOf(ctx, obj.orderID, intentID)
	if errors.Is(err, order.ErrNotFound) {
		s.Log.Warn("payment event for an unknown order", "event", e.ID, "type", e.Type, "intent", intentID)
		return nil
	}
	if err != nil {
		return err
	}
	if !ownIntent(o, intentID) {
		// The metadata is the sender's word; the intent id is ours. A
		// success for an intent that is not this order's (a transfer order,
		// another attempt, someone else's payment) never pays it: it is kept
		// on the order for a person to look at.
		s.Log.Warn("payment event for an intent that is not the order's", "event", e.ID, "type", e.Type,
			"order", o.ID.Hex(), "intent", intentID, "orderIntent", o.Payment.IntentID, "method", o.PaymentMethod)
		if e.Type != stripe.EventTypePaymentIntentSucceeded {
			return nil
		}
		_, err := s.Orders.FlagUnexpectedPayment(ctx, o.ID.Hex(), intentID)
		return err
	}
	switch e.Type {
	case stripe.EventTypePaymentIntentSucceeded:
		return s.succeeded(ctx, o, obj.intent)
	case stripe.EventTypePaymentIntentPaymentFailed:
		msg := "El pago fue rechazado."
		if pe := obj.intent.LastPaymentError; pe != nil && pe.Msg != "" {
			msg = pe.Msg
		}
		_, err := s.Orders.RecordPaymentFailure(ctx, o.ID.Hex(), msg)
		return ignoreKeep(err)
	case stripe.EventTypePaymentIntentCanceled:
		if o.Status != order.Pending {
			return nil
		}
		_, err := s.Orders.Transition(ctx, o.ID.Hex(), order.Move{To: order.Rejected, Actor: order.ActorPayment, Note: "Pago cancelado"})
		return ignoreInvalid(err)
	case stripe.EventTypeChargeRefunded:
		status := "pending"
		if obj.amountRefunded > 0 {
			status = "succeeded"
		}
		return s.recordRefund(ctx, o, status, obj.amountRefunded)
	default: // refund.updated
		status := string(obj.refund.Status)
		switch status {
		case "succeeded", "failed", "pending":
		case "canceled":
			status = "failed"
		default:
			status = "pending"
		}
		return s.recordRefund(ctx, o, status, obj.refund.Amount)
	}
}

func ignoreKeep(err error) error {
	if order.IsKeep(err) {
		return nil
	}
	return err
}

func ignoreInvalid(err error) error {
	if errors.Is(err, order.ErrInvalidTransition) {
		return nil
	}
	return err
}

// ownIntent reports whether intentID is the PaymentIntent the order made.
func ownIntent(o order.Order, intentID string) bool {
	return o.PaymentMethod == order.Card && intentID != "" && o.Payment.IntentID == intentID
}

// orderOf finds an event's order: by the id in the metadata (a primary-key
// read), else by the intent.
func (s *Service) orderOf(ctx context.Context, orderID, intentID string) (order.Order, error) {
	if orderID != "" {
		return s.Orders.Get(ctx, orderID)
	}
	if intentID == "" {
		return order.Order{}, order.ErrNotFound
	}
	return s.Orders.FindByIntent(ctx, intentID)
}

// succeeded pays a pending order whose amount and currency match; flags a
// mismatch; and refunds a success that came after the order expired.
func (s *Service) succeeded(ctx context.Context, o order.Order, pi stripe.PaymentIntent) error {
	if o.Status == order.Pending {
		if pi.Amount != o.Total || !strings.EqualFold(string(pi.Currency), o.Currency) {
			s.Log.Warn("payment amount does not match the order", "order", o.ID.Hex(), "paid", pi.Amount, "currency", pi.Currency, "total", o.Total)
			_, err := s.Orders.FlagPayment(ctx, o.ID.Hex(), order.FlagAmountMismatch, false)
			return err
		}
		_, err := s.Orders.Transition(ctx, o.ID.Hex(), order.Move{To: order.Paid, Actor: order.ActorPayment, Note: "Pago con tarjeta confirmado"})
		if !errors.Is(err, order.ErrInvalidTransition) {
			return err
		}
		// Moved meanwhile (expired by the sweeper?): look again.
		if o, err = s.Orders.Get(ctx, o.ID.Hex()); err != nil {
			return err
		}
	}
	if o.Status != order.Canceled && o.Status != order.Rejected {
		return nil // paid already: a redelivery or a duplicate
	}
	if o.Payment.RefundStatus == "succeeded" {
		return nil
	}
	o, err := s.Orders.FlagPayment(ctx, o.ID.Hex(), order.FlagLatePayment, true)
	if err != nil {
		return err
	}
	if o.Payment.IntentID == "" {
		o.Payment.IntentID = pi.ID
	}
	return s.refund(ctx, o)
}

// refund gives a card order's money back, once (the provider de-duplicates
// by the idempotency key).
func (s *Service) refund(ctx context.Context, o order.Order) error {
	if !s.Available() {
		return order.ErrPaymentMethodUnavailable
	}
	if o.Payment.IntentID == "" {
		s.Log.Error("cannot refund an order without a PaymentIntent", "order", o.ID.Hex())
		return nil
	}
	r, err := s.Provider.Refund(ctx, RefundRequest{
		OrderID: o.ID.Hex(), IntentID: o.Payment.IntentID, Amount: o.Total,
		IdempotencyKey: "refund:" + o.ID.Hex() + ":" + o.Payment.IntentID,
	})
	if err != nil {
		return err
	}
	status := r.Status
	if status != "succeeded" && status != "failed" {
		status = "pending"
	}
	return s.recordRefund(ctx, o, status, r.Amount)
}

func (s *Service) recordRefund(ctx context.Context, o order.Order, status string, amount int64) error {
	o, err := s.Orders.RecordRefund(ctx, o.ID.Hex(), status, amount)
	if err != nil {
		return err
	}
	if o.Payment.RefundStatus == "succeeded" {
		_, err = s.Outbox.Publish(ctx, events.OrderRefunded, o.ID.Hex(), o.ID.Hex(), map[string]any{
			"orderId": o.ID.Hex(), "userId": o.UserID, "amount": o.Payment.RefundedAmount, "currency": o.Currency,
		})
	}
	return err
}

// RefundHandler is the outbox handler that refunds card orders canceled
// after payment (the cancel marked their refund pending).
func (s *Service) RefundHandler() events.Handler {
	return events.HandlerFunc("refund", func(ctx context.Context, e events.Event) error {
		if e.Type != events.OrderCanceled && e.Type != events.OrderRefundRetry {
			return nil
		}
		o, err := s.Orders.Get(ctx, e.String("orderId"))
		if err != nil {
			if errors.Is(err, order.ErrNotFound) {
				return nil
			}
			return err
		}
		if o.PaymentMethod != order.Card || o.Payment.RefundStatus != "pending" {
			return nil
		}
		return s.refund(ctx, o)
	})
}

// RedriveRefunds re-drives refunds stuck in "pending" for longer than after
// since their order was canceled: each gets an order.refund_retry event (one
// per period, so it shows in GET /api/admin/events with its attempts and
// last error) whose delivery runs the refund again with the same idempotency
// key, so the provider never pays twice. It returns how many it re-drove.
func (s *Service) RedriveRefunds(ctx context.Context, after time.Duration) (int, error) {
	now := time.Now().UTC()
	if s.Now != nil {
		now = s.Now()
	}
	stuck, err := s.Orders.RefundsPendingSince(ctx, now.Add(-after))
	if err != nil {
		return 0, err
	}
	for _, o := range stuck {
		period := int64(now.Sub(*o.CanceledAt) / after)
		key := fmt.Sprintf("%s:%d", o.ID.Hex(), period)
		if _, err := s.Outbox.Publish(ctx, events.OrderRefundRetry, key, o.ID.Hex(), map[string]any{
			"orderId": o.ID.Hex(), "userId": o.UserID, "amount": o.Total, "currency": o.Currency, "canceledAt": *o.CanceledAt,
		}); err != nil {
			return 0, err
		}
		s.Log.Warn("refund still pending; trying again", "order", o.ID.Hex(), "canceledAt", o.CanceledAt, "retry", period)
	}
	return len(stuck), nil
}

// SimulatedEvent builds the Stripe-format event a card payment of o would
// produce: payment_intent.succeeded, or payment_intent.payment_failed.
func SimulatedEvent(o order.Order, succeeded bool, at time.Time) (stripe.Event, []byte, error) {
	if o.PaymentMethod != order.Card || o.Payment.IntentID == "" {
		return stripe.Event{}, nil, order.ErrNotCardOrder
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	typ := "payment_intent.succeeded"
	pi := map[string]any{
		"id": o.Payment.IntentID, "object": "payment_intent", "amount": o.Total, "amount_received": o.Total,
		"currency": strings.ToLower(o.Currency), "status": "succeeded",
		"metadata": map[string]string{"orderId": o.ID.Hex(), "userId": o.UserID},
	}
	if !succeeded {
		typ = "payment_intent.payment_failed"
		pi["status"], pi["amount_received"] = "requires_payment_method", 0
		pi["last_payment_error"] = map[string]any{"code": "card_declined", "message": "Tu tarjeta fue rechazada."}
	}
	ev := map[string]any{
		"id": "evt_sim_" + hex.EncodeToString(b), "object": "event", "type": typ, "created": at.Unix(),
		"livemode": false, "api_version": stripe.APIVersion, "data": map[string]any{"object": pi},
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return stripe.Event{}, nil, fmt.Errorf("encode simulated event: %w", err)
	}
	var e stripe.Event
	if err := json.Unmarshal(body, &e); err != nil {
		return stripe.Event{}, nil, fmt.Errorf("decode simulated event: %w", err)
	}
	return e, body, nil
}
