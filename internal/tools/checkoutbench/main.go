// Command checkoutbench measures checkout on a running server: C customers
// fill their carts and place transfer orders for D, buying from P products
// whose stock runs out during the run. It prints orders/s, the latency of
// POST /api/orders and the database commands each order cost (from the
// server's /metrics), then checks from the API's own data that nothing was
// oversold: for every product, units ordered + stock left = initial stock.
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

type bench struct {
	base   string
	client *http.Client
}

func (b *bench) call(method, path, token string, body any, headers map[string]string) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, b.base+path, r)
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
	res, err := b.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

func (b *bench) token(email, role string) (string, error) {
	code, body, err := b.call("POST", "/api/dev/token", "", map[string]string{"email": email, "role": role}, nil)
	if err != nil || code != 200 {
		return "", fmt.Errorf("dev token for %s: %d %s %v", email, code, body, err)
	}
	var t struct{ Token string }
	return t.Token, json.Unmarshal(body, &t)
}

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "server URL")
	customers := flag.Int("c", 20, "concurrent customers")
	products := flag.Int("p", 50, "products to buy from")
	stock := flag.Int("stock", 40, "initial stock of each product (low enough to sell out)")
	duration := flag.Duration("d", 10*time.Second, "how long to place orders")
	flag.Parse()
	if err := run(*base, *customers, *products, *stock, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "checkoutbench:", err)
		os.Exit(1)
	}
}

func run(base string, customers, nProducts, stock int, duration time.Duration) error {
	b := &bench{base: base, client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: customers * 2}}}
	admin, err := b.token("checkout-bench-admin@donpalito.test", "admin")
	if err != nil {
		return err
	}
	ids := make([]string, nProducts)
	for i := range ids {
		code, body, err := b.call("POST", "/api/admin/products", admin, map[string]any{
			"name": fmt.Sprintf("Checkout %02d", i), "description": "bench", "price": 100000 + 5000*i,
			"stock": stock, "category": "Bench",
		}, nil)
		if err != nil || code != 201 {
			return fmt.Errorf("create product: %d %s %v", code, body, err)
		}
		var p struct{ ID string }
		if err := json.Unmarshal(body, &p); err != nil {
			return err
		}
		ids[i] = p.ID
	}
	tokens := make([]string, customers)
	for i := range tokens {
		if tokens[i], err = b.token(fmt.Sprintf("checkout-bench-%02d@donpalito.test", i), "customer"); err != nil {
			return err
		}
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		placed    int
		soldOut   int
		failures  int
	)
	cmdsBefore := b.dbCommands()
	deadline := time.Now().Add(duration)
	start := time.Now()
	var wg sync.WaitGroup
	for i, tok := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			for n := 0; time.Now().Before(deadline); n++ {
				for range 1 + rng.IntN(2) {
					code, _, err := b.call("POST", "/api/cart", tok, map[string]any{"productId": ids[rng.IntN(len(ids))], "quantity": 1 + rng.IntN(3)}, nil)
					if err != nil || (code != 200 && code != 409) {
						mu.Lock()
						failures++
						mu.Unlock()
					}
				}
				t0 := time.Now()
				code, _, err := b.call("POST", "/api/orders", tok, map[string]any{
					"paymentMethod": "transfer",
					"address":       map[string]string{"fullName": "Bench", "streetAddress": "Calle 1", "city": "Medellín", "phoneNumber": "3001234567"},
				}, map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%02d-%06d", i, n)})
				elapsed := time.Since(t0)
				mu.Lock()
				switch {
				case err != nil:
					failures++
				case code == 201:
					placed++
					latencies = append(latencies, elapsed)
				case code == 409:
					soldOut++
					latencies = append(latencies, elapsed)
				default:
					failures++
				}
				mu.Unlock()
				if code == 409 {
					_, _, _ = b.call("DELETE", "/api/cart", tok, nil, nil)
				}
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	cmdsAfter := b.dbCommands()

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(float64(len(latencies))*p))]
	}
	fmt.Printf("checkout: %d customers, %d products × stock %d, %s\n", customers, nProducts, stock, duration)
	fmt.Printf("  orders placed      %d (%.1f orders/s)\n", placed, float64(placed)/wall.Seconds())
	fmt.Printf("  refused (409)      %d  (sold out, as the stock runs down)\n", soldOut)
	fmt.Printf("  unexpected errors  %d\n", failures)
	fmt.Printf("  POST /api/orders   p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
		ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)))
	if cmdsBefore != nil && cmdsAfter != nil && placed > 0 {
		printCommands(cmdsBefore, cmdsAfter, placed)
	}

	// Oversell check from the API's own data: the orders of this run's
	// customers, found by the admin's search (in a large shop, listing
	// every order would read them all).
	ordered := map[string]int{}
	orders := 0
	for page := 1; ; page++ {
		code, body, err := b.call("GET", fmt.Sprintf("/api/admin/orders?limit=100&q=checkout-bench-&page=%d", page), admin, nil, nil)
		if err != nil || code != 200 {
			return fmt.Errorf("list orders: %d %v", code, err)
		}
		var p struct {
			Items []struct {
				Status string
				Lines  []struct {
					ProductID string `json:"productId"`
					Quantity  int
				}
			}
			Total int
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return err
		}
		for _, o := range p.Items {
			orders++
			if o.Status == "canceled" || o.Status == "rejected" {
				continue
			}
			for _, l := range o.Lines {
				ordered[l.ProductID] += l.Quantity
			}
		}
		if page*100 >= p.Total {
			break
		}
	}
	bad, empty := 0, 0
	for _, id := range ids {
		code, body, err := b.call("GET", "/api/admin/products/"+id, admin, nil, nil)
		if err != nil || code != 200 {
			return fmt.Errorf("get product: %d %v", code, err)
		}
		var p struct{ Stock int }
		if err := json.Unmarshal(body, &p); err != nil {
			return err
		}
		if p.Stock < 0 || ordered[id]+p.Stock != stock {
			bad++
		}
		if p.Stock == 0 {
			empty++
		}
	}
	fmt.Printf("  oversell check     %d orders, %d/%d products sold out, %d products where ordered + left ≠ initial\n",
		orders, empty, len(ids), bad)
	if bad > 0 || failures > 0 {
		return fmt.Errorf("checkout bench found %d stock mismatches and %d unexpected errors", bad, failures)
	}
	return nil
}

// dbCommands reads the server's database command counts and times from
// /metrics (nil if it cannot: /metrics may be off or guarded).
func (b *bench) dbCommands() map[string]commandFigures {
	code, body, err := b.call("GET", "/metrics", "", nil, nil)
	if err != nil || code != 200 {
		return nil
	}
	out := map[string]commandFigures{}
	for _, line := range strings.Split(string(body), "\n") {
		seconds := false
		rest, ok := strings.CutPrefix(line, "donpalito_db_commands_total{")
		if !ok {
			if rest, ok = strings.CutPrefix(line, "donpalito_db_command_seconds_total{"); !ok {
				continue
			}
			seconds = true
		}
		labels, value, ok := strings.Cut(rest, "} ")
		if !ok {
			continue
		}
		l := map[string]string{}
		for _, pair := range strings.Split(labels, ",") {
			if k, v, ok := strings.Cut(pair, "="); ok {
				l[k] = strings.Trim(v, `"`)
			}
		}
		name := l["command"]
		if l["collection"] != "" {
			name += " " + l["collection"]
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		f := out[name]
		if seconds {
			f.seconds += v
		} else {
			f.count += v
		}
		out[name] = f
	}
	return out
}

type commandFigures struct{ count, seconds float64 }

// printCommands prints the database round trips the run cost per order
// placed, and the time requests waited on them: its carts, checkouts,
// refusals, and the outbox and mail work the orders caused while the run
// lasted.
func printCommands(before, after map[string]commandFigures, placed int) {
	var total, totalMS float64
	type named struct {
		name  string
		n, ms float64
	}
	var per []named
	for name, v := range after {
		d := (v.count - before[name].count) / float64(placed)
		if d <= 0 {
			continue
		}
		t := (v.seconds - before[name].seconds) * 1000 / float64(placed)
		total += d
		totalMS += t
		per = append(per, named{name, d, t})
	}
	slices.SortFunc(per, func(a, b named) int { return cmp.Compare(b.ms, a.ms) })
	parts := make([]string, len(per))
	for i, p := range per {
		parts[i] = fmt.Sprintf("%s %.1f (%.1f ms)", p.name, p.n, p.ms)
	}
	fmt.Printf("  database commands  %.1f per order placed, %.1f ms waited on them per order (%s)\n", total, totalMS, strings.Join(parts, ", "))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
