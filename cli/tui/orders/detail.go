package orders

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// detailView renders the open order in room lines. A longer order scrolls
// by m.scroll, with its last line saying where the view is.
func (m *Model) detailView(room int) string {
	lines := m.detailLines()
	if len(lines) > room {
		shown := max(1, room-1)
		start := min(m.scroll, len(lines)-shown)
		more := fmt.Sprintf("  ↑↓ líneas %d–%d de %d", start+1, start+shown, len(lines))
		lines = append(lines[start:start+shown:start+shown], m.s.Styles.Muted.Render(more))
	}
	fit := lipgloss.NewStyle().MaxWidth(max(1, m.width))
	for i, l := range lines {
		lines[i] = fit.Render(l)
	}
	return strings.Join(lines, "\n")
}

// detailRoom is how many lines the detail has above the bottom line.
func (m *Model) detailRoom() int { return max(1, m.height-1-strings.Count(m.bottom(), "\n")) }

// detailLines are the open order's lines: who, where, how it is paid, what
// was bought, the totals and the timeline.
func (m *Model) detailLines() []string {
	st, o := m.s.Styles, m.detail
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	label := func(s string) string { return st.Label.Render(fmt.Sprintf("%-8s", s)) }
	indent := strings.Repeat(" ", 9)

	title := st.Title.Render("Pedido "+o.Reference) + " · " + session.StatusLabel(o.Status) + " · creado " + format.DateTime(o.CreatedAt)
	if m.detailLoading {
		title += " " + m.spinner.View()
	}
	out = append(out, title)
	customer := o.Customer.Name
	if o.Customer.Email != "" {
		customer += " · " + o.Customer.Email
	}
	add("%s %s", label("Cliente"), customer)
	a := o.Address
	add("%s %s · %s, %s · %s", label("Entrega"), a.FullName, a.StreetAddress, a.City, a.PhoneNumber)
	if a.Notes != nil && *a.Notes != "" {
		add("%s«%s»", indent, *a.Notes)
	}
	pay := session.PaymentMethodLabel(o.PaymentMethod) + " · " + session.PaymentStatusLabel(o.Payment.Status)
	if o.ExpiresAt != nil {
		pay += " · vence " + format.DateTime(*o.ExpiresAt)
	}
	if o.InvoiceNumber != nil {
		pay += " · factura " + *o.InvoiceNumber
	}
	add("%s %s", label("Pago"), pay)
	if p := o.Payment; p.RefundStatus != nil {
		refund := "Reembolso " + refundLabel(*p.RefundStatus)
		if p.RefundedAmount != nil {
			refund += " · " + format.COP(*p.RefundedAmount)
		}
		add("%s%s", indent, refund)
	}
	if p := o.Payment; p.Flag != nil {
		add("%s%s", indent, st.Error.Render("Revisar el pago: "+flagLabel(*p.Flag)))
	}
	if o.Notes != nil && *o.Notes != "" {
		add("%s «%s»", label("Nota"), *o.Notes)
	}

	// The lines and the totals share the right edge.
	width := min(max(40, m.width), 90)
	const qtyW, moneyW = 6, 13
	nameW := width - qtyW - 2*moneyW
	out = append(out, "")
	out = append(out, st.Label.Render(fmt.Sprintf("%-*s%*s%*s%*s", nameW, "Producto", qtyW, "Cant.", moneyW, "Precio", moneyW, "Total")))
	for _, l := range o.Lines {
		add("%-*s%*d%*s%*s", nameW, clip(l.Name, nameW-1), qtyW, l.Quantity, moneyW, format.COP(l.UnitPrice), moneyW, format.COP(l.LineTotal))
	}
	out = append(out, "")
	total := func(name, amount string) { add("%*s%*s", width-moneyW, name, moneyW, amount) }
	total("Subtotal", format.COP(o.Subtotal))
	if o.Discount != 0 || o.CouponCode != nil {
		name := "Descuento"
		if o.CouponCode != nil {
			name += " (" + *o.CouponCode + ")"
		}
		total(name, format.COP(-o.Discount))
	}
	total("Envío", format.COP(o.Shipping))
	out = append(out, st.Label.Render(fmt.Sprintf("%*s%*s", width-moneyW, "Total", moneyW, format.COP(o.Total))))
	total("IVA incluido", format.COP(o.TaxIncluded))

	out = append(out, "", st.Label.Render("Historia"))
	for _, e := range o.Timeline {
		line := fmt.Sprintf("%s  %-14s  %s", format.DateTime(e.At), session.StatusLabel(e.Status), session.ActorLabel(e.Actor))
		if e.Note != nil && *e.Note != "" {
			line += " · " + *e.Note
		}
		out = append(out, line)
	}
	return out
}

func (m *Model) maxScroll() int {
	if m.detail == nil {
		return 0
	}
	n, room := len(m.detailLines()), m.detailRoom()
	if n <= room {
		return 0
	}
	return n - max(1, room-1)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return s
	}
	return string(r[:n-1]) + "…"
}

func refundLabel(s sdk.RefundStatus) string {
	switch s {
	case sdk.RefundStatusPending:
		return "en curso"
	case sdk.RefundStatusSucceeded:
		return "hecho"
	case sdk.RefundStatusFailed:
		return "fallido"
	}
	return string(s)
}

func flagLabel(f sdk.OrderPaymentFlag) string {
	switch f {
	case sdk.AmountMismatch:
		return "el monto pagado no coincide con el total"
	case sdk.LatePayment:
		return "el pago llegó después de vencer el pedido"
	}
	return strconv.Quote(string(f))
}
