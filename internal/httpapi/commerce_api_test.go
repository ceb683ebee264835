package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

// shop is a running platform with an admin and helpers for commerce tests.
type shop struct {
	env   *apitest.Env
	admin *sdk.ClientWithResponses
}

func newShop(t *testing.T, opts ...apitest.Option) *shop {
	env := apitest.New(t, opts...)
	return &shop{env: env, admin: env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))}
}

func (s *shop) product(t *testing.T, name string, price int64, stock int) string {
	t.Helper()
	res, err := s.admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: name, Description: "Para probar", Price: price, Stock: stock, Category: "Especiales",
	})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create product: %v %s", err, res.Body)
	}
	return res.JSON201.Id
}

func (s *shop) stock(t *testing.T, id string) int {
	t.Helper()
	res, err := s.admin.AdminGetProductWithResponse(ctx, id)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("get product: %v %s", err, res.Body)
	}
	return res.JSON200.Stock
}

func (s *shop) coupon(t *testing.T, body sdk.CouponCreate) sdk.Coupon {
	t.Helper()
	res, err := s.admin.CreateCouponWithResponse(ctx, nil, body)
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create coupon: %v %s", err, res.Body)
	}
	return *res.JSON201
}

// customer signs up a customer and fills their cart.
func (s *shop) customer(t *testing.T, email string, cart map[string]int) *sdk.ClientWithResponses {
	t.Helper()
	c := s.env.Client(s.env.Token(email, auth.RoleCustomer))
	for id, q := range cart {
		res, err := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: q})
		if err != nil || res.JSON200 == nil {
			t.Fatalf("add to cart: %v %s", err, res.Body)
		}
	}
	return c
}

var address = &sdk.ShippingAddressInput{FullName: "Ana Gómez", StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567"}

func checkout(c *sdk.ClientWithResponses, key string, coupon string) (*sdk.CreateOrderResponse, error) {
	body := sdk.OrderCreate{Address: address, PaymentMethod: sdk.Transfer}
	if coupon != "" {
		body.CouponCode = &coupon
	}
	return c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: key}, body)
}

func problemCode(body []byte) string {
	s := string(body)
	i := strings.Index(s, `"code":"`)
	if i < 0 {
		return ""
	}
	s = s[i+8:]
	return s[:strings.IndexByte(s, '"')]
}

func TestCheckoutNeverOversells(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Bandeja Familiar de Natilla", 4000000, 10)
	const buyers = 40
	clients := make([]*sdk.ClientWithResponses, buyers)
	for i := range buyers {
		clients[i] = s.customer(t, fmt.Sprintf("cliente%02d@donpalito.test", i), map[string]int{id: 1})
	}
	var placed, refused atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := checkout(c, fmt.Sprintf("checkout-%02d-key", i), "")
			switch {
			case err != nil:
				t.Error(err)
			case res.StatusCode() == 201:
				placed.Add(1)
			case res.StatusCode() == 409 && problemCode(res.Body) == "out_of_stock":
				refused.Add(1)
				if !strings.Contains(string(res.Body), "Bandeja Familiar de Natilla") {
					t.Errorf("out_of_stock must name the product: %s", res.Body)
				}
			default:
				t.Errorf("unexpected %d %s", res.StatusCode(), res.Body)
			}
		}()
	}
	close(start)
	wg.Wait()
	if placed.Load() != 10 || refused.Load() != 30 {
		t.Fatalf("placed %d, refused %d; want 10 and 30", placed.Load(), refused.Load())
	}
	if got := s.stock(t, id); got != 0 {
		t.Fatalf("stock = %d, want 0", got)
	}
	kept := 0
	for _, c := range clients {
		cart, _ := c.GetCartWithResponse(ctx, nil)
		if len(cart.JSON200.Lines) == 1 {
			kept++
		}
	}
	if kept != 30 {
		t.Fatalf("%d refused buyers kept their cart, want 30", kept)
	}
	all, _ := s.admin.AdminListOrdersWithResponse(ctx, &sdk.AdminListOrdersParams{Limit: ptr(100)})
	if all.JSON200.Total != 10 {
		t.Fatalf("orders stored = %d", all.JSON200.Total)
	}
}

func TestCouponLimitsHoldUnderConcurrentCheckouts(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Oblea", 500000, 100)
	s.coupon(t, sdk.CouponCreate{Code: "TRESVECES", Type: sdk.Percentage, Value: 10, UsageLimit: ptr(3)})
	var wg sync.WaitGroup
	start := make(chan struct{})
	var discounted, limited atomic.Int64
	for i := range 20 {
		c := s.customer(t, fmt.Sprintf("cupon%02d@donpalito.test", i), map[string]int{id: 1})
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := checkout(c, fmt.Sprintf("cupon-%02d-key", i), "tresveces")
			switch {
			case err != nil:
				t.Error(err)
			case res.StatusCode() == 201:
				if res.JSON201.Discount != 50000 || deref(res.JSON201.CouponCode) != "TRESVECES" {
					t.Errorf("discounted order: %s", res.Body)
				}
				discounted.Add(1)
			case res.StatusCode() == 422 && problemCode(res.Body) == "coupon_usage_limit":
				limited.Add(1)
			default:
				t.Errorf("unexpected %d %s", res.StatusCode(), res.Body)
			}
		}()
	}
	close(start)
	wg.Wait()
	if discounted.Load() != 3 || limited.Load() != 17 {
		t.Fatalf("discounted %d, limited %d; want 3 and 17", discounted.Load(), limited.Load())
	}
	list, _ := s.admin.ListCouponsWithResponse(ctx, nil)
	if list.JSON200.Items[0].UsedCount != 3 {
		t.Fatalf("usedCount = %d", list.JSON200.Items[0].UsedCount)
	}
	if got := s.stock(t, id); got != 97 {
		t.Fatalf("refused checkouts took stock: %d", got)
	}
}

func TestOneCustomerGetsTheirCouponOnce(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Buñuelo", 100000, 100)
	s.coupon(t, sdk.CouponCreate{Code: "UNAVEZ", Type: sdk.Fixed, Value: 20000})
	c := s.customer(t, "repite@donpalito.test", map[string]int{id: 3})

	// Two concurrent checkouts of one cart: one order, never two.
	var wg sync.WaitGroup
	start := make(chan struct{})
	codes := make(chan int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := checkout(c, fmt.Sprintf("doble-clic-%d", i), "UNAVEZ")
			if err != nil {
				t.Error(err)
				return
			}
			codes <- res.StatusCode()
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	created := 0
	for code := range codes {
		if code == 201 {
			created++
		}
	}
	if created != 1 {
		t.Fatalf("two concurrent checkouts of one cart made %d orders", created)
	}
	// With a new cart the coupon is spent for this customer.
	c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1})
	res, _ := checkout(c, "segunda-compra", "UNAVEZ")
	if res.StatusCode() != 422 || problemCode(res.Body) != "coupon_already_used" {
		t.Fatalf("second use: %d %s", res.StatusCode(), res.Body)
	}
	if res, _ := checkout(c, "segunda-compra-sin-cupon", ""); res.StatusCode() != 201 || res.JSON201.Discount != 0 {
		t.Fatalf("checkout without the coupon: %d %s", res.StatusCode(), res.Body)
	}
}

func TestRetriedCheckoutPlacesOneOrder(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Hojuela", 100000, 50)
	c := s.customer(t, "reintento@donpalito.test", map[string]int{id: 4})
	var wg sync.WaitGroup
	start := make(chan struct{})
	ids := make(chan string, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := checkout(c, "una-sola-compra", "")
			if err != nil {
				t.Error(err)
				return
			}
			switch res.StatusCode() {
			case 201:
				ids <- res.JSON201.Id
			case 200:
				ids <- res.JSON200.Id
			default:
				t.Errorf("retry: %d %s", res.StatusCode(), res.Body)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(ids)
	seen := map[string]int{}
	for id := range ids {
		seen[id]++
	}
	if len(seen) != 1 {
		t.Fatalf("5 sends with one key made %d orders", len(seen))
	}
	if got := s.stock(t, id); got != 46 {
		t.Fatalf("stock = %d, want 46 (one reservation)", got)
	}
	// The same key with another body is refused.
	res, _ := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "una-sola-compra"},
		sdk.OrderCreate{Address: address, PaymentMethod: sdk.Transfer, Notes: ptr("otra cosa")})
	if res.StatusCode() != 422 || problemCode(res.Body) != "idempotency_key_reused" {
		t.Fatalf("reused key: %d %s", res.StatusCode(), res.Body)
	}
	// A checkout without the header is refused by the contract.
	raw, body := s.env.Do(http.MethodPost, "/api/orders", s.env.Token("reintento@donpalito.test", auth.RoleCustomer), "application/json",
		strings.NewReader(`{"paymentMethod":"transfer","address":{"fullName":"A","streetAddress":"B","city":"C","phoneNumber":"3001234567"}}`))
	if raw.StatusCode != 400 || !strings.Contains(string(body), "Idempotency-Key") {
		t.Fatalf("missing key: %d %s", raw.StatusCode, body)
	}
}

func TestCheckoutSnapshotsPricesAndTotals(t *testing.T) {
	s := newShop(t)
	a := s.product(t, "Palito Premium", 250000, 10)
	b := s.product(t, "Natilla", 500000, 10)
	s.coupon(t, sdk.CouponCreate{Code: "DIEZ", Type: sdk.Percentage, Value: 10, MinSubtotal: ptr(int64(1000000)), MaxDiscount: ptr(int64(150000))})
	c := s.customer(t, "totales@donpalito.test", map[string]int{a: 4, b: 1})

	preview, _ := c.GetCartWithResponse(ctx, &sdk.GetCartParams{CouponCode: ptr("diez")})
	if preview.JSON200.Discount != 150000 || preview.JSON200.Total != 1500000+1000000-150000 {
		t.Fatalf("cart preview: %s", preview.Body)
	}
	res, err := checkout(c, "compra-totales-1", "DIEZ")
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	o := res.JSON201
	// subtotal 1 500 000 (15 000 COP); 10 % is capped at 150 000; shipping 1 000 000.
	if o.Subtotal != 1500000 || o.Discount != 150000 || o.Shipping != 1000000 || o.Total != 2350000 ||
		o.TaxIncluded != 2350000-1974790 || o.Status != sdk.OrderStatusPending || o.ExpiresAt == nil || len(o.Lines) != 2 {
		t.Fatalf("order totals: %s", res.Body)
	}
	// Later price changes do not touch the order.
	s.admin.UpdateProductWithResponse(ctx, a, sdk.ProductUpdate{Price: ptr(int64(999999))})
	got, _ := c.GetOrderWithResponse(ctx, o.Id)
	if got.JSON200.Subtotal != 1500000 {
		t.Fatalf("order changed with the catalog: %s", got.Body)
	}
	cart, _ := c.GetCartWithResponse(ctx, nil)
	if len(cart.JSON200.Lines) != 0 {
		t.Fatalf("the server must empty the cart: %s", cart.Body)
	}
	// Another customer cannot see it.
	other := s.customer(t, "curioso@donpalito.test", nil)
	if r, _ := other.GetOrderWithResponse(ctx, o.Id); r.StatusCode() != 404 {
		t.Fatalf("another customer's order: %d", r.StatusCode())
	}
	if r, _ := checkout(other, "carrito-vacio-1", ""); r.StatusCode() != 409 || problemCode(r.Body) != "cart_empty" {
		t.Fatalf("empty cart: %d %s", r.StatusCode(), r.Body)
	}
	card, _ := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "con-tarjeta-1"}, sdk.OrderCreate{Address: address, PaymentMethod: sdk.Card})
	if card.StatusCode() != 409 || (problemCode(card.Body) != "payment_method_unavailable" && problemCode(card.Body) != "cart_empty") {
		t.Fatalf("card without a provider: %d %s", card.StatusCode(), card.Body)
	}
}

func TestOrderLifecycleRefusesEveryOtherMove(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Panocha", 600000, 10)
	c := s.customer(t, "ciclo@donpalito.test", map[string]int{id: 2})
	res, _ := checkout(c, "ciclo-de-vida-1", "")
	oid := res.JSON201.Id
	move := func(to sdk.OrderStatus) (int, *sdk.Order) {
		r, err := s.admin.UpdateOrderStatusWithResponse(ctx, oid, nil, sdk.OrderStatusUpdate{Status: to, Note: ptr("prueba")})
		if err != nil {
			t.Fatal(err)
		}
		return r.StatusCode(), r.JSON200
	}
	refused := func(to sdk.OrderStatus) {
		t.Helper()
		before, _ := s.admin.AdminGetOrderWithResponse(ctx, oid)
		if code, _ := move(to); code != 409 {
			t.Fatalf("%s → %s: %d, want 409", before.JSON200.Status, to, code)
		}
		after, _ := s.admin.AdminGetOrderWithResponse(ctx, oid)
		if after.JSON200.Status != before.JSON200.Status || len(after.JSON200.Timeline) != len(before.JSON200.Timeline) {
			t.Fatalf("refused move changed the order")
		}
	}
	refused(sdk.OrderStatusDelivered)
	refused(sdk.OrderStatusReady)
	refused(sdk.OrderStatusPending)
	// The refusal says where the order is and where it can go.
	r, _ := s.admin.UpdateOrderStatusWithResponse(ctx, oid, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusDelivered})
	if p := apitest.Problem(t, r.StatusCode(), r.HTTPResponse.Header.Get("Content-Type"), r.Body); p.Code != "invalid_transition" ||
		deref(p.Detail) != "El pedido está pendiente (pending) y no puede pasar a entregado (delivered). Estados siguientes permitidos: pagado (paid), cancelado (canceled), rechazado (rejected)." {
		t.Fatalf("invalid move: %s", r.Body)
	}
	code, o := move(sdk.OrderStatusPaid)
	if code != 200 || o.PaidAt == nil || o.InvoiceNumber == nil || !strings.HasPrefix(*o.InvoiceNumber, "FV-") || o.ExpiresAt != nil {
		t.Fatalf("confirm transfer: %d %+v", code, o)
	}
	refused(sdk.OrderStatusPaid)
	refused(sdk.OrderStatusPending)
	refused(sdk.OrderStatusRejected)
	for _, to := range []sdk.OrderStatus{sdk.OrderStatusInPreparation, sdk.OrderStatusReady, sdk.OrderStatusDelivered} {
		if code, _ := move(to); code != 200 {
			t.Fatalf("→ %s: %d", to, code)
		}
	}
	refused(sdk.OrderStatusCanceled)
	refused(sdk.OrderStatusPending)
	final, _ := s.admin.AdminGetOrderWithResponse(ctx, oid)
	f := final.JSON200
	if f.DeliveredAt == nil || len(f.Timeline) != 5 || *f.InvoiceNumber != *o.InvoiceNumber {
		t.Fatalf("delivered order: %s", final.Body)
	}
	if f.Timeline[1].Actor != sdk.OrderActorAdmin || deref(f.Timeline[1].Note) != "prueba" {
		t.Fatalf("timeline: %+v", f.Timeline)
	}
	if s.stock(t, id) != 8 {
		t.Fatal("delivered order must keep its stock taken")
	}

	// A customer cancels a pending order; stock comes back; a paid one cannot be canceled by them.
	res2, _ := checkout(s.customer(t, "cancela@donpalito.test", map[string]int{id: 3}), "cancela-1", "")
	cust := s.env.Client(s.env.Token("cancela@donpalito.test", auth.RoleCustomer))
	if r, _ := cust.CancelOrderWithResponse(ctx, res2.JSON201.Id); r.JSON200 == nil || r.JSON200.Status != sdk.OrderStatusCanceled {
		t.Fatalf("customer cancel: %s", r.Body)
	}
	if s.stock(t, id) != 8 {
		t.Fatalf("canceled order did not give its stock back: %d", s.stock(t, id))
	}
	if r, _ := cust.CancelOrderWithResponse(ctx, res2.JSON201.Id); r.StatusCode() != 409 {
		t.Fatalf("second cancel: %d", r.StatusCode())
	}
}

func TestUnpaidOrdersExpireAndGiveBackStockAndCoupon(t *testing.T) {
	s := newShop(t, apitest.WithEnv("ORDER_HOLD_TRANSFER", "1s"), apitest.WithEnv("ORDER_SWEEP_INTERVAL", "100ms"))
	id := s.product(t, "Paliplátano", 150000, 5)
	s.coupon(t, sdk.CouponCreate{Code: "EXPIRA", Type: sdk.Fixed, Value: 10000, UsageLimit: ptr(1)})
	c := s.customer(t, "olvida@donpalito.test", map[string]int{id: 5})
	res, _ := checkout(c, "olvidado-1", "EXPIRA")
	if res.JSON201 == nil || s.stock(t, id) != 0 {
		t.Fatalf("checkout: %s", res.Body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		o, _ := c.GetOrderWithResponse(ctx, res.JSON201.Id)
		if o.JSON200.Status == sdk.OrderStatusCanceled {
			last := o.JSON200.Timeline[len(o.JSON200.Timeline)-1]
			if last.Actor != sdk.OrderActorSystem {
				t.Fatalf("expiry actor: %+v", last)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("order not expired within 15s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The status changes first, then stock and coupon come back.
	for s.stock(t, id) != 5 {
		if time.Now().After(deadline) {
			t.Fatalf("stock after expiry = %d, want 5", s.stock(t, id))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for {
		coupons, _ := s.admin.ListCouponsWithResponse(ctx, nil)
		if coupons.JSON200.Items[0].UsedCount == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("coupon not given back: %d", coupons.JSON200.Items[0].UsedCount)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// And it can be used again.
	c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1})
	if r, _ := checkout(c, "olvidado-2", "EXPIRA"); r.StatusCode() != 201 {
		t.Fatalf("reuse after expiry: %d %s", r.StatusCode(), r.Body)
	}
}

func TestExpiryAlsoRunsAfterARestart(t *testing.T) {
	s := newShop(t, apitest.WithEnv("ORDER_HOLD_TRANSFER", "50ms"), apitest.WithEnv("ORDER_SWEEP_INTERVAL", "1h"))
	id := s.product(t, "Natilla", 500000, 2)
	c := s.customer(t, "reinicio@donpalito.test", map[string]int{id: 2})
	res, _ := checkout(c, "reinicio-1", "")
	time.Sleep(100 * time.Millisecond)
	// A fresh app on the same database sweeps at start-up.
	n, err := s.env.App.Orders.ExpireDue(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("expired %d, %v", n, err)
	}
	if o, _ := c.GetOrderWithResponse(ctx, res.JSON201.Id); o.JSON200.Status != sdk.OrderStatusCanceled {
		t.Fatalf("status %s", o.JSON200.Status)
	}
	if s.stock(t, id) != 2 {
		t.Fatal("stock not released")
	}
}

func TestCartRefusesBadQuantities(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Palito Coctelero", 100000, 5)
	gone := s.product(t, "Descontinuado", 100000, 5)
	tok := s.env.Token("carrito@donpalito.test", auth.RoleCustomer)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"zero", fmt.Sprintf(`{"productId":%q,"quantity":0}`, id), 400, "validation_failed"},
		{"a hundred", fmt.Sprintf(`{"productId":%q,"quantity":100}`, id), 400, "validation_failed"},
		{"a string", fmt.Sprintf(`{"productId":%q,"quantity":"2"}`, id), 400, "validation_failed"},
		{"fractional", fmt.Sprintf(`{"productId":%q,"quantity":1.5}`, id), 400, "validation_failed"},
		{"above stock", fmt.Sprintf(`{"productId":%q,"quantity":6}`, id), 409, "out_of_stock"},
		{"unknown product", `{"productId":"665f1c2e8b3a4d0012345678","quantity":1}`, 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := s.env.Do(http.MethodPost, "/api/cart", tok, "application/json", strings.NewReader(tt.body))
			if res.StatusCode != tt.status || problemCode(body) != tt.code {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
		})
	}
	c := s.env.Client(tok)
	c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 3})
	if r, _ := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 3}); r.StatusCode() != 409 {
		t.Fatalf("merging above stock: %d", r.StatusCode())
	}
	if r, _ := c.UpdateCartItemWithResponse(ctx, gone, sdk.CartItemUpdate{Quantity: 1}); r.StatusCode() != 404 {
		t.Fatalf("update of a line not in the cart: %d", r.StatusCode())
	}
	c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: gone, Quantity: 2})
	s.admin.DeleteProductWithResponse(ctx, gone)
	s.admin.AdjustStockWithResponse(ctx, id, sdk.StockAdjustment{Mode: sdk.Set, Quantity: 1, Reason: "merma"})
	cart, _ := c.GetCartWithResponse(ctx, nil)
	if len(cart.JSON200.Warnings) != 2 || cart.JSON200.Subtotal != 0 || cart.JSON200.Total != 0 {
		t.Fatalf("cart with a deleted and a short product: %s", cart.Body)
	}
	if r, _ := checkout(c, "carrito-raro-1", ""); r.StatusCode() != 409 || problemCode(r.Body) != "out_of_stock" {
		t.Fatalf("checkout of unavailable lines: %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := c.RemoveCartItemWithResponse(ctx, gone); r.JSON200 == nil || len(r.JSON200.Lines) != 1 {
		t.Fatalf("remove: %s", r.Body)
	}
	if r, _ := c.ClearCartWithResponse(ctx); r.JSON200 == nil || len(r.JSON200.Lines) != 0 {
		t.Fatalf("clear: %s", r.Body)
	}
}

func TestCouponRulesAreExplained(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Natilla", 500000, 50)
	today := time.Now().In(time.FixedZone("COT", -5*3600))
	date := func(d time.Time) *openapi_types.Date { return &openapi_types.Date{Time: d} }
	s.coupon(t, sdk.CouponCreate{Code: "APAGADO", Type: sdk.Fixed, Value: 1000, IsActive: ptr(false)})
	s.coupon(t, sdk.CouponCreate{Code: "VENCIDO", Type: sdk.Fixed, Value: 1000, EndsAt: date(today.AddDate(0, 0, -1))})
	s.coupon(t, sdk.CouponCreate{Code: "HOYTERMINA", Type: sdk.Fixed, Value: 1000, EndsAt: date(today), IsPublic: ptr(true)})
	s.coupon(t, sdk.CouponCreate{Code: "MANANA", Type: sdk.Fixed, Value: 1000, StartsAt: date(today.AddDate(0, 0, 1))})
	s.coupon(t, sdk.CouponCreate{Code: "GRANDE", Type: sdk.Fixed, Value: 1000, MinSubtotal: ptr(int64(100000000))})
	s.coupon(t, sdk.CouponCreate{Code: "PRIVADO", Type: sdk.Percentage, Value: 5})
	c := s.customer(t, "reglas@donpalito.test", map[string]int{id: 1})
	tests := []struct{ code, want string }{
		{"NOEXISTE", "coupon_not_found"}, {"APAGADO", "coupon_inactive"}, {"VENCIDO", "coupon_expired"},
		{"MANANA", "coupon_not_started"}, {"GRANDE", "coupon_min_subtotal"},
	}
	for _, tt := range tests {
		res, _ := c.ValidateCouponWithResponse(ctx, sdk.CouponValidateRequest{Code: tt.code})
		if res.StatusCode() != 422 || problemCode(res.Body) != tt.want {
			t.Errorf("%s: %d %s", tt.code, res.StatusCode(), res.Body)
		}
	}
	// A coupon ending today works until the end of the day in Bogotá (W-21).
	if res, _ := c.ValidateCouponWithResponse(ctx, sdk.CouponValidateRequest{Code: "hoytermina"}); res.JSON200 == nil || res.JSON200.Discount != 1000 {
		t.Fatalf("ends today: %s", res.Body)
	}
	public, _ := s.env.Client("").ListActiveCouponsWithResponse(ctx)
	if len(public.JSON200.Items) != 1 || public.JSON200.Items[0].Code != "HOYTERMINA" {
		t.Fatalf("public coupons: %s", public.Body)
	}
	// Only declared fields change (W-5); a taken code is a conflict.
	list, _ := s.admin.ListCouponsWithResponse(ctx, &sdk.ListCouponsParams{Q: ptr("privado")})
	priv := list.JSON200.Items[0]
	raw, body := s.env.Do(http.MethodPatch, "/api/coupons/"+priv.Id, s.env.Token("admin@donpalito.test", auth.RoleAdmin),
		"application/json", strings.NewReader(`{"usedCount":0}`))
	if raw.StatusCode != 400 {
		t.Fatalf("undeclared field: %d %s", raw.StatusCode, body)
	}
	if r, _ := s.admin.UpdateCouponWithResponse(ctx, priv.Id, sdk.CouponUpdate{Code: ptr("GRANDE")}); r.StatusCode() != 409 {
		t.Fatalf("taken code: %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := s.admin.UpdateCouponWithResponse(ctx, priv.Id, sdk.CouponUpdate{Value: ptr(int64(101))}); r.StatusCode() != 400 {
		t.Fatalf("percentage above 100: %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := s.admin.DeleteCouponWithResponse(ctx, priv.Id); r.StatusCode() != 204 {
		t.Fatalf("delete: %d", r.StatusCode())
	}
	if res, _ := c.ValidateCouponWithResponse(ctx, sdk.CouponValidateRequest{Code: "PRIVADO"}); problemCode(res.Body) != "coupon_not_found" {
		t.Fatalf("deleted coupon: %s", res.Body)
	}
}

func TestACustomerCannotHoardStockWithUnpaidOrders(t *testing.T) {
	s := newShop(t, apitest.WithEnv("MAX_PENDING_ORDERS", "2"))
	id := s.product(t, "Oblea", 500000, 50)
	c := s.customer(t, "acaparador@donpalito.test", nil)
	place := func(key string) *sdk.CreateOrderResponse {
		c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1})
		res, err := checkout(c, key, "")
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first, second := place("acaparar-1"), place("acaparar-2")
	if first.JSON201 == nil || second.JSON201 == nil {
		t.Fatalf("first orders: %s %s", first.Body, second.Body)
	}
	third := place("acaparar-3")
	if third.StatusCode() != 409 || problemCode(third.Body) != "too_many_pending_orders" {
		t.Fatalf("third unpaid order: %d %s", third.StatusCode(), third.Body)
	}
	// Paying or canceling one frees a place.
	s.admin.UpdateOrderStatusWithResponse(ctx, first.JSON201.Id, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusPaid})
	if again, _ := checkout(c, "acaparar-4", ""); again.StatusCode() != 201 {
		t.Fatalf("after paying one: %d %s", again.StatusCode(), again.Body)
	}
}

func TestCustomersListTheirOwnOrdersNewestFirst(t *testing.T) {
	s := newShop(t)
	id := s.product(t, "Natilla", 500000, 50)
	c := s.customer(t, "historial@donpalito.test", nil)
	var ids []string
	for i := range 3 {
		c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: id, Quantity: 1})
		res, _ := checkout(c, fmt.Sprintf("historial-%d", i), "")
		if res.JSON201 == nil {
			t.Fatalf("checkout %d: %s", i, res.Body)
		}
		ids = append(ids, res.JSON201.Id)
		time.Sleep(2 * time.Millisecond)
	}
	s.admin.UpdateOrderStatusWithResponse(ctx, ids[0], nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusPaid})
	other := s.customer(t, "ajeno@donpalito.test", nil)

	first, _ := c.ListOrdersWithResponse(ctx, &sdk.ListOrdersParams{Limit: ptr(2)})
	if first.JSON200.Total != 3 || len(first.JSON200.Items) != 2 || first.JSON200.Items[0].Id != ids[2] || first.JSON200.Items[1].Id != ids[1] {
		t.Fatalf("page 1: %s", first.Body)
	}
	second, _ := c.ListOrdersWithResponse(ctx, &sdk.ListOrdersParams{Limit: ptr(2), Page: ptr(2)})
	if len(second.JSON200.Items) != 1 || second.JSON200.Items[0].Id != ids[0] {
		t.Fatalf("page 2: %s", second.Body)
	}
	paid, _ := c.ListOrdersWithResponse(ctx, &sdk.ListOrdersParams{Status: ptr(sdk.OrderStatusPaid)})
	if paid.JSON200.Total != 1 || paid.JSON200.Items[0].Id != ids[0] {
		t.Fatalf("paid only: %s", paid.Body)
	}
	if mine, _ := other.ListOrdersWithResponse(ctx, nil); mine.JSON200.Total != 0 {
		t.Fatalf("another customer sees %d orders", mine.JSON200.Total)
	}
}
