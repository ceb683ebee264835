package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
)

func TestTheInvoiceOfACouponOrderShowsExactlyTheOrdersNumbers(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("COMPANY_NAME", "Palitos de Sabaneta S.A.S."))
	if _, err := env.App.Coupons.Create(ctx, coupon.Coupon{Code: "PALITO10", Type: coupon.Percentage, Value: 10, Active: true}); err != nil {
		t.Fatal(err)
	}
	palito := newProduct(t, env, "Palito de queso añejo", 250000, 50)
	natilla := newProduct(t, env, "Natilla de la abuela", 1290000, 50)
	ana := newShopper(t, env, "ana@correo.test", "José Peña")
	setDocument(t, env, ana, "pasaporte", "AB123456")
	o := placeOrder(t, env, ana, "palito10", item{palito, 3}, item{natilla, 1})
	if o.Discount == 0 || o.CouponCode != "PALITO10" {
		t.Fatalf("the coupon did not apply: %+v", o)
	}

	res, body := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", ana.token, "", nil)
	if res.StatusCode != 409 || apitest.Problem(t, 409, res.Header.Get("Content-Type"), body).Code != "invoice_unavailable" {
		t.Fatalf("before payment: %d %s", res.StatusCode, body)
	}

	o = moveTo(t, env, o, order.Paid)
	res, pdf := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", ana.token, "", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("invoice: %d %s %.200s", res.StatusCode, res.Header.Get("Content-Type"), pdf)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	if got, want := res.Header.Get("Content-Disposition"), `attachment; filename="factura-`+o.InvoiceNumber+`.pdf"`; got != want {
		t.Fatalf("Content-Disposition %q, want %q", got, want)
	}
	if !strings.HasPrefix(o.InvoiceNumber, "FV-") {
		t.Fatalf("invoice number %q", o.InvoiceNumber)
	}
	text := apitest.PDFText(pdf)
	if o.Total != o.Subtotal+o.Shipping-o.Discount || o.TaxIncluded != money.IncludedTax(o.Total, 0.19) {
		t.Fatalf("the order's own figures do not add up: %+v", o)
	}
	for _, want := range []string{
		"Palitos de Sabaneta S.A.S.", "FACTURA DE VENTA", o.InvoiceNumber, "#" + o.Reference(),
		"José Peña", "Pasaporte AB123456", "ana@correo.test", "Transferencia bancaria",
		"Palito de queso añejo", "Natilla de la abuela",
		money.FormatCOP(o.Subtotal), money.FormatCOP(o.Shipping),
		"Descuento (cupón PALITO10)", "- " + money.FormatCOP(o.Discount),
		money.FormatCOP(o.Total - o.TaxIncluded), money.FormatCOP(o.TaxIncluded),
		"TOTAL A PAGAR", money.FormatCOP(o.Total),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the invoice lacks %q; it reads:\n%s", want, text)
		}
	}

	// An admin may download any invoice; another customer cannot see it.
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)
	if res, again := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", admin, "", nil); res.StatusCode != 200 || !bytes.Equal(again, pdf) {
		t.Fatalf("admin: %d (same bytes: %v)", res.StatusCode, bytes.Equal(again, pdf))
	}
	luis := newShopper(t, env, "luis@correo.test", "Luis")
	for _, tc := range []struct {
		name, token, id string
		status          int
	}{
		{"another customer", luis.token, o.IDHex(), 404},
		{"an unknown order", ana.token, "665f1c2e8b3a4d0012345678", 404},
		{"anonymous", "", o.IDHex(), 401},
	} {
		res, body := env.Do(http.MethodGet, "/api/orders/"+tc.id+"/invoice", tc.token, "", nil)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, res.StatusCode, tc.status)
		}
		apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}

func TestOrdersThatWereNeverPaidHaveNoInvoice(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 50)
	ana := newShopper(t, env, "ana@correo.test", "Ana")
	for _, status := range []order.Status{order.Pending, order.Canceled, order.Rejected} {
		o := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), status)
		res, body := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", ana.token, "", nil)
		if res.StatusCode != 409 || apitest.Problem(t, 409, res.Header.Get("Content-Type"), body).Code != "invoice_unavailable" {
			t.Errorf("%s: %d %s", status, res.StatusCode, body)
		}
	}
	// Paid and every later state have one; so has an order canceled after
	// payment, marked as voided.
	for _, status := range []order.Status{order.InPreparation, order.Ready, order.Delivered} {
		o := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), status)
		if res, _ := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", ana.token, "", nil); res.StatusCode != 200 {
			t.Errorf("%s: %d", status, res.StatusCode)
		}
	}
	o := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), order.Paid)
	o, err := env.App.Orders.Transition(ctx, o.IDHex(), order.Move{To: order.Canceled, Actor: order.ActorAdmin})
	if err != nil {
		t.Fatal(err)
	}
	res, pdf := env.Do(http.MethodGet, "/api/orders/"+o.IDHex()+"/invoice", ana.token, "", nil)
	if res.StatusCode != 200 || !strings.Contains(apitest.PDFText(pdf), "ANULADA") {
		t.Fatalf("canceled after payment: %d", res.StatusCode)
	}
}
