package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/sdk"
)

// Issue 9, defect 1: prices of 2^62 and 5·10^18 in one cart wrapped the
// subtotal and placed an order with total 0.
func TestMoneyPastItsBoundIsRefusedNeverWrapped(t *testing.T) {
	s := newShop(t)
	admin := s.env.Token("admin@donpalito.test", "admin")

	// The contract bounds every amount the shop sets.
	for _, tc := range []struct{ name, method, path, body string }{
		{"price 2^62", "POST", "/api/admin/products", `{"name":"Caro","description":"x","price":4611686018427387904,"stock":1,"category":"X"}`},
		{"price just past the bound", "POST", "/api/admin/products", fmt.Sprintf(`{"name":"Caro","description":"x","price":%d,"stock":1,"category":"X"}`, money.MaxAmount+1)},
		{"coupon minimum subtotal", "POST", "/api/coupons", `{"code":"ENORME","type":"percentage","value":10,"minSubtotal":4611686018427387904}`},
		{"coupon maximum discount", "POST", "/api/coupons", `{"code":"ENORME","type":"percentage","value":10,"maxDiscount":5000000000000000000}`},
	} {
		res, body := s.env.Do(tc.method, tc.path, admin, "application/json", strings.NewReader(tc.body))
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", tc.name, res.StatusCode, body)
			continue
		}
		if p := apitest.Problem(t, 400, res.Header.Get("Content-Type"), body); p.Code != "validation_failed" {
			t.Errorf("%s: code %q", tc.name, p.Code)
		}
	}
	at := s.product(t, "Al límite", money.MaxAmount, 1000)
	if res, _ := s.admin.UpdateProductWithResponse(ctx, at, sdk.ProductUpdate{Price: ptr(money.MaxAmount + 1)}); res.StatusCode() != 400 {
		t.Fatalf("price update past the bound: %d %s", res.StatusCode(), res.Body)
	}

	// A cart that would pass the most a total may reach is refused, and
	// what it already holds keeps exact totals.
	c := s.customer(t, "limite@donpalito.test", nil)
	perLine := money.MaxAmount * 99
	lines := int(money.MaxTotal / perLine) // this many lines fit
	for i := range lines {
		id := s.product(t, fmt.Sprintf("Al límite %d", i), money.MaxAmount, 1000)
		if res, _ := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 99}); res.JSON200 == nil {
			t.Fatalf("line %d within the bound: %d %s", i, res.StatusCode(), res.Body)
		}
	}
	res, _ := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: at, Quantity: 99})
	if res.StatusCode() != 409 || problemCode(res.Body) != "amount_too_large" {
		t.Fatalf("a cart past the bound: %d %s", res.StatusCode(), res.Body)
	}
	cart, _ := c.GetCartWithResponse(ctx, nil)
	if want := int64(lines)*perLine + cart.JSON200.Shipping; cart.JSON200.Total != want {
		t.Fatalf("cart total %d, want %d", cart.JSON200.Total, want)
	}
}

// Prices stored before the bound existed (or written behind the API's back)
// can still be huge: the cart shows them without summing them, and checkout
// refuses with 409 instead of placing an order with a wrapped total.
func TestHugeStoredPricesNeverWrapACheckout(t *testing.T) {
	s := newShop(t)
	a := s.product(t, "Palito dorado", 100000, 5)
	b := s.product(t, "Natilla dorada", 100000, 5)
	c := s.customer(t, "dorado@donpalito.test", map[string]int{a: 1, b: 1})
	for id, price := range map[string]int64{a: 1 << 62, b: 5_000_000_000_000_000_000} {
		oid, _ := bson.ObjectIDFromHex(id)
		if _, err := s.env.App.Store.DB.Collection("products").UpdateOne(ctx, bson.D{{"_id", oid}},
			bson.D{{"$set", bson.D{{"price", price}}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.env.App.Catalog.Refresh(ctx, a, b); err != nil {
		t.Fatal(err)
	}

	cart, _ := c.GetCartWithResponse(ctx, nil)
	if cart.JSON200 == nil {
		t.Fatalf("cart: %d %s", cart.StatusCode(), cart.Body)
	}
	if cart.JSON200.Total != 0 || cart.JSON200.Subtotal != 0 || len(cart.JSON200.Warnings) != 2 {
		t.Fatalf("the cart must leave both lines out of its totals, with a warning: %s", cart.Body)
	}
	for _, w := range cart.JSON200.Warnings {
		if w.Code != "amount_too_large" {
			t.Fatalf("warning %q: %s", w.Code, cart.Body)
		}
	}
	res, err := checkout(c, "compra-dorada-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode() != 409 || problemCode(res.Body) != "amount_too_large" {
		t.Fatalf("checkout with wrapped prices: %d %s", res.StatusCode(), res.Body)
	}
	if s.stock(t, a) != 5 || s.stock(t, b) != 5 {
		t.Fatal("a refused checkout must not take stock")
	}
}
