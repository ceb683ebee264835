package invoice_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/invoice"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
)

var seller = invoice.Seller{
	Name: "Don Palito Junior", NIT: "71710169-0", Address: "Carrera 47 # 76D Sur-37", City: "Sabaneta, Antioquia",
	Phone: "3148702078", Email: "donpalitojr@gmail.com",
}

func paidOrder(lines int) order.Order {
	paid := time.Date(2025, 6, 4, 2, 30, 0, 0, time.UTC) // 3 June, 21:30 in Bogota
	o := order.Order{
		ID:     bson.NewObjectID(),
		Status: order.Paid, PaidAt: &paid, InvoiceNumber: "FV-2025-000042", Currency: "COP",
		PaymentMethod: order.Transfer, CouponCode: "PALITO10",
		Customer: order.Customer{Name: "Peña Núñez, José", Email: "jose@correo.test", DocumentType: "pasaporte",
			DocumentNumber: "AB123456", Phone: "3001234567"},
		Address: order.Address{FullName: "José Peña", StreetAddress: "Calle 10 # 43-12, apto 501", City: "Medellín",
			PhoneNumber: "3001234567"},
	}
	for i := range lines {
		l := order.Line{ProductID: bson.NewObjectID().Hex(), Name: fmt.Sprintf("Palito de queso añejo %d", i+1),
			UnitPrice: 250000, Quantity: i%3 + 1}
		l.LineTotal = l.UnitPrice * int64(l.Quantity)
		o.Lines = append(o.Lines, l)
		o.Subtotal += l.LineTotal
	}
	o.Discount = o.Subtotal / 10
	o.Shipping = 1_000_000
	o.Total = o.Subtotal + o.Shipping - o.Discount
	o.TaxIncluded = money.IncludedTax(o.Total, 0.19)
	return o
}

func render(t *testing.T, o order.Order) (raw []byte, text string) {
	t.Helper()
	var buf bytes.Buffer
	r := invoice.Renderer{Seller: seller, TaxRate: 0.19}
	if err := r.Render(&buf, o); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", buf.Bytes())
	}
	if dir := os.Getenv("INVOICE_SAMPLE_DIR"); dir != "" {
		// For looking at the result: INVOICE_SAMPLE_DIR=/tmp go test ./internal/invoice
		_ = os.WriteFile(fmt.Sprintf("%s/%s.pdf", dir, strings.ReplaceAll(t.Name(), "/", "_")), buf.Bytes(), 0o644)
	}
	return buf.Bytes(), apitest.PDFText(buf.Bytes())
}

func TestInvoiceShowsTheOrdersOwnFigures(t *testing.T) {
	o := paidOrder(3)
	_, text := render(t, o)
	for _, want := range []string{
		"FACTURA DE VENTA", "N.º FV-2025-000042", "Don Palito Junior", "NIT 71710169-0 · Responsable de IVA",
		"Carrera 47 # 76D Sur-37, Sabaneta, Antioquia", "Tel. 3148702078 · donpalitojr@gmail.com",
		"03/06/2025 21:30", // the paid date in Bogota, not UTC
		"#" + o.Reference(), "Transferencia bancaria",
		"Peña Núñez, José", "Pasaporte AB123456", "jose@correo.test", "3001234567", "Calle 10 # 43-12, apto 501",
		"Medellín, Colombia",
		"Palito de queso añejo 1", money.FormatCOP(250000), money.FormatCOP(750000),
		money.FormatCOP(o.Subtotal), money.FormatCOP(o.Shipping),
		"Descuento (cupón PALITO10)", "- " + money.FormatCOP(o.Discount),
		"Base gravable", money.FormatCOP(o.Total - o.TaxIncluded),
		"IVA incluido (19 %)", money.FormatCOP(o.TaxIncluded),
		"TOTAL A PAGAR", money.FormatCOP(o.Total),
		"Página 1 de 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the invoice lacks %q; it reads:\n%s", want, text)
		}
	}
	if strings.Contains(text, "ANULADA") {
		t.Error("a paid order's invoice is not voided")
	}
}

func TestInvoiceLeavesOutAZeroDiscountAndLabelsDocuments(t *testing.T) {
	for _, tc := range []struct{ kind, want string }{
		{"cedula_ciudadania", "C.C. 1036123456"},
		{"cedula_extranjeria", "C.E. 1036123456"},
		{"pasaporte", "Pasaporte 1036123456"},
	} {
		o := paidOrder(1)
		o.Discount, o.CouponCode = 0, ""
		o.Total = o.Subtotal + o.Shipping
		o.TaxIncluded = money.IncludedTax(o.Total, 0.19)
		o.PaymentMethod = order.Card
		o.Customer.DocumentType, o.Customer.DocumentNumber = tc.kind, "1036123456"
		_, text := render(t, o)
		if !strings.Contains(text, tc.want) {
			t.Errorf("%s: want %q in\n%s", tc.kind, tc.want, text)
		}
		if strings.Contains(text, "Descuento") {
			t.Errorf("no discount line without a discount:\n%s", text)
		}
		if !strings.Contains(text, "Tarjeta de crédito o débito") || !strings.Contains(text, money.FormatCOP(o.Total)) {
			t.Errorf("payment method or total missing:\n%s", text)
		}
	}
}

func TestLongInvoicesFlowOntoMorePages(t *testing.T) {
	o := paidOrder(60)
	o.Lines[5].Name = strings.Repeat("Bandeja familiar surtida de buñuelos y natilla ", 4)
	_, text := render(t, o)
	if !strings.Contains(text, "Página 2 de") || !strings.Contains(text, "Palito de queso añejo 60") {
		t.Fatalf("expected a second page with the last line:\n%s", text)
	}
	if !strings.Contains(text, money.FormatCOP(o.Total)) {
		t.Fatal("the total is missing")
	}
}

func TestTextOutsideTheFontStillPrints(t *testing.T) {
	o := paidOrder(1)
	o.Customer.Name = "Zoë Dvořák 李" // ë is in the font; ř loses its caron; 李 cannot print
	o.Lines[0].Name = "Cafe\u0301 con arequipe"
	_, text := render(t, o)
	for _, want := range []string{"Zoë Dvorák ?", "Café con arequipe"} {
		if !strings.Contains(text, want) {
			t.Errorf("want %q in\n%s", want, text)
		}
	}
}

func TestAnInvoiceOfAnOrderCanceledAfterPaymentIsMarkedVoided(t *testing.T) {
	o := paidOrder(1)
	o.Status = order.Canceled
	if !invoice.Available(o) {
		t.Fatal("an invoice that was issued stays available")
	}
	_, text := render(t, o)
	if !strings.Contains(text, "ANULADA") {
		t.Fatalf("not marked voided:\n%s", text)
	}
	unpaid := paidOrder(1)
	unpaid.Status, unpaid.PaidAt, unpaid.InvoiceNumber = order.Canceled, nil, ""
	if invoice.Available(unpaid) {
		t.Fatal("an order canceled before payment has no invoice")
	}
	if got := invoice.FileName(o); got != "factura-FV-2025-000042.pdf" {
		t.Fatalf("file name %q", got)
	}
}

func TestTheSameInvoiceIsTheSameBytes(t *testing.T) {
	o := paidOrder(2)
	a, _ := render(t, o)
	b, _ := render(t, o)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of one invoice differ")
	}
}
