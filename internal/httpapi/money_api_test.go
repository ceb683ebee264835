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

// Issue 9, defect 8: the cart showed 3 000, the order charged 4 000. A price
// change between cart and checkout is shown in the cart and must be
// confirmed with the new total before the order is placed.
func TestPriceChangedSinceTheCartMustBeConfirmed(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Palito de queso", 300000, 10)
	same := s.product(t, "Natilla", 500000, 10)
	c := s.customer(t, "precio@donpalito.test", map[string]int{id: 1, same: 1})
	before, _ := c.GetCartWithResponse(ctx, nil)
	if len(before.JSON200.Warnings) != 0 {
		t.Fatalf("no price changed yet: %s", before.Body)
	}
	oldTotal := before.JSON200.Total
	if r, _ := s.admin.UpdateProductWithResponse(ctx, id, sdk.ProductUpdate{Price: ptr(int64(400000))}); r.JSON200 == nil {
		t.Fatalf("raise the price: %s", r.Body)
	}
	newTotal := oldTotal + 100000

	cart, _ := c.GetCartWithResponse(ctx, nil)
	var line *sdk.CartLine
	for i := range cart.JSON200.Lines {
		if cart.JSON200.Lines[i].ProductId == id {
			line = &cart.JSON200.Lines[i]
		}
	}
	if line == nil || line.Warning == nil || line.Warning.Code != "price_changed" || deref(line.PreviousUnitPrice) != 300000 ||
		line.UnitPrice != 400000 || cart.JSON200.Total != newTotal || len(cart.JSON200.Warnings) != 1 ||
		cart.JSON200.Warnings[0].Code != "price_changed" || !strings.Contains(cart.JSON200.Warnings[0].Message, "$ 4.000") {
		t.Fatalf("the cart must show the change and price at today's price: %s", cart.Body)
	}

	order := func(key string, expected *int64) *sdk.CreateOrderResponse {
		t.Helper()
		r, err := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: key},
			sdk.OrderCreate{Address: address, PaymentMethod: sdk.Transfer, ExpectedTotal: expected})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for name, expected := range map[string]*int64{"without a total": nil, "with the old total": ptr(oldTotal)} {
		r := order("precio-"+strings.ReplaceAll(name, " ", "-"), expected)
		if r.StatusCode() != 409 {
			t.Fatalf("%s: %d %s, want 409 price_changed", name, r.StatusCode(), r.Body)
		}
		p := apitest.Problem(t, 409, r.HTTPResponse.Header.Get("Content-Type"), r.Body)
		if p.Code != "price_changed" || p.Total == nil || *p.Total != newTotal || p.PriceChanges == nil || len(*p.PriceChanges) != 1 {
			t.Fatalf("%s: %s", name, r.Body)
		}
		if ch := (*p.PriceChanges)[0]; ch.ProductId != id || ch.Name != "Palito de queso" || ch.OldUnitPrice != 300000 || ch.NewUnitPrice != 400000 {
			t.Fatalf("%s: price change %+v", name, ch)
		}
		if s.stock(t, id) != 10 {
			t.Fatalf("%s: a refused checkout must not take stock", name)
		}
	}
	r := order("precio-confirmado", ptr(newTotal))
	if r.JSON201 == nil || r.JSON201.Total != newTotal {
		t.Fatalf("confirmed total: %d %s", r.StatusCode(), r.Body)
	}
}

// A client that sends the total it showed is never charged another one, and
// one that sends nothing keeps working while no price changed.
func TestExpectedTotalMustMatchWhenSent(t *testing.T) {
	s := newShop(t, apitest.WithEnv("MAX_PENDING_ORDERS", "0"))
	id := s.product(t, "Almojábana", 200000, 10)
	c := s.customer(t, "total@donpalito.test", nil)
	add := func() int64 {
		r, _ := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1})
		return r.JSON200.Total
	}
	total := add()
	r, _ := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "total-distinto"},
		sdk.OrderCreate{Address: address, PaymentMethod: sdk.Transfer, ExpectedTotal: ptr(total - 1)})
	if r.StatusCode() != 409 || problemCode(r.Body) != "price_changed" {
		t.Fatalf("another total: %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "total-igual"},
		sdk.OrderCreate{Address: address, PaymentMethod: sdk.Transfer, ExpectedTotal: ptr(total)}); r.JSON201 == nil || r.JSON201.Total != total {
		t.Fatalf("the same total: %d %s", r.StatusCode(), r.Body)
	}
	add()
	if r, err := checkout(c, "sin-total", ""); err != nil || r.JSON201 == nil {
		t.Fatalf("no total and no price change: %v %s", err, r.Body)
	}
}
