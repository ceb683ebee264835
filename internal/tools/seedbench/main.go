// Command seedbench fills a running server with products for `make bench`.
// It talks only to the public HTTP API (dev token, admin create), so the
// benchmark measures the catalog exactly as a real client would have filled
// it, and it does so concurrently because 1,000 sequential creates through
// curl would dominate the run time.
//
// Usage:
//
//	seedbench -base http://127.0.0.1:8080 -n 1000 -workers 8
//
// On success it prints one created product id on stdout (for the detail
// endpoint run) and a summary on stderr.
//
// The server rate-limits write endpoints, so a 429 (or 503) is waited out
// (Retry-After, else exponential backoff) and retried; every create carries
// an Idempotency-Key, which also makes retrying after a network error safe.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "seedbench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seedbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "http://127.0.0.1:8080", "server base URL")
	n := fs.Int("n", 1000, "number of products to create")
	workers := fs.Int("workers", 8, "concurrent requests")
	email := fs.String("email", "bench@donpalito.test", "email of the dev admin token")
	timeout := fs.Duration("timeout", 5*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 || *workers < 1 {
		return errors.New("-n and -workers must be positive")
	}
	baseURL := strings.TrimRight(*base, "/")

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *workers},
	}

	// Keys unique to this run, so a second run on the same data creates new
	// products instead of replaying the first run's.
	runID := strconv.FormatInt(time.Now().UnixNano(), 36)

	token, err := devToken(ctx, client, baseURL, *email)
	if err != nil {
		return err
	}

	start := time.Now()
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		created  atomic.Int64
		errOnce  sync.Once
		firstErr error
		firstID  string
		idOnce   sync.Once
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				id, err := createProduct(ctx, client, baseURL, token, fmt.Sprintf("seedbench-%s-%d", runID, i), i)
				if err != nil {
					fail(err)
					return
				}
				created.Add(1)
				idOnce.Do(func() { firstID = id })
			}
		}()
	}
feed:
	for i := 1; i <= *n; i++ {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("created %d of %d products: %w", created.Load(), *n, err)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stderr, "seedbench: created %d products in %s (%.0f/s)\n",
		created.Load(), elapsed.Round(time.Millisecond), float64(created.Load())/elapsed.Seconds())
	fmt.Fprintln(stdout, firstID)
	return nil
}

func devToken(ctx context.Context, c *http.Client, base, email string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "role": "admin"})
	var out struct {
		Token string `json:"token"`
	}
	if err := call(ctx, c, http.MethodPost, base+"/api/dev/token", "", "", body, http.StatusOK, &out); err != nil {
		return "", fmt.Errorf("dev token (is the server in AUTH_MODE=dev?): %w", err)
	}
	if out.Token == "" {
		return "", errors.New("dev token: empty token in response")
	}
	return out.Token, nil
}

// createProduct spreads products over five categories and varies prices a
// little, so the list endpoint filters and sorts realistic data.
func createProduct(ctx context.Context, c *http.Client, base, token, idemKey string, i int) (string, error) {
	body, _ := json.Marshal(map[string]any{
		"name":        fmt.Sprintf("Producto %d", i),
		"description": fmt.Sprintf("Producto de prueba número %d para medir el rendimiento del catálogo.", i),
		"price":       int64(100000 + (i%50)*10000), // 1 000 – 5 900 COP in minor units
		"stock":       100,
		"category":    fmt.Sprintf("Categoría %d", i%5+1),
	})
	var out struct {
		ID string `json:"id"`
	}
	if err := call(ctx, c, http.MethodPost, base+"/api/admin/products", token, idemKey, body, http.StatusCreated, &out); err != nil {
		return "", fmt.Errorf("create product %d: %w", i, err)
	}
	if out.ID == "" {
		return "", fmt.Errorf("create product %d: no id in response", i)
	}
	return out.ID, nil
}

// maxAttempts bounds retries of one request; with backoff capped at 5 s it
// gives a rate-limited server well over a minute to let us through.
const maxAttempts = 20

// call sends one JSON request and decodes the expected response into out.
// Requests with an idempotency key are retried on 429/503 and on network
// errors; the others only on 429/503, which mean "not processed".
func call(ctx context.Context, c *http.Client, method, url, token, idemKey string, body []byte, want int, out any) error {
	var lastErr error
	for attempt := range maxAttempts {
		if attempt > 0 {
			if err := sleep(ctx, backoff(attempt, lastErr)); err != nil {
				return fmt.Errorf("%w (last error: %v)", err, lastErr)
			}
		}
		status, b, retryAfter, err := send(ctx, c, method, url, token, idemKey, body)
		switch {
		case err != nil && idemKey != "" && ctx.Err() == nil:
			lastErr = err
			continue
		case err != nil:
			return err
		case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
			lastErr = &retryError{status: status, after: retryAfter}
			continue
		case status != want:
			return fmt.Errorf("%s %s: status %d, want %d: %s", method, url, status, want, bytes.TrimSpace(b))
		}
		return json.Unmarshal(b, out)
	}
	return fmt.Errorf("%s %s: giving up after %d attempts: %w", method, url, maxAttempts, lastErr)
}

func send(ctx context.Context, c *http.Client, method, url, token, idemKey string, body []byte) (int, []byte, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, 0, err
	}
	var after time.Duration
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs >= 0 {
		after = time.Duration(secs) * time.Second
	}
	return resp.StatusCode, b, after, nil
}

type retryError struct {
	status int
	after  time.Duration
}

func (e *retryError) Error() string { return fmt.Sprintf("status %d", e.status) }

// backoff honours the server's Retry-After, else doubles from 50 ms to 5 s.
func backoff(attempt int, last error) time.Duration {
	var re *retryError
	if errors.As(last, &re) && re.after > 0 {
		return min(re.after, 30*time.Second)
	}
	return min(50*time.Millisecond<<min(attempt-1, 10), 5*time.Second)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
