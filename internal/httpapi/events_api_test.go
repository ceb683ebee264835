package httpapi_test

import (
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// eventsOf lists the outbox events of one type, as the admin.
func eventsOf(t *testing.T, admin *sdk.ClientWithResponses, typ string) []sdk.OutboxEvent {
	t.Helper()
	limit := 100
	res, err := admin.ListEventsWithResponse(ctx, &sdk.ListEventsParams{Type: &typ, Limit: &limit})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("list events: %v %s", err, res.Body)
	}
	return res.JSON200.Items
}

// waitDelivered waits until every event of the outbox is delivered.
func waitDelivered(t *testing.T, admin *sdk.ClientWithResponses) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var open int
		for _, st := range []sdk.OutboxEventState{sdk.OutboxEventStatePending, sdk.OutboxEventStateProcessing} {
			res, err := admin.ListEventsWithResponse(ctx, &sdk.ListEventsParams{State: &st})
			if err != nil || res.JSON200 == nil {
				t.Fatalf("list events: %v", err)
			}
			open += res.JSON200.Total
		}
		if open == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d events still undelivered", open)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOrderFactsAreRecordedAsEventsAndDelivered(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	ana := newShopper(t, env, "ana@donpalito.test", "Ana Gómez")
	o := placeOrder(t, env, ana, "", item{newProduct(t, env, "Palito de queso", 250000, 10), 2})
	moveTo(t, env, o, order.Paid)
	waitDelivered(t, admin)

	for typ, want := range map[string]int{"order.created": 1, "order.paid": 1, "order.status_changed": 1, "user.created": 2} {
		got := eventsOf(t, admin, typ)
		if len(got) != want {
			t.Errorf("%s: %d events, want %d", typ, len(got), want)
		}
		for _, e := range got {
			if e.State != sdk.OutboxEventStateDelivered || e.Attempts != 1 {
				t.Errorf("%s: state %s after %d attempts", typ, e.State, e.Attempts)
			}
		}
	}
	paid := eventsOf(t, admin, "order.paid")[0]
	if paid.Payload["orderId"] != o.IDHex() || deref(paid.AggregateId) != o.IDHex() {
		t.Errorf("order.paid payload: %+v", paid.Payload)
	}
	res, err := admin.RetryEventWithResponse(ctx, paid.Id)
	if err != nil || res.StatusCode() != 409 || problemCode(res.Body) != "conflict" {
		t.Errorf("retrying a delivered event: %v %d %s", err, res.StatusCode(), res.Body)
	}
	res, err = admin.RetryEventWithResponse(ctx, "665f1c2e8b3a4d0012345678")
	if err != nil || res.StatusCode() != 404 {
		t.Errorf("retrying an unknown event: %v %d", err, res.StatusCode())
	}
	if r, _ := ana.client.ListEventsWithResponse(ctx, nil); r.StatusCode() != 403 {
		t.Errorf("a customer listed events: %d", r.StatusCode())
	}
}

func mustOID(t *testing.T, hex string) bson.ObjectID {
	t.Helper()
	id, err := bson.ObjectIDFromHex(hex)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
