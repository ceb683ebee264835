package coupon

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where coupons, their redemptions and the per-customer counts
// live. The service holds the rules (what a coupon discounts, when it
// applies, in which order the writes go); the store makes each write that
// depends on a counter's current value one guarded single-document write.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts the limits into the update filter ($inc only while
//     the count is below the limit), which MongoDB checks atomically on
//     every server.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies updates
//     as an unisolated read-modify-write and scans for any filter but an
//     exact {_id}: it takes the coupon's lock in this process, checks the
//     limit on a fresh read and writes by _id alone (exact with one
//     process, which the data directory's lock guarantees).
//
// The interface is sealed: both stores live here and share mongoStore's
// reads and unconditional writes.
type Store interface {
	insert(ctx context.Context, d couponDoc) error
	get(ctx context.Context, oid bson.ObjectID) (couponDoc, bool, error)
	byCode(ctx context.Context, code string) (couponDoc, bool, error)
	list(ctx context.Context, filter bson.D, skip, limit int64) ([]couponDoc, int64, error)
	public(ctx context.Context) ([]couponDoc, error)
	usage(ctx context.Context, couponID, userID string) (int, error)
	insertRedemption(ctx context.Context, r redemptionDoc) error
	deleteRedemption(ctx context.Context, orderID string) error
	findRedemption(ctx context.Context, orderID string) (redemptionDoc, bool, error)
	couponIDs(ctx context.Context) ([]bson.ObjectID, error)

	// edit replaces a live coupon's editable fields by what change makes of
	// the current coupon, with no other edit in between; ok is false when
	// there is no live coupon. change's error is returned as is.
	edit(ctx context.Context, oid bson.ObjectID, change func(Coupon) (Coupon, error), at time.Time) (d couponDoc, ok bool, err error)
	// markDeleted retires a live coupon; ok is false when there is none.
	markDeleted(ctx context.Context, oid bson.ObjectID, at time.Time) (ok bool, err error)
	// countUse counts one use of the coupon by userID, within the limits
	// (0: none): both counts move, or neither. ErrAlreadyUsed when the
	// customer's count is at perCustomer, ErrUsageLimit when the coupon's is
	// at usageLimit or the coupon is gone.
	countUse(ctx context.Context, couponID, userID string, usageLimit, perCustomer int) error
	// uncountUse gives one use back to both counts, never below zero.
	uncountUse(ctx context.Context, couponID, userID string) error
	// markReleased flags a redemption released, once; released says whether
	// this call did.
	markReleased(ctx context.Context, orderID string) (released bool, err error)
	// recount sets a coupon's counts to its live redemptions and returns
	// what it corrected. Exact where no redemption runs meanwhile: the
	// embedded store holds the coupon's lock; on MongoDB the caller must
	// know no other server redeems (the platform runs it on the embedded
	// database only).
	recount(ctx context.Context, oid bson.ObjectID) ([]Correction, error)
}

// mongoStore is what both stores share: reads, inserts and deletes.
type mongoStore struct{ s *store.Store }

func (m mongoStore) coupons() *mongo.Collection { return m.s.DB.Collection(couponsCollection) }
func (m mongoStore) usages() *mongo.Collection  { return m.s.DB.Collection(usageCollection) }
func (m mongoStore) redemptions() *mongo.Collection {
	return m.s.DB.Collection(redemptionsCollection)
}

func (m mongoStore) insert(ctx context.Context, d couponDoc) error {
	if _, err := m.coupons().InsertOne(ctx, d); err != nil {
		if store.IsDuplicateKey(err) {
			return ErrCodeTaken
		}
		return fmt.Errorf("insert coupon: %w", err)
	}
	return nil
}

// get reads a live coupon by _id alone (FerretDB's fast path) and leaves
// the deleted ones out in Go.
func (m mongoStore) get(ctx context.Context, oid bson.ObjectID) (couponDoc, bool, error) {
	var d couponDoc
	err := m.coupons().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Deleted) {
		return couponDoc{}, false, nil
	}
	if err != nil {
		return couponDoc{}, false, fmt.Errorf("find coupon: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) byCode(ctx context.Context, code string) (couponDoc, bool, error) {
	var d couponDoc
	err := m.coupons().FindOne(ctx, bson.D{{"code", code}, {"deleted", false}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return couponDoc{}, false, nil
	}
	if err != nil {
		return couponDoc{}, false, fmt.Errorf("find coupon: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) list(ctx context.Context, filter bson.D, skip, limit int64) ([]couponDoc, int64, error) {
	total, err := m.coupons().CountDocuments(ctx, filter)
	if err != nil {
		return nil, 0, fmt.Errorf("count coupons: %w", err)
	}
	cur, err := m.coupons().Find(ctx, filter, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).
		SetSkip(skip).SetLimit(limit))
	if err != nil {
		return nil, 0, fmt.Errorf("list coupons: %w", err)
	}
	var docs []couponDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, fmt.Errorf("list coupons: %w", err)
	}
	return docs, total, nil
}

func (m mongoStore) public(ctx context.Context) ([]couponDoc, error) {
	cur, err := m.coupons().Find(ctx, bson.D{{"deleted", false}, {"public", true}, {"active", true}},
		options.Find().SetSort(bson.D{{"createdAt", -1}}))
	if err != nil {
		return nil, fmt.Errorf("list public coupons: %w", err)
	}
	var docs []couponDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list public coupons: %w", err)
	}
	return docs, nil
}

func (m mongoStore) usage(ctx context.Context, couponID, userID string) (int, error) {
	var u usageDoc
	err := m.usages().FindOne(ctx, bson.D{{"_id", usageID(couponID, userID)}}).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read coupon usage: %w", err)
	}
	return u.Count, nil
}

func (m mongoStore) insertRedemption(ctx context.Context, r redemptionDoc) error {
	if _, err := m.redemptions().InsertOne(ctx, r); err != nil {
		return fmt.Errorf("record coupon redemption: %w", err)
	}
	return nil
}

func (m mongoStore) deleteRedemption(ctx context.Context, orderID string) error {
	if _, err := m.redemptions().DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
		return fmt.Errorf("drop coupon redemption: %w", err)
	}
	return nil
}

func (m mongoStore) findRedemption(ctx context.Context, orderID string) (redemptionDoc, bool, error) {
	var r redemptionDoc
	err := m.redemptions().FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return redemptionDoc{}, false, nil
	}
	if err != nil {
		return redemptionDoc{}, false, fmt.Errorf("find coupon redemption: %w", err)
	}
	return r, true, nil
}

func (m mongoStore) couponIDs(ctx context.Context) ([]bson.ObjectID, error) {
	cur, err := m.coupons().Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return nil, fmt.Errorf("list coupons: %w", err)
	}
	var docs []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list coupons: %w", err)
	}
	ids := make([]bson.ObjectID, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

// startUsage makes sure the customer's count exists, so the guarded $inc
// has a document to match.
func (m mongoStore) startUsage(ctx context.Context, uid string) error {
	if _, err := m.usages().InsertOne(ctx, usageDoc{ID: uid}); err != nil && !store.IsDuplicateKey(err) {
		return fmt.Errorf("start coupon usage: %w", err)
	}
	return nil
}

// editedFields is the $set of an admin's edit: never the counts.
func editedFields(c Coupon, at time.Time) bson.D {
	d := fromDomain(c)
	return bson.D{{"$set", bson.D{
		{"code", d.Code}, {"description", d.Description}, {"type", d.Type}, {"value", d.Value},
		{"active", d.Active}, {"public", d.Public}, {"startsOn", d.StartsOn}, {"endsOn", d.EndsOn},
		{"minSubtotal", d.MinSubtotal}, {"maxDiscount", d.MaxDiscount}, {"usageLimit", d.UsageLimit},
		{"perCustomerLimit", d.PerCustomerLimit}, {"updatedAt", at},
	}}}
}

func deletedFields(oid bson.ObjectID, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{
		{"deleted", true}, {"active", false}, {"code", "DELETED-" + oid.Hex()}, {"updatedAt", at},
	}}}
}

var (
	incUse = bson.D{{"$inc", bson.D{{"usedCount", 1}}}}
	decUse = bson.D{{"$inc", bson.D{{"usedCount", -1}}}}
	incOne = bson.D{{"$inc", bson.D{{"count", 1}}}}
	decOne = bson.D{{"$inc", bson.D{{"count", -1}}}}
)

// recount is Store.recount without a lock; the embedded store wraps it in
// the coupon's.
func (m mongoStore) recount(ctx context.Context, oid bson.ObjectID) ([]Correction, error) {
	var c couponDoc
	if err := m.coupons().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&c); err != nil {
		return nil, fmt.Errorf("read coupon: %w", err)
	}
	cur, err := m.redemptions().Find(ctx,
		bson.D{{"couponId", oid.Hex()}, {"released", false}}, options.Find().SetProjection(bson.D{{"userId", 1}}))
	if err != nil {
		return nil, fmt.Errorf("list coupon redemptions: %w", err)
	}
	var live []struct {
		UserID string `bson:"userId"`
	}
	if err := cur.All(ctx, &live); err != nil {
		return nil, fmt.Errorf("list coupon redemptions: %w", err)
	}
	perUser := map[string]int{}
	for _, r := range live {
		perUser[r.UserID]++
	}
	var out []Correction
	if c.UsedCount != len(live) {
		if _, err := m.coupons().UpdateOne(ctx, bson.D{{"_id", oid}}, bson.D{{"$set", bson.D{{"usedCount", len(live)}}}}); err != nil {
			return nil, fmt.Errorf("correct coupon count: %w", err)
		}
		out = append(out, Correction{CouponID: oid.Hex(), Code: c.Code, Was: c.UsedCount, Now: len(live)})
	}
	ucur, err := m.usages().Find(ctx, bson.D{{"_id", bson.D{{"$regex", "^" + regexp.QuoteMeta(oid.Hex()+":")}}}})
	if err != nil {
		return out, fmt.Errorf("list coupon usage: %w", err)
	}
	var counts []usageDoc
	if err := ucur.All(ctx, &counts); err != nil {
		return out, fmt.Errorf("list coupon usage: %w", err)
	}
	stored := map[string]int{}
	for _, u := range counts {
		stored[strings.TrimPrefix(u.ID, oid.Hex()+":")] = u.Count
	}
	for user := range perUser {
		if _, ok := stored[user]; !ok {
			stored[user] = 0
		}
	}
	for user, was := range stored {
		if now := perUser[user]; now != was {
			if _, err := m.usages().UpdateOne(ctx, bson.D{{"_id", usageID(oid.Hex(), user)}},
				bson.D{{"$set", bson.D{{"count", now}}}}, options.UpdateOne().SetUpsert(true)); err != nil {
				return out, fmt.Errorf("correct coupon usage: %w", err)
			}
			out = append(out, Correction{CouponID: oid.Hex(), Code: c.Code, UserID: user, Was: was, Now: now})
		}
	}
	return out, nil
}
