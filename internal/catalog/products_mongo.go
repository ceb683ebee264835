package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoProducts is the ProductStore for MongoDB: every guard is part of the
// update's filter, so the check and the write are one atomic step on the
// server, whatever number of servers write.
type mongoProducts struct{ mongoStore }

// NewMongoStore returns the product store for a MongoDB deployment.
func NewMongoStore(s *store.Store) ProductStore { return mongoProducts{mongoStore{s}} }

// write applies update to product id when conds (besides the _id, and
// deleted:false with live) match, and returns the product after it. When
// nothing matched it tells why: ErrNotFound when there is no such (live)
// product, ok=false with the product as it is when a condition failed.
func (m mongoProducts) write(ctx context.Context, id string, live bool, conds bson.D, update bson.D) (productDoc, bool, error) {
	oid, err := parseID(id)
	if err != nil {
		return productDoc{}, false, err
	}
	f := bson.D{{"_id", oid}}
	if live {
		f = append(f, bson.E{"deleted", false})
	}
	f = append(f, conds...)
	var d productDoc
	err = m.products().FindOneAndUpdate(ctx, f, withRev(update), options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		cur, ok, ferr := m.findAny(ctx, oid)
		switch {
		case ferr != nil:
			return productDoc{}, false, ferr
		case !ok || (live && cur.Deleted):
			return productDoc{}, false, ErrNotFound
		}
		return cur, false, nil
	}
	if err != nil {
		return productDoc{}, false, fmt.Errorf("update product: %w", err)
	}
	return d, true, nil
}

func (m mongoProducts) take(ctx context.Context, id, orderID string, n int, at time.Time) (productDoc, bool, error) {
	return m.write(ctx, id, true,
		bson.D{{"active", true}, {"stock", bson.D{{"$gte", n}}}, {"held", bson.D{{"$ne", orderID}}}},
		takeUpdate(orderID, n, at))
}

func (m mongoProducts) unhold(ctx context.Context, id, orderID string, qty int, at time.Time) (bool, error) {
	_, ok, err := m.write(ctx, id, false, bson.D{{"held", orderID}}, unholdUpdate(orderID, qty, at))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return ok, err
}

func (m mongoProducts) giveBack(ctx context.Context, id string, qty int, at time.Time) error {
	_, _, err := m.write(ctx, id, false, nil, moveUpdate(qty, at))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

func (m mongoProducts) moveStock(ctx context.Context, id string, delta int, at time.Time) (productDoc, bool, error) {
	return m.write(ctx, id, true, bson.D{{"stock", bson.D{{"$gte", -delta}, {"$lte", maxStock - delta}}}}, moveUpdate(delta, at))
}

func (m mongoProducts) change(ctx context.Context, id string, update bson.D) (productDoc, error) {
	d, _, err := m.write(ctx, id, true, nil, update)
	return d, err
}

// editImages is a compare-and-set on the product's revision: the images are
// written only if no other write came between the read and the write, and
// read again otherwise.
func (m mongoProducts) editImages(ctx context.Context, id string, edit func([]imageDoc) ([]imageDoc, error), at time.Time) (productDoc, error) {
	for range 10 {
		cur, err := m.find(ctx, id)
		if err != nil {
			return productDoc{}, err
		}
		images, err := edit(cur.Images)
		if err != nil {
			return productDoc{}, err
		}
		d, ok, err := m.write(ctx, id, true, bson.D{{"rev", cur.Rev}}, imagesUpdate(images, at))
		if err != nil || ok {
			return d, err
		}
	}
	return productDoc{}, fmt.Errorf("product %s kept changing while its images were edited", id)
}

func (m mongoProducts) markDeleted(ctx context.Context, id string, at time.Time) (productDoc, error) {
	d, _, err := m.write(ctx, id, true, nil, deleteUpdate(at))
	return d, err
}

func (m mongoProducts) restore(ctx context.Context, id string, at time.Time) (productDoc, error) {
	d, ok, err := m.write(ctx, id, false, bson.D{{"deleted", true}}, restoreUpdate(at))
	if err == nil && !ok {
		err = ErrNotDeleted
	}
	return d, err
}

func (m mongoProducts) markReleased(ctx context.Context, orderID string) (bool, error) {
	res, err := m.reservations().UpdateOne(ctx, bson.D{{"_id", orderID}, {"released", false}}, releasedUpdate)
	if err != nil {
		return false, fmt.Errorf("release stock reservation: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

func (m mongoProducts) bumpVersion(ctx context.Context) (int64, error) { return m.incVersion(ctx) }
