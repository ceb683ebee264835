// Command ceiling is the yardstick of `make bench`: a bare net/http server
// that answers every request with the same pre-encoded JSON body. Whatever it
// reaches on this machine, under the same load generator, is the most any Go
// HTTP handler could do here, so the API's figures are reported as a fraction
// of it rather than as absolute numbers that depend on the hardware.
//
// Usage:
//
//	ceiling -addr 127.0.0.1:8089 [-body page.json] [-route /item=item.json ...]
//
// Every path gets the -body bytes, except the exact paths given with -route.
// Without -body it serves a synthetic page of 20 products (about 7 KB), the
// shape of GET /api/products?page=1&limit=20. The bench script passes the real
// responses fetched from the server so both sides send the same bytes.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ceiling:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ceiling", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8089", "address to listen on")
	bodyPath := fs.String("body", "", "file whose bytes are served as the JSON body (default: a synthetic 20-product page)")
	var routes routeFlag
	fs.Var(&routes, "route", "`PATH=FILE`: serve FILE on exactly PATH instead of the body (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	body, err := loadBody(*bodyPath)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/", handler(body))
	for _, r := range routes {
		b, err := loadBody(r.file)
		if err != nil {
			return err
		}
		mux.Handle(r.path, handler(b))
		fmt.Fprintf(stdout, "ceiling: %s serves %d bytes\n", r.path, len(b))
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()

	fmt.Fprintf(stdout, "ceiling listening on %s, body %d bytes\n", ln.Addr(), len(body))
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

type route struct{ path, file string }

// routeFlag collects repeated -route PATH=FILE flags.
type routeFlag []route

func (f *routeFlag) String() string { return fmt.Sprint(*f) }

func (f *routeFlag) Set(v string) error {
	path, file, ok := strings.Cut(v, "=")
	if !ok || !strings.HasPrefix(path, "/") || file == "" {
		return fmt.Errorf("want PATH=FILE with PATH starting with /, got %q", v)
	}
	*f = append(*f, route{path: path, file: file})
	return nil
}

// handler writes the body with the headers a JSON API would send. The
// Content-Length is set explicitly so net/http never falls back to chunked
// encoding for bodies larger than its internal buffer.
func handler(body []byte) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", length)
		_, _ = w.Write(body)
	})
}

func loadBody(path string) ([]byte, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if !json.Valid(b) {
			return nil, fmt.Errorf("%s is not valid JSON", path)
		}
		return b, nil
	}
	return syntheticPage()
}

// syntheticPage encodes, once, a page shaped like the API's product list.
func syntheticPage() ([]byte, error) {
	type product struct {
		ID            string   `json:"id"`
		Name          string   `json:"name"`
		Description   string   `json:"description"`
		Price         int64    `json:"price"`
		Currency      string   `json:"currency"`
		Stock         int      `json:"stock"`
		Category      string   `json:"category"`
		Images        []string `json:"images"`
		Active        bool     `json:"active"`
		RatingAverage float64  `json:"ratingAverage"`
		RatingCount   int      `json:"ratingCount"`
		CreatedAt     string   `json:"createdAt"`
		UpdatedAt     string   `json:"updatedAt"`
	}
	type page struct {
		Items []product `json:"items"`
		Total int       `json:"total"`
		Page  int       `json:"page"`
		Limit int       `json:"limit"`
	}
	p := page{Total: 1000, Page: 1, Limit: 20}
	for i := range 20 {
		p.Items = append(p.Items, product{
			ID:            fmt.Sprintf("%024x", 0x65a000000000+i),
			Name:          fmt.Sprintf("Producto %d", i+1),
			Description:   "Producto de prueba para medir el catálogo.",
			Price:         250000,
			Currency:      "COP",
			Stock:         100,
			Category:      fmt.Sprintf("Categoría %d", i%5+1),
			Images:        []string{fmt.Sprintf("/media/products/%024x.png", 0x65a000000000+i)},
			Active:        true,
			RatingAverage: 4.5,
			RatingCount:   12,
			CreatedAt:     "2025-01-01T12:00:00Z",
			UpdatedAt:     "2025-01-01T12:00:00Z",
		})
	}
	return json.Marshal(p)
}
