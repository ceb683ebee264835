package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
)

var commerceProblems = []problemRule{
	{cart.ErrProductNotFound, http.StatusNotFound, "not_found", "El producto no existe o no está a la venta."},
	{cart.ErrLineNotFound, http.StatusNotFound, "not_found", "Ese producto no está en tu carrito."},
	{cart.ErrOutOfStock, http.StatusConflict, "out_of_stock", "No hay suficiente inventario para esa cantidad."},
	{coupon.ErrNotFound, http.StatusUnprocessableEntity, "coupon_not_found", "El cupón no existe."},
	{coupon.ErrInactive, http.StatusUnprocessableEntity, "coupon_inactive", "El cupón no está activo."},
	{coupon.ErrExpired, http.StatusUnprocessableEntity, "coupon_expired", "El cupón ya expiró."},
	{coupon.ErrNotStarted, http.StatusUnprocessableEntity, "coupon_not_started", "El cupón aún no está vigente."},
	{coupon.ErrMinSubtotal, http.StatusUnprocessableEntity, "coupon_min_subtotal", "Tu compra no alcanza el mínimo del cupón."},
	{coupon.ErrUsageLimit, http.StatusUnprocessableEntity, "coupon_usage_limit", "El cupón alcanzó su límite de usos."},
	{coupon.ErrAlreadyUsed, http.StatusUnprocessableEntity, "coupon_already_used", "Ya usaste este cupón."},
	{coupon.ErrUnknownID, http.StatusNotFound, "not_found", "El cupón no existe."},
	{coupon.ErrCodeTaken, http.StatusConflict, "conflict", "Ya existe un cupón con ese código."},
	{order.ErrNotFound, http.StatusNotFound, "not_found", "El pedido no existe."},
	{order.ErrInvalidTransition, http.StatusConflict, "invalid_transition", "El pedido no puede pasar a ese estado."},
	{order.ErrCartEmpty, http.StatusConflict, "cart_empty", "Tu carrito está vacío."},
	{order.ErrPaymentMethodUnavailable, http.StatusConflict, "payment_method_unavailable", "Ese método de pago no está disponible."},
	{order.ErrAddressNotFound, http.StatusNotFound, "not_found", "La dirección no existe."},
	{order.ErrTooManyPending, http.StatusConflict, "too_many_pending_orders", "Ya tienes pedidos pendientes de pago; págalos o cancélalos antes de hacer otro."},
	{order.ErrNotCancelable, http.StatusConflict, "order_not_cancelable", "El pedido ya no está pendiente de pago: para cancelarlo, escríbenos y la tienda lo hará."},
	{order.ErrInvoiceUnavailable, http.StatusConflict, "invoice_unavailable", "La factura estará disponible cuando el pedido esté pagado."},
	{money.ErrTooLarge, http.StatusConflict, "amount_too_large", "El total supera el máximo que la tienda puede cobrar en un pedido."},
}

// outOfStockProblem names the products that could not be reserved.
// transitionProblem says where the order is and where it may go, so the
// caller can pick a move that works.
func transitionProblem(err error) *Problem {
	var te *order.TransitionError
	if !errors.As(err, &te) {
		return nil
	}
	detail := fmt.Sprintf("El pedido está %s (%s) y no puede pasar a %s (%s).", strings.ToLower(te.From.Label()), te.From, strings.ToLower(te.To.Label()), te.To)
	if len(te.Allowed) == 0 {
		detail += " Desde este estado no hay más cambios posibles."
	} else {
		names := make([]string, len(te.Allowed))
		for i, s := range te.Allowed {
			names[i] = fmt.Sprintf("%s (%s)", strings.ToLower(s.Label()), s)
		}
		detail += " Estados siguientes permitidos: " + strings.Join(names, ", ") + "."
	}
	return newProblem(http.StatusConflict, "invalid_transition", detail)
}

func outOfStockProblem(err error) *Problem {
	var oos *order.OutOfStockError
	if !errors.As(err, &oos) {
		return nil
	}
	return newProblem(http.StatusConflict, "out_of_stock",
		"No hay suficiente inventario de: "+strings.Join(oos.Products, ", ")+".")
}

// priceChangedProblem lists the changed prices and the total to confirm.
func priceChangedProblem(err error) *Problem {
	var pc *order.PriceChangedError
	if !errors.As(err, &pc) {
		return nil
	}
	p := newProblem(http.StatusConflict, "price_changed",
		"Los precios cambiaron desde que agregaste los productos al carrito: el nuevo total es "+
			money.FormatCOP(pc.Total)+". Revísalo y confírmalo para continuar.")
	p.PriceChanges = make([]PriceChange, len(pc.Changes))
	for i, c := range pc.Changes {
		p.PriceChanges[i] = PriceChange{ProductID: c.ProductID, Name: c.Name, OldUnitPrice: c.OldPrice, NewUnitPrice: c.NewPrice}
	}
	p.Total = ptr(pc.Total)
	return p
}

// --- cart ---

func (h *Handler) cartView(ctx context.Context, userID, couponCode string) (api.Cart, error) {
	v, err := h.deps.Carts.Get(ctx, userID)
	if err != nil {
		return api.Cart{}, err
	}
	c := api.Cart{
		Lines: make([]api.CartLine, len(v.Lines)), ItemCount: v.ItemCount, Currency: v.Totals.Currency,
		Subtotal: v.Totals.Subtotal, Shipping: v.Totals.Shipping, Discount: 0, TaxIncluded: v.Totals.TaxIncluded,
		Total: v.Totals.Total, UpdatedAt: v.UpdatedAt, Warnings: []api.CartWarning{},
	}
	for i, l := range v.Lines {
		line := api.CartLine{
			ProductId: l.ProductID, Name: l.Name, UnitPrice: l.UnitPrice, Quantity: l.Quantity, LineTotal: l.LineTotal,
			AvailableStock: l.AvailableStock, IsAvailable: l.Available, Currency: v.Totals.Currency, Image: optional(l.Image),
		}
		if l.PreviousUnitPrice != 0 {
			line.PreviousUnitPrice = ptr(l.PreviousUnitPrice)
		}
		if l.Warning != "" {
			w := api.CartWarning{Code: l.Warning, Message: cartWarningText(l), ProductId: ptr(l.ProductID)}
			line.Warning = &w
			c.Warnings = append(c.Warnings, w)
		}
		c.Lines[i] = line
	}
	if code := strings.TrimSpace(couponCode); code != "" && c.Subtotal > 0 {
		q, err := h.deps.Coupons.Preview(ctx, code, userID, c.Subtotal)
		if err != nil {
			p := problemFor(err)
			if p == nil {
				return api.Cart{}, err
			}
			c.Warnings = append(c.Warnings, api.CartWarning{Code: p.Code, Message: p.Detail})
		} else {
			t, err := h.deps.Carts.Pricing().Price(c.Subtotal, q.Discount)
			if err != nil {
				return api.Cart{}, err
			}
			c.Discount, c.TaxIncluded, c.Total = t.Discount, t.TaxIncluded, t.Total
			c.CouponCode = ptr(q.Coupon.Code)
		}
	}
	return c, nil
}

func cartWarningText(l cart.Line) string {
	switch l.Warning {
	case "insufficient_stock":
		return "Solo quedan " + itoa(l.AvailableStock) + " unidades de " + l.Name + "."
	case "price_changed":
		return "El precio de " + l.Name + " cambió de " + money.FormatCOP(l.PreviousUnitPrice) + " a " +
			money.FormatCOP(l.UnitPrice) + "."
	case "amount_too_large":
		return l.Name + " llevaría el total por encima del máximo de un pedido; quítalo o reduce la cantidad."
	}
	return l.Name + " ya no está disponible."
}

func (h *Handler) GetCart(ctx context.Context, req api.GetCartRequestObject) (api.GetCartResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := h.cartView(ctx, p.UserID, deref(req.Params.CouponCode))
	if err != nil {
		return nil, err
	}
	return api.GetCart200JSONResponse(c), nil
}

func (h *Handler) AddCartItem(ctx context.Context, req api.AddCartItemRequestObject) (api.AddCartItemResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Carts.Add(ctx, p.UserID, req.Body.ProductId, req.Body.Quantity); err != nil {
		return nil, err
	}
	c, err := h.cartView(ctx, p.UserID, "")
	if err != nil {
		return nil, err
	}
	return api.AddCartItem200JSONResponse(c), nil
}

func (h *Handler) UpdateCartItem(ctx context.Context, req api.UpdateCartItemRequestObject) (api.UpdateCartItemResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Carts.Set(ctx, p.UserID, req.ProductId, req.Body.Quantity); err != nil {
		return nil, err
	}
	c, err := h.cartView(ctx, p.UserID, "")
	if err != nil {
		return nil, err
	}
	return api.UpdateCartItem200JSONResponse(c), nil
}

func (h *Handler) RemoveCartItem(ctx context.Context, req api.RemoveCartItemRequestObject) (api.RemoveCartItemResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Carts.Remove(ctx, p.UserID, req.ProductId); err != nil {
		return nil, err
	}
	c, err := h.cartView(ctx, p.UserID, "")
	if err != nil {
		return nil, err
	}
	return api.RemoveCartItem200JSONResponse(c), nil
}

func (h *Handler) ClearCart(ctx context.Context, _ api.ClearCartRequestObject) (api.ClearCartResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Carts.Clear(ctx, p.UserID); err != nil {
		return nil, err
	}
	c, err := h.cartView(ctx, p.UserID, "")
	if err != nil {
		return nil, err
	}
	return api.ClearCart200JSONResponse(c), nil
}

// --- coupons ---

func dateOf(s string) *openapi_types.Date {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return &openapi_types.Date{Time: t}
}

func dayString(d *openapi_types.Date) *string {
	if d == nil {
		return nil
	}
	return ptr(d.Format(openapi_types.DateFormat))
}

func toAPICoupon(c coupon.Coupon) api.Coupon {
	return api.Coupon{
		Id: c.ID, Code: c.Code, Description: c.Description, Type: api.CouponType(c.Type), Value: c.Value,
		Currency: c.Currency, IsActive: c.Active, IsPublic: c.Public, StartsAt: dateOf(c.StartsOn), EndsAt: dateOf(c.EndsOn),
		MinSubtotal: c.MinSubtotal, MaxDiscount: c.MaxDiscount, UsageLimit: c.UsageLimit,
		PerCustomerLimit: c.PerCustomerLimit, UsedCount: c.UsedCount, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

func (h *Handler) ListCoupons(ctx context.Context, req api.ListCouponsRequestObject) (api.ListCouponsResponseObject, error) {
	p := req.Params
	page, err := h.deps.Coupons.List(ctx, coupon.ListQuery{Q: deref(p.Q), Active: p.Active, Page: deref(p.Page), Limit: deref(p.Limit)})
	if err != nil {
		return nil, err
	}
	items := make([]api.Coupon, len(page.Items))
	for i, c := range page.Items {
		items[i] = toAPICoupon(c)
	}
	return api.ListCoupons200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}

func (h *Handler) CreateCoupon(ctx context.Context, req api.CreateCouponRequestObject) (api.CreateCouponResponseObject, error) {
	b := req.Body
	perCustomer := 1
	if b.PerCustomerLimit != nil {
		perCustomer = *b.PerCustomerLimit
	}
	active := true
	if b.IsActive != nil {
		active = *b.IsActive
	}
	c, err := h.deps.Coupons.Create(ctx, coupon.Coupon{
		Code: b.Code, Description: deref(b.Description), Type: coupon.Type(b.Type), Value: b.Value,
		Active: active, Public: deref(b.IsPublic), StartsOn: deref(dayString(b.StartsAt)), EndsOn: deref(dayString(b.EndsAt)),
		MinSubtotal: deref(b.MinSubtotal), MaxDiscount: deref(b.MaxDiscount), UsageLimit: deref(b.UsageLimit),
		PerCustomerLimit: perCustomer,
	})
	if err != nil {
		return nil, err
	}
	return api.CreateCoupon201JSONResponse(toAPICoupon(c)), nil
}

func (h *Handler) GetCoupon(ctx context.Context, req api.GetCouponRequestObject) (api.GetCouponResponseObject, error) {
	c, err := h.deps.Coupons.Get(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return api.GetCoupon200JSONResponse(toAPICoupon(c)), nil
}

func (h *Handler) UpdateCoupon(ctx context.Context, req api.UpdateCouponRequestObject) (api.UpdateCouponResponseObject, error) {
	b := req.Body
	ch := coupon.Changes{
		Code: b.Code, Description: b.Description, Type: (*coupon.Type)(b.Type), Value: b.Value,
		MinSubtotal: b.MinSubtotal, MaxDiscount: b.MaxDiscount, UsageLimit: b.UsageLimit,
		PerCustomerLimit: b.PerCustomerLimit, Active: b.IsActive, Public: b.IsPublic,
		StartsOn: dayString(b.StartsAt), EndsOn: dayString(b.EndsAt),
	}
	if b.Unset != nil {
		for _, u := range *b.Unset {
			switch u {
			case api.StartsAt:
				ch.ClearStartsOn = true
			case api.EndsAt:
				ch.ClearEndsOn = true
			}
		}
	}
	c, err := h.deps.Coupons.Update(ctx, req.Id, ch)
	if err != nil {
		return nil, err
	}
	return api.UpdateCoupon200JSONResponse(toAPICoupon(c)), nil
}

func (h *Handler) DeleteCoupon(ctx context.Context, req api.DeleteCouponRequestObject) (api.DeleteCouponResponseObject, error) {
	if err := h.deps.Coupons.Delete(ctx, req.Id); err != nil {
		return nil, err
	}
	return api.DeleteCoupon204Response{}, nil
}

func (h *Handler) ListActiveCoupons(ctx context.Context, _ api.ListActiveCouponsRequestObject) (api.ListActiveCouponsResponseObject, error) {
	cs, err := h.deps.Coupons.Public(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]api.PublicCoupon, len(cs))
	for i, c := range cs {
		items[i] = api.PublicCoupon{
			Code: c.Code, Description: c.Description, Type: api.CouponType(c.Type), Value: c.Value, Currency: c.Currency,
			MinSubtotal: c.MinSubtotal, MaxDiscount: c.MaxDiscount, EndsAt: dateOf(c.EndsOn),
		}
	}
	return api.ListActiveCoupons200JSONResponse{Items: items}, nil
}

func (h *Handler) ValidateCoupon(ctx context.Context, req api.ValidateCouponRequestObject) (api.ValidateCouponResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	v, err := h.deps.Carts.Get(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	if v.Totals.Subtotal == 0 {
		return nil, order.ErrCartEmpty
	}
	q, err := h.deps.Coupons.Preview(ctx, req.Body.Code, p.UserID, v.Totals.Subtotal)
	if err != nil {
		return nil, err
	}
	t, err := h.deps.Carts.Pricing().Price(v.Totals.Subtotal, q.Discount)
	if err != nil {
		return nil, err
	}
	return api.ValidateCoupon200JSONResponse{
		Code: q.Coupon.Code, Type: api.CouponType(q.Coupon.Type), Value: q.Coupon.Value, Currency: t.Currency,
		Subtotal: t.Subtotal, Discount: t.Discount, Shipping: t.Shipping, TaxIncluded: t.TaxIncluded, Total: t.Total,
	}, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
