package httpapi

import (
	"context"
	"errors"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

var webhookProblems = []problemRule{
	{webhook.ErrInvalidSignature, http.StatusBadRequest, "invalid_signature", "La firma del webhook falta, no es válida o está vencida."},
	{webhook.ErrInProgress, http.StatusConflict, "conflict", "Otra entrega de este mensaje aún se está procesando; reintenta más tarde."},
}

// ReceiveClerkWebhook applies a Clerk user event once its Svix signature over
// the exact body checks out; redeliveries of a processed message change
// nothing.
func (h *Handler) ReceiveClerkWebhook(ctx context.Context, req api.ReceiveClerkWebhookRequestObject) (api.ReceiveClerkWebhookResponseObject, error) {
	body, ok := rawBody(ctx)
	if !ok {
		return nil, errors.New("the gate did not keep the raw body of the webhook")
	}
	hdr := fromAPISvixHeaders(req.Params)
	if err := h.deps.ClerkWebhook.Verify(hdr, body); err != nil {
		h.log.WarnContext(ctx, "clerk webhook refused", "request_id", RequestIDFrom(ctx), "svix_id", hdr.ID, "err", err)
		return nil, err
	}
	_, err := h.deps.Webhooks.ProcessOnce(ctx, "clerk:"+hdr.ID, func(ctx context.Context) error {
		return h.deps.Customers.ApplyClerkEvent(ctx, body)
	})
	if err != nil {
		return nil, err
	}
	return api.ReceiveClerkWebhook200JSONResponse{Received: true}, nil
}

// fromAPISvixHeaders takes the svix-* headers, or the webhook-* ones when a
// svix-* header is missing (the same rule as Svix's own libraries).
func fromAPISvixHeaders(p api.ReceiveClerkWebhookParams) webhook.SvixHeaders {
	h := webhook.SvixHeaders{ID: deref(p.SvixId), Timestamp: deref(p.SvixTimestamp), Signature: deref(p.SvixSignature)}
	if h.ID == "" || h.Timestamp == "" || h.Signature == "" {
		h = webhook.SvixHeaders{ID: deref(p.WebhookId), Timestamp: deref(p.WebhookTimestamp), Signature: deref(p.WebhookSignature)}
	}
	return h
}
