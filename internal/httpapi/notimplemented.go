package httpapi

import (
	"context"

	"github.com/donpalito/donpalitojr/internal/api"
)

// The operations below are part of the contract but not live yet: they answer
// 501 not_implemented. The README lists what is live.

func (h *Handler) SimulateDevPayment(context.Context, api.SimulateDevPaymentRequestObject) (api.SimulateDevPaymentResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) CreatePaymentIntent(context.Context, api.CreatePaymentIntentRequestObject) (api.CreatePaymentIntentResponseObject, error) {
	return nil, errNotImplemented
}

func (h *Handler) ReceiveStripeWebhook(context.Context, api.ReceiveStripeWebhookRequestObject) (api.ReceiveStripeWebhookResponseObject, error) {
	return nil, errNotImplemented
}
