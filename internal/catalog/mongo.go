package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/store"
)

const (
	productsCollection  = "products"
	movementsCollection = "stock_movements"
	metaCollection      = "meta"
	catalogMetaID       = "catalog"
)

type productDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	Name        string        `bson:"name"`
	Description string        `bson:"description"`
	Category    string        `bson:"category"`
	Price       int64         `bson:"price"`
	Currency    string        `bson:"currency"`
	Stock       int           `bson:"stock"`
	Images      []imageDoc    `bson:"images"`
	Active      bool          `bson:"active"`
	Deleted     bool          `bson:"deleted"`
	DeletedAt   *time.Time    `bson:"deletedAt,omitempty"`
	// The average is derived from the sum so it stays exact however many
	// reviews come and go.
	RatingSum   int64 `bson:"ratingSum"`
	ReviewCount int   `bson:"reviewCount"`
	// Held lists the orders whose reservations hold units of this product.
	// It changes in the same single-document write as the stock, so after a
	// crash the product itself says whether an order's units were taken and
	// not yet given back: taking and giving back are idempotent.
	Held []string `bson:"held,omitempty"`
	// Rev counts the writes to the product. The read model keeps the highest
	// revision it has seen, so a slow publisher cannot put an older copy back.
	Rev       int64     `bson:"rev"`
	CreatedAt time.Time `bson:"createdAt"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

type imageDoc struct {
	ID string `bson:"id"`
	// URL is the media reference: "/media/…" for local files (the base URL
	// is added when served), an absolute URL for Cloudinary.
	URL      string       `bson:"url"`
	Key      string       `bson:"key"`
	Width    int          `bson:"width,omitempty"`
	Height   int          `bson:"height,omitempty"`
	Variants []variantDoc `bson:"variants,omitempty"`
}

type variantDoc struct {
	Width  int    `bson:"width"`
	Format string `bson:"format"`
	URL    string `bson:"url"`
	Key    string `bson:"key,omitempty"` // empty for Cloudinary's transformation URLs
}

// toDomain turns a stored product into the domain's, with image URLs built
// on base (PUBLIC_BASE_URL).
func (d productDoc) toDomain(base string) Product {
	p := Product{
		rev: d.Rev, ratingSum: d.RatingSum,
		ID: d.ID.Hex(), Name: d.Name, Description: d.Description, Category: d.Category,
		Price: d.Price, Currency: d.Currency, Stock: d.Stock, Active: d.Active,
		ReviewCount: d.ReviewCount, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
		Images: make([]Image, len(d.Images)),
	}
	for i, im := range d.Images {
		img := Image{ID: im.ID, URL: media.URL(base, im.URL), Ref: media.Ref(im.URL), Key: im.Key, Width: im.Width, Height: im.Height,
			Variants: make([]Variant, len(im.Variants))}
		for j, v := range im.Variants {
			img.Variants[j] = Variant{Width: v.Width, Format: v.Format, URL: media.URL(base, v.URL), Ref: media.Ref(v.URL), Key: v.Key}
		}
		p.Images[i] = img
	}
	if d.ReviewCount > 0 {
		p.AverageRating = float64(d.RatingSum) / float64(d.ReviewCount)
	}
	return p
}

// mongoStore is what both product stores share: the reads, the inserts and
// the reservation records, which need no condition. The guarded writes
// differ and live in products_mongo.go and products_embedded.go.
type mongoStore struct {
	s *store.Store
}

func (m mongoStore) products() *mongo.Collection { return m.s.DB.Collection(productsCollection) }

// Indexes are the indexes the catalog needs.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: productsCollection, Model: mongo.IndexModel{Keys: bson.D{{"deleted", 1}, {"createdAt", -1}}}},
		{Collection: productsCollection, Model: mongo.IndexModel{Keys: bson.D{{"category", 1}}}},
		{Collection: movementsCollection, Model: mongo.IndexModel{Keys: bson.D{{"productId", 1}, {"at", -1}}}},
		{Collection: reservationsCollection, Model: mongo.IndexModel{Keys: bson.D{{"released", 1}, {"at", 1}}}},
	}
}

func parseID(id string) (bson.ObjectID, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return bson.ObjectID{}, ErrNotFound
	}
	return oid, nil
}

func (m mongoStore) insert(ctx context.Context, d productDoc) error {
	if _, err := m.products().InsertOne(ctx, d); err != nil {
		return fmt.Errorf("insert product: %w", err)
	}
	return nil
}

func (m mongoStore) find(ctx context.Context, id string) (productDoc, error) {
	oid, err := parseID(id)
	if err != nil {
		return productDoc{}, err
	}
	// By _id alone, the one filter FerretDB answers from its primary key.
	var d productDoc
	err = m.products().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Deleted) {
		return productDoc{}, ErrNotFound
	}
	if err != nil {
		return productDoc{}, fmt.Errorf("find product: %w", err)
	}
	return d, nil
}

func (m mongoStore) all(ctx context.Context) ([]productDoc, error) {
	cur, err := m.products().Find(ctx, bson.D{{"deleted", false}})
	if err != nil {
		return nil, fmt.Errorf("load products: %w", err)
	}
	var docs []productDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("load products: %w", err)
	}
	return docs, nil
}

// deleted loads every soft-deleted product. Deleted products are few and
// listed rarely (to restore one), so they are not kept in memory.
func (m mongoStore) deleted(ctx context.Context) ([]productDoc, error) {
	cur, err := m.products().Find(ctx, bson.D{{"deleted", true}})
	if err != nil {
		return nil, fmt.Errorf("load deleted products: %w", err)
	}
	var docs []productDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("load deleted products: %w", err)
	}
	return docs, nil
}

func (m mongoStore) count(ctx context.Context) (int64, error) {
	n, err := m.products().CountDocuments(ctx, bson.D{})
	if err != nil {
		return 0, fmt.Errorf("count products: %w", err)
	}
	return n, nil
}

// version reads the catalog version counter.
func (m mongoStore) version(ctx context.Context) (int64, error) {
	var doc struct {
		Version int64 `bson:"version"`
	}
	err := m.s.DB.Collection(metaCollection).FindOne(ctx, bson.D{{"_id", catalogMetaID}}).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read catalog version: %w", err)
	}
	return doc.Version, nil
}

type movementDoc struct {
	ProductID bson.ObjectID `bson:"productId"`
	Mode      string        `bson:"mode"`
	Quantity  int           `bson:"quantity"`
	Before    int           `bson:"before"`
	After     int           `bson:"after"`
	Reason    string        `bson:"reason"`
	Actor     string        `bson:"actor"`
	At        time.Time     `bson:"at"`
}

func (m mongoStore) recordMovement(ctx context.Context, d movementDoc) error {
	if _, err := m.s.DB.Collection(movementsCollection).InsertOne(ctx, d); err != nil {
		return fmt.Errorf("record stock movement: %w", err)
	}
	return nil
}

// withRev adds the revision increment to a product update.
func withRev(change bson.D) bson.D {
	out := make(bson.D, 0, len(change)+1)
	found := false
	for _, op := range change {
		if op.Key == "$inc" {
			if inc, ok := op.Value.(bson.D); ok {
				op.Value = append(append(bson.D{}, inc...), bson.E{Key: "rev", Value: int64(1)})
				found = true
			}
		}
		out = append(out, op)
	}
	if !found {
		out = append(out, bson.E{Key: "$inc", Value: bson.D{{Key: "rev", Value: int64(1)}}})
	}
	return out
}

func (m mongoStore) reservations() *mongo.Collection {
	return m.s.DB.Collection(reservationsCollection)
}

func (m mongoStore) insertReservation(ctx context.Context, r reservationDoc) error {
	if _, err := m.reservations().InsertOne(ctx, r); err != nil {
		return fmt.Errorf("record stock reservation: %w", err)
	}
	return nil
}

func (m mongoStore) findReservation(ctx context.Context, orderID string) (reservationDoc, bool, error) {
	var r reservationDoc
	err := m.reservations().FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return reservationDoc{}, false, nil
	}
	if err != nil {
		return reservationDoc{}, false, fmt.Errorf("find stock reservation: %w", err)
	}
	return r, true, nil
}

func (m mongoStore) deleteReservation(ctx context.Context, orderID string) error {
	if _, err := m.reservations().DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
		return fmt.Errorf("drop stock reservation: %w", err)
	}
	return nil
}

// liveReservations lists the unreleased reservations made before `before`,
// oldest first.
func (m mongoStore) liveReservations(ctx context.Context, before time.Time) ([]reservationDoc, error) {
	cur, err := m.reservations().Find(ctx, bson.D{{"released", false}, {"at", bson.D{{"$lt", before}}}},
		options.Find().SetSort(bson.D{{"at", 1}}))
	if err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	var docs []reservationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("find reservations: %w", err)
	}
	return docs, nil
}

// findAny reads a product whether deleted or not; ok is false when there is
// none.
func (m mongoStore) findAny(ctx context.Context, oid bson.ObjectID) (productDoc, bool, error) {
	var d productDoc
	err := m.products().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return productDoc{}, false, nil
	}
	if err != nil {
		return productDoc{}, false, fmt.Errorf("find product: %w", err)
	}
	return d, true, nil
}

// incVersion increments the counter other server processes poll.
func (m mongoStore) incVersion(ctx context.Context) (int64, error) {
	var doc struct {
		Version int64 `bson:"version"`
	}
	err := m.s.DB.Collection(metaCollection).FindOneAndUpdate(ctx,
		bson.D{{"_id", catalogMetaID}},
		bson.D{{"$inc", bson.D{{"version", int64(1)}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After),
	).Decode(&doc)
	if err != nil {
		return 0, fmt.Errorf("bump catalog version: %w", err)
	}
	return doc.Version, nil
}
