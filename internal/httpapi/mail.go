package httpapi

import (
	"context"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/mail"
)

func toAPIMail(m mail.Message) api.MailMessage {
	files := make([]api.MailAttachment, len(m.Attachments))
	for i, a := range m.Attachments {
		files[i] = api.MailAttachment{Filename: a.Filename, ContentType: a.ContentType, Size: int64(len(a.Data))}
	}
	return api.MailMessage{
		Id: m.ID.Hex(), From: m.From, To: m.To, Subject: m.Subject, Html: m.HTML, Text: optional(m.Text),
		Attachments: files, EventId: optional(m.EventID), CreatedAt: m.CreatedAt.UTC(),
	}
}

// ListDevMailbox shows the emails kept locally. It exists only in dev mode.
func (h *Handler) ListDevMailbox(ctx context.Context, req api.ListDevMailboxRequestObject) (api.ListDevMailboxResponseObject, error) {
	if h.deps.DevSigner == nil {
		return nil, newProblem(http.StatusNotFound, "not_found", "No existe la ruta /api/dev/mailbox.")
	}
	page := api.ListDevMailbox200JSONResponse{Items: []api.MailMessage{}, Page: max(deref(req.Params.Page), 1), Limit: deref(req.Params.Limit)}
	if h.deps.Mailbox == nil { // emails go out by SMTP
		if page.Limit == 0 {
			page.Limit = 20
		}
		return page, nil
	}
	p, err := h.deps.Mailbox.List(ctx, deref(req.Params.Page), deref(req.Params.Limit))
	if err != nil {
		return nil, err
	}
	page.Items = make([]api.MailMessage, len(p.Items))
	for i, m := range p.Items {
		page.Items[i] = toAPIMail(m)
	}
	page.Total, page.Page, page.Limit = p.Total, p.Page, p.Limit
	return page, nil
}
