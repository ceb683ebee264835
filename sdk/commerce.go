package sdk

import "context"

// AdminListOrders returns one page of every customer's orders, filtered by
// params (status, payment method, Bogotá date range, search). Admin only.
func (c *API) AdminListOrders(ctx context.Context, params *AdminListOrdersParams) (*OrderPage, error) {
	res, err := c.AdminListOrdersWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// AdminGetOrder returns any order, by id or reference, with its lines,
// totals, address and timeline. Admin only.
func (c *API) AdminGetOrder(ctx context.Context, idOrReference string) (*Order, error) {
	id, err := c.ResolveOrderID(ctx, idOrReference)
	if err != nil {
		return nil, err
	}
	res, err := c.AdminGetOrderWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// UpdateOrderStatus moves an order (by id or reference) to a new status when
// the transition is allowed — the order's AllowedTransitions — (the server
// refuses others with 409). The request carries an automatic
// Idempotency-Key, so a retried cancellation refunds once. Admin only.
func (c *API) UpdateOrderStatus(ctx context.Context, idOrReference string, u OrderStatusUpdate) (*Order, error) {
	id, err := c.ResolveOrderID(ctx, idOrReference)
	if err != nil {
		return nil, err
	}
	res, err := c.UpdateOrderStatusWithResponse(ctx, id, nil, u)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// ConfirmTransfer marks a pending bank-transfer order as paid, with an
// optional note for the order's timeline. Admin only.
func (c *API) ConfirmTransfer(ctx context.Context, id, note string) (*Order, error) {
	u := OrderStatusUpdate{Status: OrderStatusPaid}
	if note != "" {
		u.Note = &note
	}
	return c.UpdateOrderStatus(ctx, id, u)
}

// ListCoupons returns one page of the coupons. Admin only.
func (c *API) ListCoupons(ctx context.Context, params *ListCouponsParams) (*CouponPage, error) {
	res, err := c.ListCouponsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// CreateCoupon creates a coupon. The request carries an automatic
// Idempotency-Key. Admin only.
func (c *API) CreateCoupon(ctx context.Context, cc CouponCreate) (*Coupon, error) {
	res, err := c.CreateCouponWithResponse(ctx, nil, cc)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON201)
}

// UpdateCoupon changes the fields set in u (u.Unset removes dates). Admin
// only.
func (c *API) UpdateCoupon(ctx context.Context, id string, u CouponUpdate) (*Coupon, error) {
	res, err := c.UpdateCouponWithResponse(ctx, id, u)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// DeleteCoupon deletes a coupon. Admin only.
func (c *API) DeleteCoupon(ctx context.Context, id string) error {
	res, err := c.DeleteCouponWithResponse(ctx, id)
	if err != nil {
		return err
	}
	return CheckResponse(res.HTTPResponse, res.Body)
}

// Stats returns the dashboard figures for a Bogotá date range (the server's
// default range when params is nil). Admin only.
func (c *API) Stats(ctx context.Context, params *GetAdminStatsParams) (*AdminStats, error) {
	res, err := c.GetAdminStatsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}
