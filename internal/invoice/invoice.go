// Package invoice issues the sales invoice (factura de venta) of a paid
// order as a PDF. Every figure on it is the order's stored figure — subtotal,
// shipping, discount with its coupon, IVA and total — so the invoice always
// says what the customer was charged (legacy defect W-11).
package invoice

import (
	"bytes"
	"context"
	"fmt"

	"github.com/donpalito/donpalitojr/internal/order"
)

// Seller is the company that issues the invoices.
type Seller struct {
	Name    string
	NIT     string
	Address string
	City    string
	Phone   string
	Email   string
}

// Document is a rendered invoice.
type Document struct {
	FileName string
	PDF      []byte
}

// Service hands out the invoices of paid orders.
type Service struct {
	orders   *order.Service
	renderer Renderer
}

// NewService returns the invoice service.
func NewService(orders *order.Service, seller Seller, taxRate float64) *Service {
	return &Service{orders: orders, renderer: Renderer{Seller: seller, TaxRate: taxRate}}
}

// For returns the invoice of an order to its owner (userID) or to an admin.
// Another customer's order is order.ErrNotFound; an order that was never
// paid has no invoice (order.ErrInvoiceUnavailable).
func (s *Service) For(ctx context.Context, orderID, userID string, admin bool) (Document, error) {
	var (
		o   order.Order
		err error
	)
	if admin {
		o, err = s.orders.Get(ctx, orderID)
	} else {
		o, err = s.orders.GetFor(ctx, userID, orderID)
	}
	if err != nil {
		return Document{}, err
	}
	if !Available(o) {
		return Document{}, order.ErrInvoiceUnavailable
	}
	var buf bytes.Buffer
	if err := s.renderer.Render(&buf, o); err != nil {
		return Document{}, err
	}
	return Document{FileName: FileName(o), PDF: buf.Bytes()}, nil
}

// Available reports whether an order has an invoice: it was paid, which
// assigned its number. An order canceled after payment keeps its invoice
// (marked as voided): the number was issued and accounting needs it.
func Available(o order.Order) bool {
	if o.InvoiceNumber == "" || o.PaidAt == nil {
		return false
	}
	return order.IsPaidOrLater(o.Status) || o.Status == order.Canceled
}

// FileName is the download name: factura-FV-2025-000042.pdf.
func FileName(o order.Order) string {
	return fmt.Sprintf("factura-%s.pdf", o.InvoiceNumber)
}
