package httpapi_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/sdk"
)

// Every order answer says which moves its caller may make next, computed by
// the server: the admin gets the lifecycle's moves, the customer only the
// cancellation of a pending order.
func TestAllowedTransitionsFollowTheCallerAndTheStatus(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Palito de guayaba", 300000, 10)
	cust := s.customer(t, "movimientos@donpalito.test", map[string]int{id: 1})
	placed, err := checkout(cust, "movimientos-1", "")
	if err != nil || placed.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, placed.Body)
	}
	oid := placed.JSON201.Id
	want := func(who string, got, want []sdk.OrderStatus) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Fatalf("%s: allowedTransitions = %v, want %v", who, got, want)
		}
	}
	want("checkout answer", placed.JSON201.AllowedTransitions, []sdk.OrderStatus{sdk.OrderStatusCanceled})

	custView := func() []sdk.OrderStatus {
		t.Helper()
		r, err := cust.GetOrderWithResponse(ctx, oid)
		if err != nil || r.JSON200 == nil {
			t.Fatalf("customer get: %v %s", err, r.Body)
		}
		list, err := cust.ListOrdersWithResponse(ctx, nil)
		if err != nil || list.JSON200 == nil || len(list.JSON200.Items) != 1 {
			t.Fatalf("customer list: %v %s", err, list.Body)
		}
		want("customer list", list.JSON200.Items[0].AllowedTransitions, r.JSON200.AllowedTransitions)
		return r.JSON200.AllowedTransitions
	}
	adminView := func() []sdk.OrderStatus {
		t.Helper()
		r, err := s.admin.AdminGetOrderWithResponse(ctx, oid)
		if err != nil || r.JSON200 == nil {
			t.Fatalf("admin get: %v %s", err, r.Body)
		}
		ref := r.JSON200.Reference
		list, err := s.admin.AdminListOrdersWithResponse(ctx, &sdk.AdminListOrdersParams{Q: &ref})
		if err != nil || list.JSON200 == nil || len(list.JSON200.Items) != 1 {
			t.Fatalf("admin list: %v %s", err, list.Body)
		}
		want("admin list", list.JSON200.Items[0].AllowedTransitions, r.JSON200.AllowedTransitions)
		return r.JSON200.AllowedTransitions
	}
	want("customer, pending", custView(), []sdk.OrderStatus{sdk.OrderStatusCanceled})
	want("admin, pending", adminView(), []sdk.OrderStatus{sdk.OrderStatusPaid, sdk.OrderStatusCanceled, sdk.OrderStatusRejected})

	moved, err := s.admin.UpdateOrderStatusWithResponse(ctx, oid, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusPaid})
	if err != nil || moved.JSON200 == nil {
		t.Fatalf("confirm transfer: %v %s", err, moved.Body)
	}
	want("status change answer", moved.JSON200.AllowedTransitions, []sdk.OrderStatus{sdk.OrderStatusInPreparation, sdk.OrderStatusCanceled})
	want("customer, paid", custView(), []sdk.OrderStatus{})
	want("admin, paid", adminView(), []sdk.OrderStatus{sdk.OrderStatusInPreparation, sdk.OrderStatusCanceled})

	// What the customer is not offered, the server refuses: a paid order is
	// the shop's to cancel (with its refund), not the customer's.
	if r, _ := cust.CancelOrderWithResponse(ctx, oid); r.StatusCode() != 409 || problemCode(r.Body) != "order_not_cancelable" {
		t.Fatalf("customer cancels a paid order: %d %s", r.StatusCode(), r.Body)
	}

	for _, to := range []sdk.OrderStatus{sdk.OrderStatusInPreparation, sdk.OrderStatusReady, sdk.OrderStatusDelivered} {
		if r, _ := s.admin.UpdateOrderStatusWithResponse(ctx, oid, nil, sdk.OrderStatusUpdate{Status: to}); r.JSON200 == nil {
			t.Fatalf("→ %s: %s", to, r.Body)
		}
	}
	want("admin, delivered", adminView(), []sdk.OrderStatus{})
}

// A deleted product is listed only with status=deleted and comes back,
// inactive, with its data, through restore.
func TestDeletedProductsAreListedAndRestored(t *testing.T) {
	s := newShop(t)
	keep := s.product(t, "Natilla de la casa", 1200000, 4)
	gone := s.product(t, "Buñuelo relleno", 250000, 7)
	if r, _ := s.admin.DeleteProductWithResponse(ctx, gone); r.StatusCode() != 204 {
		t.Fatalf("delete: %d %s", r.StatusCode(), r.Body)
	}

	list := func(status sdk.ProductStatusFilter) []string {
		t.Helper()
		r, err := s.admin.AdminListProductsWithResponse(ctx, &sdk.AdminListProductsParams{Status: &status, Limit: ptr(100)})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("list %s: %v %s", status, err, r.Body)
		}
		ids := make([]string, len(r.JSON200.Items))
		for i, p := range r.JSON200.Items {
			ids[i] = p.Id
		}
		return ids
	}
	if got := list(sdk.Deleted); !slices.Equal(got, []string{gone}) {
		t.Fatalf("deleted list = %v, want only %s", got, gone)
	}
	if got := list(sdk.All); slices.Contains(got, gone) || !slices.Contains(got, keep) {
		t.Fatalf("all list = %v: must hold %s and not the deleted %s", got, keep, gone)
	}
	q := "bunuelo"
	st := sdk.Deleted
	if r, _ := s.admin.AdminListProductsWithResponse(ctx, &sdk.AdminListProductsParams{Status: &st, Q: &q}); r.JSON200 == nil || r.JSON200.Total != 1 {
		t.Fatalf("search among deleted: %s", r.Body)
	}

	r, err := s.admin.RestoreProductWithResponse(ctx, gone)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("restore: %v %s", err, r.Body)
	}
	if p := r.JSON200; p.IsActive || p.Stock != 7 || p.Name != "Buñuelo relleno" {
		t.Fatalf("restored product: %+v (want inactive, stock 7)", p)
	}
	if got := list(sdk.Deleted); len(got) != 0 {
		t.Fatalf("deleted list after restore = %v", got)
	}
	if got := list(sdk.Inactive); !slices.Contains(got, gone) {
		t.Fatalf("inactive list after restore = %v, want %s", got, gone)
	}
	if g, _ := s.admin.AdminGetProductWithResponse(ctx, gone); g.JSON200 == nil {
		t.Fatalf("get restored: %s", g.Body)
	}

	again, _ := s.admin.RestoreProductWithResponse(ctx, gone)
	if again.StatusCode() != 409 || problemCode(again.Body) != "product_not_deleted" {
		t.Fatalf("restore a live product: %d %s", again.StatusCode(), again.Body)
	}
	missing, _ := s.admin.RestoreProductWithResponse(ctx, "665f1c2e8b3a4d0012345678")
	if missing.StatusCode() != 404 {
		t.Fatalf("restore a missing product: %d %s", missing.StatusCode(), missing.Body)
	}
	cust := s.env.Client(s.env.Token("curioso@donpalito.test", auth.RoleCustomer))
	if r, _ := cust.RestoreProductWithResponse(ctx, gone); r.StatusCode() != 403 {
		t.Fatalf("customer restores: %d", r.StatusCode())
	}
}

// The Productos stock filter is the server's: it runs before paging, so a
// page and its total count every product at that level, not only those of
// the page the app happened to fetch, and it reads "low" with the shop's
// own threshold, which GET /api/config tells the apps.
func TestTheStockLevelFilterCountsEveryMatchAcrossPages(t *testing.T) {
	s := newShop(t)
	cfg, err := s.admin.GetConfigWithResponse(ctx)
	if err != nil || cfg.JSON200 == nil {
		t.Fatalf("config: %v", err)
	}
	low := cfg.JSON200.LowStockThreshold
	if low != 5 {
		t.Fatalf("lowStockThreshold = %d, want the default 5", low)
	}
	want := map[sdk.StockLevel]int{}
	for i, stock := range []int{0, 0, 0, 1, low, low, 2, 3, 4, 1, low + 1, 40, 12, 7, 100, 0, 2, low + 1} {
		s.product(t, fmt.Sprintf("Palito de nivel %02d", i), 100000, stock)
		switch {
		case stock == 0:
			want[sdk.Out]++
		case stock <= low:
			want[sdk.Low]++
		default:
			want[sdk.Ok]++
		}
	}
	for level, n := range want {
		seen := 0
		for page := 1; ; page++ {
			r, err := s.admin.AdminListProductsWithResponse(ctx, &sdk.AdminListProductsParams{Stock: &level, Page: ptr(page), Limit: ptr(3)})
			if err != nil || r.JSON200 == nil {
				t.Fatalf("stock=%s page %d: %v %s", level, page, err, r.Body)
			}
			if r.JSON200.Total != n {
				t.Fatalf("stock=%s: total %d, want %d", level, r.JSON200.Total, n)
			}
			for _, p := range r.JSON200.Items {
				if got := catalog.LevelOf(p.Stock, low); string(got) != string(level) {
					t.Fatalf("stock=%s listed %s with stock %d", level, p.Name, p.Stock)
				}
			}
			seen += len(r.JSON200.Items)
			if len(r.JSON200.Items) < 3 {
				break
			}
		}
		if seen != n {
			t.Fatalf("stock=%s: %d products over its pages, want %d", level, seen, n)
		}
	}
	res, body := s.env.Do("GET", "/api/admin/products?stock=poco", s.env.Token("admin@donpalito.test", "admin"), "", nil)
	if p := apitest.Problem(t, 400, res.Header.Get("Content-Type"), body); p.Code != "validation_failed" {
		t.Fatalf("stock=poco: code %q, want validation_failed", p.Code)
	}
}
