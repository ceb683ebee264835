package customer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

// Store is where user records live. The service holds the rules (what a
// profile may hold, which address is the default, what an identity
// provider's event changes); the store makes each change of a record that
// another writer could be changing at once land without losing either.
//
// There are two, chosen at wiring from the database's mode:
//   - NewMongoStore puts what a change read into its update filter (the
//     address list's revision, the document pair, the absent Stripe id, the
//     live account), which MongoDB checks atomically on every server, and
//     makes a change that lost the race again on a fresh read.
//   - NewEmbeddedStore is for the embedded FerretDB, which applies every
//     update as an unisolated read-modify-write of the whole document (so
//     even two plain $set of different fields can lose one) and scans for
//     any filter but an exact {_id}: it takes the user's lock in this
//     process, checks on a fresh read and writes by _id alone (exact with
//     one process, which the data directory's lock guarantees).
//
// Reads, counts and inserts need no guard on either database: the service
// runs them on users() directly. The interface is sealed: both stores live
// here and share mongoStore.
type Store interface {
	users() *mongo.Collection
	intents() store.Intents
	addressBook(ctx context.Context, oid bson.ObjectID) (addressBook, error)

	// update applies change, whose result does not depend on the record it
	// replaces ($set of given values, $addToSet, $pull), and returns the
	// record after it; ErrNotFound when there is none.
	update(ctx context.Context, oid bson.ObjectID, change bson.D) (userDoc, error)
	// editProfile writes the $set fields decide makes of the current
	// record, provided its document type and number (the only fields
	// decide may read) did not change meanwhile. decide may run more than
	// once; its error is returned as is.
	editProfile(ctx context.Context, oid bson.ObjectID, decide func(User) (bson.D, error)) (userDoc, error)
	// setActive sets whether the account is active; ErrDeleted when
	// activating an account the identity provider deleted.
	setActive(ctx context.Context, oid bson.ObjectID, active bool, at time.Time) (userDoc, error)
	// setStripeCustomer stores stripeID unless an id is stored already, and
	// returns the id stored.
	setStripeCustomer(ctx context.Context, oid bson.ObjectID, stripeID string) (string, error)
	// changeAddresses writes back what change makes of the address list,
	// with no other change of the list in between; change may run more than
	// once and gets its own copy each time. ErrConcurrentChange when the
	// list kept changing.
	changeAddresses(ctx context.Context, oid bson.ObjectID, change func([]addressDoc) ([]addressDoc, error), at time.Time) ([]addressDoc, error)

	// upsertSubject updates the record that filter (the subject's clerkId
	// and the conditions the event must meet) matches with change; when
	// none matches it inserts create, calling creating first and created
	// after the insert; when the insert finds a record (created meanwhile,
	// deleted or newer) it tries the update once more.
	upsertSubject(ctx context.Context, subject string, filter, change bson.D, create userDoc,
		creating func(context.Context) error, created func(context.Context, userDoc)) error
	// changeSubject applies change to the record filter (the subject's
	// clerkId and the conditions) matches, if any.
	changeSubject(ctx context.Context, subject string, filter, change bson.D) error
}

// mongoStore is what both stores share.
type mongoStore struct{ s *store.Store }

func (m mongoStore) users() *mongo.Collection { return m.s.DB.Collection(usersCollection) }

// createdIntents marks users about to be created, so a crash between the
// insert and the user.created event is redriven by DrainCreated (see
// store.Intents for why no crash point loses or duplicates it).
const createdIntents = "user_created_marks"

func (m mongoStore) intents() store.Intents { return m.s.Intents(createdIntents) }

func (m mongoStore) get(ctx context.Context, oid bson.ObjectID) (userDoc, error) {
	var d userDoc
	err := m.users().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return userDoc{}, ErrNotFound
	}
	if err != nil {
		return userDoc{}, fmt.Errorf("find user: %w", err)
	}
	return d, nil
}

// updateWhere applies change to the record filter matches and returns it
// after the change; found is false when none matches.
func (m mongoStore) updateWhere(ctx context.Context, filter, change bson.D) (d userDoc, found bool, err error) {
	err = m.users().FindOneAndUpdate(ctx, filter, change,
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return userDoc{}, false, nil
	}
	if err != nil {
		return userDoc{}, false, fmt.Errorf("update user: %w", err)
	}
	return d, true, nil
}

func (m mongoStore) update(ctx context.Context, oid bson.ObjectID, change bson.D) (userDoc, error) {
	d, found, err := m.updateWhere(ctx, bson.D{{"_id", oid}}, change)
	if err == nil && !found {
		err = ErrNotFound
	}
	return d, err
}

func activeFields(active bool, at time.Time) bson.D {
	return bson.D{{"$set", bson.D{{"isActive", active}, {"updatedAt", at}}}}
}

func stripeFields(stripeID string) bson.D {
	return bson.D{{"$set", bson.D{{"stripeCustomerId", stripeID}}}}
}

// addressBook is the part of a user record the address rules read. Rev
// counts the changes of the list; it guards each change on MongoDB so that
// two servers cannot both apply a change computed from the same list.
type addressBook struct {
	Addresses []addressDoc `bson:"addresses"`
	Rev       int64        `bson:"addressesRev"`
}

func (m mongoStore) addressBook(ctx context.Context, oid bson.ObjectID) (addressBook, error) {
	var b addressBook
	err := m.users().FindOne(ctx, bson.D{{"_id", oid}},
		options.FindOne().SetProjection(bson.D{{"addresses", 1}, {"addressesRev", 1}})).Decode(&b)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return addressBook{}, ErrNotFound
	}
	if err != nil {
		return addressBook{}, fmt.Errorf("read addresses: %w", err)
	}
	return b, nil
}

// changeAddressesWhere is Store.changeAddresses writing through the filter
// guard makes of the list read; a write that matched nothing is made again
// on a fresh read.
func (m mongoStore) changeAddressesWhere(ctx context.Context, oid bson.ObjectID, change func([]addressDoc) ([]addressDoc, error),
	at time.Time, guard func(read addressBook) bson.D) ([]addressDoc, error) {
	for range 3 {
		b, err := m.addressBook(ctx, oid)
		if err != nil {
			return nil, err
		}
		book, err := change(slices.Clone(b.Addresses))
		if err != nil {
			return nil, err
		}
		if book == nil {
			book = []addressDoc{}
		}
		res, err := m.users().UpdateOne(ctx, guard(b), bson.D{
			{"$set", bson.D{{"addresses", book}, {"updatedAt", at}}},
			{"$inc", bson.D{{"addressesRev", int64(1)}}},
		})
		if err != nil {
			return nil, fmt.Errorf("save addresses: %w", err)
		}
		if res.MatchedCount == 1 {
			return book, nil
		}
	}
	return nil, ErrConcurrentChange
}

// upsertSubject is Store.upsertSubject with each step one single-document
// write: the filter's conditions are checked by the update itself, and the
// unique _id (derived from the subject) and clerkId make a second insert
// fail instead of making a second record.
func (m mongoStore) upsertSubject(ctx context.Context, _ string, filter, change bson.D, create userDoc,
	creating func(context.Context) error, created func(context.Context, userDoc)) error {
	update := func() (bool, error) {
		res, err := m.users().UpdateOne(ctx, filter, change)
		if err != nil {
			return false, fmt.Errorf("update user from the identity provider: %w", err)
		}
		return res.MatchedCount == 1, nil
	}
	if ok, err := update(); ok || err != nil {
		return err
	}
	if err := creating(ctx); err != nil {
		return err
	}
	_, err := m.users().InsertOne(ctx, create)
	if !store.IsDuplicateKey(err) {
		if err != nil {
			return fmt.Errorf("create user from the identity provider: %w", err)
		}
		created(ctx, create)
		return nil
	}
	_, err = update()
	return err
}

func (m mongoStore) changeSubject(ctx context.Context, _ string, filter, change bson.D) error {
	if _, err := m.users().UpdateOne(ctx, filter, change); err != nil {
		return fmt.Errorf("update user from the identity provider: %w", err)
	}
	return nil
}
