package httpapi_test

import (
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

func newStripeShop(t *testing.T) *shop {
	url := apitest.StripeMock(t)
	return newCardShop(t, apitest.WithEnv("STRIPE_SECRET_KEY", "sk_test_123"),
		apitest.WithEnv("STRIPE_PUBLISHABLE_KEY", "pk_test_donpalito"), apitest.WithEnv("STRIPE_API_URL", url))
}

func TestCardCheckoutCreatesAPaymentIntentForTheOrderTotal(t *testing.T) {
	s := newStripeShop(t)
	cfg, _ := s.env.Client("").GetConfigWithResponse(ctx)
	if cfg.JSON200 == nil || len(cfg.JSON200.PaymentMethods) != 2 || deref(cfg.JSON200.StripePublishableKey) != "pk_test_donpalito" {
		t.Fatalf("config with Stripe: %s", cfg.Body)
	}
	id := s.product(t, "Palito premium", 250000, 10)
	c, created := s.cardCheckout(t, "ana@donpalito.test", id, 3)
	if created.Payment.Provider != sdk.OrderPaymentProviderStripe || deref(created.Payment.PublishableKey) != "pk_test_donpalito" {
		t.Errorf("checkout payment: %+v", created.Payment)
	}
	res, err := c.CreatePaymentIntentWithResponse(ctx, nil, sdk.PaymentIntentCreate{OrderId: created.Id})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("create-intent: %v %s", err, res.Body)
	}
	pi := res.JSON200
	if pi.ClientSecret != deref(created.Payment.ClientSecret) || pi.IntentId != deref(created.Payment.IntentId) {
		t.Errorf("create-intent made a second intent: %+v", pi)
	}
	if pi.Amount != created.Total || pi.Currency != "COP" || deref(pi.PublishableKey) != "pk_test_donpalito" {
		t.Errorf("intent %d %s for an order of %d COP", pi.Amount, pi.Currency, created.Total)
	}
	// The intent Stripe answered with is for the order's total in minor
	// units: EnsureIntent refuses any other, and stored what it got.
	o := s.order(t, created.Id)
	if o.Payment.Amount != o.Total || o.Payment.Attempt != 1 {
		t.Errorf("stored payment: %+v", o.Payment)
	}
	u, err := s.env.App.Customers.Get(ctx, o.UserID)
	if err != nil || u.StripeCustomerID == "" {
		t.Errorf("the Stripe customer was not stored: %v %q", err, u.StripeCustomerID)
	}
}

func TestAdminCancelOfAPaidStripeOrderRefundsAndGivesStockBack(t *testing.T) {
	s := newStripeShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 4)
	body := stripeEvent(t, s.order(t, created.Id), true, nil)
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	if o := s.order(t, created.Id); o.Status != order.Paid {
		t.Fatalf("not paid: %s", o.Status)
	}
	if _, err := s.env.App.Orders.Transition(ctx, created.Id, order.Move{To: order.InPreparation, Actor: order.ActorAdmin}); err != nil {
		t.Fatal(err)
	}
	up, err := s.admin.UpdateOrderStatusWithResponse(ctx, created.Id, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusCanceled})
	if err != nil || up.JSON200 == nil {
		t.Fatalf("cancel: %v %s", err, up.Body)
	}
	waitDelivered(t, s.admin)
	o := s.order(t, created.Id)
	if o.Payment.RefundStatus != "succeeded" || o.Payment.RefundedAmount != o.Total {
		t.Errorf("refund: %q %d of %d", o.Payment.RefundStatus, o.Payment.RefundedAmount, o.Total)
	}
	if st := s.stock(t, id); st != 10 {
		t.Errorf("stock after cancel = %d, want 10", st)
	}
}
