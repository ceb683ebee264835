package httpapi

import (
	"context"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/events"
)

var eventProblems = []problemRule{
	{events.ErrNotFound, http.StatusNotFound, "not_found", "El evento no existe."},
	{events.ErrNotRetryable, http.StatusConflict, "conflict", "El evento ya se entregó o se está entregando."},
}

func toAPIEvent(e events.Event) api.OutboxEvent {
	out := api.OutboxEvent{
		Id: e.ID.Hex(), Type: e.Type, State: api.OutboxEventState(e.State), Attempts: e.Attempts,
		AggregateId: optional(e.AggregateID), Payload: e.Payload, LastError: optional(e.LastError),
		DeliveredAt: utc(e.DeliveredAt), CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC(),
	}
	if out.Payload == nil {
		out.Payload = map[string]any{}
	}
	if e.State == events.Pending {
		out.NextAttemptAt = utc(&e.NextAttemptAt)
	}
	return out
}

func (h *Handler) ListEvents(ctx context.Context, req api.ListEventsRequestObject) (api.ListEventsResponseObject, error) {
	p := req.Params
	page, err := h.deps.Events.List(ctx, events.Query{
		Type: deref(p.Type), State: events.State(deref(p.State)), Page: deref(p.Page), Limit: deref(p.Limit),
	})
	if err != nil {
		return nil, err
	}
	items := make([]api.OutboxEvent, len(page.Items))
	for i, e := range page.Items {
		items[i] = toAPIEvent(e)
	}
	return api.ListEvents200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}

func (h *Handler) RetryEvent(ctx context.Context, req api.RetryEventRequestObject) (api.RetryEventResponseObject, error) {
	e, err := h.deps.Events.Retry(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return api.RetryEvent200JSONResponse(toAPIEvent(e)), nil
}
