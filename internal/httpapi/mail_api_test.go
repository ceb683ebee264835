package httpapi_test

import (
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// mailbox returns every kept email, once the outbox has delivered everything.
func mailbox(t *testing.T, admin *sdk.ClientWithResponses) []sdk.MailMessage {
	t.Helper()
	waitDelivered(t, admin)
	limit := 100
	res, err := admin.ListDevMailboxWithResponse(ctx, &sdk.ListDevMailboxParams{Limit: &limit})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("mailbox: %v %s", err, res.Body)
	}
	return res.JSON200.Items
}

// mailTo counts the emails to one address whose subject starts with prefix.
func mailTo(msgs []sdk.MailMessage, to, prefix string) []sdk.MailMessage {
	var out []sdk.MailMessage
	for _, m := range msgs {
		if len(m.To) == 1 && m.To[0] == to && strings.HasPrefix(m.Subject, prefix) {
			out = append(out, m)
		}
	}
	return out
}

const shopEmail = "tienda@donpalito.test"

func TestAnOrderPlacedAndPaidSendsEachEmailOnce(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SHOP_EMAIL", shopEmail))
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	ana := newShopper(t, env, "ana@donpalito.test", "Ana Gómez")
	o := placeOrder(t, env, ana, "", item{newProduct(t, env, "Palito de queso", 250000, 10), 2})
	o = moveTo(t, env, o, order.InPreparation)
	ref := o.Reference()

	msgs := mailbox(t, admin)
	for _, want := range []struct{ to, subject string }{
		{"ana@donpalito.test", "¡Bienvenido"},
		{"ana@donpalito.test", "Recibimos tu pedido #" + ref},
		{shopEmail, "Nuevo pedido #" + ref},
		{"ana@donpalito.test", "Pago confirmado — pedido #" + ref},
		{shopEmail, "Pago recibido — pedido #" + ref},
		{"ana@donpalito.test", "Estamos preparando tu pedido — pedido #" + ref},
	} {
		if got := mailTo(msgs, want.to, want.subject); len(got) != 1 {
			t.Errorf("%d emails %q to %s, want 1", len(got), want.subject, want.to)
		}
	}
	paid := mailTo(msgs, "ana@donpalito.test", "Pago confirmado")
	if len(paid) == 1 {
		a := paid[0].Attachments
		if len(a) != 1 || a[0].Filename != "factura-"+o.InvoiceNumber+".pdf" || a[0].ContentType != "application/pdf" || a[0].Size < 1000 {
			t.Errorf("payment email attachments: %+v", a)
		}
	}
	if len(mailTo(msgs, "ana@donpalito.test", "Pago confirmado")[0].Html) == 0 {
		t.Error("empty html")
	}
	// Every email has a plain-text alternative written from the same data:
	// no markup, the order's reference and its total.
	total := money.FormatCOP(o.Total)
	for _, m := range msgs {
		text := deref(m.Text)
		if text == "" || strings.ContainsAny(text, "<>") {
			t.Errorf("%q: text alternative %q", m.Subject, text)
		}
		if !strings.HasPrefix(m.Subject, "¡Bienvenido") && (!strings.Contains(text, "#"+ref) || !strings.Contains(text, total)) {
			t.Errorf("%q: the text lacks #%s or %s:\n%s", m.Subject, ref, total, text)
		}
	}
	if paid := mailTo(msgs, "ana@donpalito.test", "Pago confirmado"); len(paid) == 1 {
		if text := deref(paid[0].Text); !strings.Contains(text, "2 × Palito de queso: "+money.FormatCOP(500000)) || !strings.Contains(text, "Total: "+total) {
			t.Errorf("the payment email's text lacks its lines:\n%s", text)
		}
	}

	// Redelivering the events sends nothing again.
	for _, typ := range []string{"order.created", "order.paid"} {
		ev := eventsOf(t, admin, typ)[0]
		// Put the delivered event back in the live outbox as dead, as if its
		// delivery had never been recorded.
		var doc map[string]any
		if err := env.App.Store.DB.Collection("outbox_delivered").FindOneAndDelete(ctx, map[string]any{"_id": mustOID(t, ev.Id)}).Decode(&doc); err != nil {
			t.Fatal(err)
		}
		doc["state"], doc["done"] = "dead", []string{}
		if _, err := env.App.Store.DB.Collection("outbox").InsertOne(ctx, doc); err != nil {
			t.Fatal(err)
		}
		if r, _ := admin.RetryEventWithResponse(ctx, ev.Id); r.StatusCode() != 200 {
			t.Fatalf("retry: %d %s", r.StatusCode(), r.Body)
		}
	}
	if again := mailbox(t, admin); len(again) != len(msgs) {
		t.Errorf("redelivered events sent %d more emails", len(again)-len(msgs))
	}
}

func TestCustomerValuesAreEscapedInEmails(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SHOP_EMAIL", shopEmail))
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	evil := newShopper(t, env, "evil@donpalito.test", `<script>alert("x")</script>`)
	placeOrder(t, env, evil, "", item{newProduct(t, env, "Buñuelo", 150000, 10), 1})
	msgs := mailbox(t, admin)
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Html, "<script") {
			t.Errorf("%q carries a raw script tag: %s", m.Subject, m.Html)
		}
		if strings.Contains(m.Html, "&lt;script&gt;") {
			n++
		}
	}
	if n < 3 { // welcome, order received, the shop's copy
		t.Errorf("the escaped name appears in %d emails, want at least 3", n)
	}
}

func TestCustomersWithoutEmailNotificationsGetNoneButTheShopDoes(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SHOP_EMAIL", shopEmail))
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	quiet := newShopper(t, env, "quiet@donpalito.test", "Silvia")
	off := false
	if r, err := quiet.client.UpdateNotificationPreferencesWithResponse(ctx, sdk.NotificationPreferencesUpdate{EmailNotifications: &off}); err != nil || r.StatusCode() != 200 {
		t.Fatalf("preferences: %v %d", err, r.StatusCode())
	}
	before := len(mailTo(mailbox(t, admin), "quiet@donpalito.test", ""))
	o := placeOrder(t, env, quiet, "", item{newProduct(t, env, "Natilla", 300000, 10), 1})
	moveTo(t, env, o, order.Delivered)
	msgs := mailbox(t, admin)
	if got := len(mailTo(msgs, "quiet@donpalito.test", "")) - before; got != 0 {
		t.Errorf("%d order emails to a customer who turned them off", got)
	}
	if len(mailTo(msgs, shopEmail, "Nuevo pedido")) != 1 || len(mailTo(msgs, shopEmail, "Pago recibido")) != 1 {
		t.Error("the shop did not get its copies")
	}
}
