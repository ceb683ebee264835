package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/payment"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

var paymentProblems = []problemRule{
	{order.ErrNotCardOrder, http.StatusConflict, "invalid_transition", "El pedido no es un pedido con tarjeta pendiente de pago."},
}

// withPaymentKeys adds what a client needs to pay a pending card order.
func (h *Handler) withPaymentKeys(o api.Order) api.Order {
	if o.Payment.Provider == api.OrderPaymentProviderStripe && o.Status == api.OrderStatusPending {
		o.Payment.PublishableKey = optional(h.deps.Payments.PublishableKey())
	}
	return o
}

func (h *Handler) CreatePaymentIntent(ctx context.Context, req api.CreatePaymentIntentRequestObject) (api.CreatePaymentIntentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := h.deps.Payments.EnsureIntent(ctx, p.UserID, req.Body.OrderId)
	if err != nil {
		return nil, err
	}
	res := api.CreatePaymentIntent200JSONResponse{
		OrderId: o.ID.Hex(), IntentId: o.Payment.IntentID, ClientSecret: o.Payment.ClientSecret,
		Provider: api.PaymentIntentProvider(o.Payment.Provider), Status: "requires_payment_method",
		Amount: o.Total, Currency: o.Currency,
	}
	if o.Payment.Provider == "stripe" {
		res.PublishableKey = optional(h.deps.Payments.PublishableKey())
	}
	return res, nil
}

// ReceiveStripeWebhook applies a payment event once its signature over the
// exact body checks out; redeliveries of a processed event change nothing.
func (h *Handler) ReceiveStripeWebhook(ctx context.Context, req api.ReceiveStripeWebhookRequestObject) (api.ReceiveStripeWebhookResponseObject, error) {
	body, ok := rawBody(ctx)
	if !ok {
		return nil, errors.New("the gate did not keep the raw body of the webhook")
	}
	if _, err := h.receiveStripe(ctx, deref(req.Params.StripeSignature), body); err != nil {
		return nil, err
	}
	return api.ReceiveStripeWebhook200JSONResponse{Received: true}, nil
}

// receiveStripe verifies a signed Stripe event and has the payment service
// apply it once (the webhook ledger remembers processed event ids).
func (h *Handler) receiveStripe(ctx context.Context, signature string, body []byte) (stripe.Event, error) {
	ev, err := h.deps.Payments.ParseEvent(signature, body)
	if err != nil {
		if errors.Is(err, webhook.ErrInvalidSignature) {
			h.log.WarnContext(ctx, "stripe webhook refused", "request_id", RequestIDFrom(ctx), "err", err)
		}
		return stripe.Event{}, err
	}
	if _, err := h.deps.Webhooks.ProcessOnce(ctx, "stripe:"+ev.ID, func(ctx context.Context) error {
		return h.deps.Payments.Apply(ctx, ev)
	}); err != nil {
		return stripe.Event{}, err
	}
	return ev, nil
}

// SimulateDevPayment plays the card provider in dev mode: it builds the
// Stripe-format event of the outcome, signs it with the webhook secret and
// hands it to the same verification and once-only processing as the webhook.
func (h *Handler) SimulateDevPayment(ctx context.Context, req api.SimulateDevPaymentRequestObject) (api.SimulateDevPaymentResponseObject, error) {
	notFound := newProblem(http.StatusNotFound, "not_found", "No existe la ruta /api/dev/payments/{orderId}/simulate.")
	if h.deps.DevSigner == nil || !h.deps.Payments.Available() {
		return nil, notFound
	}
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var o order.Order
	if p.IsAdmin() {
		o, err = h.deps.Orders.Get(ctx, req.OrderId)
	} else {
		o, err = h.deps.Orders.GetFor(ctx, p.UserID, req.OrderId)
	}
	if err != nil {
		return nil, err
	}
	if o.Payment.Provider != h.deps.Payments.Provider.Name() || o.Payment.Provider != "simulated" {
		return nil, order.ErrNotCardOrder
	}
	ev, body, err := payment.SimulatedEvent(o, req.Body.Outcome == api.DevPaymentSimulationOutcomeSucceeded, time.Now())
	if err != nil {
		return nil, err
	}
	// Signed and applied exactly as a delivery from Stripe would be, without
	// pretending to be an HTTP request.
	sig := webhook.SignStripe(h.deps.Payments.WebhookSecret, time.Now(), body)
	if _, err := h.receiveStripe(context.WithoutCancel(ctx), sig, body); err != nil {
		return nil, fmt.Errorf("apply the simulated event: %w", err)
	}
	if o, err = h.deps.Orders.Get(ctx, o.ID.Hex()); err != nil {
		return nil, err
	}
	viewer := order.ActorCustomer
	if p.IsAdmin() {
		viewer = order.ActorAdmin
	}
	return api.SimulateDevPayment200JSONResponse{EventId: ev.ID, EventType: string(ev.Type), Order: toAPIOrder(o, viewer)}, nil
}
