package review

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where reviews live. The service holds the rules (who may review
// what, by how much the product's counters move); the store makes each
// write that depends on the review's current state one guarded
// single-document write.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore relies on the unique (user, product, order) index for
//     creation and puts the previous rating into the edit's filter
//     (compare-and-set), which MongoDB checks atomically on every server.
//   - NewEmbeddedStore is for the embedded FerretDB, which does not isolate
//     concurrent updates of a document and scans for any filter but an exact
//     {_id}: it takes the review's lock in this process, checks on a fresh
//     read and writes by _id alone (one process: the data directory's lock).
//
// The interface is sealed: both stores live here and share mongoStore's
// reads.
type Store interface {
	intents() store.Intents
	find(ctx context.Context, userID, productID, orderID string) (reviewDoc, bool, error)
	get(ctx context.Context, oid bson.ObjectID) (reviewDoc, bool, error)
	page(ctx context.Context, productID string, skip, limit int64) ([]reviewDoc, int64, error)
	// tally adds up every review's rating by product.
	tally(ctx context.Context) (map[string]catalog.RatingTally, error)

	// insert adds d unless (user, product, order) already has a review:
	// created is false then.
	insert(ctx context.Context, d reviewDoc) (created bool, err error)
	// edit sets the rating, comment and author of review old.ID only if its
	// rating is still old.Rating; ok is false when it changed or is gone.
	edit(ctx context.Context, old reviewDoc, rating int, comment, author string, at time.Time) (d reviewDoc, ok bool, err error)
	// revert puts old's rating, comment and date back on review old.ID if
	// its rating is still rating (an edit whose count failed).
	revert(ctx context.Context, old reviewDoc, rating int) error
	// remove deletes a review and returns it as it was; ok is false when
	// there was none.
	remove(ctx context.Context, oid bson.ObjectID) (d reviewDoc, ok bool, err error)
	// restore inserts a removed review back (a deletion whose count failed).
	restore(ctx context.Context, d reviewDoc) error
}

// mongoStore is what both stores share.
type mongoStore struct{ s *store.Store }

func (m mongoStore) reviews() *mongo.Collection { return m.s.DB.Collection(collection) }

// createdIntents marks reviews about to be created, so a crash between the
// insert and the review.created event is redriven by DrainCreated (see
// store.Intents for why no crash point loses or duplicates it).
const createdIntents = "review_created_marks"

func (m mongoStore) intents() store.Intents { return m.s.Intents(createdIntents) }

func (m mongoStore) find(ctx context.Context, userID, productID, orderID string) (reviewDoc, bool, error) {
	var d reviewDoc
	err := m.reviews().FindOne(ctx, bson.D{{"userId", userID}, {"productId", productID}, {"orderId", orderID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return reviewDoc{}, false, nil
	}
	if err != nil {
		return reviewDoc{}, false, fmt.Errorf("find review: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) get(ctx context.Context, oid bson.ObjectID) (reviewDoc, bool, error) {
	var d reviewDoc
	err := m.reviews().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return reviewDoc{}, false, nil
	}
	if err != nil {
		return reviewDoc{}, false, fmt.Errorf("find review: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) page(ctx context.Context, productID string, skip, limit int64) ([]reviewDoc, int64, error) {
	f := bson.D{{"productId", productID}}
	total, err := m.reviews().CountDocuments(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("count reviews: %w", err)
	}
	cur, err := m.reviews().Find(ctx, f, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).
		SetSkip(skip).SetLimit(limit))
	if err != nil {
		return nil, 0, fmt.Errorf("list reviews: %w", err)
	}
	var docs []reviewDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, fmt.Errorf("list reviews: %w", err)
	}
	return docs, total, nil
}

func (m mongoStore) tally(ctx context.Context) (map[string]catalog.RatingTally, error) {
	cur, err := m.reviews().Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{"productId", 1}, {"rating", 1}}))
	if err != nil {
		return nil, fmt.Errorf("tally reviews: %w", err)
	}
	defer cur.Close(ctx)
	out := map[string]catalog.RatingTally{}
	for cur.Next(ctx) {
		var d reviewDoc
		if err := cur.Decode(&d); err != nil {
			return nil, fmt.Errorf("tally reviews: %w", err)
		}
		t := out[d.ProductID]
		t.Sum += int64(d.Rating)
		t.Count++
		out[d.ProductID] = t
	}
	if err := cur.Err(); err != nil {
		return nil, fmt.Errorf("tally reviews: %w", err)
	}
	return out, nil
}

func (m mongoStore) insertOne(ctx context.Context, d reviewDoc) (bool, error) {
	if _, err := m.reviews().InsertOne(ctx, d); err != nil {
		if store.IsDuplicateKey(err) {
			return false, nil
		}
		return false, fmt.Errorf("insert review: %w", err)
	}
	return true, nil
}

func (m mongoStore) remove(ctx context.Context, oid bson.ObjectID) (reviewDoc, bool, error) {
	var gone reviewDoc
	err := m.reviews().FindOneAndDelete(ctx, bson.D{{"_id", oid}}).Decode(&gone)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return reviewDoc{}, false, nil
	}
	if err != nil {
		return reviewDoc{}, false, fmt.Errorf("delete review: %w", err)
	}
	return gone, true, nil
}

func (m mongoStore) restore(ctx context.Context, d reviewDoc) error {
	if _, err := m.reviews().InsertOne(ctx, d); err != nil {
		return fmt.Errorf("restore review: %w", err)
	}
	return nil
}

func editUpdate(rating int, comment, author string, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"rating", rating}, {"comment", comment}, {"authorName", author}, {"updatedAt", at}}}}
}

func revertUpdate(old reviewDoc) bson.D {
	return bson.D{{"$set", bson.D{{"rating", old.Rating}, {"comment", old.Comment}, {"updatedAt", old.UpdatedAt}}}}
}

// mongoReviews is the Store for MongoDB.
type mongoReviews struct{ mongoStore }

// NewMongoStore returns the review store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoReviews{mongoStore{s}} }

// insert leaves duplicates to the unique (user, product, order) index.
func (m mongoReviews) insert(ctx context.Context, d reviewDoc) (bool, error) {
	return m.insertOne(ctx, d)
}

func (m mongoReviews) edit(ctx context.Context, old reviewDoc, rating int, comment, author string, at time.Time) (reviewDoc, bool, error) {
	var d reviewDoc
	err := m.reviews().FindOneAndUpdate(ctx, bson.D{{"_id", old.ID}, {"rating", old.Rating}}, editUpdate(rating, comment, author, at),
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return reviewDoc{}, false, nil
	}
	if err != nil {
		return reviewDoc{}, false, fmt.Errorf("edit review: %w", err)
	}
	return d, true, nil
}

func (m mongoReviews) revert(ctx context.Context, old reviewDoc, rating int) error {
	if _, err := m.reviews().UpdateOne(ctx, bson.D{{"_id", old.ID}, {"rating", rating}}, revertUpdate(old)); err != nil {
		return fmt.Errorf("restore review: %w", err)
	}
	return nil
}

// embeddedReviews is the Store for the embedded FerretDB.
type embeddedReviews struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the review store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedReviews{mongoStore: mongoStore{s}, locks: s.Locks}
}

// lock is per (user, product, order), the review's identity: creation and
// every change of one review are serialised.
func (e embeddedReviews) lock(d reviewDoc) func() {
	return e.locks.Lock("review:" + d.UserID + ":" + d.ProductID + ":" + d.OrderID)
}

func (e embeddedReviews) insert(ctx context.Context, d reviewDoc) (bool, error) {
	unlock := e.lock(d)
	defer unlock()
	if _, found, err := e.find(ctx, d.UserID, d.ProductID, d.OrderID); err != nil || found {
		return false, err
	}
	return e.insertOne(ctx, d)
}

func (e embeddedReviews) edit(ctx context.Context, old reviewDoc, rating int, comment, author string, at time.Time) (reviewDoc, bool, error) {
	unlock := e.lock(old)
	defer unlock()
	cur, found, err := e.get(ctx, old.ID)
	if err != nil || !found || cur.Rating != old.Rating {
		return reviewDoc{}, false, err
	}
	var d reviewDoc
	err = e.reviews().FindOneAndUpdate(ctx, bson.D{{"_id", old.ID}}, editUpdate(rating, comment, author, at),
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if err != nil {
		return reviewDoc{}, false, fmt.Errorf("edit review: %w", err)
	}
	return d, true, nil
}

func (e embeddedReviews) revert(ctx context.Context, old reviewDoc, rating int) error {
	unlock := e.lock(old)
	defer unlock()
	cur, found, err := e.get(ctx, old.ID)
	if err != nil || !found || cur.Rating != rating {
		return err
	}
	if _, err := e.reviews().UpdateOne(ctx, bson.D{{"_id", old.ID}}, revertUpdate(old)); err != nil {
		return fmt.Errorf("restore review: %w", err)
	}
	return nil
}

func (e embeddedReviews) remove(ctx context.Context, oid bson.ObjectID) (reviewDoc, bool, error) {
	cur, found, err := e.get(ctx, oid)
	if err != nil || !found {
		return reviewDoc{}, false, err
	}
	unlock := e.lock(cur)
	defer unlock()
	return e.mongoStore.remove(ctx, oid)
}

func (e embeddedReviews) restore(ctx context.Context, d reviewDoc) error {
	unlock := e.lock(d)
	defer unlock()
	return e.mongoStore.restore(ctx, d)
}
