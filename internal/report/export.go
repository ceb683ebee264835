package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/order"
)

// ExportColumns is the header of the orders export. Amounts are integers in
// minor units of the currency (centavos for COP), as everywhere in the API;
// the header says so.
var ExportColumns = []string{
	"Factura", "Fecha del pedido (Bogotá)", "Fecha de pago (Bogotá)", "Pedido", "Estado", "Método de pago",
	"Cliente", "Documento", "Email", "Teléfono", "Dirección", "Ciudad",
	"Producto", "Cantidad", "Precio unitario (centavos)", "Total línea (centavos)",
	"Subtotal (centavos)", "Envío (centavos)", "Descuento (centavos)", "Cupón", "IVA incluido (centavos)",
	"Total (centavos)", "Moneda",
}

// ExportOrders writes the orders q selects (paging ignored) as CSV, newest
// first: a header, then one row per order line with the order's columns
// repeated. It streams: orders are read and written one at a time.
func (s *Service) ExportOrders(ctx context.Context, q order.Query, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return err
	}
	n := 0
	err := s.orders.EachMatching(ctx, q, func(o order.Order) error {
		for _, row := range orderRows(o) {
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		if n++; n%50 == 0 {
			cw.Flush()
			return cw.Error()
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func orderRows(o order.Order) [][]string {
	paid := ""
	if o.PaidAt != nil {
		paid = bogota(*o.PaidAt)
	}
	phone := o.Customer.Phone
	if phone == "" {
		phone = o.Address.PhoneNumber
	}
	head := []string{
		text(o.InvoiceNumber), bogota(o.CreatedAt), paid, text(o.Reference()), text(o.Status.Label()),
		text(o.PaymentMethod.Label()), text(o.Customer.Name),
		text(customer.DocumentText(customer.DocumentType(o.Customer.DocumentType), o.Customer.DocumentNumber)),
		text(o.Customer.Email), text(phone), text(o.Address.StreetAddress), text(o.Address.City),
	}
	tail := []string{
		amount(o.Subtotal), amount(o.Shipping), amount(o.Discount), text(o.CouponCode), amount(o.TaxIncluded),
		amount(o.Total), text(o.Currency),
	}
	rows := make([][]string, 0, len(o.Lines))
	for _, l := range o.Lines {
		row := make([]string, 0, len(ExportColumns))
		row = append(row, head...)
		row = append(row, text(l.Name), strconv.Itoa(l.Quantity), amount(l.UnitPrice), amount(l.LineTotal))
		row = append(row, tail...)
		rows = append(rows, row)
	}
	return rows
}

func bogota(t time.Time) string { return t.In(coupon.Bogota).Format("2006-01-02 15:04") }

func amount(v int64) string { return strconv.FormatInt(v, 10) }

// text neutralises spreadsheet formulas: a cell a customer or admin wrote
// that starts with = + - @ (or a tab or carriage return) is prefixed with a
// single quote, so a spreadsheet shows it instead of running it.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportFileName names an export after its date range.
func (s *Service) ExportFileName(q order.Query) string {
	switch {
	case q.From != "" && q.To != "":
		return fmt.Sprintf("pedidos-%s-%s.csv", q.From, q.To)
	case q.From != "":
		return fmt.Sprintf("pedidos-desde-%s.csv", q.From)
	case q.To != "":
		return fmt.Sprintf("pedidos-hasta-%s.csv", q.To)
	}
	return fmt.Sprintf("pedidos-%s.csv", s.now().In(coupon.Bogota).Format(time.DateOnly))
}
