package coupon

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedCoupons is the Store for the embedded FerretDB. FerretDB applies
// an update by reading the document, changing it in Go and writing it back,
// without isolating concurrent updates of one document, and it serves only
// an exact {_id} filter without a scan. So every write of a coupon or of its
// customers' counts takes the coupon's lock in this process (the one
// writer: the data directory's lock), checks its limit on a fresh read and
// writes by _id alone.
type embeddedCoupons struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the coupon store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedCoupons{mongoStore: mongoStore{s}, locks: s.Locks}
}

func (e embeddedCoupons) lock(couponID string) func() { return e.locks.Lock("coupon:" + couponID) }

func (e embeddedCoupons) edit(ctx context.Context, oid bson.ObjectID, change func(Coupon) (Coupon, error), at time.Time) (couponDoc, bool, error) {
	unlock := e.lock(oid.Hex())
	defer unlock()
	cur, ok, err := e.get(ctx, oid)
	if err != nil || !ok {
		return couponDoc{}, false, err
	}
	next, err := change(cur.toDomain())
	if err != nil {
		return couponDoc{}, false, err
	}
	var out couponDoc
	err = e.coupons().FindOneAndUpdate(ctx, bson.D{{"_id", oid}}, editedFields(next, at),
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&out)
	if err != nil {
		if store.IsDuplicateKey(err) {
			return couponDoc{}, false, ErrCodeTaken
		}
		return couponDoc{}, false, fmt.Errorf("update coupon: %w", err)
	}
	return out, true, nil
}

func (e embeddedCoupons) markDeleted(ctx context.Context, oid bson.ObjectID, at time.Time) (bool, error) {
	unlock := e.lock(oid.Hex())
	defer unlock()
	if _, ok, err := e.get(ctx, oid); err != nil || !ok {
		return false, err
	}
	if _, err := e.coupons().UpdateOne(ctx, bson.D{{"_id", oid}}, deletedFields(oid, at)); err != nil {
		return false, fmt.Errorf("delete coupon: %w", err)
	}
	return true, nil
}

func (e embeddedCoupons) countUse(ctx context.Context, couponID, userID string, usageLimit, perCustomer int) error {
	oid, err := bson.ObjectIDFromHex(couponID)
	if err != nil {
		return ErrUsageLimit
	}
	unlock := e.lock(couponID)
	defer unlock()
	c, ok, err := e.get(ctx, oid)
	if err != nil {
		return err
	}
	if !ok || (usageLimit > 0 && c.UsedCount >= usageLimit) {
		return ErrUsageLimit
	}
	uid := usageID(couponID, userID)
	if perCustomer > 0 {
		used, err := e.usage(ctx, couponID, userID)
		if err != nil {
			return err
		}
		if used >= perCustomer {
			return ErrAlreadyUsed
		}
	}
	if err := e.startUsage(ctx, uid); err != nil {
		return err
	}
	if _, err := e.usages().UpdateOne(ctx, bson.D{{"_id", uid}}, incOne); err != nil {
		return fmt.Errorf("count coupon usage: %w", err)
	}
	if _, err := e.coupons().UpdateOne(ctx, bson.D{{"_id", oid}}, incUse); err != nil {
		// The customer's count moved alone: take it back.
		_, _ = e.usages().UpdateOne(ctx, bson.D{{"_id", uid}}, decOne)
		return fmt.Errorf("count coupon use: %w", err)
	}
	return nil
}

func (e embeddedCoupons) uncountUse(ctx context.Context, couponID, userID string) error {
	oid, _ := bson.ObjectIDFromHex(couponID)
	unlock := e.lock(couponID)
	defer unlock()
	var c couponDoc
	if err := e.coupons().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&c); err == nil && c.UsedCount > 0 {
		if _, err := e.coupons().UpdateOne(ctx, bson.D{{"_id", oid}}, decUse); err != nil {
			return fmt.Errorf("give back a coupon use: %w", err)
		}
	}
	used, err := e.usage(ctx, couponID, userID)
	if err != nil {
		return err
	}
	if used > 0 {
		if _, err := e.usages().UpdateOne(ctx, bson.D{{"_id", usageID(couponID, userID)}}, decOne); err != nil {
			return fmt.Errorf("give back a customer's coupon use: %w", err)
		}
	}
	return nil
}

func (e embeddedCoupons) markReleased(ctx context.Context, orderID string) (bool, error) {
	unlock := e.locks.Lock("coupon-redemption:" + orderID)
	defer unlock()
	r, ok, err := e.findRedemption(ctx, orderID)
	if err != nil || !ok || r.Released {
		return false, err
	}
	if _, err := e.redemptions().UpdateOne(ctx, bson.D{{"_id", orderID}}, bson.D{{"$set", bson.D{{"released", true}}}}); err != nil {
		return false, fmt.Errorf("release coupon redemption: %w", err)
	}
	return true, nil
}

func (e embeddedCoupons) recount(ctx context.Context, oid bson.ObjectID) ([]Correction, error) {
	unlock := e.lock(oid.Hex())
	defer unlock()
	return e.mongoStore.recount(ctx, oid)
}
