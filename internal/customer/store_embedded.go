package customer

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// embeddedUsers is the Store for the embedded FerretDB. FerretDB applies an
// update by reading the document, changing it in Go and writing the whole
// of it back, without isolating concurrent updates of one document, so two
// updates of one record running together can lose one even when they set
// different fields; and it serves only an exact {_id} filter without a
// scan. So every change of a record takes the user's lock in this process
// (the one writer: the data directory's lock), checks on a fresh read and
// writes by _id alone.
type embeddedUsers struct {
	mongoStore
	locks *store.Locks
}

// NewEmbeddedStore returns the user store for the embedded database.
func NewEmbeddedStore(s *store.Store) Store {
	return embeddedUsers{mongoStore: mongoStore{s}, locks: s.Locks}
}

func (e embeddedUsers) lockUser(oid bson.ObjectID) (unlock func()) {
	return e.locks.Lock("user:" + oid.Hex())
}

// lockSubject locks the record of an identity subject: an existing record
// by its id, the key every other writer of it takes (lockUser); a subject
// without a record yet by its subject, so its first creations queue.
func (e embeddedUsers) lockSubject(ctx context.Context, subject string) (unlock func()) {
	var d struct {
		ID bson.ObjectID `bson:"_id"`
	}
	err := e.users().FindOne(ctx, bson.D{{"_id", IDForSubject(subject)}}, options.FindOne().SetProjection(bson.D{{"_id", 1}})).Decode(&d)
	if err == nil {
		return e.lockUser(d.ID)
	}
	return e.locks.Lock("subject:" + subject)
}

func (e embeddedUsers) update(ctx context.Context, oid bson.ObjectID, change bson.D) (userDoc, error) {
	unlock := e.lockUser(oid)
	defer unlock()
	return e.mongoStore.update(ctx, oid, change)
}

func (e embeddedUsers) editProfile(ctx context.Context, oid bson.ObjectID, decide func(User) (bson.D, error)) (userDoc, error) {
	unlock := e.lockUser(oid)
	defer unlock()
	cur, err := e.get(ctx, oid)
	if err != nil {
		return userDoc{}, err
	}
	set, err := decide(cur.toDomain())
	if err != nil {
		return userDoc{}, err
	}
	return e.mongoStore.update(ctx, oid, bson.D{{"$set", set}})
}

func (e embeddedUsers) setActive(ctx context.Context, oid bson.ObjectID, active bool, at time.Time) (userDoc, error) {
	unlock := e.lockUser(oid)
	defer unlock()
	cur, err := e.get(ctx, oid)
	if err != nil {
		return userDoc{}, err
	}
	if cur.DeletedAt != nil && active {
		return userDoc{}, ErrDeleted
	}
	return e.mongoStore.update(ctx, oid, activeFields(active, at))
}

func (e embeddedUsers) setStripeCustomer(ctx context.Context, oid bson.ObjectID, stripeID string) (string, error) {
	unlock := e.lockUser(oid)
	defer unlock()
	cur, err := e.get(ctx, oid)
	if err != nil {
		return "", err
	}
	if cur.StripeCustomerID != "" {
		return cur.StripeCustomerID, nil
	}
	if _, err := e.users().UpdateOne(ctx, bson.D{{"_id", oid}}, stripeFields(stripeID)); err != nil {
		return "", fmt.Errorf("store Stripe customer: %w", err)
	}
	return stripeID, nil
}

func (e embeddedUsers) changeAddresses(ctx context.Context, oid bson.ObjectID, change func([]addressDoc) ([]addressDoc, error), at time.Time) ([]addressDoc, error) {
	unlock := e.lockUser(oid)
	defer unlock()
	return e.changeAddressesWhere(ctx, oid, change, at, func(addressBook) bson.D { return bson.D{{"_id", oid}} })
}

// upsertSubject and changeSubject keep the identity provider's clerkId
// filter, which FerretDB checks on its own read of the record: exact here,
// since every writer of the record holds its lock.
func (e embeddedUsers) upsertSubject(ctx context.Context, subject string, filter, change bson.D, create userDoc,
	creating func(context.Context) error, created func(context.Context, userDoc)) error {
	unlock := e.lockSubject(ctx, subject)
	defer unlock()
	return e.mongoStore.upsertSubject(ctx, subject, filter, change, create, creating, created)
}

func (e embeddedUsers) changeSubject(ctx context.Context, subject string, filter, change bson.D) error {
	unlock := e.lockSubject(ctx, subject)
	defer unlock()
	return e.mongoStore.changeSubject(ctx, subject, filter, change)
}
