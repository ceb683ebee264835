package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/faults"
)

// childEnv marks the test binary started as a server by the crash tests:
// TestMain then serves instead of testing, with its clock moved forward by
// DONPALITO_TEST_CLOCK_OFFSET, so a restart can happen "hours later".
const childEnv = "DONPALITO_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "server" {
		os.Exit(childServer())
	}
	os.Exit(m.Run())
}

func childServer() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	offset, _ := time.ParseDuration(os.Getenv("DONPALITO_TEST_CLOCK_OFFSET"))
	if point := os.Getenv("DONPALITO_TEST_FAULT"); point != "" {
		faults.Arm(point)
	}
	clock := func() time.Time { return time.Now().UTC().Add(offset) }
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := serve(ctx, cfg, log, io.Discard, app.WithClock(clock)); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	return 0
}

// child is one server process of a crash test.
type child struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncWriter
	exited chan struct{}
}

func startChild(t *testing.T, dataDir string, offset time.Duration, extra ...string) *child {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=server",
		"DONPALITO_TEST_CLOCK_OFFSET="+offset.String(),
		"PORT="+fmt.Sprint(port), "DATA_DIR="+dataDir, "SEED_DEMO=false", "LOG_LEVEL=warn",
		"RATE_LIMIT_WRITES=0", "RATE_LIMIT_DEV_TOKEN=0", "ORDER_HOLD_TRANSFER=1s", "ORDER_SWEEP_INTERVAL=150ms")
	cmd.Env = append(cmd.Env, extra...)
	c := &child{cmd: cmd, base: fmt.Sprintf("http://127.0.0.1:%d", port), stderr: &syncWriter{}, exited: make(chan struct{})}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(c.exited) }()
	t.Cleanup(func() { c.kill() })
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(c.base + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return c
			}
		}
		select {
		case <-c.exited:
			t.Fatalf("server process exited before it was healthy:\n%s", c.log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server process not healthy after 60s:\n%s", c.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill is kill -9: no shutdown, no deferred writes.
func (c *child) kill() {
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.exited
}

// stop is a graceful stop (SIGTERM).
func (c *child) stop(t *testing.T) {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("server process did not stop")
	}
}

func (c *child) log() string {
	c.stderr.mu.Lock()
	defer c.stderr.mu.Unlock()
	return c.stderr.buf.String()
}

// syncWriter is the child's stderr: written by the exec package's copier,
// read by the test.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// shop talks to a server process over HTTP.
// faultRun is a scenario against a server armed to die at one fault point
// (DONPALITO_TEST_FAULT): each step either works or kills the server there,
// which then comes back on the same data directory, unarmed, recovering at
// start, and the scenario goes on.
type faultRun struct {
	t       *testing.T
	point   string
	dataDir string
	env     []string // given to every start, armed or not
	child   *child
	shop    *shop
	crashed bool
	// settle, when set, runs after every step that worked.
	settle func()
}

func armed(t *testing.T, point string, env ...string) *faultRun {
	r := &faultRun{t: t, point: point, dataDir: t.TempDir(), env: env}
	r.child = startChild(t, r.dataDir, 0, append([]string{"DONPALITO_TEST_FAULT=" + point}, env...)...)
	r.shop = &shop{base: r.child.base, client: &http.Client{Timeout: 10 * time.Second}}
	return r
}

// step sends one request with a fresh Idempotency-Key and returns its body,
// or nil when the server died answering it (and has been restarted).
func (r *faultRun) step(method, path, token string, body any) []byte {
	return r.send(method, path, token, body, map[string]string{"Idempotency-Key": fmt.Sprint(rand.Int64())})
}

func (r *faultRun) send(method, path, token string, body any, headers map[string]string) []byte {
	r.t.Helper()
	code, b, err := r.shop.call(method, path, token, body, headers)
	if err == nil && code < 300 {
		if r.settle != nil {
			r.settle()
		}
		return b
	}
	select {
	case <-r.child.exited:
	case <-time.After(5 * time.Second):
		r.t.Fatalf("%s %s: %d %s %v (and the server did not die)", method, path, code, b, err)
	}
	r.crashed = true
	r.child = startChild(r.t, r.dataDir, 0, r.env...)
	r.shop.base = r.child.base
	return nil
}

func (r *faultRun) mustHaveCrashed() {
	r.t.Helper()
	if !r.crashed {
		r.t.Fatalf("the server never reached %s", r.point)
	}
}

type shop struct {
	base   string
	client *http.Client
}

func (s *shop) call(method, path, token string, body any, headers map[string]string) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, r)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := s.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

func (s *shop) must(t *testing.T, method, path, token string, body any, want int, out any) {
	t.Helper()
	code, b, err := s.call(method, path, token, body, map[string]string{"Idempotency-Key": fmt.Sprint(rand.Int64())})
	if err != nil || code != want {
		t.Fatalf("%s %s: %d %s %v", method, path, code, b, err)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *shop) token(t *testing.T, email, role string) string {
	var tok struct{ Token string }
	s.must(t, "POST", "/api/dev/token", "", map[string]string{"email": email, "role": role}, 200, &tok)
	return tok.Token
}

type orderView struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	CouponCode string `json:"couponCode"`
	Customer   struct {
		Email string `json:"email"`
	} `json:"customer"`
	Lines []struct {
		ProductID string `json:"productId"`
		Quantity  int    `json:"quantity"`
	} `json:"lines"`
}

func (s *shop) allOrders(t *testing.T, path, token string) []orderView {
	t.Helper()
	var all []orderView
	for page := 1; ; page++ {
		var p struct {
			Items []orderView
			Total int
		}
		s.must(t, "GET", fmt.Sprintf("%s?limit=100&page=%d", path, page), token, nil, 200, &p)
		all = append(all, p.Items...)
		if page*100 >= p.Total {
			if len(all) != p.Total {
				t.Fatalf("%s: total %d but %d orders listed", path, p.Total, len(all))
			}
			return all
		}
	}
}

// load runs customers' checkouts and cancelations and an admin's moves until
// stop closes. Failures are expected while the server dies under it.
func load(s *shop, admin string, customers []string, products []string, coupon string, stop <-chan struct{}, placed *atomic.Int64) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i, tok := range customers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(rand.Uint64(), uint64(i)))
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				for range 1 + rng.IntN(2) {
					_, _, _ = s.call("POST", "/api/cart", tok, map[string]any{"productId": products[rng.IntN(len(products))], "quantity": 1 + rng.IntN(3)}, nil)
				}
				body := map[string]any{"paymentMethod": "transfer",
					"address": map[string]string{"fullName": "Cliente", "streetAddress": "Calle 1", "city": "Medellín", "phoneNumber": "3001234567"}}
				if rng.IntN(2) == 0 {
					body["couponCode"] = coupon
				}
				code, b, err := s.call("POST", "/api/orders", tok, body, map[string]string{"Idempotency-Key": fmt.Sprintf("k-%d-%d-%d", i, n, rng.Int64())})
				if err != nil {
					continue
				}
				if code != 201 {
					_, _, _ = s.call("DELETE", "/api/cart", tok, nil, nil)
					continue
				}
				placed.Add(1)
				var o orderView
				if json.Unmarshal(b, &o) == nil && rng.IntN(4) == 0 {
					_, _, _ = s.call("POST", "/api/orders/"+o.ID+"/cancel", tok, nil, nil)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(rand.Uint64(), 99))
		next := map[string][]string{"pending": {"paid", "canceled"}, "paid": {"in_preparation", "canceled"}, "in_preparation": {"ready", "canceled"}, "ready": {"delivered"}}
		for {
			select {
			case <-stop:
				return
			default:
			}
			st := []string{"pending", "paid", "in_preparation", "ready"}[rng.IntN(4)]
			code, b, err := s.call("GET", "/api/admin/orders?limit=10&status="+st, admin, nil, nil)
			if err != nil || code != 200 {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			var p struct{ Items []orderView }
			_ = json.Unmarshal(b, &p)
			for _, o := range p.Items {
				// The order may have moved on since the page was filtered
				// (a customer's cancel, the sweep): then it has no next move here.
				moves := next[o.Status]
				if len(moves) == 0 {
					continue
				}
				to := moves[rng.IntN(len(moves))]
				_, _, _ = s.call("PATCH", "/api/admin/orders/"+o.ID+"/status", admin, map[string]string{"status": to}, nil)
			}
		}
	}()
	return &wg
}

// Checkouts, cancelations, admin moves and expiries run under load while
// the server is killed (SIGKILL) at random moments; each restart comes
// hours later on the server's clock. At the end every unit of stock, every
// coupon use and every customer's order list agrees with the orders.
func TestCrashRecoveryConvergesAfterKillsAndLongOutages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	dataDir := t.TempDir()
	const initial = 40
	c := startChild(t, dataDir, 0)
	s := &shop{base: c.base, client: &http.Client{Timeout: 10 * time.Second}}
	admin := s.token(t, "crash-admin@donpalito.test", "admin")
	var products []string
	for i := range 6 {
		var p struct{ ID string }
		s.must(t, "POST", "/api/admin/products", admin, map[string]any{
			"name": fmt.Sprintf("Palito %d", i), "description": "crash test", "price": 250000, "stock": initial, "category": "Pruebas"}, 201, &p)
		products = append(products, p.ID)
	}
	const code = "CRASH10"
	s.must(t, "POST", "/api/coupons", admin, map[string]any{"code": code, "type": "percentage", "value": 10}, 201, nil)
	emails := make([]string, 8)
	customers := make([]string, len(emails))
	for i := range customers {
		emails[i] = fmt.Sprintf("crash-%d@donpalito.test", i)
		customers[i] = s.token(t, emails[i], "customer")
	}

	offset := time.Duration(0)
	for round := range 3 {
		stop := make(chan struct{})
		var placed atomic.Int64
		wg := load(s, admin, customers, products, code, stop, &placed)
		// Kill once the load is well under way (the machine may be slow),
		// at a random moment: mid-checkout, mid-cancel or mid-sweep.
		want := int64(4 + rand.IntN(12))
		for end := time.Now().Add(20 * time.Second); placed.Load() < want && time.Now().Before(end); {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		c.kill()
		close(stop)
		wg.Wait()
		// Down for hours: beyond every hold and every recovery window.
		offset += time.Duration(1+round) * 3 * time.Hour
		c = startChild(t, dataDir, offset)
		s.base = c.base
	}

	// Let the sweep expire what is left, then check a quiet server.
	deadline := time.Now().Add(90 * time.Second)
	for {
		var p struct{ Total int }
		s.must(t, "GET", "/api/admin/orders?status=pending&limit=1", admin, nil, 200, &p)
		if p.Total == 0 {
			break
		}
		if time.Now().After(deadline) {
			_, b, _ := s.call("GET", "/api/admin/orders?status=pending&limit=10", admin, nil, nil)
			t.Logf("pending: %s", b)
			t.Fatalf("%d orders still pending hours after their hold; server log:\n%s", p.Total, c.log())
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.stop(t)
	c = startChild(t, dataDir, offset)
	s.base = c.base

	orders := s.allOrders(t, "/api/admin/orders", admin)
	live := func(o orderView) bool { return o.Status != "canceled" && o.Status != "rejected" }
	held := map[string]int{}
	redemptions := 0
	byCustomer := map[string][]string{}
	statuses := map[string]int{}
	for _, o := range orders {
		statuses[o.Status]++
		byCustomer[o.Customer.Email] = append(byCustomer[o.Customer.Email], o.ID)
		if !live(o) {
			continue
		}
		if o.CouponCode == code {
			redemptions++
		}
		for _, l := range o.Lines {
			held[l.ProductID] += l.Quantity
		}
	}
	t.Logf("%d orders after 3 kills: %v", len(orders), statuses)
	if len(orders) == 0 {
		t.Fatal("the load placed no orders")
	}
	for _, id := range products {
		var p struct{ Stock int }
		s.must(t, "GET", "/api/admin/products/"+id, admin, nil, 200, &p)
		if p.Stock+held[id] != initial {
			t.Errorf("product %s: stock %d + %d units in live orders ≠ %d", id, p.Stock, held[id], initial)
		}
	}
	var cp struct {
		Items []struct {
			Code      string `json:"code"`
			UsedCount int    `json:"usedCount"`
		}
	}
	s.must(t, "GET", "/api/coupons?q="+code, admin, nil, 200, &cp)
	if len(cp.Items) != 1 || cp.Items[0].UsedCount != redemptions {
		t.Errorf("coupon %s: %+v, want usedCount %d (its live redemptions)", code, cp.Items, redemptions)
	}
	for i, tok := range customers {
		mine := s.allOrders(t, "/api/orders", tok)
		var got []string
		for _, o := range mine {
			got = append(got, o.ID)
		}
		want := byCustomer[emails[i]]
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("customer %s lists %d orders, %d exist", emails[i], len(got), len(want))
		}
	}
	if t.Failed() {
		t.Logf("server log:\n%s", c.log())
	}
}

// The process dies at each point between an order fact and its events (the
// order stored or moved, its events not yet in the outbox; the events in the
// outbox, not yet cleared from the order). After a restart every event of a
// card order that was placed, paid and canceled by the shop is in the outbox
// exactly once and delivered on its first attempt, and the refund of the
// canceled paid order is made once.
func TestOrderEventsSurviveACrashAtEveryPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	for _, point := range []string{"order.placed", "order.moved.paid", "order.moved.canceled", "order.events.published"} {
		t.Run(point, func(t *testing.T) {
			run := armed(t, point)
			s := run.shop
			admin := s.token(t, "facts-admin@donpalito.test", "admin")
			customer := s.token(t, "facts@donpalito.test", "customer")
			var p struct{ ID string }
			s.must(t, "POST", "/api/admin/products", admin, map[string]any{
				"name": "Palito", "description": "eventos", "price": 250000, "stock": 10, "category": "Pruebas"}, 201, &p)
			s.must(t, "POST", "/api/cart", customer, map[string]any{"productId": p.ID, "quantity": 2}, 200, nil)

			// quiet waits until no event is being delivered, so the crash
			// falls between a fact and its events, never inside a delivery
			// (which is at least once, by design).
			quiet := func() {
				for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
					busy := 0
					for _, st := range []string{"pending", "processing"} {
						var p struct{ Total int }
						s.must(t, "GET", "/api/admin/events?limit=1&state="+st, admin, nil, 200, &p)
						busy += p.Total
					}
					if busy == 0 {
						return
					}
				}
				t.Fatal("events still being delivered after 60s")
			}
			run.settle = quiet
			step := run.step
			var orderID string
			if b := step("POST", "/api/orders", customer, map[string]any{"paymentMethod": "card",
				"address": map[string]string{"fullName": "Cliente", "streetAddress": "Calle 1", "city": "Medellín", "phoneNumber": "3001234567"}}); b != nil {
				var o orderView
				_ = json.Unmarshal(b, &o)
				orderID = o.ID
			} else {
				mine := s.allOrders(t, "/api/orders", customer)
				if len(mine) != 1 {
					t.Fatalf("after the crash the customer has %d orders, want 1", len(mine))
				}
				orderID = mine[0].ID
				// The crash came before the card payment was started.
				s.must(t, "POST", "/api/payment/create-intent", customer, map[string]string{"orderId": orderID}, 200, nil)
			}
			step("POST", "/api/dev/payments/"+orderID+"/simulate", customer, map[string]string{"outcome": "succeeded"})
			step("PATCH", "/api/admin/orders/"+orderID+"/status", admin, map[string]string{"status": "canceled"})
			run.mustHaveCrashed()

			want := map[string]int{"order.created": 1, "order.paid": 1, "order.canceled": 1, "order.status_changed": 2, "order.refunded": 1}
			deadline := time.Now().Add(60 * time.Second)
			for {
				var page struct {
					Items []struct {
						Type        string `json:"type"`
						State       string `json:"state"`
						Attempts    int    `json:"attempts"`
						AggregateID string `json:"aggregateId"`
						LastError   string `json:"lastError"`
					}
				}
				s.must(t, "GET", "/api/admin/events?limit=100", admin, nil, 200, &page)
				got := map[string]int{}
				delivered := true
				for _, e := range page.Items {
					if e.AggregateID != orderID {
						continue
					}
					got[e.Type]++
					if e.State != "delivered" || e.Attempts != 1 {
						delivered = false
						if time.Now().After(deadline) {
							t.Logf("%s: %s after %d attempts (%s)", e.Type, e.State, e.Attempts, e.LastError)
						}
					}
				}
				var o struct {
					Status  string
					Payment struct {
						RefundStatus   string `json:"refundStatus"`
						RefundedAmount int64  `json:"refundedAmount"`
					}
					Total int64
				}
				s.must(t, "GET", "/api/admin/orders/"+orderID, admin, nil, 200, &o)
				if delivered && fmt.Sprint(got) == fmt.Sprint(want) && o.Payment.RefundStatus == "succeeded" {
					if o.Status != "canceled" || o.Payment.RefundedAmount != o.Total {
						t.Fatalf("order %+v: want canceled and refunded in full", o)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("events of the order %v (want %v, all delivered once: %v), refund %q\n%s", got, want, delivered, o.Payment.RefundStatus, run.child.log())
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}
