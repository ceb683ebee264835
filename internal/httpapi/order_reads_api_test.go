package httpapi_test

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/report"
	"github.com/donpalito/donpalitojr/sdk"
)

// The admin's order list, search, export and figures are answered from the
// order domain's reads (an in-memory index on the embedded database). These
// tests hold them to a brute-force computation over every stored order.

var seedNames = []string{"María José Pérez", "JOSÉ ÁLVAREZ", "Ana Gómez", "Luis Ángel Ruiz", "Ñoño Muñoz",
	"ana maría quintero", "Pedro Páramo", "Lucía Fernández", "Óscar Ortiz", "Camila Restrepo"}

var seedDomains = []string{"gmail.com", "Correo.test", "hotmail.com", "empresa.co"}

// seedOrders writes n orders straight into the collection, across every
// status, payment method, customer and the last 420 days, for the platform
// to find at its next start.
func seedOrders(t *testing.T, env *apitest.Env, products []catalog.Product, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(12, 34))
	type cust struct{ id, name, email string }
	var custs []cust
	for i := range 120 {
		name := seedNames[i%len(seedNames)]
		first := strings.ToLower(strings.Fields(name)[0])
		custs = append(custs, cust{id: bson.NewObjectID().Hex(), name: name,
			email: fmt.Sprintf("%s.%d@%s", first, i, seedDomains[i%len(seedDomains)])})
	}
	now := time.Now().UTC()
	docs := make([]any, 0, n)
	for range n {
		c := custs[r.IntN(len(custs))]
		created := now.Add(-time.Duration(r.Int64N(int64(420 * 24 * time.Hour))))
		st := order.Statuses[r.IntN(len(order.Statuses))]
		method := order.Transfer
		if r.IntN(3) == 0 {
			method = order.Card
		}
		o := order.Order{ID: bson.NewObjectID(), UserID: c.id, Customer: order.Customer{ID: c.id, Name: c.name, Email: c.email},
			PaymentMethod: method, Status: st, Currency: "COP", Shipping: 500000, CreatedAt: created, UpdatedAt: created,
			Address:  order.Address{FullName: c.name, StreetAddress: "Calle 1", City: "Medellín", PhoneNumber: "3001234567"},
			Timeline: []order.TimelineEntry{{Status: st, Actor: order.ActorSystem, At: created}}}
		o.Ref = o.Reference()
		for range 1 + r.IntN(3) {
			qty := 1 + r.IntN(4)
			l := order.Line{ProductID: bson.NewObjectID().Hex(), Name: "Producto retirado", UnitPrice: 120000, Quantity: qty}
			if r.IntN(10) > 0 {
				p := products[r.IntN(len(products))]
				l = order.Line{ProductID: p.ID, Name: p.Name + " (nombre de entonces)", UnitPrice: p.Price, Quantity: qty}
			}
			l.LineTotal = l.UnitPrice * int64(qty)
			o.Lines = append(o.Lines, l)
			o.Subtotal += l.LineTotal
		}
		o.Total = o.Subtotal + o.Shipping
		o.Payment = order.Payment{Provider: "manual", Status: "pending", Amount: o.Total}
		if order.IsPaidOrLater(st) || (st == order.Canceled && r.IntN(3) == 0) {
			paid := created.Add(time.Duration(r.Int64N(int64(72 * time.Hour))))
			o.PaidAt = &paid
		}
		if st == order.Pending {
			// Far from expiring: the sweep must not move orders mid-test.
			exp := now.Add(30 * 24 * time.Hour)
			o.ExpiresAt = &exp
		}
		docs = append(docs, o)
	}
	if _, err := env.App.Store.DB.Collection("orders").InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
}

// storedOrders reads every order straight from the collection.
func storedOrders(t *testing.T, env *apitest.Env) []order.Order {
	t.Helper()
	cur, err := env.App.Store.DB.Collection("orders").Find(ctx, bson.D{}, options.Find().SetBatchSize(1000))
	if err != nil {
		t.Fatal(err)
	}
	var all []order.Order
	if err := cur.All(ctx, &all); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, func(a, b order.Order) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(b.ID.Hex(), a.ID.Hex()))
	})
	return all
}

func bogotaDay(t time.Time) string { return t.In(coupon.Bogota).Format(time.DateOnly) }

// bruteSelect applies the admin list's documented filters to every order:
// status, payment method, Bogota days, and q as an 8-character reference,
// an order id, or a case-insensitive part of the customer's name or email.
func bruteSelect(all []order.Order, p url.Values) []order.Order {
	var out []order.Order
	term := strings.TrimSpace(p.Get("q"))
	isRef := regexp.MustCompile(`^[0-9a-fA-F]{8}$`).MatchString(term)
	rx := regexp.MustCompile("(?i)" + regexp.QuoteMeta(term))
	for _, o := range all {
		switch {
		case p.Get("status") != "" && string(o.Status) != p.Get("status"),
			p.Get("paymentMethod") != "" && string(o.PaymentMethod) != p.Get("paymentMethod"),
			p.Get("from") != "" && bogotaDay(o.CreatedAt) < p.Get("from"),
			p.Get("to") != "" && bogotaDay(o.CreatedAt) > p.Get("to"),
			isRef && o.Reference() != strings.ToUpper(term),
			!isRef && term != "" && !rx.MatchString(o.Customer.Name) && !rx.MatchString(o.Customer.Email) && o.ID.Hex() != term:
			continue
		}
		out = append(out, o)
	}
	return out
}

type orderPage struct {
	Items []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"items"`
	Total int `json:"total"`
}

// adminOrderQueries is the table of list queries checked against the brute
// force: every filter alone and combined, searches, and paging to the last
// page and past it.
func adminOrderQueries(all []order.Order) []url.Values {
	today := time.Now().In(coupon.Bogota)
	day := func(daysAgo int) string { return today.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }
	qs := []url.Values{{}, {"page": {"2"}, "limit": {"20"}}, {"limit": {"50"}, "page": {"40"}}}
	for _, st := range order.Statuses {
		qs = append(qs, url.Values{"status": {string(st)}})
	}
	qs = append(qs,
		url.Values{"paymentMethod": {"card"}}, url.Values{"paymentMethod": {"transfer"}, "page": {"4"}},
		url.Values{"status": {"paid"}, "paymentMethod": {"card"}},
		url.Values{"from": {day(29)}, "to": {day(0)}}, url.Values{"from": {day(200)}, "to": {day(100)}, "page": {"2"}},
		url.Values{"from": {day(365)}}, url.Values{"to": {day(300)}}, url.Values{"from": {day(3)}, "to": {day(3)}},
		url.Values{"status": {"delivered"}, "from": {day(90)}, "to": {day(10)}},
		url.Values{"q": {"maría"}}, url.Values{"q": {"  PÉREZ "}}, url.Values{"q": {"ÁLVAREZ"}}, url.Values{"q": {"gmail"}},
		url.Values{"q": {"correo.test"}, "status": {"pending"}}, url.Values{"q": {"ana"}, "page": {"3"}},
		url.Values{"q": {"ñoño"}}, url.Values{"q": {"nadie-se-llama-asi"}}, url.Values{"q": {"deadbeef"}},
		url.Values{"q": {all[len(all)/2].Customer.Email}},
		url.Values{"q": {all[7].ID.Hex()}}, url.Values{"q": {all[11].Reference()}},
		url.Values{"q": {strings.ToLower(all[13].Reference())}, "status": {string(all[13].Status)}},
		url.Values{"q": {all[17].Reference()}, "status": {string(otherStatus(all[17].Status))}},
	)
	// The last page, and the one after it.
	n := len(bruteSelect(all, url.Values{"status": {"canceled"}}))
	last := (n + 9) / 10
	qs = append(qs, url.Values{"status": {"canceled"}, "page": {fmt.Sprint(last)}},
		url.Values{"status": {"canceled"}, "page": {fmt.Sprint(last + 1)}}, url.Values{"page": {"100000"}})
	return qs
}

func otherStatus(s order.Status) order.Status {
	if s == order.Pending {
		return order.Paid
	}
	return order.Pending
}

// checkAdminOrderList compares every query of the table with the brute
// force over the stored orders.
func checkAdminOrderList(t *testing.T, env *apitest.Env, token string, all []order.Order) {
	t.Helper()
	for _, q := range adminOrderQueries(all) {
		if !q.Has("limit") {
			// Small pages: every item is read by _id.
			q.Set("limit", "10")
		}
		want := bruteSelect(all, q)
		page, limit := 1, 20
		fmt.Sscan(q.Get("page"), &page)
		fmt.Sscan(q.Get("limit"), &limit)
		from, to := min((page-1)*limit, len(want)), min(page*limit, len(want))
		res, body := env.Do(http.MethodGet, "/api/admin/orders?"+q.Encode(), token, "", nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", q.Encode(), res.StatusCode, body)
		}
		var got orderPage
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Total != len(want) {
			t.Errorf("%s: total %d, brute force %d", q.Encode(), got.Total, len(want))
			continue
		}
		var gotIDs, wantIDs []string
		for _, it := range got.Items {
			gotIDs = append(gotIDs, it.ID+"/"+it.Status)
		}
		for _, o := range want[from:to] {
			wantIDs = append(wantIDs, o.IDHex()+"/"+string(o.Status))
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("%s: page %v\nbrute force %v", q.Encode(), gotIDs, wantIDs)
		}
	}
	// A customer's orders by payment method (the query the customer index
	// does not answer).
	for _, o := range []order.Order{all[3], all[len(all)-1]} {
		q := url.Values{"paymentMethod": {string(o.PaymentMethod)}}
		var want []string
		for _, w := range bruteSelect(all, q) {
			if w.UserID == o.UserID {
				want = append(want, w.IDHex())
			}
		}
		p, err := env.App.Orders.List(ctx, order.Query{UserID: o.UserID, PaymentMethod: o.PaymentMethod, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range p.Items {
			got = append(got, it.IDHex())
		}
		if p.Total != len(want) || !slices.Equal(got, want[:min(100, len(want))]) {
			t.Errorf("customer %s by %s: %d %v, brute force %d %v", o.UserID, o.PaymentMethod, p.Total, got, len(want), want)
		}
	}
}

// bruteStats computes the order figures of inclusive Bogota days from–to.
func bruteStats(all []order.Order, names map[string]string, from, to string) sdk.AdminStats {
	st := sdk.AdminStats{RevenueByDay: []sdk.DailyRevenue{}, TopProducts: []sdk.TopProduct{}}
	counts := map[order.Status]int{}
	byDay := map[string]*sdk.DailyRevenue{}
	type prod struct {
		sdk.TopProduct
		at time.Time
	}
	byProduct := map[string]*prod{}
	for _, o := range all {
		if d := bogotaDay(o.CreatedAt); d >= from && d <= to {
			counts[o.Status]++
		}
		if !order.IsPaidOrLater(o.Status) || o.PaidAt == nil {
			continue
		}
		d := bogotaDay(*o.PaidAt)
		if d < from || d > to {
			continue
		}
		st.Revenue += o.Total
		st.PaidOrders++
		if byDay[d] == nil {
			byDay[d] = &sdk.DailyRevenue{Currency: "COP"}
		}
		byDay[d].Revenue += o.Total
		byDay[d].Orders++
		for _, l := range o.Lines {
			p := byProduct[l.ProductID]
			if p == nil {
				p = &prod{TopProduct: sdk.TopProduct{ProductId: l.ProductID, Currency: "COP"}}
				byProduct[l.ProductID] = p
			}
			p.Units += l.Quantity
			p.Revenue += l.LineTotal
			if name, ok := names[l.ProductID]; ok {
				p.Name = name
			} else if p.at.Before(*o.PaidAt) {
				p.Name, p.at = l.Name, *o.PaidAt
			}
		}
	}
	if st.PaidOrders > 0 {
		st.AverageOrderValue = (st.Revenue + int64(st.PaidOrders)/2) / int64(st.PaidOrders)
	}
	start, _ := time.ParseInLocation(time.DateOnly, from, coupon.Bogota)
	end, _ := time.ParseInLocation(time.DateOnly, to, coupon.Bogota)
	for day := start; !day.After(end); day = day.AddDate(0, 0, 1) {
		r := sdk.DailyRevenue{Currency: "COP"}
		if d := byDay[day.Format(time.DateOnly)]; d != nil {
			r = *d
		}
		r.Date.Time = day
		st.RevenueByDay = append(st.RevenueByDay, r)
	}
	for _, p := range byProduct {
		st.TopProducts = append(st.TopProducts, p.TopProduct)
	}
	slices.SortFunc(st.TopProducts, func(a, b sdk.TopProduct) int {
		return cmp.Or(cmp.Compare(b.Units, a.Units), cmp.Compare(b.Revenue, a.Revenue),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.ProductId, b.ProductId))
	})
	st.TopProducts = st.TopProducts[:min(report.TopN, len(st.TopProducts))]
	st.OrdersByStatus = sdk.OrderStatusCounts{Pending: counts[order.Pending], Paid: counts[order.Paid],
		InPreparation: counts[order.InPreparation], Ready: counts[order.Ready], Delivered: counts[order.Delivered],
		Canceled: counts[order.Canceled], Rejected: counts[order.Rejected]}
	return st
}

func checkStats(t *testing.T, admin *sdk.ClientWithResponses, names map[string]string, all []order.Order) {
	t.Helper()
	today := time.Now().In(coupon.Bogota)
	for _, days := range []int{1, 30, 200, report.MaxDays} {
		from, to := today.AddDate(0, 0, -(days-1)).Format(time.DateOnly), today.Format(time.DateOnly)
		if days == 200 {
			from, to = today.AddDate(0, 0, -300).Format(time.DateOnly), today.AddDate(0, 0, -101).Format(time.DateOnly)
		}
		want := bruteStats(all, names, from, to)
		f, _ := time.Parse(time.DateOnly, from)
		tt, _ := time.Parse(time.DateOnly, to)
		res, err := admin.GetAdminStatsWithResponse(ctx, &sdk.GetAdminStatsParams{From: date(f), To: date(tt)})
		if err != nil || res.JSON200 == nil {
			t.Fatalf("stats: %v %s", err, res.Body)
		}
		got := res.JSON200
		if got.Revenue != want.Revenue || got.PaidOrders != want.PaidOrders || got.AverageOrderValue != want.AverageOrderValue ||
			got.OrdersByStatus != want.OrdersByStatus {
			t.Errorf("%s–%s: revenue %d over %d (avg %d) by status %+v\nbrute force %d over %d (avg %d) by status %+v", from, to,
				got.Revenue, got.PaidOrders, got.AverageOrderValue, got.OrdersByStatus,
				want.Revenue, want.PaidOrders, want.AverageOrderValue, want.OrdersByStatus)
		}
		if len(got.RevenueByDay) != len(want.RevenueByDay) {
			t.Fatalf("%s–%s: %d days, want %d", from, to, len(got.RevenueByDay), len(want.RevenueByDay))
		}
		for i, d := range got.RevenueByDay {
			w := want.RevenueByDay[i]
			if d.Date.Format(time.DateOnly) != w.Date.Format(time.DateOnly) || d.Revenue != w.Revenue || d.Orders != w.Orders {
				t.Errorf("%s–%s: day %s %d/%d, brute force %s %d/%d", from, to, d.Date, d.Revenue, d.Orders, w.Date, w.Revenue, w.Orders)
			}
		}
		if !slices.Equal(got.TopProducts, want.TopProducts) {
			t.Errorf("%s–%s: top products %+v\nbrute force %+v", from, to, got.TopProducts, want.TopProducts)
		}
	}
}

// checkExport compares the CSV's order references with the brute force.
func checkExport(t *testing.T, env *apitest.Env, token string, all []order.Order, q url.Values) {
	t.Helper()
	res, body := env.Do(http.MethodGet, "/api/admin/orders/export.csv?"+q.Encode(), token, "", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d %s", res.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, row := range rows[1:] {
		if len(got) == 0 || got[len(got)-1] != row[3] {
			got = append(got, row[3])
		}
	}
	for _, o := range bruteSelect(all, q) {
		want = append(want, o.Reference())
	}
	if !slices.Equal(got, want) {
		t.Errorf("export %s: %d orders, brute force %d", q.Encode(), len(got), len(want))
	}
}

func TestAdminOrderListsAndStatsEqualABruteForceOverEveryOrder(t *testing.T) {
	env := apitest.New(t)
	var products []catalog.Product
	names := map[string]string{}
	for i := range 8 {
		p := newProduct(t, env, fmt.Sprintf("Palito %d", i), int64(100000+i*25000), 100000)
		products = append(products, p)
		names[p.ID] = p.Name
	}
	seedOrders(t, env, products, 2000)
	// The seeded orders were written behind the platform's back: it finds
	// them when it starts.
	env = env.Restart()
	token := env.Token("admin@donpalito.test", auth.RoleAdmin)
	admin := env.Client(token)

	t.Run("as seeded", func(t *testing.T) {
		all := storedOrders(t, env)
		checkAdminOrderList(t, env, token, all)
		checkStats(t, admin, names, all)
		checkExport(t, env, token, all, url.Values{"q": {"álvarez"}, "from": {bogotaDay(time.Now().AddDate(0, -3, 0))}})
	})

	t.Run("after concurrent checkouts, cancels and confirmations", func(t *testing.T) {
		var pending []string
		for _, o := range storedOrders(t, env) {
			if o.Status == order.Pending {
				pending = append(pending, o.IDHex())
			}
		}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				buyer := newShopper(t, env, fmt.Sprintf("concurrente%d@correo.test", w), "Comprador Concurrente")
				for i := range 4 {
					o := placeOrder(t, env, buyer, "", item{products[(w+i)%len(products)], 1 + i})
					if i == 3 {
						continue // stays pending
					}
					to := []sdk.OrderStatus{sdk.OrderStatusPaid, sdk.OrderStatusCanceled, sdk.OrderStatusRejected}[i]
					if r, err := admin.UpdateOrderStatusWithResponse(ctx, o.IDHex(), nil, sdk.OrderStatusUpdate{Status: to}); err != nil || r.JSON200 == nil {
						t.Errorf("move a new order to %s: %v", to, err)
					}
				}
			})
			wg.Go(func() {
				for i := w; i < len(pending) && i < 24; i += 4 {
					to := []sdk.OrderStatus{sdk.OrderStatusPaid, sdk.OrderStatusCanceled}[i%2]
					if r, err := admin.UpdateOrderStatusWithResponse(ctx, pending[i], nil, sdk.OrderStatusUpdate{Status: to}); err != nil || r.JSON200 == nil {
						t.Errorf("move a seeded order to %s: %v", to, err)
					}
				}
			})
		}
		wg.Wait()
		all := storedOrders(t, env)
		checkAdminOrderList(t, env, token, all)
		checkStats(t, admin, names, all)
		checkExport(t, env, token, all, url.Values{"status": {"paid"}, "from": {bogotaDay(time.Now().AddDate(0, 0, -20))}})
	})

	t.Run("after a restart", func(t *testing.T) {
		env := env.Restart()
		token := env.Token("admin@donpalito.test", auth.RoleAdmin)
		all := storedOrders(t, env)
		checkAdminOrderList(t, env, token, all)
		checkStats(t, env.Client(token), names, all)
	})
}
