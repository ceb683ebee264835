package httpapi_test

import (
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/sdk"
)

// Issue 9, defect 2: a customer canceled a paid transfer order and a card
// order in preparation. Customers cancel only while pending; the shop still
// cancels later.
func TestCustomersCancelOnlyWhilePending(t *testing.T) {
	s := newShop(t, apitest.WithEnv("MAX_PENDING_ORDERS", "0"))
	id := s.product(t, "Buñuelo", 120000, 10)
	c := s.customer(t, "arrepentida@donpalito.test", nil)
	place := func(key string) sdk.Order {
		t.Helper()
		if r, _ := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1}); r.JSON200 == nil {
			t.Fatalf("add to cart: %s", r.Body)
		}
		r, err := checkout(c, key, "")
		if err != nil || r.JSON201 == nil {
			t.Fatalf("checkout: %v %s", err, r.Body)
		}
		return *r.JSON201
	}
	admin := func(o sdk.Order, to sdk.OrderStatus) {
		t.Helper()
		r, err := s.admin.UpdateOrderStatusWithResponse(ctx, o.Id, nil, sdk.OrderStatusUpdate{Status: to})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("admin moves to %s: %v %s", to, err, r.Body)
		}
	}

	pending := place("cancela-pendiente")
	if r, _ := c.CancelOrderWithResponse(ctx, pending.Id); r.JSON200 == nil || r.JSON200.Status != sdk.OrderStatusCanceled {
		t.Fatalf("cancel while pending: %d %s", r.StatusCode(), r.Body)
	}

	paid := place("cancela-pagado")
	admin(paid, sdk.OrderStatusPaid)
	preparing := place("cancela-preparando")
	admin(preparing, sdk.OrderStatusPaid)
	admin(preparing, sdk.OrderStatusInPreparation)
	for _, o := range []sdk.Order{paid, preparing} {
		r, _ := c.CancelOrderWithResponse(ctx, o.Id)
		if r.StatusCode() != 409 || problemCode(r.Body) != "order_not_cancelable" {
			t.Fatalf("customer cancels a paid order: %d %s", r.StatusCode(), r.Body)
		}
		got, _ := c.GetOrderWithResponse(ctx, o.Id)
		if got.JSON200.Status == sdk.OrderStatusCanceled {
			t.Fatalf("the order was canceled anyway: %s", got.Body)
		}
	}
	if stock := s.stock(t, id); stock != 8 {
		t.Fatalf("stock %d, want 8: a refused cancel gives nothing back", stock)
	}
	// The shop still cancels them.
	admin(paid, sdk.OrderStatusCanceled)
	admin(preparing, sdk.OrderStatusCanceled)
	if stock := s.stock(t, id); stock != 10 {
		t.Fatalf("stock %d after the shop canceled, want 10", stock)
	}
}
