package httpapi_test

import (
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// Issue 9, defect 3: with many transfer orders expiring while the admin
// confirms them, the sweep canceled orders the admin had just confirmed. A
// confirmed payment wins, or the confirmation fails; never both.
func TestExpirySweepNeverCancelsAConfirmedPayment(t *testing.T) {
	s := newShop(t, apitest.WithEnv("MAX_PENDING_ORDERS", "0"), apitest.WithEnv("ORDER_SWEEP_INTERVAL", "1h"))
	const orders, qty, stock = 40, 2, 1000
	product := s.product(t, "Pandebono", 90000, stock)
	s.coupon(t, sdk.CouponCreate{Code: "CARRERA", Type: sdk.Fixed, Value: 5000, PerCustomerLimit: ptr(1000)})
	p, err := s.env.App.Catalog.AdminGet(product)
	if err != nil {
		t.Fatal(err)
	}
	buyer := newShopper(t, s.env, "carrera@donpalito.test", "Carla Rueda")
	var placed []order.Order
	for range orders {
		placed = append(placed, placeOrder(t, s.env, buyer, "CARRERA", item{p, qty}))
	}
	// Every hold has run out.
	if _, err := s.env.App.Store.DB.Collection("orders").UpdateMany(ctx, bson.D{},
		bson.D{{"$set", bson.D{{"expiresAt", time.Now().Add(-time.Minute)}}}}); err != nil {
		t.Fatal(err)
	}
	for _, o := range placed {
		if err := s.env.App.Orders.Refresh(ctx, o.IDHex()); err != nil {
			t.Fatal(err)
		}
	}

	start := make(chan struct{})
	var wg sync.WaitGroup
	confirmed := make([]bool, orders)
	for i, o := range placed {
		wg.Go(func() {
			<-start
			r, err := s.admin.UpdateOrderStatusWithResponse(ctx, o.IDHex(), nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusPaid})
			switch {
			case err != nil:
				t.Error(err)
			case r.StatusCode() == 200:
				confirmed[i] = true
			case r.StatusCode() != 409 || problemCode(r.Body) != "invalid_transition":
				t.Errorf("confirm: %d %s", r.StatusCode(), r.Body)
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			<-start
			if _, err := s.env.App.Orders.ExpireDue(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	if _, err := s.env.App.Orders.ExpireDue(ctx); err != nil {
		t.Fatal(err)
	}

	paid := 0
	for i, o := range placed {
		got, err := s.env.App.Orders.Get(ctx, o.IDHex())
		if err != nil {
			t.Fatal(err)
		}
		var seen []order.Status
		for _, e := range got.Timeline {
			seen = append(seen, e.Status)
		}
		switch {
		case confirmed[i] && (got.Status != order.Paid || len(seen) != 2 || seen[1] != order.Paid):
			t.Errorf("order %d confirmed (200) but ended %s, timeline %v", i, got.Status, seen)
		case !confirmed[i] && (got.Status != order.Canceled || len(seen) != 2 || seen[1] != order.Canceled):
			t.Errorf("order %d refused confirmation but ended %s, timeline %v", i, got.Status, seen)
		}
		if got.Status == order.Paid {
			paid++
		}
	}
	t.Logf("%d of %d orders confirmed, the rest expired", paid, orders)
	if got := s.stock(t, product); got != stock-paid*qty {
		t.Errorf("stock %d, want %d: only the paid orders keep theirs", got, stock-paid*qty)
	}
	coupons, _ := s.admin.ListCouponsWithResponse(ctx, nil)
	if used := coupons.JSON200.Items[0].UsedCount; used != paid {
		t.Errorf("coupon used %d times, want %d (one per paid order)", used, paid)
	}
}
