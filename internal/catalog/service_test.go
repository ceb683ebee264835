package catalog_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func newService(t *testing.T) (*catalog.Service, string) {
	t.Helper()
	s := storetest.Store(t)
	dir := t.TempDir()
	svc := catalog.NewService(productStore(s), media.Local{Dir: dir}, "COP", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc, dir
}

// productStore is the store the platform wires for s's mode: the embedded
// one normally, MongoDB's under make test-mongo.
func productStore(s *store.Store) catalog.ProductStore {
	if s.Embedded {
		return catalog.NewEmbeddedStore(s)
	}
	return catalog.NewMongoStore(s)
}

func create(t *testing.T, svc *catalog.Service, n catalog.NewProduct) catalog.Product {
	t.Helper()
	if n.Description == "" {
		n.Description = "Delicioso"
	}
	if n.Category == "" {
		n.Category = "Especiales"
	}
	if n.Price == 0 {
		n.Price = 100000
	}
	p, err := svc.Create(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConcurrentStockDecrementsAreExactAndNeverNegative(t *testing.T) {
	svc, _ := newService(t)
	p := create(t, svc, catalog.NewProduct{Name: "Buñuelo", Stock: 20, Active: true})

	const workers = 60
	var ok, refused atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := svc.AdjustStock(context.Background(), p.ID, catalog.StockAdjustment{Mode: catalog.StockDelta, Quantity: -1, Reason: "venta mostrador"})
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, catalog.ErrInsufficientStock):
				refused.Add(1)
			default:
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	got, err := svc.AdminGet(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok.Load() != 20 || refused.Load() != workers-20 || got.Stock != 0 {
		t.Fatalf("ok=%d refused=%d stock=%d; want 20, %d, 0", ok.Load(), refused.Load(), got.Stock, workers-20)
	}
	// The read model agrees with the database.
	if err := svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again, _ := svc.AdminGet(p.ID); again.Stock != 0 {
		t.Fatalf("database stock = %d, want 0", again.Stock)
	}
}

func TestListFiltersSortsAndPages(t *testing.T) {
	svc, _ := newService(t)
	create(t, svc, catalog.NewProduct{Name: "Palito de Queso", Category: "Palitos Premium", Price: 250000, Stock: 10, Active: true})
	time.Sleep(2 * time.Millisecond)
	create(t, svc, catalog.NewProduct{Name: "Buñuelo", Description: "Con QUESO costeño", Category: "Especiales", Price: 100000, Stock: 0, Active: true})
	time.Sleep(2 * time.Millisecond)
	create(t, svc, catalog.NewProduct{Name: "Oblea", Category: "Dulces", Price: 500000, Stock: 5, Active: true})
	time.Sleep(2 * time.Millisecond)
	create(t, svc, catalog.NewProduct{Name: "Oculto de queso", Category: "Dulces", Price: 1, Stock: 5, Active: false})

	names := func(p catalog.Page) []string {
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Name)
		}
		return out
	}
	i64 := func(v int64) *int64 { return &v }
	yes := true
	tests := []struct {
		name string
		q    catalog.Query
		want []string
		tot  int
	}{
		{"newest first by default, inactive hidden", catalog.Query{}, []string{"Oblea", "Buñuelo", "Palito de Queso"}, 3},
		{"q is case and accent insensitive over name and description", catalog.Query{Q: "quéso"}, []string{"Buñuelo", "Palito de Queso"}, 2},
		{"q matches accents typed without them", catalog.Query{Q: "bunuelo"}, []string{"Buñuelo"}, 1},
		{"category ignores case", catalog.Query{Category: "dulces"}, []string{"Oblea"}, 1},
		{"price range is inclusive", catalog.Query{MinPrice: i64(100000), MaxPrice: i64(250000)}, []string{"Buñuelo", "Palito de Queso"}, 2},
		{"in stock only", catalog.Query{InStock: &yes}, []string{"Oblea", "Palito de Queso"}, 2},
		{"price ascending", catalog.Query{Sort: catalog.SortPriceAsc}, []string{"Buñuelo", "Palito de Queso", "Oblea"}, 3},
		{"price descending", catalog.Query{Sort: catalog.SortPriceDesc}, []string{"Oblea", "Palito de Queso", "Buñuelo"}, 3},
		{"name", catalog.Query{Sort: catalog.SortName}, []string{"Buñuelo", "Oblea", "Palito de Queso"}, 3},
		{"second page", catalog.Query{Limit: 2, Page: 2}, []string{"Palito de Queso"}, 3},
		{"page past the end is empty", catalog.Query{Limit: 2, Page: 9}, nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := svc.List(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(p); !equal(got, tt.want) || p.Total != tt.tot {
				t.Fatalf("got %v (total %d), want %v (total %d)", got, p.Total, tt.want, tt.tot)
			}
		})
	}
	all, err := svc.AdminList(t.Context(), catalog.Query{})
	if err != nil || all.Total != 4 {
		t.Fatalf("admin list total = %d, %v; want 4", all.Total, err)
	}
	cats := svc.Categories()
	if len(cats) != 3 || cats[0].Name != "Dulces" || cats[0].ProductCount != 1 {
		t.Fatalf("categories = %+v", cats)
	}
	if _, err := svc.List(catalog.Query{MinPrice: i64(5), MaxPrice: i64(1)}); err == nil {
		t.Fatal("minPrice above maxPrice must be refused")
	}
}

func TestDeletedProductsDisappearAndChangesShowAtOnce(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	p := create(t, svc, catalog.NewProduct{Name: "Hojuela", Stock: 3, Active: true})
	price := int64(150000)
	if _, err := svc.Update(ctx, p.ID, catalog.ProductChanges{Price: &price}); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Get(p.ID); got.Price != price {
		t.Fatalf("price = %d, want %d", got.Price, price)
	}
	if err := svc.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Get(p.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Fatalf("deleted product: %v", err)
	}
	if err := svc.Delete(ctx, p.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if page, _ := svc.List(catalog.Query{}); page.Total != 0 {
		t.Fatalf("list still shows %d products", page.Total)
	}
}

func TestImagesAreSniffedAndLimited(t *testing.T) {
	svc, dir := newService(t)
	ctx := context.Background()
	p := create(t, svc, catalog.NewProduct{Name: "Panocha", Stock: 3, Active: true})
	if _, err := svc.AddImage(ctx, p.ID, []byte("hello, I am text pretending to be a PNG")); !errors.Is(err, media.ErrUnsupportedType) {
		t.Fatalf("text upload: %v", err)
	}
	img := pngBytes(t)
	var last catalog.Product
	for range catalog.MaxImages {
		var err error
		if last, err = svc.AddImage(ctx, p.ID, img); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.AddImage(ctx, p.ID, img); !errors.Is(err, catalog.ErrTooManyImages) {
		t.Fatalf("4th image: %v", err)
	}
	if _, err := os.Stat(dir + "/" + last.Images[0].Key); err != nil {
		t.Fatalf("image file missing: %v", err)
	}
	after, err := svc.RemoveImage(ctx, p.ID, last.Images[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Images) != 2 {
		t.Fatalf("images after removal = %d", len(after.Images))
	}
	if _, err := os.Stat(dir + "/" + last.Images[0].Key); !os.IsNotExist(err) {
		t.Fatalf("removed image file still there: %v", err)
	}
	if _, err := svc.RemoveImage(ctx, p.ID, "nope"); !errors.Is(err, catalog.ErrImageNotFound) {
		t.Fatalf("unknown image: %v", err)
	}
	big := make([]byte, media.MaxImageBytes+1)
	copy(big, img)
	if _, err := svc.AddImage(ctx, p.ID, big); !errors.Is(err, media.ErrTooLarge) {
		t.Fatalf("6 MB image: %v", err)
	}
}

func pngBytes(t *testing.T) []byte {
	im := image.NewRGBA(image.Rect(0, 0, 4, 4))
	im.Set(1, 1, color.RGBA{200, 70, 40, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, im); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Two server processes on one database: a change made through one shows in
// the other's read model after it polls the version counter.
func TestAnotherProcessSeesChangesByPolling(t *testing.T) {
	s := storetest.Store(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := catalog.NewService(productStore(s), media.Local{Dir: t.TempDir()}, "COP", quiet)
	b := catalog.NewService(productStore(s), media.Local{Dir: t.TempDir()}, "COP", quiet)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, svc := range []*catalog.Service{a, b} {
		if err := svc.Load(ctx); err != nil {
			t.Fatal(err)
		}
	}
	go b.Watch(ctx, 10*time.Millisecond)

	p := create(t, a, catalog.NewProduct{Name: "Bandeja Familiar", Stock: 2, Active: true})
	waitFor(t, func() bool { _, err := b.Get(p.ID); return err == nil })

	// b's own write after a's must not hide a's next change.
	if _, err := b.AdjustStock(ctx, p.ID, catalog.StockAdjustment{Mode: catalog.StockSet, Quantity: 9, Reason: "conteo"}); err != nil {
		t.Fatal(err)
	}
	name := "Bandeja Familiar de Natilla"
	if _, err := a.Update(ctx, p.ID, catalog.ProductChanges{Name: &name}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { got, _ := b.Get(p.ID); return got.Name == name && got.Stock == 9 })
	if err := a.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { _, err := b.Get(p.ID); return errors.Is(err, catalog.ErrNotFound) })
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
