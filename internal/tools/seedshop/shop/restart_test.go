package shop_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/tools/seedshop/shop"
)

// A clean restart loads the admin's order, customer and event indexes from
// the snapshot the shutdown kept, instead of scanning every document, and
// they answer exactly as the indexes built by the scan did, writes made
// before the shutdown included; a restart after an unclean stop (no
// snapshot) scans again and answers the same.
func TestACleanRestartLoadsTheReadModelsAndAnswersAsAScanDoes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	env := map[string]string{"APP_ENV": "test", "SEED_DEMO": "false", "LOG_LEVEL": "error", "RATE_LIMIT_DEV_TOKEN": "0",
		"RATE_LIMIT_WRITES": "0", "DATA_DIR": dir}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))

	// A week-old shop: every unpaid order's hold has ended, so the first
	// start's sweep settles them and later starts find nothing to change;
	// its events are younger than the 30 days after which the sweep drops
	// delivered ones.
	st, err := store.Open(ctx, store.Config{DataDir: dir}, log)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := shop.Seed(ctx, st, cfg, shop.Options{Products: 20, Customers: 150, Orders: 300, Months: 2, EventDays: 20,
		Seed: 11, Now: time.Now().UTC().Add(-7 * 24 * time.Hour)}, io.Discard)
	if cerr := st.Close(ctx); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	type running struct {
		a   *app.App
		srv *httptest.Server
		c   *client
	}
	start := func(stage string) running {
		t.Helper()
		a, err := app.New(ctx, cfg, log)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		select {
		case <-a.ListIndexesBuilt:
		case <-ctx.Done():
			t.Fatalf("%s: list indexes never built", stage)
		}
		r := running{a: a, srv: httptest.NewServer(a.Handler)}
		r.c = &client{t: t, base: r.srv.URL}
		r.c.token = r.c.devToken("admin@restart.test", "admin")
		return r
	}
	stop := func(r running, clean bool) {
		r.srv.Close()
		if clean {
			r.a.KeepReadModels()
		}
		r.a.Close(ctx)
	}
	answers := func(r running) map[string]string {
		t.Helper()
		waitQuiet(t, ctx, r.a.Store)
		out := map[string]string{}
		for _, q := range orderQueries() {
			path := "/api/admin/orders?" + q.Encode()
			out[path] = string(r.c.do(http.MethodGet, path, ""))
		}
		for _, path := range []string{"/api/admin/customers?sort=name&limit=100", "/api/admin/events?limit=100",
			"/api/admin/stats?from=" + time.Now().AddDate(0, -3, 0).Format(time.DateOnly) + "&to=" + time.Now().Format(time.DateOnly)} {
			out[path] = string(r.c.do(http.MethodGet, path, ""))
		}
		return out
	}
	same := func(stage string, got, want map[string]string) {
		t.Helper()
		for path, w := range want {
			if g := got[path]; g != w {
				at := 0
				for at < min(len(g), len(w)) && g[at] == w[at] {
					at++
				}
				from := max(0, at-200)
				t.Errorf("%s: %s differs from the scanned indexes' answer at byte %d:\n got …%.400s\nwant …%.400s",
					stage, path, at, g[from:], w[from:])
			}
		}
	}
	restored := func(stage string, r running, want bool) {
		t.Helper()
		for _, model := range []string{"orders", "customers", "events"} {
			if got := r.a.Restored(model); got != want {
				t.Errorf("%s: %s loaded from the snapshot: %t, want %t", stage, model, got, want)
			}
		}
	}

	first := start("first start")
	restored("first start", first, false)
	// Writes the snapshot must carry: sign-ups, deactivations, orders
	// moving on (with their events).
	for i := range 4 {
		first.c.devToken(fmt.Sprintf("nueva.%d@restart.test", i), "customer")
	}
	for i, id := range sum.CustomerIDs[:6] {
		first.c.do(http.MethodPatch, "/api/admin/customers/"+id+"/status", fmt.Sprintf(`{"isActive":%t}`, i%2 == 0))
	}
	for _, id := range sum.OrderIDs[len(sum.OrderIDs)-10:] {
		for _, to := range []string{"paid", "in_preparation", "ready", "delivered", "canceled"} {
			first.c.try(http.MethodPatch, "/api/admin/orders/"+id+"/status", `{"status":"`+to+`"}`)
		}
	}
	scanned := answers(first)
	stop(first, true)

	second := start("after a clean shutdown")
	restored("after a clean shutdown", second, true)
	same("after a clean shutdown", answers(second), scanned)
	compareLists(t, ctx, second.c, second.a.Store, "after a clean shutdown")
	stop(second, false) // as a crash would: nothing kept

	third := start("after an unclean stop")
	restored("after an unclean stop", third, false)
	same("after an unclean stop", answers(third), scanned)
	stop(third, true)
}

// orderQueries are admin order lists that cover the index's filters.
func orderQueries() []url.Values {
	return []url.Values{
		{}, {"page": {"4"}, "limit": {"13"}}, {"status": {"delivered"}}, {"status": {"canceled"}, "page": {"2"}},
		{"status": {"paid"}}, {"paymentMethod": {"card"}}, {"q": {"a"}}, {"q": {"gómez"}, "limit": {"50"}},
		{"from": {time.Now().AddDate(0, 0, -20).Format(time.DateOnly)}, "to": {time.Now().AddDate(0, 0, -10).Format(time.DateOnly)}},
	}
}
