package catalog

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Service is the catalog: every rule about products lives here.
type Service struct {
	db       ProductStore
	media    media.Storage
	log      *slog.Logger
	currency string
	rm       *ReadModel
	now      func() time.Time

	// publishMu orders changes to the read model and reloads, so a reload
	// never overwrites a newer change with an older read.
	publishMu sync.Mutex
	// seen is the shared catalog version this process has caught up with;
	// flushPending says a bump of it is scheduled, flushing that one is
	// being written (publishes go on meanwhile: it is a database round
	// trip, and every reservation publishes).
	seen         int64
	flushPending bool
	flushing     bool
	// flushMu makes the bumps one at a time.
	flushMu sync.Mutex
	// FlushDelay batches the bumps of the shared version (one database write
	// for many product changes); other servers see changes at their next poll.
	FlushDelay time.Duration
	// BaseURL (PUBLIC_BASE_URL) is put in front of local media references.
	// Set it before Load.
	BaseURL string
}

// NewService builds the catalog on its store (NewMongoStore or
// NewEmbeddedStore). Call Load before serving reads.
func NewService(db ProductStore, m media.Storage, currency string, log *slog.Logger) *Service {
	return &Service{
		db: db, media: m, log: log, currency: currency,
		rm: newReadModel(), now: func() time.Time { return time.Now().UTC() }, FlushDelay: 50 * time.Millisecond,
	}
}

// ReadModel exposes the version of the in-memory catalog (for caches).
func (s *Service) ReadModel() *ReadModel { return s.rm }

// Load fills the read model from the database.
func (s *Service) Load(ctx context.Context) error {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	return s.reloadLocked(ctx)
}

func (s *Service) reloadLocked(ctx context.Context) error {
	v, err := s.db.version(ctx)
	if err != nil {
		return err
	}
	docs, err := s.db.all(ctx)
	if err != nil {
		return err
	}
	products := make([]Product, len(docs))
	for i, d := range docs {
		products[i] = d.toDomain(s.BaseURL)
	}
	s.rm.replaceAll(products)
	s.seen = v
	return nil
}

// Watch keeps the read model in step with changes made by other server
// processes on the same database, by polling the shared version counter.
func (s *Service) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			v, err := s.db.version(ctx)
			if err != nil {
				if ctx.Err() == nil {
					s.log.Warn("poll catalog version", "err", err)
				}
				continue
			}
			s.publishMu.Lock()
			if v != s.seen && !s.flushPending && !s.flushing {
				if err := s.reloadLocked(ctx); err != nil && ctx.Err() == nil {
					s.log.Warn("reload catalog", "err", err)
				}
			}
			s.publishMu.Unlock()
		}
	}
}

// publish shows changed products to readers at once, and schedules one bump
// of the shared version so other servers reload at their next poll.
func (s *Service) publish(_ context.Context, docs ...productDoc) {
	if len(docs) == 0 {
		return
	}
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	for _, d := range docs {
		s.rm.apply(d.toDomain(s.BaseURL), d.Deleted)
	}
	if !s.flushPending {
		s.flushPending = true
		time.AfterFunc(s.FlushDelay, s.flush)
	}
}

// flush bumps the shared version once for every change published since the
// last flush.
func (s *Service) flush() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.publishMu.Lock()
	s.flushPending, s.flushing = false, true
	s.publishMu.Unlock()
	v, err := s.db.bumpVersion(ctx)
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.flushing = false
	if err != nil {
		// Other servers catch up at the next successful bump.
		s.log.Warn("bump catalog version", "err", err)
		return
	}
	if v != s.seen+1 {
		// Another server changed the catalog since we last looked: reload.
		if err := s.reloadLocked(ctx); err != nil {
			s.log.Warn("reload catalog", "err", err)
		}
	}
	s.seen = v
}

// Refresh re-reads products after another domain changed them (stock
// reserved by an order, a new review) and publishes them.
func (s *Service) Refresh(ctx context.Context, ids ...string) error {
	docs := make([]productDoc, 0, len(ids))
	for _, id := range ids {
		d, err := s.db.find(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	s.publish(ctx, docs...)
	return nil
}

// NormaliseQuery applies defaults and checks a list query.
func NormaliseQuery(q Query) (Query, error) {
	v := &validation.Error{}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	if q.Sort == "" {
		q.Sort = SortNewest
	}
	if q.Visibility == "" {
		q.Visibility = VisibleActive
	}
	if q.Page < 1 {
		v.Add("page", validation.OutOfRange, validation.AtLeast(1))
	}
	if q.Limit < 1 || q.Limit > 100 {
		v.Add("limit", validation.OutOfRange, validation.Between(1, 100))
	}
	switch q.Sort {
	case SortNewest, SortPriceAsc, SortPriceDesc, SortRating, SortName:
	default:
		v.Add("sort", validation.InvalidValue, validation.OneOf("newest", "price_asc", "price_desc", "rating", "name"))
	}
	switch q.Visibility {
	case VisibleActive, VisibleInactive, VisibleAll:
	default:
		v.Add("status", validation.InvalidValue, validation.OneOf("active", "inactive", "all"))
	}
	if q.MinPrice != nil && *q.MinPrice < 0 {
		v.Add("minPrice", validation.OutOfRange, "No puede ser negativo.")
	}
	if q.MaxPrice != nil && *q.MaxPrice < 0 {
		v.Add("maxPrice", validation.OutOfRange, "No puede ser negativo.")
	}
	if q.MinPrice != nil && q.MaxPrice != nil && *q.MinPrice > *q.MaxPrice {
		v.Add("maxPrice", validation.OutOfRange, "No puede ser menor que minPrice.")
	}
	if utf8.RuneCountInString(q.Q) > 100 {
		v.Add("q", validation.TooLong, validation.MaxChars(100))
	}
	switch q.Stock {
	case "", StockOut, StockLow, StockOK:
	default:
		v.Add("stock", validation.InvalidValue, validation.OneOf("out", "low", "ok"))
	}
	return q, v.Err()
}

// List returns a page of the public catalog (active products only).
func (s *Service) List(q Query) (Page, error) {
	q.Visibility = VisibleActive
	q, err := NormaliseQuery(q)
	if err != nil {
		return Page{}, err
	}
	return s.rm.list(q), nil
}

// AdminList returns a page of the products that are not deleted, or with
// VisibleDeleted of the deleted ones (from the database, newest deletion
// first by default).
func (s *Service) AdminList(ctx context.Context, q Query) (Page, error) {
	if q.Visibility == "" {
		q.Visibility = VisibleAll
	}
	deleted := q.Visibility == VisibleDeleted
	if deleted {
		q.Visibility = VisibleAll
	}
	q, err := NormaliseQuery(q)
	if err != nil {
		return Page{}, err
	}
	if !deleted {
		return s.rm.list(q), nil
	}
	docs, err := s.db.deleted(ctx)
	if err != nil {
		return Page{}, err
	}
	// Newest deletion first, so the product just removed by mistake is on
	// top; pageOf's sort is stable and keeps this order for "newest".
	slices.SortFunc(docs, func(a, b productDoc) int {
		return cmp.Or(deletedAt(b).Compare(deletedAt(a)), strings.Compare(b.ID.Hex(), a.ID.Hex()))
	})
	entries := make([]*entry, len(docs))
	for i, d := range docs {
		entries[i] = newEntry(d.toDomain(s.BaseURL))
	}
	return pageOf(entries, q), nil
}

func deletedAt(d productDoc) time.Time {
	if d.DeletedAt != nil {
		return *d.DeletedAt
	}
	return d.UpdatedAt
}

// Get returns an active product.
func (s *Service) Get(id string) (Product, error) {
	p, ok := s.rm.get(id)
	if !ok || !p.Active {
		return Product{}, ErrNotFound
	}
	return p, nil
}

// AdminGet returns any product that is not deleted.
func (s *Service) AdminGet(id string) (Product, error) {
	p, ok := s.rm.get(id)
	if !ok {
		return Product{}, ErrNotFound
	}
	return p, nil
}

// Categories lists the categories of active products.
func (s *Service) Categories() []Category { return s.rm.categories() }

// Create adds a product.
func (s *Service) Create(ctx context.Context, n NewProduct) (Product, error) {
	if err := n.normalise(); err != nil {
		return Product{}, err
	}
	now := s.now()
	d := productDoc{
		ID: bson.NewObjectID(), Name: n.Name, Description: n.Description, Category: n.Category,
		Price: n.Price, Currency: s.currency, Stock: n.Stock, Images: []imageDoc{}, Active: n.Active,
		CreatedAt: now, UpdatedAt: now,
	}
	if err := s.db.insert(ctx, d); err != nil {
		return Product{}, err
	}
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// Update changes the given fields of a product.
func (s *Service) Update(ctx context.Context, id string, c ProductChanges) (Product, error) {
	if err := c.normalise(); err != nil {
		return Product{}, err
	}
	set := bson.D{{"updatedAt", s.now()}}
	if c.Name != nil {
		set = append(set, bson.E{"name", *c.Name})
	}
	if c.Description != nil {
		set = append(set, bson.E{"description", *c.Description})
	}
	if c.Category != nil {
		set = append(set, bson.E{"category", *c.Category})
	}
	if c.Price != nil {
		set = append(set, bson.E{"price", *c.Price})
	}
	if c.Stock != nil {
		set = append(set, bson.E{"stock", *c.Stock})
	}
	if c.Active != nil {
		set = append(set, bson.E{"active", *c.Active})
	}
	d, err := s.db.change(ctx, id, bson.D{{"$set", set}})
	if err != nil {
		return Product{}, err
	}
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// Delete hides a product for good. Orders keep their snapshots of it, so it
// is marked deleted rather than removed.
func (s *Service) Delete(ctx context.Context, id string) error {
	d, err := s.db.markDeleted(ctx, id, s.now())
	if err != nil {
		return err
	}
	s.publish(ctx, d)
	return nil
}

// Restore brings a deleted product back, inactive, so an admin checks it
// before it sells again. A product that is not deleted is ErrNotDeleted.
func (s *Service) Restore(ctx context.Context, id string) (Product, error) {
	d, err := s.db.restore(ctx, id, s.now())
	if err != nil {
		return Product{}, err
	}
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// AdjustStock sets or moves a product's stock, never below zero, and records
// the movement with its reason.
func (s *Service) AdjustStock(ctx context.Context, id string, a StockAdjustment) (Product, error) {
	a.Reason = strings.TrimSpace(a.Reason)
	v := &validation.Error{}
	checkText(v, "reason", a.Reason, 200)
	switch a.Mode {
	case StockSet:
		checkStock(v, a.Quantity)
	case StockDelta:
		if a.Quantity == 0 || a.Quantity < -maxStock || a.Quantity > maxStock {
			v.Add("quantity", validation.OutOfRange, fmt.Sprintf("Debe ser un cambio distinto de cero entre -%d y %d.", maxStock, maxStock))
		}
	default:
		v.Add("mode", validation.InvalidValue, validation.OneOf("set", "delta"))
	}
	if err := v.Err(); err != nil {
		return Product{}, err
	}

	now := s.now()
	var d productDoc
	before := 0
	if a.Mode == StockSet {
		// The stock before is for the movement's record only.
		cur, err := s.db.find(ctx, id)
		if err != nil {
			return Product{}, err
		}
		if d, err = s.db.change(ctx, id, bson.D{{"$set", bson.D{{"stock", a.Quantity}, {"updatedAt", now}}}}); err != nil {
			return Product{}, err
		}
		before = cur.Stock
	} else {
		// The store's guard keeps the stock within 0…maxStock even where this
		// process is not the only writer.
		var (
			ok  bool
			err error
		)
		d, ok, err = s.db.moveStock(ctx, id, a.Quantity, now)
		if err != nil {
			return Product{}, err
		}
		if !ok {
			if d.Stock+a.Quantity > maxStock {
				return Product{}, validation.Fail("quantity", validation.OutOfRange, fmt.Sprintf("El stock no puede superar %d unidades.", maxStock))
			}
			return Product{}, ErrInsufficientStock
		}
		before = d.Stock - a.Quantity
	}
	if err := s.db.recordMovement(ctx, movementDoc{
		ProductID: d.ID, Mode: string(a.Mode), Quantity: a.Quantity, Before: before, After: d.Stock,
		Reason: a.Reason, Actor: a.Actor, At: now,
	}); err != nil {
		s.log.Warn("stock changed but its movement was not recorded", "product", id, "err", err)
	}
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// AddImage stores an image (JPEG, PNG or WebP by its bytes, at most 5 MB) and
// attaches it to the product.
func (s *Service) AddImage(ctx context.Context, id string, data []byte) (Product, error) {
	contentType, _, err := media.SniffImage(data)
	if err != nil {
		return Product{}, err
	}
	d, err := s.db.find(ctx, id)
	if err != nil {
		return Product{}, err
	}
	if len(d.Images) >= MaxImages {
		return Product{}, ErrTooManyImages
	}
	// Resizing takes a while: it happens before the write, so checkouts of
	// the product are not held up; the guarded write below decides, and the
	// files go if it refuses.
	imageID := randomID()
	im, err := s.storeImage(ctx, "products/"+id+"/"+imageID, data, contentType)
	if err != nil {
		return Product{}, err
	}
	im.ID = imageID
	d, err = s.db.editImages(ctx, id, func(cur []imageDoc) ([]imageDoc, error) {
		if len(cur) >= MaxImages {
			return nil, ErrTooManyImages
		}
		return append(cur, im), nil
	}, s.now())
	if err != nil {
		s.deleteFiles(ctx, im)
		return Product{}, err
	}
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// RemoveImage detaches an image from the product and deletes the file.
func (s *Service) RemoveImage(ctx context.Context, id, imageID string) (Product, error) {
	var gone imageDoc
	// The whole array is written back: a $pull would have to repeat every
	// field of the element for FerretDB to match.
	d, err := s.db.editImages(ctx, id, func(cur []imageDoc) ([]imageDoc, error) {
		rest := make([]imageDoc, 0, len(cur))
		found := false
		for _, im := range cur {
			if im.ID == imageID {
				gone, found = im, true
				continue
			}
			rest = append(rest, im)
		}
		if !found {
			return nil, ErrImageNotFound
		}
		return rest, nil
	}, s.now())
	if err != nil {
		return Product{}, err
	}
	s.deleteFiles(ctx, gone)
	s.publish(ctx, d)
	return d.toDomain(s.BaseURL), nil
}

// IsEmpty reports whether no product was ever created (deleted ones count),
// which is when the demo catalog may be seeded.
func (s *Service) IsEmpty(ctx context.Context) (bool, error) {
	n, err := s.db.count(ctx)
	return n == 0, err
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
