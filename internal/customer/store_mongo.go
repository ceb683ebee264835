package customer

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoUsers is the Store for MongoDB. Every change is one update, atomic on
// the server; where the rules read the record first, what they read is a
// condition of the update's filter, and a change that lost the race is
// made again from a fresh read.
type mongoUsers struct{ mongoStore }

// NewMongoStore returns the user store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoUsers{mongoStore{s}} }

// unset matches a string field as read: one stored empty is absent
// (omitempty), which an equality with "" would not match.
func unset(v string) any {
	if v == "" {
		return bson.D{{"$exists", false}}
	}
	return v
}

// editProfile is a compare-and-set on the document pair, the only part of
// the record the profile rules read; edits of any other field between the
// read and the write change nothing the rules decided.
func (m mongoUsers) editProfile(ctx context.Context, oid bson.ObjectID, decide func(User) (bson.D, error)) (userDoc, error) {
	for range 5 {
		cur, err := m.get(ctx, oid)
		if err != nil {
			return userDoc{}, err
		}
		set, err := decide(cur.toDomain())
		if err != nil {
			return userDoc{}, err
		}
		d, found, err := m.updateWhere(ctx, bson.D{{"_id", oid},
			{"documentType", unset(cur.DocumentType)}, {"documentNumber", unset(cur.DocumentNumber)}},
			bson.D{{"$set", set}})
		if err != nil || found {
			return d, err
		}
	}
	return userDoc{}, fmt.Errorf("user %s kept changing its document while its profile was edited", oid.Hex())
}

func (m mongoUsers) setActive(ctx context.Context, oid bson.ObjectID, active bool, at time.Time) (userDoc, error) {
	filter := bson.D{{"_id", oid}}
	if active {
		filter = append(filter, bson.E{"deletedAt", bson.D{{"$exists", false}}})
	}
	d, found, err := m.updateWhere(ctx, filter, activeFields(active, at))
	if err != nil || found {
		return d, err
	}
	if _, err := m.get(ctx, oid); err != nil {
		return userDoc{}, err
	}
	return userDoc{}, ErrDeleted
}

func (m mongoUsers) setStripeCustomer(ctx context.Context, oid bson.ObjectID, stripeID string) (string, error) {
	res, err := m.users().UpdateOne(ctx, bson.D{{"_id", oid}, {"stripeCustomerId", bson.D{{"$exists", false}}}},
		stripeFields(stripeID))
	if err != nil {
		return "", fmt.Errorf("store Stripe customer: %w", err)
	}
	if res.MatchedCount == 1 {
		return stripeID, nil
	}
	d, err := m.get(ctx, oid)
	if err != nil {
		return "", err
	}
	return d.StripeCustomerID, nil
}

func (m mongoUsers) changeAddresses(ctx context.Context, oid bson.ObjectID, change func([]addressDoc) ([]addressDoc, error), at time.Time) ([]addressDoc, error) {
	return m.changeAddressesWhere(ctx, oid, change, at, func(read addressBook) bson.D {
		if read.Rev == 0 {
			// Records written before the counter existed have no field yet.
			return bson.D{{"_id", oid}, {"$or", bson.A{
				bson.D{{"addressesRev", int64(0)}},
				bson.D{{"addressesRev", bson.D{{"$exists", false}}}},
			}}}
		}
		return bson.D{{"_id", oid}, {"addressesRev", read.Rev}}
	})
}
