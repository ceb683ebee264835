package coupon

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

// mongoCoupons is the Store for MongoDB: each limit is a condition of the
// $inc's filter, so the check and the count are one atomic step on the
// server, whatever number of servers redeem at once.
type mongoCoupons struct{ mongoStore }

// NewMongoStore returns the coupon store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoCoupons{mongoStore{s}} }

// edit is a compare-and-set on updatedAt: an admin's edit lands only on the
// coupon it was made from, and is made again from a fresh read otherwise.
// Redemptions move only usedCount, which edits never write.
func (m mongoCoupons) edit(ctx context.Context, oid bson.ObjectID, change func(Coupon) (Coupon, error), at time.Time) (couponDoc, bool, error) {
	for range 10 {
		cur, ok, err := m.get(ctx, oid)
		if err != nil || !ok {
			return couponDoc{}, false, err
		}
		next, err := change(cur.toDomain())
		if err != nil {
			return couponDoc{}, false, err
		}
		var out couponDoc
		err = m.coupons().FindOneAndUpdate(ctx, bson.D{{"_id", oid}, {"deleted", false}, {"updatedAt", cur.UpdatedAt}},
			editedFields(next, at), options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&out)
		if errors.Is(err, mongo.ErrNoDocuments) {
			continue
		}
		if err != nil {
			if store.IsDuplicateKey(err) {
				return couponDoc{}, false, ErrCodeTaken
			}
			return couponDoc{}, false, fmt.Errorf("update coupon: %w", err)
		}
		return out, true, nil
	}
	return couponDoc{}, false, fmt.Errorf("coupon %s kept changing while it was edited", oid.Hex())
}

func (m mongoCoupons) markDeleted(ctx context.Context, oid bson.ObjectID, at time.Time) (bool, error) {
	res, err := m.coupons().UpdateOne(ctx, bson.D{{"_id", oid}, {"deleted", false}}, deletedFields(oid, at))
	if err != nil {
		return false, fmt.Errorf("delete coupon: %w", err)
	}
	return res.MatchedCount == 1, nil
}

func (m mongoCoupons) countUse(ctx context.Context, couponID, userID string, usageLimit, perCustomer int) error {
	oid, err := bson.ObjectIDFromHex(couponID)
	if err != nil {
		return ErrUsageLimit
	}
	uid := usageID(couponID, userID)
	if err := m.startUsage(ctx, uid); err != nil {
		return err
	}
	uf := bson.D{{"_id", uid}}
	if perCustomer > 0 {
		uf = append(uf, bson.E{"count", bson.D{{"$lt", perCustomer}}})
	}
	res, err := m.usages().UpdateOne(ctx, uf, incOne)
	if err != nil {
		return fmt.Errorf("count coupon usage: %w", err)
	}
	if res.ModifiedCount == 0 {
		return ErrAlreadyUsed
	}
	cf := bson.D{{"_id", oid}, {"deleted", false}}
	if usageLimit > 0 {
		cf = append(cf, bson.E{"usedCount", bson.D{{"$lt", usageLimit}}})
	}
	res, err = m.coupons().UpdateOne(ctx, cf, incUse)
	if err == nil && res.ModifiedCount == 0 {
		err = ErrUsageLimit
	}
	if err != nil {
		// The customer's count moved alone: take it back.
		if _, uerr := m.usages().UpdateOne(ctx, bson.D{{"_id", uid}, {"count", bson.D{{"$gt", 0}}}}, decOne); uerr != nil {
			err = errors.Join(err, fmt.Errorf("undo coupon usage: %w", uerr))
		}
		if errors.Is(err, ErrUsageLimit) {
			return err
		}
		return fmt.Errorf("count coupon use: %w", err)
	}
	return nil
}

func (m mongoCoupons) uncountUse(ctx context.Context, couponID, userID string) error {
	oid, _ := bson.ObjectIDFromHex(couponID)
	_, err := m.coupons().UpdateOne(ctx, bson.D{{"_id", oid}, {"usedCount", bson.D{{"$gt", 0}}}}, decUse)
	if err != nil {
		return fmt.Errorf("give back a coupon use: %w", err)
	}
	_, err = m.usages().UpdateOne(ctx, bson.D{{"_id", usageID(couponID, userID)}, {"count", bson.D{{"$gt", 0}}}}, decOne)
	if err != nil {
		return fmt.Errorf("give back a customer's coupon use: %w", err)
	}
	return nil
}

func (m mongoCoupons) markReleased(ctx context.Context, orderID string) (bool, error) {
	res, err := m.redemptions().UpdateOne(ctx, bson.D{{"_id", orderID}, {"released", false}},
		bson.D{{"$set", bson.D{{"released", true}}}})
	if err != nil {
		return false, fmt.Errorf("release coupon redemption: %w", err)
	}
	return res.ModifiedCount == 1, nil
}
