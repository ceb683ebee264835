package sdk

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

var (
	objectIDPattern  = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)
	referencePattern = regexp.MustCompile(`^[0-9a-fA-F]{8}$`)
)

// ResolveOrderID turns what staff type — an order's 24-hex id or its 8
// character reference (C417C9C2), as printed on screens, emails and invoices —
// into the order's id. A reference is looked up with the admin order search;
// one that matches no order is a 404 *Error with code not_found. Admin only.
func (c *API) ResolveOrderID(ctx context.Context, idOrReference string) (string, error) {
	s := strings.TrimSpace(idOrReference)
	if objectIDPattern.MatchString(s) || !referencePattern.MatchString(s) {
		// Anything that is not a reference goes to the server as it is, so a
		// malformed id gets the server's own problem.
		return s, nil
	}
	ref := strings.ToUpper(s)
	limit := 100
	page, err := c.AdminListOrders(ctx, &AdminListOrdersParams{Q: &ref, Limit: &limit})
	if err != nil {
		return "", fmt.Errorf("look up order %s: %w", ref, err)
	}
	for _, o := range page.Items {
		if strings.EqualFold(o.Reference, ref) {
			return o.Id, nil
		}
	}
	return "", &Error{Status: http.StatusNotFound, Code: "not_found", Title: "Not Found",
		Detail: "No hay ningún pedido con la referencia " + ref + "."}
}

// OrderInvoice writes the PDF invoice of a paid order (by id or reference)
// to w. Before payment the server refuses with invoice_unavailable. Admins
// get any order's invoice, customers their own.
func (c *API) OrderInvoice(ctx context.Context, idOrReference string, w io.Writer) error {
	id, err := c.ResolveOrderID(ctx, idOrReference)
	if err != nil {
		return err
	}
	res, err := c.GetOrderInvoiceWithResponse(ctx, id)
	if err != nil {
		return err
	}
	if err := CheckResponse(res.HTTPResponse, res.Body); err != nil {
		return err
	}
	if _, err := w.Write(res.Body); err != nil {
		return fmt.Errorf("write the invoice: %w", err)
	}
	return nil
}

// RestoreProduct brings a deleted product back, inactive. A product that is
// not deleted is a 409 product_not_deleted. Admin only.
func (c *API) RestoreProduct(ctx context.Context, id string) (*Product, error) {
	res, err := c.RestoreProductWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// DeleteProductImage removes one image of a product and returns the product.
// Admin only.
func (c *API) DeleteProductImage(ctx context.Context, id, imageID string) (*Product, error) {
	res, err := c.DeleteProductImageWithResponse(ctx, id, imageID)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// ListCustomers returns one page of the shop's users (search, active, role,
// sort). Admin only.
func (c *API) ListCustomers(ctx context.Context, params *AdminListCustomersParams) (*CustomerPage, error) {
	res, err := c.AdminListCustomersWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// GetCustomer returns one user with their profile and addresses. Admin only.
func (c *API) GetCustomer(ctx context.Context, id string) (*Customer, error) {
	res, err := c.AdminGetCustomerWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// SetCustomerActive activates or deactivates a user (never oneself: 409
// cannot_deactivate_self). Admin only.
func (c *API) SetCustomerActive(ctx context.Context, id string, active bool) (*Customer, error) {
	res, err := c.UpdateCustomerStatusWithResponse(ctx, id, CustomerStatusUpdate{IsActive: active})
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// ListAPIKeys returns one page of the API keys (without their secrets).
// Admin only.
func (c *API) ListAPIKeys(ctx context.Context, params *ListApiKeysParams) (*ApiKeyPage, error) {
	res, err := c.ListApiKeysWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// CreateAPIKey issues a key; its secret (Key) is in this answer only. The
// request carries an automatic Idempotency-Key. Admin only.
func (c *API) CreateAPIKey(ctx context.Context, k ApiKeyCreate) (*ApiKeyCreated, error) {
	res, err := c.CreateApiKeyWithResponse(ctx, nil, k)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON201)
}

// RevokeAPIKey revokes a key at once. Admin only.
func (c *API) RevokeAPIKey(ctx context.Context, id string) error {
	res, err := c.RevokeApiKeyWithResponse(ctx, id)
	if err != nil {
		return err
	}
	return CheckResponse(res.HTTPResponse, res.Body)
}

// ListEvents returns one page of the outbox's business events (type, state).
// Admin only.
func (c *API) ListEvents(ctx context.Context, params *ListEventsParams) (*OutboxEventPage, error) {
	res, err := c.ListEventsWithResponse(ctx, params)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}

// RetryEvent schedules a failed or dead event for delivery again. Admin only.
func (c *API) RetryEvent(ctx context.Context, id string) (*OutboxEvent, error) {
	res, err := c.RetryEventWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return value(res.HTTPResponse, res.Body, res.JSON200)
}
