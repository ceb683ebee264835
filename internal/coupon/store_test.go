package coupon

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// modeStore is the store the platform wires for s's mode: the embedded one
// normally, MongoDB's under make test-mongo.
func modeStore(s *store.Store) Store { return pick(s, !s.Embedded) }

// bothStores runs a one-goroutine test on each store (storetest.EachStore
// says what that proves and what it does not).
func bothStores(t *testing.T, run func(t *testing.T, svc *Service, db Store)) {
	storetest.EachStore(t, Indexes(), func(t *testing.T, s *store.Store, mongo bool) {
		db := pick(s, mongo)
		run(t, NewService(db, "COP"), db)
	})
}

// pick is the store under test.
func pick(s *store.Store, mongo bool) Store {
	if mongo {
		return NewMongoStore(s)
	}
	return NewEmbeddedStore(s)
}

func newCoupon(t *testing.T, svc *Service, code string, limit, perCustomer int) Coupon {
	t.Helper()
	c, err := svc.Create(t.Context(), Coupon{Code: code, Type: Percentage, Value: 10, Active: true,
		UsageLimit: limit, PerCustomerLimit: perCustomer})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStoreCountsUsesWithinBothLimits(t *testing.T) {
	bothStores(t, func(t *testing.T, svc *Service, db Store) {
		ctx := t.Context()
		c := newCoupon(t, svc, "DOSVECES", 2, 1)
		if err := db.countUse(ctx, c.ID, "ana", 2, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.countUse(ctx, c.ID, "ana", 2, 1); !errors.Is(err, ErrAlreadyUsed) {
			t.Fatalf("a customer's second use: %v", err)
		}
		if err := db.countUse(ctx, c.ID, "luis", 2, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.countUse(ctx, c.ID, "eva", 2, 1); !errors.Is(err, ErrUsageLimit) {
			t.Fatalf("a use past the coupon's limit: %v", err)
		}
		// Both counts or neither: eva's count went back with the refusal.
		if n, _ := db.usage(ctx, c.ID, "eva"); n != 0 {
			t.Fatalf("refused customer's count = %d", n)
		}
		got, _ := svc.Get(ctx, c.ID)
		if got.UsedCount != 2 {
			t.Fatalf("usedCount = %d, want 2", got.UsedCount)
		}
		// Giving back never goes below zero.
		for range 3 {
			if err := db.uncountUse(ctx, c.ID, "ana"); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = svc.Get(ctx, c.ID)
		if n, _ := db.usage(ctx, c.ID, "ana"); n != 0 || got.UsedCount != 0 {
			t.Fatalf("after give-backs: ana %d, coupon %d; want 0 and 0", n, got.UsedCount)
		}
		// Unlimited coupons count too.
		free := newCoupon(t, svc, "SIEMPRE", 0, 0)
		for range 3 {
			if err := db.countUse(ctx, free.ID, "ana", 0, 0); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := db.usage(ctx, free.ID, "ana"); n != 3 {
			t.Fatalf("unlimited coupon's count = %d", n)
		}
		if err := svc.Delete(ctx, free.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.countUse(ctx, free.ID, "ana", 0, 0); !errors.Is(err, ErrUsageLimit) {
			t.Fatalf("use of a deleted coupon: %v", err)
		}
		if err := svc.Delete(ctx, free.ID); !errors.Is(err, ErrUnknownID) {
			t.Fatalf("second delete: %v", err)
		}
	})
}

func TestRedeemAndReleaseAreOncePerOrder(t *testing.T) {
	bothStores(t, func(t *testing.T, svc *Service, db Store) {
		ctx := t.Context()
		c := newCoupon(t, svc, "UNAVEZ", 1, 0)
		if _, err := svc.Redeem(ctx, "unavez", "ana", "o1", 100000); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Redeem(ctx, "unavez", "luis", "o2", 100000); !errors.Is(err, ErrUsageLimit) {
			t.Fatalf("redeem past the limit: %v", err)
		}
		if _, found, _ := db.findRedemption(ctx, "o2"); found {
			t.Fatal("a refused redemption stayed recorded")
		}
		for range 2 {
			if err := svc.Release(ctx, "o1"); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := svc.Get(ctx, c.ID); got.UsedCount != 0 {
			t.Fatalf("usedCount after releasing twice = %d, want 0", got.UsedCount)
		}
		if released, err := db.markReleased(ctx, "o1"); err != nil || released {
			t.Fatalf("releasing a released redemption: %v %v", released, err)
		}
		if _, err := svc.Redeem(ctx, "unavez", "luis", "o3", 100000); err != nil {
			t.Fatalf("redeem after the release: %v", err)
		}
		// Counters broken by a crash come back from the redemptions.
		oid, _ := bson.ObjectIDFromHex(c.ID)
		if err := db.uncountUse(ctx, c.ID, "luis"); err != nil {
			t.Fatal(err)
		}
		fixed, err := db.recount(ctx, oid)
		if err != nil || len(fixed) != 2 {
			t.Fatalf("recount: %+v %v", fixed, err)
		}
		if got, _ := svc.Get(ctx, c.ID); got.UsedCount != 1 {
			t.Fatalf("usedCount after recount = %d, want 1", got.UsedCount)
		}
	})
}

func TestEditsLandOnTheCouponTheyWereMadeFrom(t *testing.T) {
	bothStores(t, func(t *testing.T, svc *Service, db Store) {
		ctx := t.Context()
		c := newCoupon(t, svc, "EDITAME", 5, 0)
		newCoupon(t, svc, "OTRO", 5, 0)
		oid, _ := bson.ObjectIDFromHex(c.ID)
		calls := 0
		d, ok, err := db.edit(ctx, oid, func(cur Coupon) (Coupon, error) {
			calls++
			if _, isMongo := db.(mongoCoupons); isMongo && calls == 1 {
				// Another server's edit between the read and the write.
				desc := "cambiada en otro servidor"
				if _, err := svc.Update(ctx, c.ID, Changes{Description: &desc}); err != nil {
					t.Fatal(err)
				}
			}
			cur.Value = 20
			return cur, nil
		}, svc.now())
		if err != nil || !ok || d.Value != 20 {
			t.Fatalf("edit: %+v %v %v", d, ok, err)
		}
		if _, isMongo := db.(mongoCoupons); isMongo && (calls != 2 || d.Description != "cambiada en otro servidor") {
			t.Fatalf("edit ran %d times and kept %q; want 2 runs and the other edit kept", calls, d.Description)
		}
		code := "OTRO"
		if _, err := svc.Update(ctx, c.ID, Changes{Code: &code}); !errors.Is(err, ErrCodeTaken) {
			t.Fatalf("taking another coupon's code: %v", err)
		}
		if _, err := svc.Update(ctx, bson.NewObjectID().Hex(), Changes{Code: &code}); !errors.Is(err, ErrUnknownID) {
			t.Fatalf("editing a missing coupon: %v", err)
		}

	})
}

// TestConcurrentRedemptionsKeepTheLimits runs on the store of the tests'
// mode: the embedded one, or MongoDB's under make test-mongo.
func TestConcurrentRedemptionsKeepTheLimits(t *testing.T) {
	s := storetest.Store(t)
	if err := s.EnsureIndexes(t.Context(), Indexes()); err != nil {
		t.Fatal(err)
	}
	svc := NewService(modeStore(s), "COP")
	c := newCoupon(t, svc, "TRESVECES", 3, 1)
	var ok, limited, already atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 30 {
		// Ten customers, each trying three orders at once.
		user := fmt.Sprintf("cliente%d", i%10)
		wg.Go(func() {
			<-start
			_, err := svc.Redeem(t.Context(), "TRESVECES", user, fmt.Sprintf("orden-%d", i), 100000)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, ErrUsageLimit):
				limited.Add(1)
			case errors.Is(err, ErrAlreadyUsed):
				already.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	got, _ := svc.Get(t.Context(), c.ID)
	if ok.Load() != 3 || got.UsedCount != 3 || ok.Load()+limited.Load()+already.Load() != 30 {
		t.Fatalf("redeemed %d (usedCount %d), limited %d, already used %d; want 3 redeemed of 30",
			ok.Load(), got.UsedCount, limited.Load(), already.Load())
	}
	// Each customer has at most one use, and the counts add up.
	total := 0
	for i := range 10 {
		n, _ := svc.db.usage(t.Context(), c.ID, fmt.Sprintf("cliente%d", i))
		if n > 1 {
			t.Fatalf("cliente%d used it %d times", i, n)
		}
		total += n
	}
	if total != 3 {
		t.Fatalf("customers' counts add up to %d, want 3", total)
	}
}
