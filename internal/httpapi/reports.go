package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/order"
)

var reportProblems = []problemRule{
	{order.ErrInvoiceUnavailable, http.StatusConflict, "invoice_unavailable", "La factura estará disponible cuando el pedido esté pagado."},
}

func (h *Handler) GetOrderInvoice(ctx context.Context, req api.GetOrderInvoiceRequestObject) (api.GetOrderInvoiceResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	doc, err := h.deps.Invoices.For(ctx, req.Id, p.UserID, p.IsAdmin())
	if err != nil {
		return nil, err
	}
	disposition := attachment(doc.FileName)
	return api.GetOrderInvoice200ApplicationpdfResponse{
		Body: bytes.NewReader(doc.PDF), ContentLength: int64(len(doc.PDF)),
		Headers: api.GetOrderInvoice200ResponseHeaders{ContentDisposition: &disposition},
	}, nil
}

func attachment(name string) string { return fmt.Sprintf("attachment; filename=%q", name) }
