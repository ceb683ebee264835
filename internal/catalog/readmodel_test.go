package catalog

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// Whatever sequence of changes the read model takes — stock and price
// changes that keep a product in place, moves between categories, hiding,
// new and deleted products — it serves what a read model built at once
// from the final products serves.
func TestReadModelChangesMatchAFreshBuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	categories := []string{"Palitos", "palitos", "Arepas", "Bebidas", "Ñapas"}
	live := map[string]Product{}
	rm := newReadModel()
	var rev int64
	next := 0
	newProduct := func() Product {
		next++
		rev++
		return Product{ID: fmt.Sprintf("p%03d", next), Name: fmt.Sprintf("Producto %d", next), Category: categories[rng.IntN(len(categories))],
			Price: 100000, Stock: 10, Active: true, CreatedAt: t0.Add(time.Duration(rng.IntN(50)) * time.Hour), rev: rev}
	}
	for range 40 {
		p := newProduct()
		live[p.ID] = p
		rm.apply(p, false)
	}
	ids := func() []string {
		out := make([]string, 0, len(live))
		for id := range live {
			out = append(out, id)
		}
		return out
	}
	for step := range 2000 {
		rev++
		switch k := rng.IntN(20); {
		case k < 12: // a reservation or a price change: same place
			id := ids()[rng.IntN(len(live))]
			p := live[id]
			p.Stock, p.Price, p.rev = rng.IntN(50), int64(100000+rng.IntN(5)*1000), rev
			live[id] = p
			rm.apply(p, false)
		case k < 14: // another category, or the same one spelt differently
			id := ids()[rng.IntN(len(live))]
			p := live[id]
			p.Category, p.rev = categories[rng.IntN(len(categories))], rev
			live[id] = p
			rm.apply(p, false)
		case k < 16: // hidden or shown
			id := ids()[rng.IntN(len(live))]
			p := live[id]
			p.Active, p.rev = !p.Active, rev
			live[id] = p
			rm.apply(p, false)
		case k < 18:
			p := newProduct()
			live[p.ID] = p
			rm.apply(p, false)
		default:
			if len(live) < 5 {
				continue
			}
			id := ids()[rng.IntN(len(live))]
			p := live[id]
			p.rev = rev
			delete(live, id)
			rm.apply(p, true)
		}
		if step%97 != 0 {
			continue
		}
		final := make([]Product, 0, len(live))
		for _, p := range live {
			final = append(final, p)
		}
		fresh := newReadModel()
		fresh.replaceAll(final)
		if got, want := rm.all(), fresh.all(); !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: the products differ from a fresh build\n got %v\nwant %v", step, got, want)
		}
		if got, want := rm.categories(), fresh.categories(); !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: categories %v, a fresh build has %v", step, got, want)
		}
		for id, want := range live {
			if got, ok := rm.get(id); !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("step %d: get(%s) = %v, %v; want %v", step, id, got, ok, want)
			}
		}
		q, err := NormaliseQuery(Query{Limit: 7, Page: 2, Category: "palitos"})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rm.list(q), fresh.list(q); !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: list %+v, a fresh build lists %+v", step, got, want)
		}
	}
}
