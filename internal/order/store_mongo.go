package order

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoOrders is the Store for MongoDB: what a write of an order was decided
// from is a condition of its filter, so the check and the write are one
// atomic step on the server, whatever number of servers write at once.
type mongoOrders struct{ mongoStore }

// NewMongoStore returns the order store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoOrders{mongoStore{s}} }

// checkoutsCollection holds the MongoDB store's checkout leases, one per
// customer checking out.
const checkoutsCollection = "order_checkouts"

// checkoutLease is longer than any checkout takes (a few dozen database
// writes) and short enough that a server dying mid-checkout keeps its
// customer from checking out only briefly. A checkout stalled past it may
// overlap the next one; stock and coupon limits still hold then, so the
// worst case is the second order this guard is for, never an oversell.
const checkoutLease = time.Minute

type leaseDoc struct {
	UserID string        `bson:"_id"`
	Token  bson.ObjectID `bson:"token"`
	Until  time.Time     `bson:"until"`
}

// claimCheckout takes the customer's checkout lease, waiting while another
// server (or request) holds a live one.
//
// A lease rather than a lock held in one process, because the servers share
// nothing but the database; and a lease rather than a plain document deleted
// at the end, because a server that dies mid-checkout would otherwise keep
// its customer from ever checking out again. The claim is one atomic write
// either way: an insert, which the unique _id lets only one server make, or
// the takeover of an expired lease, conditional on its expiry. Release
// deletes the lease only while it is still this claim's (its token), so a
// checkout that outlived its lease cannot end the next one's. Expiry is read
// on the servers' clocks, which NTP keeps well within the lease.
func (m mongoOrders) claimCheckout(ctx context.Context, userID string) (func(), error) {
	token := bson.NewObjectID()
	wait := 20 * time.Millisecond
	for {
		ok, err := m.claimLease(ctx, userID, token, time.Now().UTC())
		if err != nil {
			return nil, err
		}
		if ok {
			return func() { m.releaseLease(context.WithoutCancel(ctx), userID, token) }, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for the customer's other checkout: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 250*time.Millisecond)
	}
}

// claimLease reports whether userID's lease is now token's: created, or
// taken over from a claim that expired.
func (m mongoOrders) claimLease(ctx context.Context, userID string, token bson.ObjectID, now time.Time) (bool, error) {
	leases := m.s.DB.Collection(checkoutsCollection)
	_, err := leases.InsertOne(ctx, leaseDoc{UserID: userID, Token: token, Until: now.Add(checkoutLease)})
	if err == nil {
		return true, nil
	}
	if !store.IsDuplicateKey(err) {
		return false, fmt.Errorf("claim checkout: %w", err)
	}
	res, err := leases.UpdateOne(ctx, bson.D{{"_id", userID}, {"until", bson.D{{"$lte", now}}}},
		bson.D{{"$set", bson.D{{"token", token}, {"until", now.Add(checkoutLease)}}}})
	if err != nil {
		return false, fmt.Errorf("take over an expired checkout: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// releaseLease ends token's claim. A failed delete is left to the expiry:
// the customer's next checkout waits for it at worst.
func (m mongoOrders) releaseLease(ctx context.Context, userID string, token bson.ObjectID) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, _ = m.s.DB.Collection(checkoutsCollection).DeleteOne(ctx, bson.D{{"_id", userID}, {"token", token}})
}

// lockOrder holds nothing: every write of an order below carries its own
// guard.
func (m mongoOrders) lockOrder(string) func() { return func() {} }

func (m mongoOrders) update(ctx context.Context, oid bson.ObjectID, from Status, change bson.D) (Order, bool, error) {
	return m.updateWhere(ctx, bson.D{{"_id", oid}, {"status", from}}, change)
}

func (m mongoOrders) clearEvents(ctx context.Context, oid bson.ObjectID, seq int64) (bool, error) {
	return m.clearEventsWhere(ctx, bson.D{{"_id", oid}, {"eventSeq", seq}})
}
