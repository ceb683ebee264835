package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/report"
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

func (h *Handler) GetAdminStats(ctx context.Context, req api.GetAdminStatsRequestObject) (api.GetAdminStatsResponseObject, error) {
	st, err := h.deps.Reports.Stats(ctx, dateParam(req.Params.From), dateParam(req.Params.To))
	if err != nil {
		return nil, err
	}
	return api.GetAdminStats200JSONResponse(toAPIStats(st)), nil
}

func toAPIStats(st report.Stats) api.AdminStats {
	out := api.AdminStats{
		From: apiDate(st.From), To: apiDate(st.To), Currency: st.Currency,
		Revenue: st.Revenue, PaidOrders: st.PaidOrders, AverageOrderValue: st.AverageOrderValue,
		NewCustomers: st.NewCustomers, TotalCustomers: st.TotalCustomers, ActiveProducts: st.ActiveProducts,
		OrdersByStatus: api.OrderStatusCounts{
			Pending: st.OrdersByStatus[order.Pending], Paid: st.OrdersByStatus[order.Paid],
			InPreparation: st.OrdersByStatus[order.InPreparation], Ready: st.OrdersByStatus[order.Ready],
			Delivered: st.OrdersByStatus[order.Delivered], Canceled: st.OrdersByStatus[order.Canceled],
			Rejected: st.OrdersByStatus[order.Rejected],
		},
		TopProducts:  make([]api.TopProduct, len(st.TopProducts)),
		RevenueByDay: make([]api.DailyRevenue, len(st.RevenueByDay)),
		LowStock:     make([]api.LowStockProduct, len(st.LowStock)),
	}
	for i, p := range st.TopProducts {
		out.TopProducts[i] = api.TopProduct{ProductId: p.ProductID, Name: p.Name, Units: p.Units, Revenue: p.Revenue, Currency: st.Currency}
	}
	for i, d := range st.RevenueByDay {
		out.RevenueByDay[i] = api.DailyRevenue{Date: apiDate(d.Date), Revenue: d.Revenue, Orders: d.Orders, Currency: st.Currency}
	}
	for i, p := range st.LowStock {
		out.LowStock[i] = api.LowStockProduct{ProductId: p.ProductID, Name: p.Name, Stock: p.Stock}
	}
	return out
}

// ExportOrders streams the CSV straight into the response. The filters are
// checked first, so a bad filter is still a 400 problem.
func (h *Handler) ExportOrders(ctx context.Context, req api.ExportOrdersRequestObject) (api.ExportOrdersResponseObject, error) {
	p := req.Params
	q := order.Query{
		Status: order.Status(deref(p.Status)), PaymentMethod: order.PaymentMethod(deref(p.PaymentMethod)),
		From: dateParam(p.From), To: dateParam(p.To), Q: deref(p.Q),
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return csvDownload{
		fileName: h.deps.Reports.ExportFileName(q),
		write:    func(w io.Writer) error { return h.deps.Reports.ExportOrders(ctx, q, w) },
		log:      h.log.With("request_id", RequestIDFrom(ctx)),
	}, nil
}

// csvDownload is the export's response. It is written by hand, like
// rawJSON, because the generated one cannot say the charset.
type csvDownload struct {
	fileName string
	write    func(io.Writer) error
	log      *slog.Logger
}

func (c csvDownload) VisitExportOrdersResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", attachment(c.fileName))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if err := c.write(&progressWriter{w: w, rc: http.NewResponseController(w)}); err != nil {
		// The status is sent: cut the connection so the client sees a
		// failed download, never a complete-looking but partial file.
		c.log.Error("orders export interrupted", "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportStall is how long an export may go without writing before the
// connection is cut. The server's WriteTimeout bounds a whole response,
// which a large shop's export (100,000 orders read one by one) outlives;
// the export instead moves its deadline forward as it makes progress, so
// only a stalled client, never a long file, ends it.
const exportStall = 30 * time.Second

// progressWriter moves the connection's write deadline forward while the
// body is being written.
type progressWriter struct {
	w        io.Writer
	rc       *http.ResponseController
	extended time.Time
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if now := time.Now(); now.Sub(p.extended) > time.Second {
		// Not every writer has a deadline (a test recorder): then there is
		// none to move.
		_ = p.rc.SetWriteDeadline(now.Add(exportStall))
		p.extended = now
	}
	return p.w.Write(b)
}

func attachment(name string) string { return fmt.Sprintf("attachment; filename=%q", name) }

func dateParam(d *openapi_types.Date) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}

func apiDate(day string) openapi_types.Date {
	t, _ := time.Parse(time.DateOnly, day)
	return openapi_types.Date{Time: t}
}
