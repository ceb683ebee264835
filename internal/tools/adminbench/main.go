// Command adminbench measures the admin's reads on a running server with
// real HTTP requests (a dev admin token): order list pages, searches by
// reference, name and email, filters by status and date, the customer list
// and its search, the events list, the stats for 30 and 366 days, the CSV
// export of every order (time, size and the server's resident memory during
// it), and the public catalog list and product, for comparing a small shop
// with a large one. It prints p50/p99 of each next to the target of issue 12
// §6; it asserts nothing (figures depend on the machine).
//
// Requests run one at a time, so a figure is the cost of one request and not
// of a queue.
//
// Usage:
//
//	adminbench -base http://127.0.0.1:18450 -n 200 -pid $(pgrep -n server)
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "adminbench:", err)
		}
		os.Exit(1)
	}
}

type bench struct {
	base   string
	token  string
	client *http.Client
}

func (b *bench) get(ctx context.Context, path string, w io.Writer) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+path, nil)
	if err != nil {
		return 0, err
	}
	if b.token != "" {
		req.Header.Set("Authorization", "Bearer "+b.token)
	}
	res, err := b.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(w, res.Body)
	if err != nil {
		return 0, fmt.Errorf("GET %s: read body: %w", path, err)
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: status %d", path, res.StatusCode)
	}
	return int(n), nil
}

func (b *bench) getJSON(ctx context.Context, path string, out any) error {
	var buf bytes.Buffer
	if _, err := b.get(ctx, path, &buf); err != nil {
		return err
	}
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

// row is one measured endpoint.
type row struct {
	name, path string
	target     time.Duration
	reps       int
	total      int // the list's total, when it has one
	lat        []time.Duration
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("adminbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "http://127.0.0.1:8080", "server base URL (AUTH_MODE=dev)")
	n := fs.Int("n", 200, "requests per list endpoint (stats run n/10, at least 5)")
	warm := fs.Int("warmup", 5, "unmeasured requests before each endpoint")
	budget := fs.Duration("budget", 20*time.Second, "stop measuring an endpoint after this long (at least 3 requests): a scan of a large shop can take seconds per request")
	pid := fs.Int("pid", 0, "server process id, to sample its resident memory during the CSV export")
	email := fs.String("email", "adminbench@donpalito.test", "email of the dev admin token")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	b := &bench{base: strings.TrimRight(*base, "/"), client: &http.Client{Timeout: 5 * time.Minute}}
	tok, err := devToken(ctx, b.client, b.base, *email)
	if err != nil {
		return err
	}
	b.token = tok

	// What to search for: the newest order's reference, its customer's
	// surname and email; a product id for the catalog.
	var orders struct {
		Total int `json:"total"`
		Items []struct {
			Reference string `json:"reference"`
			Customer  struct {
				Name  string `json:"name"`
				Email string `json:"email"`
			} `json:"customer"`
		} `json:"items"`
	}
	if err := b.getJSON(ctx, "/api/admin/orders?limit=1", &orders); err != nil {
		return err
	}
	var products struct {
		Total int `json:"total"`
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := b.getJSON(ctx, "/api/products?limit=1", &products); err != nil {
		return err
	}
	ref, name, mail := "ABCDEF12", "Gómez", "correo.test"
	if len(orders.Items) > 0 {
		o := orders.Items[0]
		ref, mail = o.Reference, o.Customer.Email
		if f := strings.Fields(o.Customer.Name); len(f) > 1 {
			name = f[1]
		}
	}
	bogota, err := time.LoadLocation("America/Bogota")
	if err != nil {
		bogota = time.FixedZone("COT", -5*3600)
	}
	today := time.Now().In(bogota)
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	last30 := "from=" + day(today.AddDate(0, 0, -29)) + "&to=" + day(today)
	last366 := "from=" + day(today.AddDate(0, 0, -365)) + "&to=" + day(today)
	q := url.QueryEscape
	const page, stats = 50 * time.Millisecond, 300 * time.Millisecond
	statsReps := max(*n/10, 5)
	rows := []*row{
		{name: "orders: page 1", path: "/api/admin/orders?page=1&limit=20", target: page},
		{name: "orders: page 50", path: "/api/admin/orders?page=50&limit=20", target: page},
		{name: "orders: search reference", path: "/api/admin/orders?limit=20&q=" + q(ref), target: page},
		{name: "orders: search name", path: "/api/admin/orders?limit=20&q=" + q(name), target: page},
		{name: "orders: search email", path: "/api/admin/orders?limit=20&q=" + q(mail), target: page},
		{name: "orders: status=delivered", path: "/api/admin/orders?limit=20&status=delivered", target: page},
		{name: "orders: status=pending", path: "/api/admin/orders?limit=20&status=pending", target: page},
		{name: "orders: last 30 days", path: "/api/admin/orders?limit=20&" + last30, target: page},
		{name: "customers: page 1", path: "/api/admin/customers?limit=20", target: page},
		{name: "customers: page 50", path: "/api/admin/customers?page=50&limit=20", target: page},
		{name: "customers: search name", path: "/api/admin/customers?limit=20&q=" + q(name), target: page},
		{name: "customers: search email", path: "/api/admin/customers?limit=20&q=" + q(mail), target: page},
		{name: "events: page 1", path: "/api/admin/events?limit=20", target: page},
		{name: "events: page 50", path: "/api/admin/events?page=50&limit=20", target: page},
		{name: "events: type=order.paid", path: "/api/admin/events?limit=20&type=order.paid", target: page},
		{name: "stats: 30 days", path: "/api/admin/stats?" + last30, target: stats, reps: statsReps},
		{name: "stats: 366 days", path: "/api/admin/stats?" + last366, target: stats, reps: statsReps},
		{name: "catalog: list page", path: "/api/products?page=1&limit=20"},
	}
	if len(products.Items) > 0 {
		rows = append(rows, &row{name: "catalog: product by id", path: "/api/products/" + products.Items[0].ID})
	}
	for _, r := range rows {
		if r.reps == 0 {
			r.reps = *n
		}
		var first struct {
			Total int `json:"total"`
		}
		if err := b.getJSON(ctx, r.path, &first); err != nil {
			return err
		}
		r.total = first.Total
		began := time.Now()
		for range *warm {
			if time.Since(began) > *budget/4 {
				break
			}
			if _, err := b.get(ctx, r.path, io.Discard); err != nil {
				return err
			}
		}
		began = time.Now()
		for i := range r.reps {
			if i >= 3 && time.Since(began) > *budget {
				break
			}
			t := time.Now()
			if _, err := b.get(ctx, r.path, io.Discard); err != nil {
				return err
			}
			r.lat = append(r.lat, time.Since(t))
		}
		fmt.Fprintf(stderr, "==> %s: p99 %s\n", r.name, ms(pct(r.lat, 99)))
	}

	fmt.Fprintf(stdout, "admin reads, one request at a time (up to %d per list, %d per stats, or %s each; after %d unmeasured)\n", *n, statsReps, *budget, *warm)
	fmt.Fprintf(stdout, "%-28s %8s %6s %10s %10s %10s %s\n", "endpoint", "total", "reqs", "p50", "p99", "target", "")
	fmt.Fprintf(stdout, "%-28s %8s %6s %10s %10s %10s %s\n", strings.Repeat("-", 28), "--------", "------", "----------", "----------", "----------", "----")
	for _, r := range rows {
		target, verdict := "—", ""
		if r.target > 0 {
			target = "p99 < " + strconv.Itoa(int(r.target/time.Millisecond))
			verdict = "ok"
			if pct(r.lat, 99) >= r.target {
				verdict = "OVER"
			}
		}
		fmt.Fprintf(stdout, "%-28s %8d %6d %10s %10s %10s %s\n", r.name, r.total, len(r.lat), ms(pct(r.lat, 50)), ms(pct(r.lat, 99)), target, verdict)
	}

	// The CSV export of every order, with the server's memory sampled while
	// it streams: a peak far above the resting size means it buffered.
	var (
		mu        sync.Mutex
		peak      int64
		stop      = make(chan struct{})
		sampled   sync.WaitGroup
		restingKB = rssKB(*pid)
	)
	if *pid > 0 {
		sampled.Go(func() {
			t := time.NewTicker(20 * time.Millisecond)
			defer t.Stop()
			for {
				if kb := rssKB(*pid); kb > 0 {
					mu.Lock()
					peak = max(peak, kb)
					mu.Unlock()
				}
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		})
	}
	counter := &lineCounter{}
	start := time.Now()
	size, err := b.get(ctx, "/api/admin/orders/export.csv", counter)
	took := time.Since(start)
	close(stop)
	sampled.Wait()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nCSV export of all orders: %s, %d lines, %.1f MiB", took.Round(time.Millisecond), counter.lines, float64(size)/(1<<20))
	if *pid > 0 {
		fmt.Fprintf(stdout, "; server RSS %.1f MiB before, peak %.1f MiB during (target: streams, flat memory)", float64(restingKB)/1024, float64(peak)/1024)
	}
	fmt.Fprintln(stdout)
	return nil
}

type lineCounter struct{ lines int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// rssKB is a process's resident memory now, from the kernel (0 if unknown).
func rssKB(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func devToken(ctx context.Context, c *http.Client, base, email string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "role": "admin"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/dev/token", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("dev token: %w", err)
	}
	defer res.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("dev token (is the server in AUTH_MODE=dev?): status %d", res.StatusCode)
	}
	return out.Token, nil
}
