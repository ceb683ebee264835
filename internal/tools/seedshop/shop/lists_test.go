package shop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/internal/tools/seedshop/shop"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// The admin's customer and event lists on a seeded shop (served from the
// embedded store's in-memory indexes) give exactly the pages a brute-force
// computation over every stored document gives, before and after a burst of
// concurrent writes (sign-ups, deactivations, order moves and their events)
// that runs while the lists are being read.
func TestAdminListsMatchABruteForceComputation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	st := storetest.Store(t)
	env := map[string]string{"APP_ENV": "test", "SEED_DEMO": "false", "LOG_LEVEL": "error", "RATE_LIMIT_DEV_TOKEN": "0",
		"RATE_LIMIT_WRITES": "0", "DATA_DIR": t.TempDir()}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	sum, err := shop.Seed(ctx, st, cfg, shop.Options{Products: 30, Customers: 600, Orders: 1000, Months: 2, EventDays: 30, Seed: 7}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})),
		app.WithStore(st), app.WithListIndexes())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	defer func() {
		srv.Close()
		a.Close(context.Background())
	}()
	select {
	case <-a.ListIndexesBuilt:
	case <-ctx.Done():
		t.Fatal("list indexes never built")
	}
	c := &client{t: t, base: srv.URL}
	c.token = c.devToken("admin@lists.test", "admin")

	compare := func(stage string) { compareLists(t, ctx, c, st, stage) }
	began := time.Now()
	compare("seeded")
	t.Logf("compared the seeded lists in %s", time.Since(began))
	began = time.Now()

	// Concurrent writes while the lists are read.
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 8 {
				c.devToken(fmt.Sprintf("nuevo.%d.%d@lists.test", w, i), "customer")
			}
		})
	}
	wg.Go(func() {
		for i, id := range sum.CustomerIDs[:20] {
			c.do(http.MethodPatch, "/api/admin/customers/"+id+"/status", fmt.Sprintf(`{"isActive":%t}`, i%3 == 0))
		}
	})
	wg.Go(func() {
		// The newest orders: pending and paid ones move on, recording events.
		ids := sum.OrderIDs[len(sum.OrderIDs)-15:]
		for _, id := range ids {
			for _, to := range []string{"paid", "in_preparation", "canceled"} {
				c.try(http.MethodPatch, "/api/admin/orders/"+id+"/status", `{"status":"`+to+`"}`)
			}
		}
	})
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			c.page("/api/admin/customers?q=a&sort=name")
			c.page("/api/admin/events?state=pending")
			time.Sleep(50 * time.Millisecond)
		}
	})
	wg.Wait()
	close(stop)
	readers.Wait()
	t.Logf("concurrent writes took %s", time.Since(began))
	compare("after concurrent writes")
}

// compareLists checks the admin's customer and event lists and the
// dashboard's customer figures against a brute-force computation over every
// stored user and event, once the outbox is quiet.
func compareLists(t *testing.T, ctx context.Context, c *client, st *store.Store, stage string) {
	t.Helper()
	waitQuiet(t, ctx, st)
	users := loadUsers(t, ctx, st)
	evs := loadEvents(t, ctx, st)
	for _, q := range customerQueries() {
		want := expectCustomers(users, q)
		got := c.page("/api/admin/customers?" + q.Encode())
		if got.Total != want.Total || !slices.Equal(got.ids(), want.IDs) {
			t.Errorf("%s: customers %s: got total %d %v, want %d %v", stage, q.Encode(), got.Total, got.ids(), want.Total, want.IDs)
		}
	}
	checkCustomerFigures(t, c, stage, users)
	for _, q := range eventQueries() {
		want := expectEvents(evs, q)
		got := c.page("/api/admin/events?" + q.Encode())
		if got.Total != want.Total || !slices.Equal(got.ids(), want.IDs) {
			t.Errorf("%s: events %s: got total %d %v, want %d %v", stage, q.Encode(), got.Total, got.ids(), want.Total, want.IDs)
		}
	}
}

// checkCustomerFigures compares the dashboard's customer figures (also
// served from the index) with a count over every stored user, for a few
// ranges of Bogota days.
func checkCustomerFigures(t *testing.T, c *client, stage string, users []userRow) {
	t.Helper()
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(bogota)
	day := func(back int) string { return today.AddDate(0, 0, -back).Format(time.DateOnly) }
	for _, r := range [][2]int{{0, 0}, {29, 0}, {40, 20}, {365, 0}} {
		from, to := day(r[0]), day(r[1])
		var got struct{ NewCustomers, TotalCustomers int }
		if err := json.Unmarshal(c.do(http.MethodGet, "/api/admin/stats?from="+from+"&to="+to, ""), &got); err != nil {
			t.Fatal(err)
		}
		start, _ := time.ParseInLocation(time.DateOnly, from, bogota)
		end, _ := time.ParseInLocation(time.DateOnly, to, bogota)
		end = end.AddDate(0, 0, 1)
		wantNew, wantActive := 0, 0
		for _, u := range users {
			if u.Role != "customer" {
				continue
			}
			if !u.CreatedAt.Before(start) && u.CreatedAt.Before(end) {
				wantNew++
			}
			if u.IsActive && u.DeletedAt == nil {
				wantActive++
			}
		}
		if got.NewCustomers != wantNew || got.TotalCustomers != wantActive {
			t.Errorf("%s: stats %s..%s: new %d, active %d; want %d, %d", stage, from, to,
				got.NewCustomers, got.TotalCustomers, wantNew, wantActive)
		}
	}
}

type client struct {
	t     *testing.T
	base  string
	token string
}

func (c *client) call(method, path, body string) (int, []byte) {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Error(err)
		return 0, nil
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (c *client) do(method, path, body string) []byte {
	c.t.Helper()
	code, b := c.call(method, path, body)
	if code != http.StatusOK {
		c.t.Errorf("%s %s: %d %s", method, path, code, b)
	}
	return b
}

// try accepts a refused move (409): the lifecycle decides which apply.
func (c *client) try(method, path, body string) {
	c.t.Helper()
	if code, b := c.call(method, path, body); code != http.StatusOK && code != http.StatusConflict {
		c.t.Errorf("%s %s: %d %s", method, path, code, b)
	}
}

func (c *client) devToken(email, role string) string {
	c.t.Helper()
	// Copies, so goroutines sharing c never see its token change.
	c2 := *c
	c2.token = ""
	b := c2.do(http.MethodPost, "/api/dev/token", fmt.Sprintf(`{"email":%q,"role":%q}`, email, role))
	var out struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(b, &out)
	// A token is only turned into an account by an authenticated request.
	c3 := *c
	c3.token = out.Token
	c3.do(http.MethodGet, "/api/users/me", "")
	return out.Token
}

type page struct {
	Total int `json:"total"`
	Items []struct {
		ID string `json:"id"`
	} `json:"items"`
}

func (p page) ids() []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}

func (c *client) page(path string) page {
	c.t.Helper()
	var p page
	if err := json.Unmarshal(c.do(http.MethodGet, path, ""), &p); err != nil {
		c.t.Errorf("GET %s: %v", path, err)
	}
	return p
}

type expected struct {
	Total int
	IDs   []string
}

func window(q url.Values, n int) (int, int) {
	pg, lim := 1, 20
	fmt.Sscan(q.Get("page"), &pg)
	fmt.Sscan(q.Get("limit"), &lim)
	from := min((pg-1)*lim, n)
	return from, min(from+lim, n)
}

type userRow struct {
	ID             bson.ObjectID `bson:"_id"`
	ClerkID        string        `bson:"clerkId"`
	Email          string        `bson:"email"`
	Name           string        `bson:"name"`
	Role           string        `bson:"role"`
	IsActive       bool          `bson:"isActive"`
	DocumentNumber string        `bson:"documentNumber"`
	DeletedAt      *time.Time    `bson:"deletedAt"`
	CreatedAt      time.Time     `bson:"createdAt"`
}

func loadUsers(t *testing.T, ctx context.Context, st *store.Store) []userRow {
	t.Helper()
	cur, err := st.DB.Collection("users").Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var rows []userRow
	if err := cur.All(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func customerQueries() []url.Values {
	return []url.Values{
		{}, {"page": {"3"}, "limit": {"7"}}, {"page": {"200"}},
		{"q": {"gómez"}}, {"q": {"MARÍA"}, "sort": {"name"}}, {"q": {"correo.test"}, "page": {"2"}, "limit": {"50"}},
		{"q": {"12"}, "sort": {"email"}}, {"q": {"nuevo"}}, {"active": {"false"}}, {"active": {"true"}, "sort": {"oldest"}, "page": {"4"}},
		{"role": {"admin"}}, {"role": {"customer"}, "sort": {"name"}, "page": {"9"}, "limit": {"13"}},
	}
}

func expectCustomers(users []userRow, q url.Values) expected {
	term := strings.ToLower(q.Get("q"))
	var m []userRow
	for _, u := range users {
		if u.DeletedAt != nil || u.ClerkID == "local:terminal" {
			continue
		}
		if a := q.Get("active"); a != "" && fmt.Sprint(u.IsActive) != a {
			continue
		}
		if r := q.Get("role"); r != "" && u.Role != r {
			continue
		}
		if term != "" && !strings.Contains(strings.ToLower(u.Name), term) && !strings.Contains(strings.ToLower(u.Email), term) &&
			!strings.Contains(strings.ToLower(u.DocumentNumber), term) {
			continue
		}
		m = append(m, u)
	}
	byID := func(a, b userRow) int { return bytes.Compare(a.ID[:], b.ID[:]) }
	slices.SortFunc(m, func(a, b userRow) int {
		switch q.Get("sort") {
		case "oldest":
			if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
				return c
			}
			return byID(a, b)
		case "name":
			if c := strings.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return byID(a, b)
		case "email":
			if c := strings.Compare(a.Email, b.Email); c != 0 {
				return c
			}
			return byID(a, b)
		}
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return byID(b, a)
	})
	from, to := window(q, len(m))
	e := expected{Total: len(m), IDs: []string{}}
	for _, u := range m[from:to] {
		e.IDs = append(e.IDs, u.ID.Hex())
	}
	return e
}

type eventRow struct {
	ID        bson.ObjectID `bson:"_id"`
	Type      string        `bson:"type"`
	State     string        `bson:"state"`
	CreatedAt time.Time     `bson:"createdAt"`
}

func loadEvents(t *testing.T, ctx context.Context, st *store.Store) []eventRow {
	t.Helper()
	var all []eventRow
	for _, coll := range []string{"outbox", "outbox_delivered"} {
		cur, err := st.DB.Collection(coll).Find(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		var rows []eventRow
		if err := cur.All(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	return all
}

func eventQueries() []url.Values {
	return []url.Values{
		{}, {"page": {"5"}, "limit": {"11"}}, {"page": {"400"}},
		{"type": {"order.paid"}}, {"type": {"order.status_changed"}, "page": {"3"}}, {"type": {"user.created"}, "limit": {"100"}},
		{"state": {"delivered"}, "page": {"2"}}, {"state": {"pending"}}, {"state": {"dead"}},
		{"type": {"order.canceled"}, "state": {"delivered"}},
	}
}

func expectEvents(evs []eventRow, q url.Values) expected {
	var m []eventRow
	for _, e := range evs {
		if (q.Get("type") != "" && e.Type != q.Get("type")) || (q.Get("state") != "" && e.State != q.Get("state")) {
			continue
		}
		m = append(m, e)
	}
	slices.SortFunc(m, func(a, b eventRow) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return bytes.Compare(b.ID[:], a.ID[:])
	})
	from, to := window(q, len(m))
	e := expected{Total: len(m), IDs: []string{}}
	for _, ev := range m[from:to] {
		e.IDs = append(e.IDs, ev.ID.Hex())
	}
	return e
}

// waitQuiet waits until the outbox worker has delivered everything, so the
// documents read for the expectation are those the lists see.
func waitQuiet(t *testing.T, ctx context.Context, st *store.Store) {
	t.Helper()
	for {
		n, err := st.DB.Collection("outbox").CountDocuments(ctx, bson.D{{"state", bson.D{{"$in", bson.A{"pending", "processing"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d events still undelivered", n)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
