package invoice

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
)

// Renderer draws invoices.
type Renderer struct {
	Seller  Seller
	TaxRate float64 // only for the IVA label; the amount is the order's
}

// Page geometry, in millimetres (A4).
const (
	margin    = 15.0
	pageWidth = 210.0
	content   = pageWidth - 2*margin
	lineH     = 5.0
)

var (
	brand    = [3]int{0xC3, 0x49, 0x28}
	ink      = [3]int{0x22, 0x22, 0x22}
	muted    = [3]int{0x6B, 0x6B, 0x6B}
	zebra    = [3]int{0xFB, 0xF1, 0xEC}
	hairline = [3]int{0xDD, 0xDD, 0xDD}
)

// Render writes the invoice of a paid order as a PDF.
func (r Renderer) Render(w io.Writer, o order.Order) error {
	if o.PaidAt == nil || o.InvoiceNumber == "" {
		return order.ErrInvoiceUnavailable
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, 22)
	pdf.SetCompression(true)
	// Resources in a fixed order, so output depends only on the order.
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	// The PDF is dated by the payment, so the same invoice downloads as the
	// same bytes every time.
	pdf.SetCreationDate(*o.PaidAt)
	pdf.SetModificationDate(*o.PaidAt)
	pdf.SetTitle("Factura de venta "+o.InvoiceNumber, true)
	pdf.SetAuthor(r.Seller.Name, true)
	pdf.SetCreator("Don Palito Jr", true)
	d := drawer{pdf: pdf}
	pdf.SetFooterFunc(func() { r.footer(d) })
	pdf.SetHeaderFunc(func() {
		if pdf.PageNo() > 1 {
			d.font("", 8, muted)
			d.cell(content, 4, "Factura de venta "+o.InvoiceNumber+" · Pedido #"+o.Reference()+" (continuación)", "R")
			pdf.Ln(3)
		}
	})
	pdf.AddPage()

	r.header(d, o)
	r.parties(d, o)
	r.lines(d, o)
	r.totals(d, o)
	if o.Status == order.Canceled {
		r.voided(d)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("draw invoice: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write invoice: %w", err)
	}
	return nil
}

func (r Renderer) header(d drawer, o order.Order) {
	pdf := d.pdf
	top := pdf.GetY()
	d.font("B", 18, brand)
	pdf.SetXY(margin, top)
	d.cell(110, 9, r.Seller.Name, "L")
	d.font("", 9, muted)
	y := top + 10
	for _, s := range []string{
		"NIT " + r.Seller.NIT + " · Responsable de IVA",
		joinNonEmpty(", ", r.Seller.Address, r.Seller.City),
		joinNonEmpty(" · ", prefixed("Tel. ", r.Seller.Phone), r.Seller.Email),
	} {
		pdf.SetXY(margin, y)
		d.cell(110, 4.5, s, "L")
		y += 4.5
	}

	// The badge: what this document is and its number.
	bx, bw := margin+content-62, 62.0
	pdf.SetFillColor(brand[0], brand[1], brand[2])
	pdf.RoundedRect(bx, top, bw, 22, 2, "1234", "F")
	pdf.SetTextColor(255, 255, 255)
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetXY(bx, top+3)
	d.cellAligned(bw, 6, "FACTURA DE VENTA", "C")
	pdf.SetFont("Helvetica", "", 10)
	pdf.SetXY(bx, top+10)
	d.cellAligned(bw, 5, "N.º "+o.InvoiceNumber, "C")
	pdf.SetFont("Helvetica", "", 8)
	pdf.SetXY(bx, top+15.5)
	d.cellAligned(bw, 4, "Fecha: "+o.PaidAt.In(coupon.Bogota).Format("02/01/2006"), "C")

	pdf.SetY(max(y, top+22) + 4)
	d.rule()
}

func (r Renderer) parties(d drawer, o order.Order) {
	pdf := d.pdf
	top := pdf.GetY() + 3
	colW := (content - 8) / 2

	invoiceData := [][2]string{
		{"Factura", o.InvoiceNumber},
		{"Fecha de pago", o.PaidAt.In(coupon.Bogota).Format("02/01/2006 15:04") + " (hora de Colombia)"},
		{"Pedido", "#" + o.Reference()},
		{"Método de pago", o.PaymentMethod.Label()},
	}
	if o.CouponCode != "" {
		invoiceData = append(invoiceData, [2]string{"Cupón", o.CouponCode})
	}
	phone := o.Customer.Phone
	if phone == "" {
		phone = o.Address.PhoneNumber
	}
	customerData := [][2]string{
		{"Nombre", o.Customer.Name},
		{"Documento", orNone(customer.DocumentText(customer.DocumentType(o.Customer.DocumentType), o.Customer.DocumentNumber))},
		{"Correo", o.Customer.Email},
		{"Teléfono", phone},
		{"Dirección", o.Address.StreetAddress},
		{"Ciudad", joinNonEmpty(", ", o.Address.City, "Colombia")},
	}
	y1 := d.block(margin, top, colW, "DATOS DE LA FACTURA", invoiceData)
	y2 := d.block(margin+colW+8, top, colW, "CLIENTE", customerData)
	pdf.SetY(max(y1, y2) + 5)
}

// Line table columns: description, quantity, unit price, line total.
var colWidths = [4]float64{content - 20 - 34 - 34, 20, 34, 34}

func (r Renderer) lines(d drawer, o order.Order) {
	pdf := d.pdf
	d.tableHeader()
	d.font("", 9, ink)
	for i, l := range o.Lines {
		desc := d.split(l.Name, colWidths[0])
		h := float64(len(desc))*lineH + 2
		if pdf.GetY()+h > 297-22 {
			pdf.AddPage()
			d.tableHeader()
			d.font("", 9, ink)
		}
		y := pdf.GetY()
		if i%2 == 1 {
			pdf.SetFillColor(zebra[0], zebra[1], zebra[2])
			pdf.Rect(margin, y, content, h, "F")
		}
		for j, s := range desc {
			pdf.SetXY(margin, y+1+float64(j)*lineH)
			d.rawCell(colWidths[0], lineH, s, "L")
		}
		x := margin + colWidths[0]
		pdf.SetXY(x, y+1)
		d.cellAligned(colWidths[1], lineH, strconv.Itoa(l.Quantity), "C")
		pdf.SetXY(x+colWidths[1], y+1)
		d.cellAligned(colWidths[2], lineH, money.FormatCOP(l.UnitPrice), "R")
		pdf.SetXY(x+colWidths[1]+colWidths[2], y+1)
		d.cellAligned(colWidths[3], lineH, money.FormatCOP(l.LineTotal), "R")
		pdf.SetY(y + h)
	}
	d.rule()
}

func (r Renderer) totals(d drawer, o order.Order) {
	pdf := d.pdf
	type row struct {
		label, value string
	}
	rows := []row{
		{"Subtotal productos", money.FormatCOP(o.Subtotal)},
		{"Envío", money.FormatCOP(o.Shipping)},
	}
	if o.Discount > 0 {
		label := "Descuento"
		if o.CouponCode != "" {
			label += " (cupón " + o.CouponCode + ")"
		}
		rows = append(rows, row{label, "- " + money.FormatCOP(o.Discount)})
	}
	rows = append(rows,
		row{"Base gravable", money.FormatCOP(o.Total - o.TaxIncluded)},
		row{"IVA incluido (" + percent(r.TaxRate) + ")", money.FormatCOP(o.TaxIncluded)},
	)
	need := float64(len(rows))*6 + 14
	if pdf.GetY()+need > 297-22 {
		pdf.AddPage()
	}
	labelW, valueW := 62.0, 36.0
	x := margin + content - labelW - valueW
	y := pdf.GetY() + 3
	for _, rw := range rows {
		pdf.SetXY(x, y)
		d.font("", 10, muted)
		d.cellAligned(labelW, 6, rw.label, "L")
		d.font("", 10, ink)
		d.cellAligned(valueW, 6, rw.value, "R")
		y += 6
	}
	pdf.SetFillColor(brand[0], brand[1], brand[2])
	pdf.Rect(x, y+1, labelW+valueW, 9, "F")
	pdf.SetTextColor(255, 255, 255)
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetXY(x+2, y+1.5)
	d.cellAligned(labelW-2, 8, "TOTAL A PAGAR", "L")
	d.cellAligned(valueW-2, 8, money.FormatCOP(o.Total), "R")
	pdf.SetY(y + 13)
	d.font("", 8, muted)
	pdf.SetX(margin)
	d.cell(content, 4, "Valores en pesos colombianos ("+o.Currency+"). Todos los precios incluyen IVA.", "L")
}

func (r Renderer) voided(d drawer) {
	pdf := d.pdf
	pdf.Ln(6)
	pdf.SetX(margin)
	d.font("B", 14, brand)
	d.cell(content, 8, "ANULADA — el pedido fue cancelado después del pago", "C")
}

func (r Renderer) footer(d drawer) {
	pdf := d.pdf
	pdf.SetY(-18)
	pdf.SetDrawColor(hairline[0], hairline[1], hairline[2])
	pdf.Line(margin, pdf.GetY(), margin+content, pdf.GetY())
	d.font("", 7.5, muted)
	pdf.SetXY(margin, -16.5)
	d.cell(content, 3.8, r.Seller.Name+" · NIT "+r.Seller.NIT+" · Responsable de IVA · Precios con IVA incluido", "C")
	pdf.SetX(margin)
	d.cell(content, 3.8, "¡Gracias por tu compra! "+joinNonEmpty(" · ", r.Seller.Email, prefixed("Tel. ", r.Seller.Phone)), "C")
	pdf.SetX(margin)
	d.cell(content, 3.8, fmt.Sprintf("Página %d de {nb}", pdf.PageNo()), "C")
}

// drawer wraps the PDF with the invoice's text handling: every string goes
// through cp1252 (the encoding of the built-in fonts) on its way in.
type drawer struct{ pdf *fpdf.Fpdf }

func (d drawer) font(style string, size float64, c [3]int) {
	d.pdf.SetFont("Helvetica", style, size)
	d.pdf.SetTextColor(c[0], c[1], c[2])
}

// cell writes s on one line and moves to the next line.
func (d drawer) cell(w, h float64, s, align string) {
	d.pdf.CellFormat(w, h, cp1252(s), "", 2, align, false, 0, "")
}

// cellAligned writes s and moves right.
func (d drawer) cellAligned(w, h float64, s, align string) {
	d.pdf.CellFormat(w, h, cp1252(s), "", 0, align, false, 0, "")
}

// rawCell writes text already in cp1252.
func (d drawer) rawCell(w, h float64, s, align string) {
	d.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// split wraps s to width w, in cp1252.
func (d drawer) split(s string, w float64) []string {
	parts := d.pdf.SplitLines([]byte(cp1252(s)), w)
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		out = append(out, string(p))
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

func (d drawer) rule() {
	pdf := d.pdf
	pdf.SetDrawColor(hairline[0], hairline[1], hairline[2])
	pdf.SetLineWidth(0.3)
	pdf.Line(margin, pdf.GetY(), margin+content, pdf.GetY())
}

// block draws a titled list of label/value pairs in a column and returns
// where it ends.
func (d drawer) block(x, y, w float64, title string, rows [][2]string) float64 {
	pdf := d.pdf
	pdf.SetXY(x, y)
	d.font("B", 9, brand)
	d.cell(w, 5, title, "L")
	y += 6
	labelW := 27.0
	for _, r := range rows {
		d.font("B", 8.5, muted)
		pdf.SetXY(x, y)
		d.cellAligned(labelW, 4.6, r[0], "L")
		d.font("", 8.5, ink)
		value := r[1]
		if strings.TrimSpace(value) == "" {
			value = "—"
		}
		for i, s := range d.split(value, w-labelW) {
			pdf.SetXY(x+labelW, y+float64(i)*4.6)
			d.rawCell(w-labelW, 4.6, s, "L")
			if i > 0 {
				y += 4.6
			}
		}
		y += 4.6
	}
	return y
}

func (d drawer) tableHeader() {
	pdf := d.pdf
	pdf.SetFillColor(brand[0], brand[1], brand[2])
	pdf.SetTextColor(255, 255, 255)
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetX(margin)
	heads := []string{"Descripción", "Cant.", "Precio unitario", "Total"}
	aligns := []string{"L", "C", "R", "R"}
	for i, h := range heads {
		pdf.CellFormat(colWidths[i], 7, cp1252(h), "", 0, aligns[i], true, 0, "")
	}
	pdf.Ln(7)
	pdf.SetX(margin)
	d.font("", 7.5, muted)
	d.cell(content, 4, "Precios con IVA incluido", "L")
}

// cp1252 turns text into the encoding of the PDF core fonts, which covers
// Spanish (ñ, á, ¿, ¡, °). Text is first composed (NFC), so an "a" followed by
// a combining accent still prints "á"; a letter outside the encoding loses
// only its accent; anything else prints as "?".
func cp1252(s string) string {
	s = norm.NFC.String(s)
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if unicode.IsControl(r) {
			b = append(b, ' ')
			continue
		}
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
			continue
		}
		if base := []rune(norm.NFD.String(string(r))); len(base) > 1 {
			if c, ok := charmap.Windows1252.EncodeRune(base[0]); ok {
				b = append(b, c)
				continue
			}
		}
		b = append(b, '?')
	}
	return string(b)
}

// percent renders a rate the Colombian way: 0.19 → "19 %", 0.085 → "8,5 %".
func percent(rate float64) string {
	p := math.Round(rate*10000) / 100
	return strings.Replace(strconv.FormatFloat(p, 'f', -1, 64), ".", ",", 1) + " %"
}

func orNone(s string) string {
	if s == "" {
		return "No registrado"
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func prefixed(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}
