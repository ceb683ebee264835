package httpapi

import (
	"context"
	"time"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/order"
)

// toAPIOrder shows o to a caller acting as viewer (the customer's own views
// or the admin's): allowedTransitions is what that caller may do next.
func toAPIOrder(o order.Order, viewer order.Actor) api.Order {
	allowed := order.AllowedFor(o.Status, viewer)
	moves := make([]api.OrderStatus, len(allowed))
	for i, st := range allowed {
		moves[i] = api.OrderStatus(st)
	}
	lines := make([]api.OrderLine, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = api.OrderLine{
			ProductId: l.ProductID, Name: l.Name, Image: optional(l.Image), UnitPrice: l.UnitPrice,
			Quantity: l.Quantity, LineTotal: l.LineTotal, Currency: o.Currency,
		}
	}
	timeline := make([]api.OrderTimelineEntry, len(o.Timeline))
	for i, t := range o.Timeline {
		timeline[i] = api.OrderTimelineEntry{
			Status: api.OrderStatus(t.Status), Actor: api.OrderActor(t.Actor), ActorId: optional(t.ActorID),
			At: t.At.UTC(), Note: optional(t.Note),
		}
	}
	pay := api.OrderPayment{
		Provider: api.OrderPaymentProvider(o.Payment.Provider), Status: api.PaymentStatus(o.Payment.Status),
		Amount: o.Payment.Amount, Currency: o.Currency, IntentId: optional(o.Payment.IntentID),
		ClientSecret: optional(o.Payment.ClientSecret), LastError: optional(o.Payment.LastError),
	}
	if o.Payment.Flag != "" {
		pay.Flag = ptr(api.OrderPaymentFlag(o.Payment.Flag))
	}
	if o.Payment.RefundStatus != "" {
		pay.RefundStatus = ptr(api.RefundStatus(o.Payment.RefundStatus))
		pay.RefundedAmount = ptr(o.Payment.RefundedAmount)
	}
	return api.Order{
		Id: o.ID.Hex(), Reference: o.Reference(),
		Customer: api.OrderCustomer{Id: o.Customer.ID, Name: o.Customer.Name, Email: o.Customer.Email},
		Lines:    lines, Subtotal: o.Subtotal, Discount: o.Discount, Shipping: o.Shipping, TaxIncluded: o.TaxIncluded,
		Total: o.Total, Currency: o.Currency, CouponCode: optional(o.CouponCode),
		Address: api.ShippingAddress{
			Label: optional(o.Address.Label), FullName: o.Address.FullName, StreetAddress: o.Address.StreetAddress,
			City: o.Address.City, PhoneNumber: o.Address.PhoneNumber, Notes: optional(o.Address.Notes),
		},
		PaymentMethod: api.PaymentMethod(o.PaymentMethod), Payment: pay, Notes: optional(o.Notes),
		Status: api.OrderStatus(o.Status), AllowedTransitions: moves, Timeline: timeline, ExpiresAt: utc(o.ExpiresAt), PaidAt: utc(o.PaidAt),
		DeliveredAt: utc(o.DeliveredAt), CanceledAt: utc(o.CanceledAt), InvoiceNumber: optional(o.InvoiceNumber),
		CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC(),
	}
}

func toAPIOrderPage(p order.Page, viewer order.Actor) api.OrderPage {
	items := make([]api.Order, len(p.Items))
	for i, o := range p.Items {
		items[i] = toAPIOrder(o, viewer)
	}
	return api.OrderPage{Items: items, Total: p.Total, Page: p.Page, Limit: p.Limit}
}

func (h *Handler) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	c := order.Checkout{
		UserID: p.UserID, AddressID: deref(b.AddressId), PaymentMethod: order.PaymentMethod(b.PaymentMethod),
		Notes: deref(b.Notes), ExpectedTotal: b.ExpectedTotal,
	}
	if b.CouponCode != nil {
		c.CouponCode = *b.CouponCode
	}
	if a := b.Address; a != nil {
		c.Address = &order.Address{FullName: a.FullName, StreetAddress: a.StreetAddress, City: a.City,
			PhoneNumber: a.PhoneNumber, Notes: deref(a.Notes)}
	}
	o, err := h.deps.Orders.Place(ctx, c)
	if err != nil {
		return nil, err
	}
	if o.PaymentMethod == order.Card {
		// The order stands even if the provider is down: the client gets
		// the intent later from POST /api/payment/create-intent.
		if withIntent, err := h.deps.Payments.EnsureIntent(ctx, p.UserID, o.ID.Hex()); err != nil {
			h.log.WarnContext(ctx, "create the PaymentIntent of a new order", "order", o.ID.Hex(), "err", err)
		} else {
			o = withIntent
		}
	}
	return api.CreateOrder201JSONResponse(h.withPaymentKeys(toAPIOrder(o, order.ActorCustomer))), nil
}

func (h *Handler) ListOrders(ctx context.Context, req api.ListOrdersRequestObject) (api.ListOrdersResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := h.deps.Orders.List(ctx, order.Query{
		UserID: p.UserID, Status: order.Status(deref(req.Params.Status)), Page: deref(req.Params.Page), Limit: deref(req.Params.Limit),
	})
	if err != nil {
		return nil, err
	}
	return api.ListOrders200JSONResponse(toAPIOrderPage(page, order.ActorCustomer)), nil
}

func (h *Handler) GetOrder(ctx context.Context, req api.GetOrderRequestObject) (api.GetOrderResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := h.deps.Orders.GetFor(ctx, p.UserID, req.Id)
	if err != nil {
		return nil, err
	}
	return api.GetOrder200JSONResponse(h.withPaymentKeys(toAPIOrder(o, order.ActorCustomer))), nil
}

func (h *Handler) CancelOrder(ctx context.Context, req api.CancelOrderRequestObject) (api.CancelOrderResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := h.deps.Orders.Cancel(ctx, p.UserID, req.Id)
	if err != nil {
		return nil, err
	}
	return api.CancelOrder200JSONResponse(toAPIOrder(o, order.ActorCustomer)), nil
}

func adminOrderQuery(status *api.OrderStatus, method *api.PaymentMethod, from *api.From, to *api.To, q *string) order.Query {
	oq := order.Query{Status: order.Status(deref(status)), PaymentMethod: order.PaymentMethod(deref(method)), Q: deref(q)}
	if from != nil {
		oq.From = from.Format("2006-01-02")
	}
	if to != nil {
		oq.To = to.Format("2006-01-02")
	}
	return oq
}

func (h *Handler) AdminListOrders(ctx context.Context, req api.AdminListOrdersRequestObject) (api.AdminListOrdersResponseObject, error) {
	p := req.Params
	q := adminOrderQuery(p.Status, p.PaymentMethod, p.From, p.To, p.Q)
	q.Page, q.Limit = deref(p.Page), deref(p.Limit)
	page, err := h.deps.Orders.List(ctx, q)
	if err != nil {
		return nil, err
	}
	return api.AdminListOrders200JSONResponse(toAPIOrderPage(page, order.ActorAdmin)), nil
}

func (h *Handler) AdminGetOrder(ctx context.Context, req api.AdminGetOrderRequestObject) (api.AdminGetOrderResponseObject, error) {
	o, err := h.deps.Orders.Get(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return api.AdminGetOrder200JSONResponse(toAPIOrder(o, order.ActorAdmin)), nil
}

func (h *Handler) UpdateOrderStatus(ctx context.Context, req api.UpdateOrderStatusRequestObject) (api.UpdateOrderStatusResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := h.deps.Orders.Transition(ctx, req.Id, order.Move{
		To: order.Status(req.Body.Status), Actor: order.ActorAdmin, ActorID: p.UserID, Note: deref(req.Body.Note),
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateOrderStatus200JSONResponse(toAPIOrder(o, order.ActorAdmin)), nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
