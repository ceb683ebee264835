package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/order"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestHelpNamesTheSizes(t *testing.T) {
	var out bytes.Buffer
	_, err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, &out)
	if err == nil {
		t.Fatal("--help returned no error (flag.ErrHelp expected)")
	}
	for _, f := range []string{"-data-dir", "-products", "-customers", "-orders", "-months"} {
		if !strings.Contains(out.String(), f) {
			t.Errorf("--help does not mention %s:\n%s", f, out.String())
		}
	}
}

// The seeded directory is a shop the real platform starts on without
// correcting anything, and whose lists show exactly what was written.
func TestSeededShopStartsCleanAndListsWhatWasSeeded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	env := map[string]string{
		"APP_ENV": "test", "SEED_DEMO": "false", "LOG_LEVEL": "info", "RATE_LIMIT_DEV_TOKEN": "0",
	}
	getenv := func(k string) string { return env[k] }
	var progress bytes.Buffer
	sum, err := run(ctx, []string{"-data-dir", dir, "-products", "60", "-customers", "150", "-orders", "700",
		"-months", "3", "-event-days", "25", "-workers", "2"}, getenv, &progress)
	if err != nil {
		t.Fatalf("seed: %v\n%s", err, progress.String())
	}
	if sum.Orders != 700 || sum.Customers != 150 || sum.Products != 60 {
		t.Fatalf("summary %+v", sum)
	}
	for _, st := range order.Statuses {
		if sum.ByStatus[st] == 0 {
			t.Errorf("no %s order seeded: %v", st, sum.ByStatus)
		}
	}

	env["DATA_DIR"] = dir
	cfg, err := config.Load(getenv)
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	defer func() {
		srv.Close()
		a.Close(context.Background())
	}()

	// A second seeding refuses the directory: a server holds it.
	if _, err := run(ctx, []string{"-data-dir", dir, "-products", "1", "-customers", "1", "-orders", "1"}, getenv, io.Discard); err == nil {
		t.Error("seeding a directory a server uses succeeded")
	}

	token := devToken(t, srv.URL)
	get := func(path string, out any) {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
		}
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	type page struct {
		Total int `json:"total"`
		Items []struct {
			ID        string `json:"id"`
			Reference string `json:"reference"`
			Status    string `json:"status"`
		} `json:"items"`
	}
	var p page
	get("/api/admin/orders?limit=5", &p)
	if p.Total != sum.Orders {
		t.Errorf("admin order list total %d, seeded %d", p.Total, sum.Orders)
	}
	for _, st := range order.Statuses {
		get("/api/admin/orders?limit=1&status="+string(st), &p)
		if p.Total != sum.ByStatus[st] {
			t.Errorf("%s orders listed %d, seeded %d", st, p.Total, sum.ByStatus[st])
		}
	}
	get("/api/admin/orders?q="+url.QueryEscape(sum.NewestOrderRef), &p)
	if p.Total != 1 || p.Items[0].Reference != sum.NewestOrderRef {
		t.Errorf("search by reference %s: %+v", sum.NewestOrderRef, p)
	}
	newest := p.Items[0]
	get("/api/admin/customers?limit=1&role=customer", &p)
	if p.Total != sum.Customers {
		t.Errorf("customers listed %d, seeded %d", p.Total, sum.Customers)
	}
	get("/api/admin/events?limit=1&state=delivered", &p)
	if p.Total < sum.Events {
		t.Errorf("delivered events listed %d, seeded %d", p.Total, sum.Events)
	}
	get("/api/products?limit=1", &p)
	if p.Total != sum.ActiveProducts {
		t.Errorf("catalog lists %d products, seeded %d active", p.Total, sum.ActiveProducts)
	}

	// The newest order is pending with its stock reserved: the shop rejects
	// it and the stock comes back without a complaint in the log.
	if newest.Status != string(order.Pending) {
		t.Fatalf("newest order is %s, want pending", newest.Status)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPatch, srv.URL+"/api/admin/orders/"+newest.ID+"/status",
		strings.NewReader(`{"status":"rejected","note":"prueba"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("reject the newest order: %d %s", res.StatusCode, body)
	}

	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") || strings.Contains(line, "recovery") {
			t.Errorf("the start after seeding logged: %s", line)
		}
	}
}

func devToken(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Post(base+"/api/dev/token", "application/json", strings.NewReader(`{"email":"admin@seed.test","role":"admin"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("dev token: %d %v", res.StatusCode, err)
	}
	return out.Token
}
