package customer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// modeStore is the store the platform wires for s's mode: the embedded one
// normally, MongoDB's under make test-mongo.
func modeStore(s *store.Store) Store { return pick(s, !s.Embedded) }

// bothStores runs a one-goroutine test on each store (storetest.EachStore
// says what that proves and what it does not).
func bothStores(t *testing.T, run func(t *testing.T, db Store, isMongo bool)) {
	storetest.EachStore(t, Indexes(), func(t *testing.T, s *store.Store, mongo bool) {
		run(t, pick(s, mongo), mongo)
	})
}

// pick is the store under test.
func pick(s *store.Store, mongo bool) Store {
	if mongo {
		return NewMongoStore(s)
	}
	return NewEmbeddedStore(s)
}

// newUser stores a new account the way a first sign-in does, without the
// addresses' revision (as records written before it existed).
func newUser(t *testing.T, db Store, subject string) bson.ObjectID {
	t.Helper()
	d := newUserDoc(subject, subject+"@correo.test", subject, "", auth.RoleCustomer, time.Now().UTC())
	if _, err := db.users().InsertOne(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func read(t *testing.T, db Store, oid bson.ObjectID) userDoc {
	t.Helper()
	d, err := mongoStore{}.getFrom(t.Context(), db, oid)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// getFrom reads a record through db's own collection.
func (mongoStore) getFrom(ctx context.Context, db Store, oid bson.ObjectID) (userDoc, error) {
	var d userDoc
	err := db.users().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	return d, err
}

// setDocument is a profile change of the document pair, made from what
// the record holds.
func setDocument(number string) func(User) (bson.D, error) {
	return func(u User) (bson.D, error) {
		return profileUpdate(u, ProfileChanges{DocumentType: ptr(CedulaCiudadania), DocumentNumber: &number}, time.Now().UTC())
	}
}

func ptr[T any](v T) *T { return &v }

func TestStoreEditsAProfileOnlyFromTheDocumentItRead(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store, isMongo bool) {
		ctx := t.Context()
		ana := newUser(t, db, "ana")
		if _, err := db.editProfile(ctx, ana, setDocument("1020304050")); err != nil {
			t.Fatal(err)
		}
		// A change of the number alone is checked against the stored type.
		// On MongoDB another server changes the pair between the read and
		// the write: the change is decided again on what it wrote.
		var seen []string
		d, err := db.editProfile(ctx, ana, func(u User) (bson.D, error) {
			seen = append(seen, string(u.DocumentType))
			if isMongo && len(seen) == 1 {
				if _, err := db.update(ctx, ana, bson.D{{"$set", bson.D{{"documentType", string(Pasaporte)}, {"documentNumber", "AB123456"}}}}); err != nil {
					t.Fatal(err)
				}
			}
			return profileUpdate(u, ProfileChanges{DocumentNumber: ptr("12345678")}, time.Now().UTC())
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{string(CedulaCiudadania)}
		if isMongo {
			want = append(want, string(Pasaporte))
		}
		if !slices.Equal(seen, want) {
			t.Fatalf("the rules saw document types %v; want %v", seen, want)
		}
		if isMongo && (d.DocumentType != string(Pasaporte) || d.DocumentNumber != "12345678") {
			t.Fatalf("stored %s %s; want the passport number checked as one", d.DocumentType, d.DocumentNumber)
		}
		// Refused changes write nothing; a missing user is not found.
		before := read(t, db, ana)
		if _, err := db.editProfile(ctx, ana, setDocument("no")); err == nil {
			t.Fatal("an invalid document number was saved")
		}
		if after := read(t, db, ana); after.DocumentNumber != before.DocumentNumber {
			t.Fatalf("a refused change wrote %q", after.DocumentNumber)
		}
		if _, err := db.editProfile(ctx, bson.NewObjectID(), setDocument("1020304050")); !errors.Is(err, ErrNotFound) {
			t.Fatalf("editing a missing user: %v", err)
		}
	})
}

func TestStoreKeepsDeletedAccountsInactiveAndTheFirstStripeCustomer(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store, _ bool) {
		ctx := t.Context()
		ana := newUser(t, db, "ana")
		now := time.Now().UTC()
		if d, err := db.setActive(ctx, ana, false, now); err != nil || d.IsActive {
			t.Fatalf("deactivate: %+v %v", d.IsActive, err)
		}
		if d, err := db.setActive(ctx, ana, true, now); err != nil || !d.IsActive {
			t.Fatalf("reactivate: %+v %v", d.IsActive, err)
		}
		if _, err := db.setActive(ctx, bson.NewObjectID(), true, now); !errors.Is(err, ErrNotFound) {
			t.Fatalf("activating a missing user: %v", err)
		}
		if _, err := db.setActive(ctx, bson.NewObjectID(), false, now); !errors.Is(err, ErrNotFound) {
			t.Fatalf("deactivating a missing user: %v", err)
		}

		if id, err := db.setStripeCustomer(ctx, ana, "cus_1"); err != nil || id != "cus_1" {
			t.Fatalf("first Stripe customer: %q %v", id, err)
		}
		if id, err := db.setStripeCustomer(ctx, ana, "cus_2"); err != nil || id != "cus_1" {
			t.Fatalf("second Stripe customer: %q %v; want the first kept", id, err)
		}
		if _, err := db.setStripeCustomer(ctx, bson.NewObjectID(), "cus_3"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Stripe customer of a missing user: %v", err)
		}

		// The identity provider deletes the account: it stays inactive.
		if err := db.changeSubject(ctx, "ana", bson.D{{"clerkId", "ana"}, {"deletedAt", bson.D{{"$exists", false}}}},
			bson.D{{"$set", bson.D{{"isActive", false}, {"deletedAt", now}}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.setActive(ctx, ana, true, now); !errors.Is(err, ErrDeleted) {
			t.Fatalf("reactivating a deleted account: %v", err)
		}
		if d, err := db.setActive(ctx, ana, false, now); err != nil || d.IsActive {
			t.Fatalf("deactivating a deleted account: %+v %v", d.IsActive, err)
		}
		if read(t, db, ana).IsActive {
			t.Fatal("a deleted account came back active")
		}
	})
}

func TestStoreAddressChangesLandOnTheListTheyWereMadeFrom(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store, isMongo bool) {
		ctx := t.Context()
		ana := newUser(t, db, "ana")
		add := func(label string) func([]addressDoc) ([]addressDoc, error) {
			return func(book []addressDoc) ([]addressDoc, error) {
				return append(book, addressDoc{ID: bson.NewObjectID(), Label: label}), nil
			}
		}
		labels := func() []string {
			b, err := db.addressBook(ctx, ana)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range b.Addresses {
				out = append(out, a.Label)
			}
			return out
		}
		// The record predates the revision; on MongoDB another server adds
		// an address between the read and the write, and the change is
		// made again on the list it left.
		for round, other := range []string{"oficina", "finca"} {
			calls := 0
			_, err := db.changeAddresses(ctx, ana, func(book []addressDoc) ([]addressDoc, error) {
				calls++
				if isMongo && calls == 1 {
					if _, err := db.changeAddresses(ctx, ana, add(other), time.Now().UTC()); err != nil {
						t.Fatal(err)
					}
				}
				return add(fmt.Sprint("casa", round))(book)
			}, time.Now().UTC())
			if err != nil {
				t.Fatal(err)
			}
			if isMongo && calls != 2 {
				t.Fatalf("round %d: the change ran %d times; want 2", round, calls)
			}
		}
		want := []string{"casa0", "casa1"}
		if isMongo {
			want = []string{"oficina", "casa0", "finca", "casa1"}
		}
		if got := labels(); !slices.Equal(got, want) {
			t.Fatalf("addresses %v; want %v", got, want)
		}

		// Anonymising the account moves the revision: a change computed
		// from the list before it does not bring the addresses back.
		calls := 0
		_, err := db.changeAddresses(ctx, ana, func(book []addressDoc) ([]addressDoc, error) {
			calls++
			if isMongo && calls == 1 {
				if err := db.changeSubject(ctx, "ana", bson.D{{"clerkId", "ana"}}, bson.D{
					{"$set", bson.D{{"addresses", bson.A{}}}}, {"$inc", bson.D{{"addressesRev", int64(1)}}},
				}); err != nil {
					t.Fatal(err)
				}
			}
			return book[:0], nil
		}, time.Now().UTC())
		if err != nil || (isMongo && calls != 2) {
			t.Fatalf("change after the anonymisation: %d runs, %v", calls, err)
		}
		if _, err := db.changeAddresses(ctx, bson.NewObjectID(), add("x"), time.Now().UTC()); !errors.Is(err, ErrNotFound) {
			t.Fatalf("addresses of a missing user: %v", err)
		}
	})
}

func TestStoreAppliesIdentityEventsOnceAndInOrder(t *testing.T) {
	bothStores(t, func(t *testing.T, db Store, _ bool) {
		ctx := t.Context()
		var creating, created int
		sync := func(name string, at int64) error {
			filter := bson.D{{"clerkId", "ana"}, {"deletedAt", bson.D{{"$exists", false}}}, {"$or", bson.A{
				bson.D{{"clerkUpdatedAt", bson.D{{"$exists", false}}}},
				bson.D{{"clerkUpdatedAt", bson.D{{"$lte", at}}}},
			}}}
			d := newUserDoc("ana", "ana@correo.test", name, "", auth.RoleCustomer, time.Now().UTC())
			d.ClerkUpdatedAt = at
			return db.upsertSubject(ctx, "ana", filter, bson.D{{"$set", bson.D{{"name", name}, {"clerkUpdatedAt", at}}}}, d,
				func(context.Context) error { creating++; return nil },
				func(context.Context, userDoc) { created++ })
		}
		for _, step := range []struct {
			name string
			at   int64
		}{{"Ana", 10}, {"Ana María", 20}, {"Vieja", 15}} {
			if err := sync(step.name, step.at); err != nil {
				t.Fatal(err)
			}
		}
		id := IDForSubject("ana")
		if d := read(t, db, id); d.Name != "Ana María" || d.ClerkUpdatedAt != 20 {
			t.Fatalf("after three events: %q at %d; want the newest applied", d.Name, d.ClerkUpdatedAt)
		}
		// The older event found no record to update and tried to insert:
		// marked, but refused by the unique _id.
		if creating != 2 || created != 1 {
			t.Fatalf("creating %d, created %d; want two attempts and one creation", creating, created)
		}
		// A deleted account is neither updated nor made again.
		if err := db.changeSubject(ctx, "ana", bson.D{{"clerkId", "ana"}, {"deletedAt", bson.D{{"$exists", false}}}},
			bson.D{{"$set", bson.D{{"deletedAt", time.Now().UTC()}, {"name", DeletedName}}}}); err != nil {
			t.Fatal(err)
		}
		if err := sync("Otra vez", 30); err != nil {
			t.Fatal(err)
		}
		if d := read(t, db, id); d.Name != DeletedName {
			t.Fatalf("a deleted account was renamed %q", d.Name)
		}
		if n, _ := db.users().CountDocuments(ctx, bson.D{}); n != 1 || created != 1 {
			t.Fatalf("%d records, %d created; want the one", n, created)
		}
		if _, err := db.update(ctx, bson.NewObjectID(), bson.D{{"$set", bson.D{{"name", "x"}}}}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("updating a missing user: %v", err)
		}
	})
}

// TestConcurrentChangesOfOneRecordAreAllKept runs on the store of the
// tests' mode: the embedded one, or MongoDB's under make test-mongo.
func TestConcurrentChangesOfOneRecordAreAllKept(t *testing.T) {
	s := storetest.Store(t)
	if err := s.EnsureIndexes(t.Context(), Indexes()); err != nil {
		t.Fatal(err)
	}
	db := modeStore(s)
	ana := newUser(t, db, "ana")
	start := make(chan struct{})
	var wg sync.WaitGroup
	// Different fields of one record at once: FerretDB rewrites the whole
	// document on each, so without the lock one would undo another.
	for i := range 8 {
		wg.Go(func() {
			<-start
			var err error
			switch i % 4 {
			case 0, 1:
				_, err = db.update(t.Context(), ana, bson.D{{"$addToSet", bson.D{{"wishlist", fmt.Sprint("producto", i)}}}})
			case 2:
				_, err = db.setStripeCustomer(t.Context(), ana, fmt.Sprint("cus_", i))
			case 3:
				_, err = db.editProfile(t.Context(), ana, setDocument(fmt.Sprint("10203040", i)))
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	d := read(t, db, ana)
	if len(d.Wishlist) != 4 || d.StripeCustomerID == "" || d.DocumentNumber == "" {
		t.Fatalf("wishlist %v, Stripe %q, document %q; want all four products and both fields", d.Wishlist, d.StripeCustomerID, d.DocumentNumber)
	}
}
