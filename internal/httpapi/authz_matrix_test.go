package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

// fixture is a small shop: an admin with an admin key and a read-only key, a
// customer who owns an address, a pending order, a delivered order with a
// review; another customer; and a deactivated one.
type fixture struct {
	admin, adminKey, readKey, customer, other, inactive string
	customerID, productID, imageID, addressID           string
	orderID, deliveredID, reviewID, couponID, keyID     string
}

var fixtureSeq atomic.Int64

func newFixture(t *testing.T, env *apitest.Env) *fixture {
	t.Helper()
	n := fixtureSeq.Add(1)
	f := &fixture{}
	f.admin = env.Token(fmt.Sprintf("matriz-admin-%d@donpalito.test", n), auth.RoleAdmin)
	admin := env.Client(f.admin)
	key := func(scope sdk.ApiKeyScope) (string, string) {
		res, err := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "matriz", Scopes: []sdk.ApiKeyScope{scope}})
		if err != nil || res.JSON201 == nil {
			t.Fatalf("key: %v %s", err, res.Body)
		}
		return res.JSON201.Key, res.JSON201.Id
	}
	f.adminKey, _ = key(sdk.ApiKeyScopeAdmin)
	f.readKey, _ = key(sdk.ApiKeyScopeRead)
	_, f.keyID = key(sdk.ApiKeyScopeRead)

	prod, err := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{Name: fmt.Sprintf("Matriz %d", n), Description: "d", Price: 100000, Stock: 100, Category: "Especiales"})
	if err != nil || prod.JSON201 == nil {
		t.Fatalf("product: %v %s", err, prod.Body)
	}
	f.productID = prod.JSON201.Id
	res, body := env.Do(http.MethodPost, "/api/admin/products/"+f.productID+"/images", f.admin, imageForm.contentType, strings.NewReader(imageForm.body))
	if res.StatusCode != 201 {
		t.Fatalf("image: %d %s", res.StatusCode, body)
	}
	img, _ := admin.AdminGetProductWithResponse(ctx, f.productID)
	f.imageID = img.JSON200.Images[0].Id
	cp, err := admin.CreateCouponWithResponse(ctx, nil, sdk.CouponCreate{Code: fmt.Sprintf("MATRIZ%d", n), Type: sdk.Fixed, Value: 100})
	if err != nil || cp.JSON201 == nil {
		t.Fatalf("coupon: %v %s", err, cp.Body)
	}
	f.couponID = cp.JSON201.Id

	f.customer = env.Token(fmt.Sprintf("matriz-cliente-%d@donpalito.test", n), auth.RoleCustomer)
	cust := env.Client(f.customer)
	me, _ := cust.GetMeWithResponse(ctx)
	f.customerID = me.JSON200.Id
	addr, err := cust.CreateAddressWithResponse(ctx, nil, sdk.AddressCreate{Label: "Casa", FullName: "Ana", StreetAddress: "Calle 1", City: "Medellín", PhoneNumber: "3001234567"})
	if err != nil || addr.JSON201 == nil {
		t.Fatalf("address: %v %s", err, addr.Body)
	}
	f.addressID = addr.JSON201.Id
	place := func(key string) string {
		cust.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: f.productID, Quantity: 1})
		o, err := cust.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: key}, sdk.OrderCreate{AddressId: &f.addressID, PaymentMethod: sdk.Transfer})
		if err != nil || o.JSON201 == nil {
			t.Fatalf("order: %v %s", err, o.Body)
		}
		return o.JSON201.Id
	}
	f.deliveredID = place(fmt.Sprintf("matriz-%d-entregado", n))
	for _, st := range []sdk.OrderStatus{sdk.OrderStatusPaid, sdk.OrderStatusInPreparation, sdk.OrderStatusReady, sdk.OrderStatusDelivered} {
		if r, _ := admin.UpdateOrderStatusWithResponse(ctx, f.deliveredID, nil, sdk.OrderStatusUpdate{Status: st}); r.JSON200 == nil {
			t.Fatalf("move to %s: %s", st, r.Body)
		}
	}
	rv, err := cust.CreateReviewWithResponse(ctx, sdk.ReviewCreate{ProductId: f.productID, OrderId: f.deliveredID, Rating: 5})
	if err != nil || rv.JSON201 == nil {
		t.Fatalf("review: %v %s", err, rv.Body)
	}
	f.reviewID = rv.JSON201.Id
	f.orderID = place(fmt.Sprintf("matriz-%d-pendiente", n))

	f.other = env.Token(fmt.Sprintf("matriz-otro-%d@donpalito.test", n), auth.RoleCustomer)
	env.Client(f.other).GetMeWithResponse(ctx)
	f.inactive = env.Token(fmt.Sprintf("matriz-inactivo-%d@donpalito.test", n), auth.RoleCustomer)
	in, _ := env.Client(f.inactive).GetMeWithResponse(ctx)
	if r, _ := admin.UpdateCustomerStatusWithResponse(ctx, in.JSON200.Id, sdk.CustomerStatusUpdate{IsActive: false}); r.JSON200 == nil {
		t.Fatalf("deactivate: %s", r.Body)
	}
	return f
}

var imageForm = func() struct{ contentType, body string } {
	var b strings.Builder
	b.WriteString("--matriz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")
	b.WriteString("\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xfb\x5e\x6b\x2b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82")
	b.WriteString("\r\n--matriz--\r\n")
	return struct{ contentType, body string }{"multipart/form-data; boundary=matriz", b.String()}
}()

// call is one request of the matrix; path parameters are filled from the
// fixture, and the body is valid so that an allowed caller reaches the rules.
type call struct {
	params map[string]func(*fixture) string
	body   func(*fixture) string
	ctype  string
	// owned operations act on the customer's own resource: another customer
	// must get 404, never a hint that it exists.
	owned bool
	// notLive marks operations that still answer 501 not_implemented.
	notLive bool
	// fresh gives each allowed caller a new fixture: the operation changes
	// the caller itself (deactivating an account).
	fresh bool
}

func id(get func(*fixture) string) map[string]func(*fixture) string {
	return map[string]func(*fixture) string{"id": get}
}

var (
	product      = func(f *fixture) string { return f.productID }
	pendingOrder = func(f *fixture) string { return f.orderID }
	jsonBody     = func(s string) func(*fixture) string { return func(*fixture) string { return s } }
)

// matrix has one entry per operation of openapi.yaml.
var matrix = map[string]call{
	"getHealth": {}, "getReady": {}, "getOpenAPISpec": {}, "getAPIDocs": {}, "getConfig": {},
	"createDevToken":     {body: jsonBody(`{"email":"matriz-nuevo@donpalito.test"}`)},
	"listDevMailbox":     {},
	"simulateDevPayment": {params: map[string]func(*fixture) string{"orderId": pendingOrder}, body: jsonBody(`{"outcome":"succeeded"}`), owned: true},
	"getMe":              {}, "getProfile": {},
	"updateProfile":                 {body: jsonBody(`{"gender":"otro"}`)},
	"listAddresses":                 {},
	"createAddress":                 {body: jsonBody(`{"label":"Trabajo","fullName":"Ana","streetAddress":"Calle 2","city":"Envigado","phoneNumber":"3009876543"}`)},
	"updateAddress":                 {params: id(func(f *fixture) string { return f.addressID }), body: jsonBody(`{"city":"Sabaneta"}`), owned: true},
	"deleteAddress":                 {params: id(func(f *fixture) string { return f.addressID }), owned: true},
	"getWishlist":                   {},
	"addWishlistItem":               {body: func(f *fixture) string { return `{"productId":"` + f.productID + `"}` }},
	"removeWishlistItem":            {params: map[string]func(*fixture) string{"productId": product}},
	"updateNotificationPreferences": {body: jsonBody(`{"marketingEmails":true}`)},
	"deactivateAccount":             {fresh: true},
	"listProducts":                  {}, "getProduct": {params: id(product)}, "listProductReviews": {params: id(product)}, "listCategories": {},
	"getCart":             {},
	"addCartItem":         {body: func(f *fixture) string { return `{"productId":"` + f.productID + `","quantity":1}` }},
	"clearCart":           {},
	"updateCartItem":      {params: map[string]func(*fixture) string{"productId": product}, body: jsonBody(`{"quantity":2}`)},
	"removeCartItem":      {params: map[string]func(*fixture) string{"productId": product}},
	"listActiveCoupons":   {},
	"validateCoupon":      {body: jsonBody(`{"code":"NOEXISTE"}`)},
	"listCoupons":         {},
	"createCoupon":        {body: jsonBody(`{"code":"NUEVOMATRIZ","type":"fixed","value":100}`)},
	"getCoupon":           {params: id(func(f *fixture) string { return f.couponID })},
	"updateCoupon":        {params: id(func(f *fixture) string { return f.couponID }), body: jsonBody(`{"description":"x"}`)},
	"deleteCoupon":        {params: id(func(f *fixture) string { return f.couponID })},
	"createOrder":         {body: func(f *fixture) string { return `{"addressId":"` + f.addressID + `","paymentMethod":"transfer"}` }},
	"listOrders":          {},
	"getOrder":            {params: id(pendingOrder), owned: true},
	"cancelOrder":         {params: id(pendingOrder), owned: true},
	"getOrderInvoice":     {params: id(func(f *fixture) string { return f.deliveredID }), owned: true},
	"createPaymentIntent": {body: func(f *fixture) string { return `{"orderId":"` + f.orderID + `"}` }, owned: true},
	"createReview": {body: func(f *fixture) string {
		return `{"productId":"` + f.productID + `","orderId":"` + f.deliveredID + `","rating":4}`
	}, owned: true},
	"deleteReview":         {params: id(func(f *fixture) string { return f.reviewID }), owned: true},
	"receiveStripeWebhook": {body: jsonBody(`{"id":"evt_1","type":"payment_intent.succeeded"}`)},
	"receiveClerkWebhook":  {body: jsonBody(`{"type":"user.created","data":{}}`)},
	"adminListProducts":    {},
	"createProduct":        {body: jsonBody(`{"name":"Nuevo","description":"d","price":100,"stock":1,"category":"c"}`)},
	"adminGetProduct":      {params: id(product)},
	"updateProduct":        {params: id(product), body: jsonBody(`{"price":200000}`)},
	"deleteProduct":        {params: id(product)},
	"adjustStock":          {params: id(product), body: jsonBody(`{"mode":"delta","quantity":1,"reason":"matriz"}`)},
	"uploadProductImage":   {params: id(product), body: func(*fixture) string { return imageForm.body }, ctype: imageForm.contentType},
	"restoreProduct":       {params: id(product)},
	"deleteProductImage":   {params: map[string]func(*fixture) string{"id": product, "imageId": func(f *fixture) string { return f.imageID }}},
	"adminListOrders":      {},
	"exportOrders":         {},
	"adminGetOrder":        {params: id(pendingOrder)},
	"updateOrderStatus":    {params: id(pendingOrder), body: jsonBody(`{"status":"paid"}`)},
	"adminListCustomers":   {},
	"adminGetCustomer":     {params: id(func(f *fixture) string { return f.customerID })},
	"updateCustomerStatus": {params: id(func(f *fixture) string { return f.customerID }), body: jsonBody(`{"isActive":true}`)},
	"getAdminStats":        {},
	"listApiKeys":          {},
	"createApiKey":         {body: jsonBody(`{"name":"otra","scopes":["read"]}`)},
	"revokeApiKey":         {params: id(func(f *fixture) string { return f.keyID })},
	"listEvents":           {},
	"retryEvent":           {params: id(jsonBody("665f1c2e8b3a4d0012345678"))},
}

type operation struct {
	id, method, path, access string
}

func contractOperations(t *testing.T) []operation {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.SpecYAML)
	if err != nil {
		t.Fatal(err)
	}
	var ops []operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			access, _ := op.Extensions["x-auth"].(string)
			ops = append(ops, operation{id: op.OperationID, method: method, path: path, access: access})
		}
	}
	slices.SortFunc(ops, func(a, b operation) int { return strings.Compare(a.id, b.id) })
	return ops
}

// TestEveryOperationEnforcesItsAccessLevel calls every operation of the
// contract as each kind of caller and checks the class of the answer. An
// operation added to openapi.yaml without an entry here fails the test.
func TestEveryOperationEnforcesItsAccessLevel(t *testing.T) {
	env := apitest.New(t)
	ops := contractOperations(t)
	for _, op := range ops {
		if _, ok := matrix[op.id]; !ok {
			t.Errorf("operation %s (%s %s) has no entry in the authorization matrix", op.id, op.method, op.path)
		}
	}
	if len(matrix) != len(ops) {
		t.Errorf("the matrix has %d entries for %d operations", len(matrix), len(ops))
	}
	if t.Failed() {
		return
	}
	// Reads change nothing, so they share one fixture; every other operation
	// gets its own, since it may delete, cancel or deactivate what it touches.
	shared := newFixture(t, env)
	for _, op := range ops {
		t.Run(op.id, func(t *testing.T) {
			c := matrix[op.id]
			f := shared
			if op.method != http.MethodGet {
				f = newFixture(t, env)
			}
			renew := func() {
				if c.fresh {
					f = newFixture(t, env)
				}
			}
			do := func(bearer string) (int, string) {
				path := op.path
				for name, get := range c.params {
					path = strings.ReplaceAll(path, "{"+name+"}", get(f))
				}
				var body io.Reader
				ctype := c.ctype
				if c.body != nil {
					body = strings.NewReader(c.body(f))
					if ctype == "" {
						ctype = "application/json"
					}
				}
				req, _ := http.NewRequestWithContext(context.Background(), op.method, env.URL+path, body)
				if ctype != "" {
					req.Header.Set("Content-Type", ctype)
				}
				if bearer != "" {
					req.Header.Set("Authorization", "Bearer "+bearer)
				}
				if strings.Contains(op.id, "create") || op.id == "updateOrderStatus" {
					req.Header.Set("Idempotency-Key", fmt.Sprintf("matriz-%s-%d", op.id, fixtureSeq.Add(1)))
				}
				res, err := env.HTTP.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode >= 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%d without a problem body: %s", res.StatusCode, b)
				}
				return res.StatusCode, problemCode(b)
			}
			allowed := func(who string, status int, code string) {
				t.Helper()
				switch {
				case status == 501 && c.notLive:
				case status == 501:
					t.Errorf("%s: 501 for an operation the matrix says is live", who)
				case c.notLive:
					t.Errorf("%s: %d for an operation the matrix says answers 501 (mark it live)", who, status)
				case status == 401 || status == 403 || status >= 500:
					t.Errorf("%s: %d %s, want access", who, status, code)
				}
			}
			refused := func(who string, status int, code string, wantStatus int, wantCode string) {
				t.Helper()
				if status != wantStatus || code != wantCode {
					t.Errorf("%s: %d %s, want %d %s", who, status, code, wantStatus, wantCode)
				}
			}
			safe := op.method == http.MethodGet
			switch op.access {
			case "public":
				for who, bearer := range map[string]string{"anonymous": "", "customer": f.customer, "admin": f.admin} {
					s, code := do(bearer)
					allowed(who, s, code)
				}
			case "user", "admin":
				s, code := do("")
				refused("anonymous", s, code, 401, "unauthenticated")
				s, code = do(f.inactive)
				refused("inactive customer", s, code, 403, "account_inactive")
				s, code = do(f.readKey)
				if safe {
					allowed("read-only key", s, code)
				} else {
					refused("read-only key", s, code, 403, "forbidden")
				}
				if op.access == "admin" {
					s, code = do(f.customer)
					refused("customer", s, code, 403, "forbidden")
					s, code = do(f.other)
					refused("another customer", s, code, 403, "forbidden")
				} else {
					s, code = do(f.other)
					if c.owned && !c.notLive {
						refused("another customer", s, code, 404, "not_found")
					} else {
						allowed("another customer", s, code)
					}
					renew()
					s, code = do(f.customer)
					allowed("customer", s, code)
				}
				renew()
				s, code = do(f.adminKey)
				allowed("admin key", s, code)
				renew()
				s, code = do(f.admin)
				allowed("admin", s, code)
			default:
				t.Fatalf("x-auth %q", op.access)
			}
		})
	}
}
