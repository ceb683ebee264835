package catalog

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Sort orders of the product list.
type Sort string

const (
	SortNewest    Sort = "newest"
	SortPriceAsc  Sort = "price_asc"
	SortPriceDesc Sort = "price_desc"
	SortRating    Sort = "rating"
	SortName      Sort = "name"
)

// Visibility filters products by their active flag (admin lists only).
type Visibility string

const (
	VisibleActive   Visibility = "active"
	VisibleInactive Visibility = "inactive"
	VisibleAll      Visibility = "all"
	// VisibleDeleted lists soft-deleted products, which only the database
	// keeps (the read model holds the live catalog).
	VisibleDeleted Visibility = "deleted"
)

// StockLevel is how the shop reads a product's stock (admin lists only).
type StockLevel string

const (
	StockOut StockLevel = "out" // none left
	StockLow StockLevel = "low" // from 1 up to the low-stock threshold
	StockOK  StockLevel = "ok"  // above it
)

// LevelOf is the stock level of stock units when low is the shop's
// low-stock threshold (the dashboard's rule: at or below it is low).
func LevelOf(stock, low int) StockLevel {
	switch {
	case stock <= 0:
		return StockOut
	case stock <= low:
		return StockLow
	}
	return StockOK
}

// Query selects a page of products.
type Query struct {
	Q        string
	Category string
	MinPrice *int64
	MaxPrice *int64
	InStock  *bool
	// Stock, when set, keeps the products at that level; LowStock is the
	// threshold it is read with.
	Stock      StockLevel
	LowStock   int
	Sort       Sort
	Visibility Visibility
	Page       int
	Limit      int
}

// Page is one page of a product list.
type Page struct {
	Items []Product
	Total int
	Page  int
	Limit int
}

// Category is a category name with how many products are in it.
type Category struct {
	Name         string
	ProductCount int
}

// snapshot is an immutable view of every product that is not deleted. A new
// snapshot replaces the old one on each change, so readers never lock.
type snapshot struct {
	version int64
	// pos is each product's index in newest. A change that keeps every
	// product where it was (stock, price, rating: most changes, one per
	// reservation) shares it with the snapshot before, so it costs a copy of
	// newest rather than a new map of the whole catalog.
	pos      map[string]int
	newest   []*entry // createdAt desc, the default order
	category []Category
}

func (s *snapshot) get(id string) (*entry, bool) {
	i, ok := s.pos[id]
	if !ok {
		return nil, false
	}
	return s.newest[i], true
}

type entry struct {
	p Product
	// folded is the lower-cased, accent-free text searched by q.
	folded      string
	foldedName  string
	foldedCateg string
}

func newEntry(p Product) *entry {
	e := &entry{p: p, foldedName: fold(p.Name), foldedCateg: fold(p.Category)}
	e.folded = e.foldedName + "\x00" + fold(p.Description) + "\x00" + e.foldedCateg
	return e
}

// newer orders entries newest first.
func newer(a, b *entry) int {
	if c := b.p.CreatedAt.Compare(a.p.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(b.p.ID, a.p.ID)
}

// ReadModel serves catalog reads from memory.
type ReadModel struct {
	cur atomic.Pointer[snapshot]
	mu  sync.Mutex // serialises writers building the next snapshot
	// gone remembers the revision at which products were deleted, so a
	// late copy of a deleted product is not put back.
	gone map[string]int64
}

func newReadModel() *ReadModel {
	rm := &ReadModel{gone: map[string]int64{}}
	rm.cur.Store(buildSnapshot(0, nil))
	return rm
}

// Version changes whenever any product changes, so callers can key caches
// on it.
func (rm *ReadModel) Version() int64 { return rm.cur.Load().version }

func (rm *ReadModel) replaceAll(products []Product) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	entries := make([]*entry, len(products))
	for i, p := range products {
		entries[i] = newEntry(p)
	}
	// The database is the whole truth now; older tombstones are moot.
	rm.gone = map[string]int64{}
	rm.cur.Store(buildSnapshot(rm.cur.Load().version+1, entries))
}

// apply puts p (or removes it when deleted) into a new snapshot, reusing
// every other entry as it is: one change costs a copy of the index, not a
// rebuild of the catalog.
func (rm *ReadModel) apply(p Product, deleted bool) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	old := rm.cur.Load()
	cur, exists := old.get(p.ID)
	if exists && cur.p.rev > p.rev {
		// A newer copy was published first; this one is stale.
		return
	}
	if rev, ok := rm.gone[p.ID]; ok && rev >= p.rev {
		return
	}
	if deleted {
		rm.gone[p.ID] = p.rev
	}
	if exists && !deleted && cur.p.CreatedAt.Equal(p.CreatedAt) {
		// The product keeps its place: replace its entry in a copy of the
		// list and keep the positions (and the categories, unless this
		// product moved between them).
		ne := newEntry(p)
		entries := slices.Clone(old.newest)
		entries[old.pos[p.ID]] = ne
		category := old.category
		if cur.p.Active != p.Active || cur.p.Category != p.Category {
			category = categoriesOf(entries)
		}
		rm.cur.Store(&snapshot{version: old.version + 1, pos: old.pos, newest: entries, category: category})
		return
	}
	entries := make([]*entry, 0, len(old.newest)+1)
	for _, e := range old.newest {
		if e.p.ID != p.ID {
			entries = append(entries, e)
		}
	}
	if !deleted {
		ne := newEntry(p)
		i, _ := slices.BinarySearchFunc(entries, ne, newer)
		entries = slices.Insert(entries, i, ne)
	}
	rm.cur.Store(buildSnapshot(old.version+1, entries))
}

// buildSnapshot indexes entries, which are already newest first.
func buildSnapshot(version int64, entries []*entry) *snapshot {
	s := &snapshot{version: version, pos: make(map[string]int, len(entries)), newest: entries}
	if !slices.IsSortedFunc(entries, newer) {
		slices.SortFunc(entries, newer)
	}
	for i, e := range entries {
		s.pos[e.p.ID] = i
	}
	s.category = categoriesOf(entries)
	return s
}

// categoriesOf counts the active products of each category, named as the
// newest product spells it, in folded alphabetical order.
func categoriesOf(entries []*entry) []Category {
	counts := map[string]int{}
	names := map[string]string{}
	for _, e := range entries {
		if e.p.Active {
			counts[e.foldedCateg]++
			if _, ok := names[e.foldedCateg]; !ok {
				names[e.foldedCateg] = e.p.Category
			}
		}
	}
	keys := slices.Sorted(maps.Keys(counts))
	out := make([]Category, len(keys))
	for i, k := range keys {
		out[i] = Category{Name: names[k], ProductCount: counts[k]}
	}
	return out
}

// get returns a product that is not deleted.
func (rm *ReadModel) get(id string) (Product, bool) {
	e, ok := rm.cur.Load().get(id)
	if !ok {
		return Product{}, false
	}
	return e.p, true
}

// all returns every product that is not deleted, newest first.
func (rm *ReadModel) all() []Product {
	es := rm.cur.Load().newest
	out := make([]Product, len(es))
	for i, e := range es {
		out[i] = e.p
	}
	return out
}

func (rm *ReadModel) categories() []Category { return rm.cur.Load().category }

func (rm *ReadModel) list(q Query) Page { return pageOf(rm.cur.Load().newest, q) }

// pageOf filters, sorts and cuts one page out of entries, which are newest
// first.
func pageOf(entries []*entry, q Query) Page {
	needle := fold(strings.TrimSpace(q.Q))
	categ := fold(strings.TrimSpace(q.Category))
	matched := make([]*entry, 0, len(entries))
	for _, e := range entries {
		p := &e.p
		switch q.Visibility {
		case VisibleActive:
			if !p.Active {
				continue
			}
		case VisibleInactive:
			if p.Active {
				continue
			}
		}
		if categ != "" && e.foldedCateg != categ {
			continue
		}
		if q.MinPrice != nil && p.Price < *q.MinPrice {
			continue
		}
		if q.MaxPrice != nil && p.Price > *q.MaxPrice {
			continue
		}
		if q.InStock != nil && (p.Stock > 0) != *q.InStock {
			continue
		}
		if q.Stock != "" && LevelOf(p.Stock, q.LowStock) != q.Stock {
			continue
		}
		if needle != "" && !strings.Contains(e.folded, needle) {
			continue
		}
		matched = append(matched, e)
	}
	sortEntries(matched, q.Sort)

	page := Page{Total: len(matched), Page: q.Page, Limit: q.Limit}
	if from, to := store.Window(q.Page, q.Limit, len(matched)); from < to {
		page.Items = make([]Product, 0, to-from)
		for _, e := range matched[from:to] {
			page.Items = append(page.Items, e.p)
		}
	} else {
		page.Items = []Product{}
	}
	return page
}

// sortEntries orders a list that is already newest first; the sort is stable
// so ties keep the newest-first order.
func sortEntries(es []*entry, by Sort) {
	var f func(a, b *entry) int
	switch by {
	case SortPriceAsc:
		f = func(a, b *entry) int { return cmp.Compare(a.p.Price, b.p.Price) }
	case SortPriceDesc:
		f = func(a, b *entry) int { return cmp.Compare(b.p.Price, a.p.Price) }
	case SortRating:
		f = func(a, b *entry) int {
			if c := cmp.Compare(b.p.AverageRating, a.p.AverageRating); c != 0 {
				return c
			}
			return cmp.Compare(b.p.ReviewCount, a.p.ReviewCount)
		}
	case SortName:
		f = func(a, b *entry) int { return strings.Compare(a.foldedName, b.foldedName) }
	default:
		return
	}
	slices.SortStableFunc(es, f)
}

var folder = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// fold lower-cases s and strips accents, so "queso" finds "Quesó" and
// "bunuelo" finds "Buñuelo".
func fold(s string) string {
	t := folder.Get().(transform.Transformer)
	defer folder.Put(t)
	t.Reset()
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
