// Command seedshop builds a large shop in a data directory, fast: products,
// customers, orders across all seven statuses with dates spread over many
// months, and the events those orders and accounts recorded. It is what
// `BENCH_SCALE=large make bench` measures and what the large-shop tests
// check the admin's indexes against.
//
// It writes with the server's own code and types while the server is not
// running (the embedded store's DATA_DIR lock refuses otherwise): products
// through catalog.Service.Create, customers through customer.Service.Import,
// orders as order.Order documents with their customer lists, pending lists
// and invoice counters, stock reservations of the orders still holding stock
// through catalog.Service.Reserve, and delivered events as events.Event in
// the outbox's archive. So the first start after seeding finds nothing to
// recover (its log says so) and every list reads the documents a real shop
// would have.
//
// Usage:
//
//	seedshop -data-dir ./data-large -products 10000 -customers 20000 -orders 100000
//
// Orders grow over the period (a shop that grows): the newest days hold the
// pending, paid, in-preparation and ready orders, older ones are delivered,
// canceled or rejected. Events are written for the last -event-days days
// only: the server forgets delivered events older than 30 days at start.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/tools/seedshop/shop"
)

func main() {
	if _, err := run(context.Background(), os.Args[1:], os.Getenv, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "seedshop:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) (shop.Summary, error) {
	fs := flag.NewFlagSet("seedshop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o shop.Options
	dataDir := fs.String("data-dir", getenv("DATA_DIR"), "data directory of the embedded database (holding no shop yet; no server may use it meanwhile)")
	mongoURI := fs.String("mongodb-uri", getenv("MONGODB_URI"), "seed an external MongoDB instead of the embedded database")
	fs.IntVar(&o.Products, "products", 10000, "products to create")
	fs.IntVar(&o.Customers, "customers", 20000, "customers to create")
	fs.IntVar(&o.Orders, "orders", 100000, "orders to create")
	fs.IntVar(&o.Months, "months", 18, "months of history the orders spread over")
	fs.IntVar(&o.EventDays, "event-days", 30, "write the delivered events of the last N days (the server forgets older ones)")
	var seed int64
	fs.Int64Var(&seed, "seed", 1, "random seed (same seed, same shop apart from ids)")
	fs.IntVar(&o.Workers, "workers", 4, "concurrent writers for products and stock reservations")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: seedshop -data-dir DIR [-products N] [-customers N] [-orders N] [-months N] [-event-days N]")
		fmt.Fprintln(stderr, "Builds a large shop with the server's own types, while no server uses DIR.")
		fmt.Fprintln(stderr, "The server's environment (CURRENCY, SHIPPING_FEE, TAX_RATE, ORDER_HOLD_*, MAX_PENDING_ORDERS) prices the orders.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return shop.Summary{}, err
	}
	if fs.NArg() > 0 {
		return shop.Summary{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.Seed = uint64(seed)
	if *dataDir == "" && *mongoURI == "" {
		return shop.Summary{}, errors.New("-data-dir is required")
	}
	if o.Products < 1 || o.Customers < 1 || o.Orders < 0 || o.Months < 1 || o.Workers < 1 {
		return shop.Summary{}, errors.New("-products, -customers, -months and -workers must be positive, -orders not negative")
	}
	cfg, err := config.Load(func(k string) string {
		switch k {
		case "DATA_DIR":
			return *dataDir
		case "MONGODB_URI":
			return *mongoURI
		}
		return getenv(k)
	})
	if err != nil {
		return shop.Summary{}, fmt.Errorf("configuration: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	// Opening the embedded store takes the DATA_DIR lock: a running server
	// makes this fail with its name, and no server starts while seeding.
	st, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: cfg.MongoDatabase, DataDir: cfg.DataDir}, log)
	if err != nil {
		return shop.Summary{}, err
	}
	defer func() { _ = st.Close(context.WithoutCancel(ctx)) }()
	return shop.Seed(ctx, st, cfg, o, stderr)
}
