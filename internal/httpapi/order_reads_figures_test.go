package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/order"
)

// TestOrderReadsFigures prints what the admin's order reads cost on a shop
// of ORDER_READS_FIGURES orders (skipped without it): the in-memory index
// the platform uses on the embedded database, over HTTP, next to the
// MongoDB queries (what every read did before the index) run on the same
// embedded database. It prints figures and asserts none.
//
//	ORDER_READS_FIGURES=20000 go test -v -run TestOrderReadsFigures ./internal/httpapi/
func TestOrderReadsFigures(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ORDER_READS_FIGURES"))
	if n <= 0 {
		t.Skip("set ORDER_READS_FIGURES to a number of orders to print the figures")
	}
	env := apitest.New(t)
	var products []catalog.Product
	for i := range 8 {
		products = append(products, newProduct(t, env, fmt.Sprintf("Palito %d", i), int64(100000+i*25000), 100000))
	}
	for i := 0; i < n; i += 5000 {
		seedOrders(t, env, products, min(5000, n-i))
	}
	start := time.Now()
	env = env.Restart()
	fmt.Printf("FIGURE %d orders: start with the index built %v\n", n, time.Since(start).Round(time.Millisecond))
	measure := func(label string, runs int, f func()) {
		var ds []time.Duration
		for range runs {
			t0 := time.Now()
			f()
			ds = append(ds, time.Since(t0))
		}
		slices.Sort(ds)
		fmt.Printf("FIGURE %d orders: %-48s p50 %8v  max %8v  (%d runs)\n", n, label,
			ds[len(ds)/2].Round(100*time.Microsecond), ds[len(ds)-1].Round(100*time.Microsecond), runs)
	}
	measure("build the in-memory index (one scan)", 1, func() {
		if err := order.NewMemoryReads(env.App.Store).Load(ctx); err != nil {
			t.Fatal(err)
		}
	})
	token := env.Token("admin@donpalito.test", auth.RoleAdmin)
	today := time.Now().In(coupon.Bogota)
	day := func(ago int) string { return today.AddDate(0, 0, -ago).Format(time.DateOnly) }

	get := func(path string) func() {
		return func() {
			req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
		}
	}
	for _, path := range []string{
		"/api/admin/orders?page=1&limit=20", "/api/admin/orders?page=50&limit=20", "/api/admin/orders?q=maría",
		"/api/admin/orders?q=gmail", "/api/admin/orders?q=" + seedRef(t, env), "/api/admin/orders?status=paid",
		"/api/admin/orders?paymentMethod=card&from=" + day(90) + "&to=" + day(0),
		"/api/admin/stats?from=" + day(29) + "&to=" + day(0), "/api/admin/stats?from=" + day(365) + "&to=" + day(0),
	} {
		measure("HTTP "+path, 20, get(path))
	}
	measure("HTTP export of paid orders of 30 days", 1, get("/api/admin/orders/export.csv?status=paid&from="+day(29)))

	// What each read cost before: the MongoDB query on the embedded database.
	mongo := order.NewMongoReads(env.App.Store)
	s30, e30, _ := order.DayRange(day(29), day(0))
	s366, e366, _ := order.DayRange(day(365), day(0))
	for label, q := range map[string]order.Query{
		"page 1 of 20":  {Page: 1, Limit: 20},
		"q=maría":       {Q: "maría", Page: 1, Limit: 20},
		"status=paid":   {Status: order.Paid, Page: 1, Limit: 20},
		"reference":     {Q: seedRef(t, env), Page: 1, Limit: 20},
		"card, 90 days": {PaymentMethod: order.Card, From: day(90), To: day(0), Page: 1, Limit: 20},
	} {
		measure("before (MongoDB query on FerretDB): "+label, 1, func() {
			if _, err := mongo.List(ctx, q); err != nil {
				t.Fatal(err)
			}
		})
	}
	for label, r := range map[string][2]time.Time{"stats 30 days": {s30, e30}, "stats 366 days": {s366, e366}} {
		measure("before (MongoDB query on FerretDB): "+label, 1, func() {
			if err := mongo.EachPaid(ctx, r[0], r[1], func(order.PaidOrder) error { return nil }); err != nil {
				t.Fatal(err)
			}
			if _, err := mongo.CountCreated(ctx, r[0], r[1]); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// seedRef is the reference of some stored order.
func seedRef(t *testing.T, env *apitest.Env) string {
	t.Helper()
	p, err := env.App.Orders.List(ctx, order.Query{Page: 7, Limit: 1})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("no order: %v", err)
	}
	return p.Items[0].Reference()
}
