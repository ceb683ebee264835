package httpapi_test

import (
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// A refund Stripe left pending (or that no handler finished) is not
// forgotten: once it has been pending longer than REFUND_RETRY_AFTER the sweep
// publishes order.refund_retry, which shows in the admin's events and runs
// the refund again; one retry per period, and a fresh pending refund waits.
func TestARefundStuckPendingIsRetriedAndShownInTheEvents(t *testing.T) {
	s := newStripeShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	paidAndCanceled := func(email string) order.Order {
		_, created := s.cardCheckout(t, email, id, 2)
		body := stripeEvent(t, s.order(t, created.Id), true, nil)
		if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
			t.Fatal(code)
		}
		up, err := s.admin.UpdateOrderStatusWithResponse(ctx, created.Id, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusCanceled})
		if err != nil || up.JSON200 == nil {
			t.Fatalf("cancel: %v %s", err, up.Body)
		}
		waitDelivered(t, s.admin)
		return s.order(t, created.Id)
	}
	old, fresh := paidAndCanceled("ana@donpalito.test"), paidAndCanceled("beto@donpalito.test")

	// Stripe answered "pending" for both refunds and never said more; one
	// order was canceled two hours ago, the other a minute ago.
	orders := s.env.App.Store.DB.Collection("orders")
	for o, canceled := range map[string]time.Time{old.ID.Hex(): time.Now().Add(-2 * time.Hour), fresh.ID.Hex(): time.Now().Add(-time.Minute)} {
		oid, _ := bson.ObjectIDFromHex(o)
		if _, err := orders.UpdateOne(ctx, bson.D{{"_id", oid}}, bson.D{{"$set", bson.D{
			{"payment.refundStatus", "pending"}, {"payment.refundedAmount", int64(0)}, {"canceledAt", canceled},
		}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.env.App.Orders.Refresh(ctx, o); err != nil {
			t.Fatal(err)
		}
	}

	for range 2 { // the second sweep of the same period adds nothing
		n, err := s.env.App.Payments.RedriveRefunds(ctx, time.Hour)
		if err != nil || n != 1 {
			t.Fatalf("re-driven %d, %v; want only the refund pending for two hours", n, err)
		}
	}
	waitDelivered(t, s.admin)

	typ := "order.refund_retry"
	res, err := s.admin.ListEventsWithResponse(ctx, &sdk.ListEventsParams{Type: &typ})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("list events: %v", err)
	}
	if res.JSON200.Total != 1 || deref(res.JSON200.Items[0].AggregateId) != old.ID.Hex() || res.JSON200.Items[0].State != sdk.OutboxEventStateDelivered {
		t.Fatalf("refund retries in the events: %+v", res.JSON200.Items)
	}
	if o := s.order(t, old.ID.Hex()); o.Payment.RefundStatus != "succeeded" || o.Payment.RefundedAmount != o.Total {
		t.Errorf("retried refund: %q %d of %d", o.Payment.RefundStatus, o.Payment.RefundedAmount, o.Total)
	}
	if o := s.order(t, fresh.ID.Hex()); o.Payment.RefundStatus != "pending" {
		t.Errorf("a refund pending for a minute was retried: %q", o.Payment.RefundStatus)
	}
}
