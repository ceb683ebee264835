package order

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// MongoReads answers the admin's order queries with MongoDB queries on the
// indexes of MongoReadIndexes: each list page, count and figure costs what
// its index range costs, however many orders the shop has.
type MongoReads struct{ db *mongo.Database }

// NewMongoReads returns the reads of a MongoDB deployment.
func NewMongoReads(s *store.Store) *MongoReads { return &MongoReads{db: s.DB} }

// MongoReadIndexes are the indexes MongoReads' queries run on. They are
// created on MongoDB only: the embedded FerretDB filters nothing but _id
// through an index, so there they would only slow every write.
func MongoReadIndexes() []store.Index {
	ix := func(keys bson.D) store.Index {
		return store.Index{Collection: ordersCollection, Model: mongo.IndexModel{Keys: keys}}
	}
	return []store.Index{
		ix(bson.D{{"createdAt", -1}, {"_id", -1}}),
		ix(bson.D{{"status", 1}, {"createdAt", -1}}),
		ix(bson.D{{"paymentMethod", 1}, {"createdAt", -1}}),
		ix(bson.D{{"reference", 1}}),
		ix(bson.D{{"status", 1}, {"paidAt", -1}}),
	}
}

func (m *MongoReads) orders() *mongo.Collection { return m.db.Collection(ordersCollection) }

var newestFirst = bson.D{{"createdAt", -1}, {"_id", -1}}

// Load gives orders stored before the reference field existed their
// reference, so the search by reference finds them through its index.
func (m *MongoReads) Load(ctx context.Context) error {
	cur, err := m.orders().Find(ctx, bson.D{{"reference", bson.D{{"$exists", false}}}},
		options.Find().SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return fmt.Errorf("find orders without a reference: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var row struct {
			ID bson.ObjectID `bson:"_id"`
		}
		if err := cur.Decode(&row); err != nil {
			return fmt.Errorf("decode order id: %w", err)
		}
		if _, err := m.orders().UpdateOne(ctx, bson.D{{"_id", row.ID}},
			bson.D{{"$set", bson.D{{"reference", reference(row.ID)}}}}); err != nil {
			return fmt.Errorf("store order reference: %w", err)
		}
	}
	return cur.Err()
}

// mongoFilter is q's filter, the reference search on the stored reference.
func mongoFilter(q Query) (bson.D, error) {
	ref := referenceTerm(q.Q)
	if ref != "" {
		q.Q = ""
	}
	f, err := q.filter()
	if err != nil {
		return nil, err
	}
	if ref != "" {
		f = append(f, bson.E{"reference", ref})
	}
	return f, nil
}

// List runs q's count and page.
func (m *MongoReads) List(ctx context.Context, q Query) (Page, error) {
	f, err := mongoFilter(q)
	if err != nil {
		return Page{}, err
	}
	total, err := m.orders().CountDocuments(ctx, f)
	if err != nil {
		return Page{}, fmt.Errorf("count orders: %w", err)
	}
	cur, err := m.orders().Find(ctx, f, options.Find().SetSort(newestFirst).
		SetSkip(store.Skip(q.Page, q.Limit)).SetLimit(int64(q.Limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list orders: %w", err)
	}
	items := []Order{}
	if err := cur.All(ctx, &items); err != nil {
		return Page{}, fmt.Errorf("list orders: %w", err)
	}
	return Page{Items: items, Total: int(total), Page: q.Page, Limit: q.Limit}, nil
}

// Each streams q's orders from one cursor.
func (m *MongoReads) Each(ctx context.Context, q Query, f func(Order) error) error {
	filter, err := mongoFilter(q)
	if err != nil {
		return err
	}
	cur, err := m.orders().Find(ctx, filter, options.Find().SetSort(newestFirst))
	if err != nil {
		return fmt.Errorf("scan orders: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var o Order
		if err := cur.Decode(&o); err != nil {
			return fmt.Errorf("decode order: %w", err)
		}
		if err := f(o); err != nil {
			return err
		}
	}
	return cur.Err()
}

// paidOrLater are the statuses whose orders count as revenue.
func paidOrLater() bson.A {
	a := bson.A{}
	for _, st := range Statuses {
		if IsPaidOrLater(st) {
			a = append(a, st)
		}
	}
	return a
}

// EachPaid reads the paid orders of the range through the paidAt index.
func (m *MongoReads) EachPaid(ctx context.Context, start, end time.Time, f func(PaidOrder) error) error {
	cur, err := m.orders().Find(ctx,
		bson.D{{"status", bson.D{{"$in", paidOrLater()}}}, {"paidAt", bson.D{{"$gte", start}, {"$lt", end}}}},
		options.Find().SetProjection(bson.D{{"total", 1}, {"paidAt", 1}, {"lines", 1}}).
			SetSort(bson.D{{"paidAt", -1}, {"_id", -1}}))
	if err != nil {
		return fmt.Errorf("read paid orders: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var p PaidOrder
		if err := cur.Decode(&p); err != nil {
			return fmt.Errorf("decode paid order: %w", err)
		}
		if err := f(p); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("read paid orders: %w", err)
	}
	return nil
}

// CountCreated groups the range's orders by status: one $sum per $group,
// which FerretDB runs too.
func (m *MongoReads) CountCreated(ctx context.Context, start, end time.Time) (map[Status]int, error) {
	agg, err := m.orders().Aggregate(ctx, bson.A{
		bson.D{{"$match", bson.D{{"createdAt", bson.D{{"$gte", start}, {"$lt", end}}}}}},
		bson.D{{"$group", bson.D{{"_id", "$status"}, {"n", bson.D{{"$sum", 1}}}}}},
	})
	if err != nil {
		return nil, fmt.Errorf("count orders by status: %w", err)
	}
	var groups []struct {
		Status Status `bson:"_id"`
		N      int    `bson:"n"`
	}
	if err := agg.All(ctx, &groups); err != nil {
		return nil, fmt.Errorf("count orders by status: %w", err)
	}
	out := map[Status]int{}
	for _, g := range groups {
		out[g.Status] += g.N
	}
	return out, nil
}

// Expired queries the status and expiresAt index.
func (m *MongoReads) Expired(ctx context.Context, now time.Time) ([]bson.ObjectID, error) {
	cur, err := m.orders().Find(ctx, bson.D{{"status", Pending}, {"expiresAt", bson.D{{"$lte", now}}}},
		options.Find().SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return nil, fmt.Errorf("find expired orders: %w", err)
	}
	var due []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &due); err != nil {
		return nil, fmt.Errorf("find expired orders: %w", err)
	}
	ids := make([]bson.ObjectID, len(due))
	for i, d := range due {
		ids[i] = d.ID
	}
	return ids, nil
}

// RefundsPending queries the refund status and canceledAt index.
func (m *MongoReads) RefundsPending(ctx context.Context, before time.Time, limit int) ([]Order, error) {
	cur, err := m.orders().Find(ctx, bson.D{{"payment.refundStatus", "pending"}, {"canceledAt", bson.D{{"$lt", before}}}},
		options.Find().SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("find pending refunds: %w", err)
	}
	var out []Order
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("find pending refunds: %w", err)
	}
	return out, nil
}

// UserOrders queries the userId and createdAt index.
func (m *MongoReads) UserOrders(ctx context.Context, userID string) ([]bson.ObjectID, error) {
	cur, err := m.orders().Find(ctx, bson.D{{"userId", userID}},
		options.Find().SetSort(bson.D{{"createdAt", 1}, {"_id", 1}}).SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return nil, fmt.Errorf("find a customer's orders: %w", err)
	}
	var rows []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, fmt.Errorf("find a customer's orders: %w", err)
	}
	ids := make([]bson.ObjectID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, nil
}

// Stored and Gone have nothing to do: MongoDB's indexes follow the writes.
func (m *MongoReads) Stored(Order)       {}
func (m *MongoReads) Gone(bson.ObjectID) {}

// Unsure does nothing: MongoDB's reads are queries, never stale.
func (m *MongoReads) Unsure() {}
