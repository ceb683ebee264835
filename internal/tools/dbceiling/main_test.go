package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// A short run on a fresh embedded database prints every rate, and what the
// checkout mix says it wrote is what the database holds afterwards: one
// order per order counted, and the stock taken is two units per line.
func TestCeilingWritesWhatItCounts(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	ctx := context.Background()
	r, err := run(ctx, config{dataDir: dir, concurrency: 3, duration: 150 * time.Millisecond}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"insert by _id", "find by _id", "update by _id", "checkout's indispensable writes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if r.inserts <= 0 || r.finds <= 0 || r.updates <= 0 || r.orders <= 0 || r.ordersPlaced == 0 {
		t.Fatalf("a rate is not positive: %+v", r)
	}

	s, err := store.Open(ctx, store.Config{DataDir: dir, Database: "dbceiling"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close(ctx)
	orders, err := s.DB.Collection("ceiling_orders").CountDocuments(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	if orders != r.ordersPlaced {
		t.Errorf("the database holds %d orders, the run counted %d", orders, r.ordersPlaced)
	}
	cur, err := s.DB.Collection("ceiling_products").Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var products []struct{ Stock int64 }
	if err := cur.All(ctx, &products); err != nil {
		t.Fatal(err)
	}
	if len(products) != ceilingProducts {
		t.Fatalf("%d products, want %d", len(products), ceilingProducts)
	}
	var taken int64
	for _, p := range products {
		taken += ceilingStock - p.Stock
	}
	if taken != unitsPerLine*r.lines {
		t.Errorf("%d units taken from stock, want %d (%d lines × %d)", taken, unitsPerLine*r.lines, r.lines, unitsPerLine)
	}
}
