package sdktest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/sdk"
)

// Staff read an order's reference off a screen or an invoice; every order
// method of the SDK takes it as well as the id.
func TestOrderMethodsTakeTheReference(t *testing.T) {
	env := apitest.New(t)
	c := newAPI(t, env.URL, sdk.WithHTTPClient(env.HTTP), sdk.WithAPIKey(adminKey(t, env)))
	p, err := c.CreateProduct(ctx, sdk.ProductCreate{Name: "Pandebono", Description: "Recién horneado", Price: 250000, Stock: 10, Category: "Panadería"})
	if err != nil {
		t.Fatal(err)
	}
	o := placeOrder(t, env, "referencia@donpalito.test", p.Id)

	for _, ref := range []string{o.Reference, strings.ToLower(o.Reference)} {
		id, err := c.ResolveOrderID(ctx, ref)
		if err != nil || id != o.Id {
			t.Fatalf("resolve %q = %q, %v; want %s", ref, id, err, o.Id)
		}
	}
	if id, err := c.ResolveOrderID(ctx, o.Id); err != nil || id != o.Id {
		t.Fatalf("resolve the id itself = %q, %v", id, err)
	}
	got, err := c.AdminGetOrder(ctx, o.Reference)
	if err != nil || got.Id != o.Id {
		t.Fatalf("get by reference: %v", err)
	}
	moved, err := c.ConfirmTransfer(ctx, strings.ToLower(o.Reference), "verificada")
	if err != nil || moved.Status != sdk.OrderStatusPaid || moved.Id != o.Id {
		t.Fatalf("confirm by reference: %+v %v", moved, err)
	}
	var pdf bytes.Buffer
	if err := c.OrderInvoice(ctx, o.Reference, &pdf); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("invoice by reference: %v (%d bytes)", err, pdf.Len())
	}
	if _, err := c.AdminGetOrder(ctx, "ABCDEF12"); !sdk.IsCode(err, "not_found") {
		t.Fatalf("unknown reference: %v", err)
	}
}
