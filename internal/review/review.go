// Package review owns product reviews: only the buyer of a delivered order
// may rate what it contained, once per (user, product, order) — posting again
// edits — and every write moves the product's rating sum and count by
// exactly what it changed, so the average stays exact under concurrency.
package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/faults"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

const collection = "reviews"

// MaxComment is the longest comment, in characters.
const MaxComment = 500

var (
	ErrNotFound = errors.New("review not found")
	// ErrNotAllowed: the order is not delivered, or the product is not in it.
	ErrNotAllowed = errors.New("only products of a delivered order can be reviewed")
)

// Review is one customer's rating of a product they received in one order.
type Review struct {
	ID        string
	ProductID string
	OrderID   string
	UserID    string
	// AuthorName is the public display name: first name and initial.
	AuthorName string
	Rating     int
	Comment    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

type reviewDoc struct {
	ID         bson.ObjectID `bson:"_id"`
	ProductID  string        `bson:"productId"`
	OrderID    string        `bson:"orderId"`
	UserID     string        `bson:"userId"`
	AuthorName string        `bson:"authorName"`
	Rating     int           `bson:"rating"`
	Comment    string        `bson:"comment"`
	CreatedAt  time.Time     `bson:"createdAt"`
	UpdatedAt  time.Time     `bson:"updatedAt"`
}

func (d reviewDoc) toDomain() Review {
	return Review{
		ID: d.ID.Hex(), ProductID: d.ProductID, OrderID: d.OrderID, UserID: d.UserID, AuthorName: d.AuthorName,
		Rating: d.Rating, Comment: d.Comment, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
}

// Indexes: one review per (user, product, order), and a product's reviews
// newest first.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: collection, Model: mongo.IndexModel{
			Keys: bson.D{{"userId", 1}, {"productId", 1}, {"orderId", 1}}, Options: options.Index().SetUnique(true)}},
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"productId", 1}, {"createdAt", -1}}}},
	}
}

// Service manages reviews.
type Service struct {
	db       Store
	orders   *order.Service
	products *catalog.Service
	users    *customer.Service
	now      func() time.Time
	created  func(context.Context, Review) error
}

// OnCreated sets what is told about every new review (the review.created
// event); set it before serving. f must be idempotent per review (the outbox
// keys the event by the review id): recovery may tell it again.
func (s *Service) OnCreated(f func(context.Context, Review) error) { s.created = f }

func (s *Service) intents() store.Intents { return s.db.intents() }

// tellCreated records the review.created event of d and drops its mark; on
// failure the mark stays and the sweep tells it later.
func (s *Service) tellCreated(ctx context.Context, d reviewDoc) {
	faults.Point("review.created")
	ctx = context.WithoutCancel(ctx)
	if s.created != nil {
		if err := s.created(ctx, d.toDomain()); err != nil {
			return
		}
	}
	faults.Point("review.created.told")
	_ = s.intents().Drop(ctx, d.ID.Hex())
}

// DrainCreated tells the creation of reviews marked before now-grace whose
// writer crashed (or failed) between the insert and the event; a mark whose
// review was never inserted (or was removed) is dropped. It returns how many
// reviews it told.
func (s *Service) DrainCreated(ctx context.Context, grace time.Duration) (int, error) {
	return s.intents().Drain(ctx, s.now().Add(-grace), func(ctx context.Context, id bson.ObjectID) (bool, error) {
		d, found, err := s.db.get(ctx, id)
		if err != nil || !found {
			return false, err
		}
		if s.created != nil {
			if err := s.created(ctx, d.toDomain()); err != nil {
				return false, fmt.Errorf("tell review.created: %w", err)
			}
		}
		return true, nil
	})
}

// NewService returns the review service on its store (NewMongoStore or
// NewEmbeddedStore).
func NewService(db Store, orders *order.Service, products *catalog.Service, users *customer.Service) *Service {
	return &Service{db: db, orders: orders, products: products, users: users, now: func() time.Time { return time.Now().UTC() }}
}

// Post is a customer rating a product of one of their orders.
type Post struct {
	UserID    string
	ProductID string
	OrderID   string
	Rating    int
	Comment   string
}

func (p *Post) normalise() error {
	p.Comment = strings.TrimSpace(p.Comment)
	v := &validation.Error{}
	if p.Rating < 1 || p.Rating > 5 {
		v.Add("rating", validation.OutOfRange, validation.Between(1, 5))
	}
	if utf8.RuneCountInString(p.Comment) > MaxComment {
		v.Add("comment", validation.TooLong, validation.MaxChars(MaxComment))
	}
	return v.Err()
}

// Post creates the caller's review of a product in one of their delivered
// orders, or edits it when it exists; created says which. Someone else's or
// an unknown order is order.ErrNotFound, so its existence is not revealed.
//
// A second creation of one (user, product, order) is refused by the store
// and becomes an edit; edits are compare-and-set on the previous rating, so
// the product's counters move exactly once per change, by exactly what it
// changed.
func (s *Service) Post(ctx context.Context, p Post) (r Review, created bool, err error) {
	if err := p.normalise(); err != nil {
		return Review{}, false, err
	}
	o, err := s.orders.GetFor(ctx, p.UserID, p.OrderID)
	if err != nil {
		return Review{}, false, err
	}
	if o.Status != order.Delivered || !contains(o.Lines, p.ProductID) {
		return Review{}, false, ErrNotAllowed
	}
	if _, err := s.products.AdminGet(p.ProductID); err != nil {
		return Review{}, false, err
	}
	name, email := o.Customer.Name, o.Customer.Email
	if u, err := s.users.Get(ctx, p.UserID); err == nil {
		name, email = u.Name, u.Email // the current name, not the one at checkout
	}
	author := displayName(name, email)

	// Each failed attempt means another write of this review succeeded in
	// between, so the attempts needed are bounded by the concurrent writers.
	for range 20 {
		old, found, err := s.db.find(ctx, p.UserID, p.ProductID, p.OrderID)
		switch {
		case err != nil:
			return Review{}, false, err
		case !found:
			d, ok, err := s.create(ctx, p, author)
			if err != nil || !ok {
				if err != nil {
					return Review{}, false, err
				}
				continue // another writer created it first: edit that one
			}
			s.tellCreated(ctx, d)
			return d.toDomain(), true, nil
		}
		d, ok, err := s.edit(ctx, old, p, author)
		if err != nil {
			return Review{}, false, err
		}
		if ok {
			return d.toDomain(), false, nil
		}
		// Changed or deleted by another writer since it was read: look again.
	}
	return Review{}, false, errors.New("review kept changing while it was being edited")
}

// create inserts a new review and counts it; ok is false when it already
// exists.
func (s *Service) create(ctx context.Context, p Post, author string) (reviewDoc, bool, error) {
	now := s.now()
	d := reviewDoc{
		ID: bson.NewObjectID(), ProductID: p.ProductID, OrderID: p.OrderID, UserID: p.UserID, AuthorName: author,
		Rating: p.Rating, Comment: p.Comment, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.intents().Mark(ctx, d.ID.Hex(), now); err != nil {
		return reviewDoc{}, false, err
	}
	created, err := s.db.insert(ctx, d)
	if err != nil || !created {
		return reviewDoc{}, false, err
	}
	// A crash here leaves a review its product does not count yet:
	// ReconcileRatings puts that right at the next start.
	faults.Point("review.inserted")
	if err := s.products.ApplyReview(ctx, p.ProductID, int64(p.Rating), 1); err != nil {
		// Without its count the review must not stay.
		if _, _, derr := s.db.remove(context.WithoutCancel(ctx), d.ID); derr != nil {
			return reviewDoc{}, false, errors.Join(err, fmt.Errorf("remove uncounted review: %w", derr))
		}
		return reviewDoc{}, false, err
	}
	return d, true, nil
}

// edit replaces the rating and comment of old if its rating is still what
// was read, and moves the product's sum by the difference; ok is false when
// the review changed or vanished in between.
func (s *Service) edit(ctx context.Context, old reviewDoc, p Post, author string) (reviewDoc, bool, error) {
	d, ok, err := s.db.edit(ctx, old, p.Rating, p.Comment, author, s.now())
	if err != nil || !ok {
		return reviewDoc{}, false, err
	}
	if err := s.products.ApplyReview(ctx, p.ProductID, int64(p.Rating-old.Rating), 0); err != nil {
		// Put the old rating back so the review and the counters agree.
		if rerr := s.db.revert(context.WithoutCancel(ctx), old, p.Rating); rerr != nil {
			return reviewDoc{}, false, errors.Join(err, rerr)
		}
		return reviewDoc{}, false, err
	}
	return d, true, nil
}

// ReconcileRatings sets every product's rating counters to what its reviews
// add up to (see catalog.Service.ReconcileRatings for when that is exact).
func (s *Service) ReconcileRatings(ctx context.Context) ([]catalog.RatingFix, error) {
	truth, err := s.db.tally(ctx)
	if err != nil {
		return nil, err
	}
	return s.products.ReconcileRatings(ctx, truth)
}

// Delete removes a review by its author, or by an admin. Another customer's
// review is ErrNotFound.
func (s *Service) Delete(ctx context.Context, id, userID string, admin bool) error {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return ErrNotFound
	}
	r, found, err := s.db.get(ctx, oid)
	if err != nil {
		return err
	}
	if !found || (!admin && r.UserID != userID) {
		return ErrNotFound
	}
	// The deleted document says exactly which rating leaves the product.
	gone, found, err := s.db.remove(ctx, oid)
	if err != nil {
		return err
	}
	if !found {
		return ErrNotFound
	}
	err = s.products.ApplyReview(ctx, gone.ProductID, -int64(gone.Rating), -1)
	if err != nil && !errors.Is(err, catalog.ErrNotFound) {
		// Put it back: a deleted review that still counts would skew the average.
		if ierr := s.db.restore(context.WithoutCancel(ctx), gone); ierr != nil {
			return errors.Join(err, ierr)
		}
		return err
	}
	return nil
}

// Page is one page of a product's reviews.
type Page struct {
	Items       []Review
	Total       int
	Page, Limit int
}

// ListForProduct returns the reviews of a product on sale, newest first.
func (s *Service) ListForProduct(ctx context.Context, productID string, page, limit int) (Page, error) {
	if page == 0 {
		page = 1
	}
	if limit == 0 {
		limit = 20
	}
	v := &validation.Error{}
	if page < 1 {
		v.Add("page", validation.OutOfRange, validation.AtLeast(1))
	}
	if limit < 1 || limit > 100 {
		v.Add("limit", validation.OutOfRange, validation.Between(1, 100))
	}
	if err := v.Err(); err != nil {
		return Page{}, err
	}
	if _, err := s.products.Get(productID); err != nil {
		return Page{}, err
	}
	docs, total, err := s.db.page(ctx, productID, store.Skip(page, limit), int64(limit))
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: make([]Review, len(docs)), Total: int(total), Page: page, Limit: limit}
	for i, d := range docs {
		p.Items[i] = d.toDomain()
	}
	return p, nil
}

func contains(lines []order.Line, productID string) bool {
	for _, l := range lines {
		if l.ProductID == productID {
			return true
		}
	}
	return false
}

// displayName is what the public sees of a reviewer: "Ana María Gómez" →
// "Ana G.". A name that is only the email's local part (what accounts get
// when the identity provider has no name) is not shown.
func displayName(name, email string) string {
	words := strings.Fields(name)
	local, _, _ := strings.Cut(email, "@")
	if len(words) == 0 || (local != "" && strings.EqualFold(strings.TrimSpace(name), local)) {
		return "Cliente"
	}
	if len(words) == 1 {
		return words[0]
	}
	last, _ := utf8.DecodeRuneInString(words[len(words)-1])
	return words[0] + " " + strings.ToUpper(string(last)) + "."
}
