// Command dbceiling measures what the database alone can do, with nothing
// above it: how many inserts, finds and updates of one small document by
// _id it serves per second with C concurrent callers, and how many orders/s
// it can take if a checkout wrote only what no checkout can do without.
// That last rate bounds the orders/s of any server on this database and
// machine: whatever else a checkout reads or writes comes on top.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

type config struct {
	dataDir     string
	uri         string
	concurrency int
	duration    time.Duration
}

// result is what one run measured: each rate, and what the checkout mix
// wrote (so a test can check it against the database).
type result struct {
	inserts, finds, updates, orders float64 // per second
	ordersPlaced                    int64
	lines                           int64
	run                             string // the prefix of this run's ids
}

func main() {
	var cfg config
	flag.StringVar(&cfg.dataDir, "data-dir", "", "embedded database directory (a fresh temporary one if empty)")
	flag.StringVar(&cfg.uri, "uri", "", "MongoDB URI (empty: the embedded FerretDB)")
	flag.IntVar(&cfg.concurrency, "c", 20, "concurrent callers")
	flag.DurationVar(&cfg.duration, "d", 5*time.Second, "how long to run each measurement")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: dbceiling [flags]\n\n"+
			"Measures the database alone: commands/s by _id and the orders/s of a checkout's indispensable writes.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := profiled(*profile, func() error {
		_, err := run(context.Background(), cfg, os.Stdout)
		return err
	}); err != nil {
		fmt.Fprintln(os.Stderr, "dbceiling:", err)
		os.Exit(1)
	}
}

func profiled(path string, f func() error) error {
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create profile: %w", err)
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		return fmt.Errorf("start profile: %w", err)
	}
	defer pprof.StopCPUProfile()
	return f()
}

func run(ctx context.Context, cfg config, out io.Writer) (result, error) {
	if cfg.dataDir == "" && cfg.uri == "" {
		tmp, err := os.MkdirTemp("", "dbceiling-")
		if err != nil {
			return result{}, err
		}
		defer os.RemoveAll(tmp)
		cfg.dataDir = tmp
	}
	s, err := store.Open(ctx, store.Config{URI: cfg.uri, DataDir: cfg.dataDir, Database: "dbceiling"},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return result{}, fmt.Errorf("open database: %w", err)
	}
	defer s.Close(ctx)

	// Ids of this run only, so runs on one directory add up.
	r := result{run: fmt.Sprint(time.Now().UnixNano())}
	m := meter{concurrency: cfg.concurrency, duration: cfg.duration, out: out}
	fmt.Fprintf(out, "database ceiling: %d callers, %s per measurement, nothing else running\n", cfg.concurrency, cfg.duration)

	c := s.DB.Collection("ceiling")
	id := func(i int64) string { return fmt.Sprintf("doc-%s-%08d", r.run, i) }
	var inserted atomic.Int64
	if r.inserts, err = m.measure("insert by _id", "commands", func(_ int, _ int64) error {
		_, err := c.InsertOne(ctx, smallDoc(id(inserted.Add(1))))
		return err
	}); err != nil {
		return r, err
	}
	n := inserted.Load()
	if r.finds, err = m.measure("find by _id", "commands", func(_ int, i int64) error {
		return c.FindOne(ctx, bson.D{{"_id", id(1 + i%n)}}).Err()
	}); err != nil {
		return r, err
	}
	if r.updates, err = m.measure("update by _id", "commands", func(_ int, i int64) error {
		_, err := c.UpdateOne(ctx, bson.D{{"_id", id(1 + i%n)}},
			bson.D{{"$set", bson.D{{"updatedAt", time.Now()}}}, {"$inc", bson.D{{"version", int64(1)}}}})
		return err
	}); err != nil {
		return r, err
	}
	err = measureCheckout(ctx, s, m, &r)
	return r, err
}

func smallDoc(id string) bson.D {
	return bson.D{{"_id", id}, {"userId", "user"}, {"items", bson.A{
		bson.D{{"productId", "p1"}, {"quantity", 2}, {"price", 12000}},
		bson.D{{"productId", "p2"}, {"quantity", 1}, {"price", 9000}},
	}}, {"version", int64(1)}, {"updatedAt", time.Now()}}
}

// Products and units of the checkout mix: stock that never runs out, two
// units a line.
const (
	ceilingProducts = 50
	ceilingStock    = int64(1) << 40
	unitsPerLine    = 2
)

// measureCheckout runs only the writes no checkout can do without, in the
// shape checkoutbench places orders: one or two cart changes, a conditional
// stock decrement for each line, the order (carrying its reservations and
// events, as if nothing else were written) and the emptied cart.
//
// On the embedded FerretDB a conditional update is an unisolated
// read-modify-write, so, as the server's embedded stores do, each stock
// decrement holds its product's lock in this process (it costs the
// database nothing; without it concurrent decrements lose units).
func measureCheckout(ctx context.Context, s *store.Store, m meter, r *result) error {
	db := s.DB
	carts, products, orders := db.Collection("ceiling_carts"), db.Collection("ceiling_products"), db.Collection("ceiling_orders")
	for p := range ceilingProducts {
		if _, err := products.InsertOne(ctx, bson.D{{"_id", productID(r.run, p)}, {"name", "Producto"}, {"price", 100000}, {"stock", ceilingStock}}); err != nil {
			return fmt.Errorf("create product: %w", err)
		}
	}
	cartID := func(w int) string { return fmt.Sprintf("c-%s-%02d", r.run, w) }
	for w := range m.concurrency {
		if _, err := carts.InsertOne(ctx, bson.D{{"_id", cartID(w)}, {"items", bson.A{}}}); err != nil {
			return fmt.Errorf("create cart: %w", err)
		}
	}
	var placed, lines atomic.Int64
	rate, err := m.measure("checkout's indispensable writes", "orders", func(w int, i int64) error {
		n := 1 + int(i%2)
		for l := range n {
			_, err := carts.UpdateOne(ctx, bson.D{{"_id", cartID(w)}}, bson.D{{"$push", bson.D{{"items",
				bson.D{{"productId", productID(r.run, int(i+int64(l))%ceilingProducts)}, {"quantity", unitsPerLine}}}}}})
			if err != nil {
				return fmt.Errorf("add to cart: %w", err)
			}
		}
		items := bson.A{}
		for l := range n {
			p := productID(r.run, int(i+int64(l))%ceilingProducts)
			unlock := func() {}
			if s.Embedded {
				unlock = s.Locks.Lock("product:" + p)
			}
			err := products.FindOneAndUpdate(ctx, bson.D{{"_id", p}, {"stock", bson.D{{"$gte", unitsPerLine}}}},
				bson.D{{"$inc", bson.D{{"stock", -unitsPerLine}}}}).Err()
			unlock()
			if err != nil {
				return fmt.Errorf("take stock: %w", err)
			}
			items = append(items, bson.D{{"productId", p}, {"quantity", unitsPerLine}, {"price", 100000}})
		}
		_, err := orders.InsertOne(ctx, bson.D{{"_id", fmt.Sprintf("o-%s-%08d", r.run, i)}, {"userId", cartID(w)},
			{"items", items}, {"status", "pending"}, {"events", bson.A{bson.D{{"type", "order.created"}}}}, {"createdAt", time.Now()}})
		if err != nil {
			return fmt.Errorf("insert order: %w", err)
		}
		if _, err := carts.UpdateOne(ctx, bson.D{{"_id", cartID(w)}}, bson.D{{"$set", bson.D{{"items", bson.A{}}}}}); err != nil {
			return fmt.Errorf("empty cart: %w", err)
		}
		placed.Add(1)
		lines.Add(int64(n))
		return nil
	})
	r.orders, r.ordersPlaced, r.lines = rate, placed.Load(), lines.Load()
	return err
}

func productID(run string, n int) string { return fmt.Sprintf("p-%s-%02d", run, n) }

// meter runs an operation from concurrency callers for duration and prints
// its rate.
type meter struct {
	concurrency int
	duration    time.Duration
	out         io.Writer
}

func (m meter) measure(name, unit string, op func(worker int, i int64) error) (float64, error) {
	var (
		done     atomic.Int64
		next     atomic.Int64
		firstErr error
		once     sync.Once
		wg       sync.WaitGroup
	)
	deadline := time.Now().Add(m.duration)
	start := time.Now()
	for w := range m.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if err := op(w, next.Add(1)); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, fmt.Errorf("%s: %w", name, firstErr)
	}
	if done.Load() == 0 {
		return 0, errors.New(name + ": nothing completed")
	}
	rate := float64(done.Load()) / time.Since(start).Seconds()
	fmt.Fprintf(m.out, "  %-33s %7.0f %s/s  (%.2f ms each with %d callers)\n", name, rate, unit, float64(m.concurrency)*1000/rate, m.concurrency)
	return rate, nil
}
