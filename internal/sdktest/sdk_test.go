package sdktest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var ctx = context.Background()

// adminKey creates an admin API key through the API, the way a shop owner
// would for the terminal admin.
func adminKey(t *testing.T, env *apitest.Env) string {
	t.Helper()
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	res, err := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "SDK tests", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create API key: %v %s", err, res.Body)
	}
	return res.JSON201.Key
}

func newAPI(t *testing.T, url string, opts ...sdk.Option) *sdk.API {
	t.Helper()
	c, err := sdk.New(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestProblemsDecodeWithTheirCodes(t *testing.T) {
	env := apitest.New(t)
	c := newAPI(t, env.URL, sdk.WithHTTPClient(env.HTTP), sdk.WithAPIKey(adminKey(t, env)))

	_, err := c.GetProduct(ctx, "665f1c2e8b3a4d0012345678")
	var e *sdk.Error
	if !errors.As(err, &e) || e.Status != 404 || e.Code != "not_found" || e.Detail == "" || e.RequestID == "" {
		t.Fatalf("unknown product: %#v", err)
	}
	if !sdk.IsCode(fmt.Errorf("wrapped: %w", err), "not_found") {
		t.Fatal("IsCode must see through wrapping")
	}

	_, err = c.CreateProduct(ctx, sdk.ProductCreate{Name: "", Description: "d", Price: -1, Stock: 1, Category: "Dulces"})
	if !errors.As(err, &e) || e.Status != 400 || e.Code != "validation_failed" || e.FieldMessage("price") == "" || e.FieldMessage("name") == "" {
		t.Fatalf("bad product: %#v", err)
	}

	p, err := c.CreateProduct(ctx, sdk.ProductCreate{Name: "Natilla", Description: "De olla", Price: 300000, Stock: 1, Category: "Dulces"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AdjustStock(ctx, p.Id, sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -5, Reason: "rotura"})
	if !sdk.IsCode(err, "insufficient_stock") {
		t.Fatalf("stock below zero: %v", err)
	}

	o := placeOrder(t, env, "problemas@correo.test", p.Id)
	_, err = c.UpdateOrderStatus(ctx, o.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusDelivered})
	if !errors.As(err, &e) || e.Status != 409 || e.Code != "invalid_transition" || e.Detail == "" {
		t.Fatalf("pending → delivered: %#v", err)
	}
	// The stats answer 501 not_implemented until they land on the server.
	if _, err := c.Stats(ctx, nil); err != nil && (!errors.As(err, &e) || e.Status != 501 || e.Code != "not_implemented" || e.Detail == "") {
		t.Fatalf("stats: %#v", err)
	}

	bad := newAPI(t, env.URL, sdk.WithHTTPClient(env.HTTP), sdk.WithAPIKey("dpk_"+strings.Repeat("0", 64)))
	if _, err := bad.Me(ctx); !sdk.IsCode(err, "unauthenticated") {
		t.Fatalf("bad key: %v", err)
	}
	if _, err := sdk.New("localhost:8080"); err == nil {
		t.Fatal("a URL without scheme must be refused")
	}
}

func TestConvenienceMethodsManageAProduct(t *testing.T) {
	env := apitest.New(t)
	c := newAPI(t, env.URL, sdk.WithHTTPClient(env.HTTP), sdk.WithAPIKey(adminKey(t, env)), sdk.WithUserAgent("pruebas/1"))

	me, err := c.Me(ctx)
	if err != nil || me.Role != sdk.RoleAdmin {
		t.Fatalf("me: %+v %v", me, err)
	}
	p, err := c.CreateProduct(ctx, sdk.ProductCreate{Name: "Pandebono", Description: "Recién horneado", Price: 250000, Stock: 10, Category: "Panadería"})
	if err != nil {
		t.Fatal(err)
	}
	name := "Pandebono grande"
	if p, err = c.UpdateProduct(ctx, p.Id, sdk.ProductUpdate{Name: &name}); err != nil || p.Name != name {
		t.Fatalf("update: %+v %v", p, err)
	}
	if p, err = c.AdjustStock(ctx, p.Id, sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -3, Reason: "venta en mostrador"}); err != nil || p.Stock != 7 {
		t.Fatalf("adjust: %+v %v", p, err)
	}
	if p, err = c.UploadProductImage(ctx, p.Id, "foto.png", strings.NewReader(tinyPNG)); err != nil || len(p.Images) != 1 {
		t.Fatalf("upload: %+v %v", p, err)
	}
	if _, err = c.UploadProductImage(ctx, p.Id, "foto.png", strings.NewReader("texto")); !sdk.IsCode(err, "unsupported_media_type") {
		t.Fatalf("upload of text: %v", err)
	}
	cats, err := c.ListCategories(ctx)
	if err != nil || len(cats) != 1 || cats[0].Name != "Panadería" {
		t.Fatalf("categories: %+v %v", cats, err)
	}
	if err := c.DeleteProduct(ctx, p.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AdminGetProduct(ctx, p.Id); !sdk.IsCode(err, "not_found") {
		t.Fatalf("deleted product: %v", err)
	}
}

func TestIteratorsWalkEveryPage(t *testing.T) {
	env := apitest.New(t)
	c := newAPI(t, env.URL, sdk.WithHTTPClient(env.HTTP), sdk.WithAPIKey(adminKey(t, env)))
	for i := range 45 {
		if _, err := c.CreateProduct(ctx, sdk.ProductCreate{
			Name: fmt.Sprintf("Palito %02d", i), Description: "De queso", Price: 250000, Stock: 5, Category: "Palitos",
		}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]int{}
	limit := 10
	for p, err := range c.Products(ctx, &sdk.ListProductsParams{Limit: &limit}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[p.Id]++
	}
	if len(seen) != 45 {
		t.Fatalf("walked %d distinct products, want 45", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("product %s seen %d times", id, n)
		}
	}
	admin := 0
	for _, err := range c.AdminProducts(ctx, &sdk.AdminListProductsParams{Limit: &limit}) {
		if err != nil {
			t.Fatal(err)
		}
		admin++
		if admin == 12 {
			break // the caller may stop early
		}
	}
	if admin != 12 {
		t.Fatalf("early stop walked %d", admin)
	}

	// An error is yielded once and ends the walk.
	calls := 0
	boom := errors.New("boom")
	var got []error
	for _, err := range sdk.Paginate(ctx, func(context.Context, int) ([]int, int, error) {
		calls++
		if calls == 2 {
			return nil, 0, boom
		}
		return []int{1, 2}, 10, nil
	}) {
		got = append(got, err)
	}
	if len(got) != 3 || got[2] != boom || calls != 2 {
		t.Fatalf("errors: %v after %d calls", got, calls)
	}

	// Every customer's orders, two to a page.
	placedIDs := map[string]bool{}
	for i := range 5 {
		placedIDs[placeOrder(t, env, fmt.Sprintf("cliente%d@correo.test", i), firstProduct(t, c)).Id] = true
	}
	two, walked := 2, 0
	for o, err := range c.Orders(ctx, &sdk.AdminListOrdersParams{Limit: &two}) {
		if err != nil {
			t.Fatal(err)
		}
		if !placedIDs[o.Id] {
			t.Fatalf("order %s walked twice or never placed", o.Id)
		}
		delete(placedIDs, o.Id)
		walked++
	}
	if walked != 5 {
		t.Fatalf("walked %d orders, want 5", walked)
	}
	// An error from the server is yielded.
	for _, err := range c.Orders(ctx, &sdk.AdminListOrdersParams{Q: ptr(strings.Repeat("x", 101))}) {
		if !sdk.IsCode(err, "validation_failed") {
			t.Fatalf("orders with a bad query: %v", err)
		}
	}
}

// placeOrder places a customer's bank-transfer order of one unit of a
// product through the API: a dev token, the cart, the checkout.
func placeOrder(t *testing.T, env *apitest.Env, email, productID string) *sdk.Order {
	t.Helper()
	customer := env.Client(env.Token(email, auth.RoleCustomer))
	if r, err := customer.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: productID, Quantity: 1}); err != nil || r.JSON200 == nil {
		t.Fatalf("add to cart: %v", err)
	}
	res, err := customer.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "pedido-de-" + email},
		sdk.OrderCreate{PaymentMethod: sdk.Transfer, Address: &sdk.ShippingAddressInput{
			FullName: "Ana Gómez", StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567"}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	return res.JSON201
}

func firstProduct(t *testing.T, c *sdk.API) string {
	t.Helper()
	page, err := c.ListProducts(ctx, nil)
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no product: %v", err)
	}
	return page.Items[0].Id
}

func ptr[T any](v T) *T { return &v }

// flakyServer is a stand-in for an unreliable third party: it answers each
// request with the next scripted status (or drops the connection for 0), and
// 200 once the script runs out. It records every request.
type flakyServer struct {
	*httptest.Server
	mu       sync.Mutex
	script   []int
	requests []*http.Request
}

func newFlakyServer(t *testing.T, script ...int) *flakyServer {
	f := &flakyServer{script: script}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Clone(context.Background()))
		status := 200
		if len(f.script) > 0 {
			status, f.script = f.script[0], f.script[1:]
		}
		f.mu.Unlock()
		if status == 0 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		if status == 429 {
			w.Header().Set("Retry-After", "0")
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"type":"about:blank","title":"x","status":%d,"code":"scripted","detail":"guion"}`, status)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *flakyServer) attempts() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

func TestRetriesStopOnNonIdempotentFailures(t *testing.T) {
	email := sdk.CreateDevTokenJSONRequestBody{Email: "a@b.co"}
	product := sdk.ProductCreate{Name: "n", Description: "d", Price: 1, Stock: 1, Category: "c"}
	tests := []struct {
		name   string
		script []int
		call   func(c *sdk.API) error
		want   int // attempts
	}{
		{"GET retries a 503 three times", []int{503, 503, 503, 503}, func(c *sdk.API) error { _, err := c.Me(ctx); return err }, 4},
		{"GET succeeds after a 502 and a 504", []int{502, 504}, func(c *sdk.API) error { _, err := c.ListCategories(ctx); return err }, 3},
		{"GET retries a 429 honouring Retry-After", []int{429}, func(c *sdk.API) error { _, err := c.ListCategories(ctx); return err }, 2},
		{"GET retries a dropped connection", []int{0}, func(c *sdk.API) error { _, err := c.ListCategories(ctx); return err }, 2},
		{"GET does not retry a 500", []int{500}, func(c *sdk.API) error { _, err := c.Me(ctx); return err }, 1},
		{"GET does not retry a 404", []int{404}, func(c *sdk.API) error { _, err := c.Me(ctx); return err }, 1},
		{"DELETE retries a 503", []int{503}, func(c *sdk.API) error { return c.DeleteProduct(ctx, "665f1c2e8b3a4d0012345678") }, 2},
		{"POST without a key does not retry a 503", []int{503, 503}, func(c *sdk.API) error {
			res, err := c.CreateDevTokenWithResponse(ctx, email)
			if err == nil {
				err = sdk.CheckResponse(res.HTTPResponse, res.Body)
			}
			return err
		}, 1},
		{"POST without a key does not retry a dropped connection", []int{0, 0}, func(c *sdk.API) error {
			_, err := c.CreateDevTokenWithResponse(ctx, email)
			return err
		}, 1},
		{"POST with a key does not retry a 500", []int{500}, func(c *sdk.API) error { _, err := c.CreateProduct(ctx, product); return err }, 1},
		{"POST with a key does not retry a 409", []int{409}, func(c *sdk.API) error { _, err := c.CreateProduct(ctx, product); return err }, 1},
		{"POST with a key retries a 503", []int{503, 503, 503, 503, 503}, func(c *sdk.API) error { _, err := c.CreateProduct(ctx, product); return err }, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFlakyServer(t, tt.script...)
			c := newAPI(t, f.URL, sdk.WithBackoff(time.Millisecond, 5*time.Millisecond))
			err := tt.call(c)
			if got := f.attempts(); got != tt.want {
				t.Fatalf("attempts = %d, want %d (err %v)", got, tt.want, err)
			}
			if failed := tt.want <= len(tt.script); failed != (err != nil) {
				t.Fatalf("err = %v after %d attempts of script %v", err, tt.want, tt.script)
			}
		})
	}

	t.Run("every attempt of one call sends the same key", func(t *testing.T) {
		f := newFlakyServer(t, 503, 503)
		c := newAPI(t, f.URL, sdk.WithBackoff(time.Millisecond, 5*time.Millisecond))
		_, _ = c.CreateProduct(ctx, product)
		_, _ = c.CreateProduct(ctx, product)
		keys := map[string]int{}
		for _, r := range f.requests {
			keys[r.Header.Get("Idempotency-Key")]++
		}
		if len(f.requests) != 4 || len(keys) != 2 || keys[""] != 0 || keys[f.requests[0].Header.Get("Idempotency-Key")] != 3 {
			t.Fatalf("keys per attempt: %v", keys)
		}
	})

	t.Run("WithRetries(0) sends once", func(t *testing.T) {
		f := newFlakyServer(t, 503, 503)
		c := newAPI(t, f.URL, sdk.WithRetries(0))
		_, _ = c.ListCategories(ctx)
		if f.attempts() != 1 {
			t.Fatalf("attempts = %d", f.attempts())
		}
	})

	t.Run("a canceled context stops the waiting", func(t *testing.T) {
		f := newFlakyServer(t, 503, 503, 503, 503)
		c := newAPI(t, f.URL, sdk.WithBackoff(time.Hour, time.Hour))
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		if _, err := c.ListCategories(cctx); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
			t.Fatalf("err %v after %v", err, time.Since(start))
		}
	})
}

func TestAutomaticIdempotencyKeyMakesARetriedCreateOneProduct(t *testing.T) {
	env := apitest.New(t)
	key := adminKey(t, env)
	target, _ := url.Parse(env.URL)
	// A gateway that loses the server's first answer to a create: the product
	// exists, but the client sees a 502 and tries again.
	var creates atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(res *http.Response) error {
		if res.Request.Method == http.MethodPost && creates.Add(1) == 1 {
			res.Body.Close()
			res.StatusCode = http.StatusBadGateway
			res.Status = "502 Bad Gateway"
			res.Header = http.Header{"Content-Type": {"text/plain"}}
			res.Body = io.NopCloser(strings.NewReader("upstream lost"))
			res.ContentLength = -1
		}
		return nil
	}
	gateway := httptest.NewServer(proxy)
	t.Cleanup(gateway.Close)

	c := newAPI(t, gateway.URL, sdk.WithAPIKey(key), sdk.WithBackoff(time.Millisecond, 5*time.Millisecond))
	p, err := c.CreateProduct(ctx, sdk.ProductCreate{Name: "Buñuelo", Description: "Navideño", Price: 150000, Stock: 30, Category: "Fritos"})
	if err != nil {
		t.Fatal(err)
	}
	if creates.Load() != 2 {
		t.Fatalf("creates sent = %d, want 2", creates.Load())
	}
	page, err := c.AdminListProducts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Items[0].Id != p.Id {
		t.Fatalf("products after a retried create: %+v", page)
	}
}

// tinyPNG is a valid 1×1 PNG.
const tinyPNG = "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xfb\x5e\x6b\x2b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"
