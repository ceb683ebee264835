package httpapi_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/payment"
	"github.com/donpalito/donpalitojr/internal/webhook"
	"github.com/donpalito/donpalitojr/sdk"
)

const stripeSecret = "whsec_test_donpalito"

func newCardShop(t *testing.T, opts ...apitest.Option) *shop {
	return newShop(t, append([]apitest.Option{apitest.WithEnv("STRIPE_WEBHOOK_SECRET", stripeSecret),
		apitest.WithEnv("SHOP_EMAIL", shopEmail)}, opts...)...)
}

// cardCheckout places a card order for a new customer through the API.
func (s *shop) cardCheckout(t *testing.T, email, productID string, qty int) (*sdk.ClientWithResponses, sdk.Order) {
	t.Helper()
	c := s.customer(t, email, map[string]int{productID: qty})
	res, err := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "card-" + email},
		sdk.OrderCreate{Address: address, PaymentMethod: sdk.Card})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("card checkout: %v %s", err, res.Body)
	}
	if deref(res.JSON201.Payment.ClientSecret) == "" || deref(res.JSON201.Payment.IntentId) == "" {
		t.Fatalf("card checkout without a client secret: %s", res.Body)
	}
	return c, *res.JSON201
}

func (s *shop) order(t *testing.T, id string) order.Order {
	t.Helper()
	o, err := s.env.App.Orders.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// stripeEvent is the event of a card outcome for an order, optionally edited.
func stripeEvent(t *testing.T, o order.Order, succeeded bool, edit func(map[string]any)) []byte {
	t.Helper()
	_, body, err := payment.SimulatedEvent(o, succeeded, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		edit(m)
		body, _ = json.Marshal(m)
	}
	return body
}

func postStripe(t *testing.T, env *apitest.Env, signature string, body []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/api/payment/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("Stripe-Signature", signature)
	}
	res, err := env.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	return res.StatusCode, problemCode(b.Bytes())
}

func sign(body []byte) string { return webhook.SignStripe(stripeSecret, time.Now(), body) }

func countStatus(o order.Order, st order.Status) int {
	n := 0
	for _, e := range o.Timeline {
		if e.Status == st {
			n++
		}
	}
	return n
}

func TestASignedSuccessDeliveredFiveTimesPaysTheOrderOnce(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 2)
	if created.Payment.Provider != sdk.OrderPaymentProviderSimulated {
		t.Fatalf("provider %s", created.Payment.Provider)
	}
	body := stripeEvent(t, s.order(t, created.Id), true, nil)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
				t.Errorf("delivery: %d", code)
			}
		}()
	}
	close(start)
	wg.Wait()
	o := s.order(t, created.Id)
	if o.Status != order.Paid || countStatus(o, order.Paid) != 1 || o.Payment.Status != "succeeded" || o.InvoiceNumber == "" {
		t.Fatalf("order after 5 deliveries: %s, %d paid moves, payment %s", o.Status, countStatus(o, order.Paid), o.Payment.Status)
	}
	if last := o.Timeline[len(o.Timeline)-1]; last.Actor != order.ActorPayment {
		t.Errorf("paid by %s, want payment", last.Actor)
	}
	msgs := mailbox(t, s.admin)
	if n := len(eventsOf(t, s.admin, "order.paid")); n != 1 {
		t.Errorf("%d order.paid events, want 1", n)
	}
	if n := len(mailTo(msgs, "ana@donpalito.test", "Pago confirmado")); n != 1 {
		t.Errorf("%d confirmation emails, want 1", n)
	}
}

func TestForgedStripeEventsAreRefusedAndChangeNothing(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	body := stripeEvent(t, s.order(t, created.Id), true, nil)
	altered := bytes.Replace(body, []byte(`"amount":`), []byte(`"amount":1`), 1)
	for name, c := range map[string]struct {
		sig  string
		body []byte
	}{
		"unsigned":     {"", body},
		"wrong secret": {webhook.SignStripe("whsec_other", time.Now(), body), body},
		"stale":        {webhook.SignStripe(stripeSecret, time.Now().Add(-10*time.Minute), body), body},
		"just expired": {webhook.SignStripe(stripeSecret, time.Now().Add(-webhook.StripeTolerance-time.Minute), body), body},
		// stripe-go alone would take a timestamp from the future.
		"from the future": {webhook.SignStripe(stripeSecret, time.Now().Add(10*time.Minute), body), body},
		"no timestamp":    {"v1=" + strings.SplitN(sign(body), ",v1=", 2)[1], body},
		"altered":         {sign(body), altered},
		"garbage":         {"t=abc,v1=zz", body},
	} {
		if code, pc := postStripe(t, s.env, c.sig, c.body); code != 400 || pc != "invalid_signature" {
			t.Errorf("%s: %d %s, want 400 invalid_signature", name, code, pc)
		}
	}
	if o := s.order(t, created.Id); o.Status != order.Pending || o.Payment.Status != "pending" {
		t.Errorf("a forged event changed the order: %s %s", o.Status, o.Payment.Status)
	}
	if n := countDocs(t, s.env, "webhook_events", bson.D{}); n != 0 {
		t.Errorf("%d webhook events recorded", n)
	}
}

func TestSignedEventsOfAnotherAPIVersionAreAppliedAndSignedNonEventsRefused(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	// Neither a missing nor an old api_version may drop a payment: the
	// endpoint's version is set in Stripe's dashboard, not by stripe-go.
	for i, version := range []any{nil, "2020-08-27"} {
		body := stripeEvent(t, s.order(t, created.Id), false, func(m map[string]any) {
			m["id"] = "evt_version_" + string(rune('a'+i))
			if version == nil {
				delete(m, "api_version")
			} else {
				m["api_version"] = version
			}
		})
		if code, pc := postStripe(t, s.env, sign(body), body); code != 200 {
			t.Fatalf("api_version %v: %d %s", version, code, pc)
		}
	}
	if o := s.order(t, created.Id); o.Payment.Status != "failed" || o.Payment.LastError != "Tu tarjeta fue rechazada." {
		t.Errorf("failures of another API version not applied: %s %q", o.Payment.Status, o.Payment.LastError)
	}
	body := stripeEvent(t, s.order(t, created.Id), true, func(m map[string]any) {
		m["id"], m["api_version"] = "evt_version_paid", "2019-12-03"
	})
	if code, pc := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatalf("success of another API version: %d %s", code, pc)
	}
	if o := s.order(t, created.Id); o.Status != order.Paid {
		t.Errorf("a success of another API version left the order %s", o.Status)
	}
	for name, body := range map[string]string{
		"not json":            `{"id":`,
		"no id":               `{"object":"event","type":"payment_intent.succeeded","data":{"object":{}}}`,
		"no data":             `{"id":"evt_x","object":"event","type":"payment_intent.succeeded"}`,
		"object not a object": `{"id":"evt_y","object":"event","type":"payment_intent.succeeded","data":{"object":"pi_1"}}`,
	} {
		if code, pc := postStripe(t, s.env, sign([]byte(body)), []byte(body)); code != 400 || pc != "validation_failed" {
			t.Errorf("signed %s: %d %s, want 400 validation_failed", name, code, pc)
		}
	}
}

func TestAnAmountMismatchIsFlaggedAndNotPaid(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	o := s.order(t, created.Id)
	for name, edit := range map[string]func(map[string]any){
		"amount": func(m map[string]any) {
			m["data"].(map[string]any)["object"].(map[string]any)["amount"] = o.Total - 100
		},
		"currency": func(m map[string]any) { m["data"].(map[string]any)["object"].(map[string]any)["currency"] = "usd" },
	} {
		body := stripeEvent(t, o, true, edit)
		if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
			t.Fatalf("%s: %d", name, code)
		}
		got := s.order(t, created.Id)
		if got.Status != order.Pending || got.Payment.Flag != order.FlagAmountMismatch {
			t.Errorf("%s mismatch: status %s flag %q", name, got.Status, got.Payment.Flag)
		}
	}
}

func TestFailedAndCanceledIntentsKeepOrRejectTheOrder(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 3)
	o := s.order(t, created.Id)
	body := stripeEvent(t, o, false, nil)
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	if got := s.order(t, created.Id); got.Status != order.Pending || got.Payment.LastError == "" || got.Payment.Status != "failed" {
		t.Errorf("after a failure: %s %q %s", got.Status, got.Payment.LastError, got.Payment.Status)
	}
	body = stripeEvent(t, o, false, func(m map[string]any) {
		m["id"], m["type"] = "evt_canceled_1", "payment_intent.canceled"
	})
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	if got := s.order(t, created.Id); got.Status != order.Rejected {
		t.Errorf("after cancel: %s", got.Status)
	}
	if st := s.stock(t, id); st != 10 {
		t.Errorf("stock after a canceled intent = %d, want 10", st)
	}
	// A success for an unknown order does no harm.
	body = stripeEvent(t, o, true, func(m map[string]any) {
		m["id"] = "evt_unknown"
		obj := m["data"].(map[string]any)["object"].(map[string]any)
		obj["metadata"] = map[string]any{"orderId": "665f1c2e8b3a4d0012345678"}
	})
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Errorf("unknown order: %d", code)
	}
}

func TestALateSuccessAfterExpiryIsFlaggedAndRefunded(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, created := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	if _, err := s.env.App.Orders.Transition(ctx, created.Id, order.Move{To: order.Canceled, Actor: order.ActorSystem, Note: "Expiró sin pago"}); err != nil {
		t.Fatal(err)
	}
	body := stripeEvent(t, s.order(t, created.Id), true, nil)
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	o := s.order(t, created.Id)
	if o.Status != order.Canceled || o.Payment.Flag != order.FlagLatePayment || o.Payment.RefundStatus != "succeeded" || o.Payment.RefundedAmount != o.Total {
		t.Errorf("late payment: %s flag %q refund %q %d", o.Status, o.Payment.Flag, o.Payment.RefundStatus, o.Payment.RefundedAmount)
	}
	waitDelivered(t, s.admin)
	if n := len(eventsOf(t, s.admin, "order.refunded")); n != 1 {
		t.Errorf("%d order.refunded events", n)
	}
}

func TestAdminCancelOfAPaidCardOrderRefundsAndGivesStockBack(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	c, created := s.cardCheckout(t, "ana@donpalito.test", id, 4)
	res, err := c.SimulateDevPaymentWithResponse(ctx, created.Id, sdk.SimulateDevPaymentJSONRequestBody{Outcome: sdk.DevPaymentSimulationOutcomeSucceeded})
	if err != nil || res.JSON200 == nil || res.JSON200.Order.Status != sdk.OrderStatusPaid {
		t.Fatalf("simulate: %v %s", err, res.Body)
	}
	up, err := s.admin.UpdateOrderStatusWithResponse(ctx, created.Id, nil, sdk.OrderStatusUpdate{Status: sdk.OrderStatusCanceled})
	if err != nil || up.JSON200 == nil || deref(up.JSON200.Payment.RefundStatus) != sdk.RefundStatusPending {
		t.Fatalf("cancel: %v %s", err, up.Body)
	}
	waitDelivered(t, s.admin)
	o := s.order(t, created.Id)
	if o.Payment.RefundStatus != "succeeded" || o.Payment.RefundedAmount != o.Total {
		t.Errorf("refund: %q %d", o.Payment.RefundStatus, o.Payment.RefundedAmount)
	}
	if st := s.stock(t, id); st != 10 {
		t.Errorf("stock after cancel = %d, want 10", st)
	}
}

func TestTheDevSimulatorDrivesTheRealWebhook(t *testing.T) {
	s := newCardShop(t)
	cfg, _ := s.env.Client("").GetConfigWithResponse(ctx)
	if cfg.JSON200 == nil || len(cfg.JSON200.PaymentMethods) != 2 || cfg.JSON200.StripePublishableKey != nil {
		t.Fatalf("config in dev mode: %s", cfg.Body)
	}
	id := s.product(t, "Palito premium", 250000, 10)
	c, created := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	other := s.customer(t, "otro@donpalito.test", nil)
	if r, _ := other.SimulateDevPaymentWithResponse(ctx, created.Id, sdk.SimulateDevPaymentJSONRequestBody{Outcome: sdk.DevPaymentSimulationOutcomeSucceeded}); r.StatusCode() != 404 {
		t.Errorf("another customer simulated a payment: %d", r.StatusCode())
	}
	res, err := c.SimulateDevPaymentWithResponse(ctx, created.Id, sdk.SimulateDevPaymentJSONRequestBody{Outcome: sdk.DevPaymentSimulationOutcomeFailed})
	if err != nil || res.JSON200 == nil || res.JSON200.Order.Status != sdk.OrderStatusPending || res.JSON200.EventType != "payment_intent.payment_failed" {
		t.Fatalf("simulate failure: %v %s", err, res.Body)
	}
	res, err = s.admin.SimulateDevPaymentWithResponse(ctx, created.Id, sdk.SimulateDevPaymentJSONRequestBody{Outcome: sdk.DevPaymentSimulationOutcomeSucceeded})
	if err != nil || res.JSON200 == nil || res.JSON200.Order.Status != sdk.OrderStatusPaid {
		t.Fatalf("simulate success: %v %s", err, res.Body)
	}
	// The event went through the webhook's ledger: the real path.
	if n := countDocs(t, s.env, "webhook_events", bson.D{{"_id", "stripe:" + res.JSON200.EventId}}); n != 1 || !strings.HasPrefix(res.JSON200.EventId, "evt_") {
		t.Errorf("the simulated event %s is not in the webhook ledger", res.JSON200.EventId)
	}
	again, _ := c.CreatePaymentIntentWithResponse(ctx, nil, sdk.PaymentIntentCreate{OrderId: created.Id})
	if again.StatusCode() != 409 {
		t.Errorf("create-intent for a paid order: %d", again.StatusCode())
	}
}

func TestTheDevSimulatorIsAbsentInClerkMode(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	env := newClerkEnv(t, key)
	tok := signToken(t, key, clerkClaims("user_sim", "sim@donpalito.test", nil))
	res, body := env.Do(http.MethodPost, "/api/dev/payments/665f1c2e8b3a4d0012345678/simulate", tok, "application/json",
		strings.NewReader(`{"outcome":"succeeded"}`))
	if res.StatusCode != 404 {
		t.Errorf("simulate in clerk mode: %d %s", res.StatusCode, body)
	}
	cfg, _ := env.Client("").GetConfigWithResponse(ctx)
	if cfg.JSON200 == nil || len(cfg.JSON200.PaymentMethods) != 1 || cfg.JSON200.PaymentMethods[0] != sdk.Transfer {
		t.Errorf("config without Stripe in clerk mode: %s", cfg.Body)
	}
	c := env.Client(tok)
	if r, _ := c.CreatePaymentIntentWithResponse(ctx, nil, sdk.PaymentIntentCreate{OrderId: "665f1c2e8b3a4d0012345678"}); r.StatusCode() != 409 || problemCode(r.Body) != "payment_method_unavailable" {
		t.Errorf("create-intent without a provider: %d %s", r.StatusCode(), r.Body)
	}
}

// A signed success pays an order only for the order's own PaymentIntent: the
// metadata is whatever the creator of the intent wrote, so naming a transfer
// order, or a card order with another intent, must never mark it paid.
func TestASuccessForAnotherIntentIsFlaggedAndNeverPays(t *testing.T) {
	s := newCardShop(t)
	id := s.product(t, "Palito premium", 250000, 10)
	_, card := s.cardCheckout(t, "ana@donpalito.test", id, 1)
	cardOrder := s.order(t, card.Id)
	transferClient := s.customer(t, "transferencia@donpalito.test", map[string]int{id: 1})
	transfer, _ := checkout(transferClient, "transferencia-ajena-1", "")
	if transfer.JSON201 == nil {
		t.Fatalf("transfer checkout: %s", transfer.Body)
	}
	transferOrder := s.order(t, transfer.JSON201.Id)

	foreign := func(evt, orderID, intentID, typ string, total int64) []byte {
		return stripeEvent(t, cardOrder, true, func(m map[string]any) {
			m["id"], m["type"] = evt, typ
			obj := m["data"].(map[string]any)["object"].(map[string]any)
			obj["id"], obj["amount"], obj["amount_received"] = intentID, total, total
			obj["metadata"] = map[string]any{"orderId": orderID}
		})
	}
	for name, c := range map[string]struct {
		order  order.Order
		intent string
	}{
		"transfer order":              {transferOrder, "pi_ajeno_transferencia"},
		"card order, another intent":  {cardOrder, "pi_ajeno_tarjeta"},
		"transfer order, card intent": {transferOrder, cardOrder.Payment.IntentID},
	} {
		body := foreign("evt_"+strings.ReplaceAll(name, " ", "_"), c.order.ID.Hex(), c.intent, "payment_intent.succeeded", c.order.Total)
		if code, pc := postStripe(t, s.env, sign(body), body); code != 200 {
			t.Fatalf("%s: %d %s", name, code, pc)
		}
		got := s.order(t, c.order.ID.Hex())
		if got.Status != order.Pending || got.PaidAt != nil || got.Payment.Flag != order.FlagUnexpectedPayment || countStatus(got, order.Paid) != 0 {
			t.Errorf("%s: status %s, flag %q: a foreign intent must be flagged and never pay", name, got.Status, got.Payment.Flag)
		}
	}
	// Nor may a foreign intent's cancellation reject the order.
	body := foreign("evt_cancelado_ajeno", cardOrder.ID.Hex(), "pi_ajeno_tarjeta", "payment_intent.canceled", cardOrder.Total)
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	if got := s.order(t, card.Id); got.Status != order.Pending {
		t.Errorf("a foreign intent's cancellation moved the order to %s", got.Status)
	}
	// The order's own intent still pays it.
	body = stripeEvent(t, s.order(t, card.Id), true, nil)
	if code, _ := postStripe(t, s.env, sign(body), body); code != 200 {
		t.Fatal(code)
	}
	if got := s.order(t, card.Id); got.Status != order.Paid {
		t.Errorf("the order's own intent: %s", got.Status)
	}
	if got := s.order(t, transfer.JSON201.Id); got.Status != order.Pending {
		t.Errorf("the transfer order: %s", got.Status)
	}
}
