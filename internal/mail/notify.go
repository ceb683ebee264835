package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/invoice"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/order"
)

// Notifier is the outbox handler that turns business events into emails.
// Every value a customer typed reaches the HTML only through html/template,
// which escapes it (legacy defect W-7). Customers who turned email
// notifications off get none; the shop always gets its copy.
type Notifier struct {
	Sender Sender
	Orders interface {
		Get(context.Context, string) (order.Order, error)
	}
	Users interface {
		Get(context.Context, string) (customer.User, error)
	}
	Invoices interface {
		For(ctx context.Context, orderID, userID string, admin bool) (invoice.Document, error)
	}
	// From is the sender (MAIL_FROM); Shop receives the shop's copies
	// (SHOP_EMAIL); ShopName signs the emails.
	From, Shop, ShopName string
	// Bank is where a bank-transfer order is paid; its order-received email
	// says so, with the reference to quote. WhatsApp (international digits)
	// is where the receipt goes.
	Bank     BankAccount
	WhatsApp string
}

// BankAccount is the shop's account for bank-transfer orders.
type BankAccount struct {
	Bank, AccountType, AccountNumber, Holder, NIT, Instructions string
}

// bogota is the shop's time zone: payment deadlines are read there.
var bogota = func() *time.Location {
	if loc, err := time.LoadLocation("America/Bogota"); err == nil {
		return loc
	}
	return time.FixedZone("COT", -5*60*60) // Colombia has no daylight saving
}()

// Name is the handler's name in the outbox.
func (n *Notifier) Name() string { return "email" }

// statusTexts say what each status means to the customer.
var statusTexts = map[order.Status]struct{ Subject, Body string }{
	order.Paid:          {"Pago confirmado", "Confirmamos el pago de tu pedido."},
	order.InPreparation: {"Estamos preparando tu pedido", "Tu pedido está en preparación en nuestra cocina."},
	order.Ready:         {"Tu pedido está listo", "Tu pedido está listo para entrega."},
	order.Delivered:     {"Tu pedido fue entregado", "Tu pedido fue entregado. ¡Gracias por tu compra!"},
	order.Canceled:      {"Tu pedido fue cancelado", "Tu pedido fue cancelado."},
	order.Rejected:      {"Tu pedido fue rechazado", "Tu pedido fue rechazado: no pudimos confirmar el pago."},
}

// Handle sends the emails of one event; other events are ignored.
func (n *Notifier) Handle(ctx context.Context, e events.Event) error {
	switch e.Type {
	case events.UserCreated:
		u, err := n.Users.Get(ctx, e.String("userId"))
		if errors.Is(err, customer.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if !u.EmailNotifications || u.Email == "" {
			return nil
		}
		return n.send(ctx, e, "welcome", u.Email, "¡Bienvenido a "+n.ShopName+"!", "welcome", map[string]any{"Name": u.Name}, nil)
	case events.OrderCreated, events.OrderPaid, events.OrderStatusChanged:
	default:
		return nil
	}
	o, err := n.Orders.Get(ctx, e.String("orderId"))
	if errors.Is(err, order.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	notify := n.customerWantsEmail(ctx, o)
	data := map[string]any{"Order": o, "Name": o.Customer.Name, "Ref": o.Reference(), "Total": money.FormatCOP(o.Total),
		"Method": methodText(o.PaymentMethod)}
	if o.PaymentMethod == order.Transfer {
		data["Bank"] = n.Bank
		data["WhatsApp"] = n.WhatsApp
		if o.ExpiresAt != nil {
			data["PayBy"] = colombianTime(*o.ExpiresAt)
		}
	}
	switch e.Type {
	case events.OrderCreated:
		if notify {
			if err := n.send(ctx, e, "customer", o.Customer.Email, "Recibimos tu pedido #"+o.Reference(), "order_received", data, nil); err != nil {
				return err
			}
		}
		return n.send(ctx, e, "shop", n.Shop, "Nuevo pedido #"+o.Reference(), "shop_order", data, nil)
	case events.OrderPaid:
		var files []Attachment
		if doc, err := n.Invoices.For(ctx, o.ID.Hex(), "", true); err == nil {
			files = append(files, Attachment{Filename: doc.FileName, ContentType: "application/pdf", Data: doc.PDF})
		} else if !errors.Is(err, order.ErrInvoiceUnavailable) {
			return err
		}
		if notify {
			if err := n.send(ctx, e, "customer", o.Customer.Email, "Pago confirmado — pedido #"+o.Reference(), "payment_confirmed", data, files); err != nil {
				return err
			}
		}
		return n.send(ctx, e, "shop", n.Shop, "Pago recibido — pedido #"+o.Reference(), "shop_paid", data, nil)
	default: // order.status_changed
		status := order.Status(e.String("status"))
		text, ok := statusTexts[status]
		if !ok || status == order.Paid || !notify {
			return nil // payment has its own email, with the invoice
		}
		data["Status"] = text.Body
		return n.send(ctx, e, "customer", o.Customer.Email, text.Subject+" — pedido #"+o.Reference(), "status_changed", data, nil)
	}
}

func (n *Notifier) customerWantsEmail(ctx context.Context, o order.Order) bool {
	if o.Customer.Email == "" {
		return false
	}
	u, err := n.Users.Get(ctx, o.UserID)
	if err != nil {
		return true // the order's copy of the customer is enough to write to them
	}
	return u.EmailNotifications && u.IsActive
}

// colombianTime writes t as Colombians read it: 02/12/2026 3:04 p. m.
func colombianTime(t time.Time) string {
	t = t.In(bogota)
	suffix := "a. m."
	if t.Hour() >= 12 {
		suffix = "p. m."
	}
	return t.Format("02/01/2006 3:04 ") + suffix
}

func methodText(m order.PaymentMethod) string {
	if m == order.Card {
		return "tarjeta"
	}
	return "transferencia bancaria"
}

// send renders one template and sends it; its id is derived from the event
// and the recipient's role, so a redelivered event sends nothing twice.
func (n *Notifier) send(ctx context.Context, e events.Event, role, to, subject, name string, data map[string]any, files []Attachment) error {
	if to == "" {
		return nil
	}
	data["Shop"] = n.ShopName
	data["Subject"] = subject
	var body, text bytes.Buffer
	if err := templates.ExecuteTemplate(&body, name, data); err != nil {
		return fmt.Errorf("render %s email: %w", name, err)
	}
	if err := textTemplates.ExecuteTemplate(&text, name, data); err != nil {
		return fmt.Errorf("render %s email as text: %w", name, err)
	}
	if files == nil {
		files = []Attachment{}
	}
	return n.Sender.Send(ctx, Message{
		ID: events.KeyID("mail\x00" + e.ID.Hex() + "\x00" + role), From: n.From, To: []string{to}, Subject: subject,
		HTML: body.String(), Text: strings.TrimSpace(text.String()) + "\n", Attachments: files, EventID: e.ID.Hex(),
		CreatedAt: time.Now().UTC(),
	})
}

// textTemplates are the plain-text versions of templates, written from the
// same data: mail clients that do not show HTML (and spam filters, which
// distrust HTML-only mail) read these.
var textTemplates = texttemplate.Must(texttemplate.New("mail").Funcs(texttemplate.FuncMap{
	"cop": money.FormatCOP,
}).Parse(`
{{define "bottom"}}
Con cariño,
{{.Shop}}
{{end}}
{{define "lines"}}
{{range .Order.Lines}}- {{.Quantity}} × {{.Name}}: {{cop .LineTotal}}
{{end}}- Envío: {{cop .Order.Shipping}}
{{if .Order.Discount}}- Descuento {{.Order.CouponCode}}: -{{cop .Order.Discount}}
{{end}}Total: {{.Total}}
{{end}}

{{define "welcome"}}¡Hola, {{.Name}}!

Gracias por registrarte. Ya puedes pedir nuestros palitos de queso, buñuelos y natilla.
{{template "bottom" .}}{{end}}

{{define "order_received"}}Hola, {{.Name}}:

Recibimos tu pedido #{{.Ref}}, a pagar por {{.Method}}.
{{template "lines" .}}{{with .Bank}}
CÓMO PAGAR POR TRANSFERENCIA

Transfiere {{$.Total}} a esta cuenta{{with $.PayBy}} antes del {{.}} (hora de Colombia); después el pedido se cancela{{end}}:

Banco: {{.Bank}}
Tipo de cuenta: {{.AccountType}}
Número de cuenta: {{.AccountNumber}}
Titular: {{.Holder}}
NIT: {{.NIT}}
Referencia: {{$.Ref}}

Escribe la referencia {{$.Ref}} en la descripción de la transferencia.
{{with .Instructions}}
{{.}}
{{end}}{{with $.WhatsApp}}
Envía el comprobante por WhatsApp: https://wa.me/{{.}}
{{end}}{{end}}
Te avisaremos cuando confirmemos el pago.
{{template "bottom" .}}{{end}}

{{define "shop_order"}}Nuevo pedido #{{.Ref}} de {{.Name}} ({{.Order.Customer.Email}}), por {{.Method}}.
{{template "lines" .}}
Entrega: {{.Order.Address.FullName}}, {{.Order.Address.StreetAddress}}, {{.Order.Address.City}} — {{.Order.Address.PhoneNumber}}
{{with .Order.Notes}}Notas: {{.}}
{{end}}{{template "bottom" .}}{{end}}

{{define "payment_confirmed"}}Hola, {{.Name}}:

Confirmamos el pago de tu pedido #{{.Ref}} por {{.Total}}. Adjuntamos tu factura{{with .Order.InvoiceNumber}} {{.}}{{end}}.
{{template "lines" .}}
Ya lo estamos preparando.
{{template "bottom" .}}{{end}}

{{define "shop_paid"}}El pedido #{{.Ref}} de {{.Name}} está pagado ({{.Total}}). Puedes prepararlo.
{{template "bottom" .}}{{end}}

{{define "status_changed"}}Hola, {{.Name}}:

{{.Status}}

Pedido #{{.Ref}} — total {{.Total}}.
{{template "bottom" .}}{{end}}
`))

var templates = template.Must(template.New("mail").Funcs(template.FuncMap{
	"cop": money.FormatCOP,
}).Parse(`
{{define "top"}}<!doctype html><html lang="es"><head><meta charset="utf-8"><title>{{.Subject}}</title></head><body style="font-family:sans-serif;color:#3b2a1a">
<h1 style="color:#b5651d">{{.Shop}}</h1>{{end}}
{{define "bottom"}}<p>Con cariño,<br>{{.Shop}}</p></body></html>{{end}}
{{define "lines"}}<table>{{range .Order.Lines}}<tr><td>{{.Quantity}} × {{.Name}}</td><td>{{cop .LineTotal}}</td></tr>{{end}}
<tr><td>Envío</td><td>{{cop .Order.Shipping}}</td></tr>{{if .Order.Discount}}<tr><td>Descuento {{.Order.CouponCode}}</td><td>-{{cop .Order.Discount}}</td></tr>{{end}}
<tr><td><strong>Total</strong></td><td><strong>{{.Total}}</strong></td></tr></table>{{end}}

{{define "welcome"}}{{template "top" .}}<p>¡Hola, {{.Name}}!</p>
<p>Gracias por registrarte. Ya puedes pedir nuestros palitos de queso, buñuelos y natilla.</p>{{template "bottom" .}}{{end}}

{{define "order_received"}}{{template "top" .}}<p>Hola, {{.Name}}:</p>
<p>Recibimos tu pedido <strong>#{{.Ref}}</strong>, a pagar por {{.Method}}.</p>{{template "lines" .}}
{{with .Bank}}<h2>Cómo pagar por transferencia</h2>
<p>Transfiere <strong>{{$.Total}}</strong> a esta cuenta{{with $.PayBy}} antes del {{.}} (hora de Colombia); después el pedido se cancela{{end}}:</p>
<table><tr><td>Banco</td><td>{{.Bank}}</td></tr><tr><td>Tipo de cuenta</td><td>{{.AccountType}}</td></tr>
<tr><td>Número de cuenta</td><td><strong>{{.AccountNumber}}</strong></td></tr><tr><td>Titular</td><td>{{.Holder}}</td></tr>
<tr><td>NIT</td><td>{{.NIT}}</td></tr><tr><td>Referencia</td><td><strong>{{$.Ref}}</strong></td></tr></table>
<p>Escribe la referencia <strong>{{$.Ref}}</strong> en la descripción de la transferencia.</p>
{{with .Instructions}}<p>{{.}}</p>{{end}}{{with $.WhatsApp}}<p>Envía el comprobante por WhatsApp: <a href="https://wa.me/{{.}}">+{{.}}</a></p>{{end}}{{end}}
<p>Te avisaremos cuando confirmemos el pago.</p>{{template "bottom" .}}{{end}}

{{define "shop_order"}}{{template "top" .}}<p>Nuevo pedido <strong>#{{.Ref}}</strong> de {{.Name}} ({{.Order.Customer.Email}}), por {{.Method}}.</p>
{{template "lines" .}}<p>Entrega: {{.Order.Address.FullName}}, {{.Order.Address.StreetAddress}}, {{.Order.Address.City}} — {{.Order.Address.PhoneNumber}}</p>
{{with .Order.Notes}}<p>Notas: {{.}}</p>{{end}}{{template "bottom" .}}{{end}}

{{define "payment_confirmed"}}{{template "top" .}}<p>Hola, {{.Name}}:</p>
<p>Confirmamos el pago de tu pedido <strong>#{{.Ref}}</strong> por {{.Total}}. Adjuntamos tu factura{{with .Order.InvoiceNumber}} {{.}}{{end}}.</p>
{{template "lines" .}}<p>Ya lo estamos preparando.</p>{{template "bottom" .}}{{end}}

{{define "shop_paid"}}{{template "top" .}}<p>El pedido <strong>#{{.Ref}}</strong> de {{.Name}} está pagado ({{.Total}}). Puedes prepararlo.</p>{{template "bottom" .}}{{end}}

{{define "status_changed"}}{{template "top" .}}<p>Hola, {{.Name}}:</p>
<p>{{.Status}}</p><p>Pedido <strong>#{{.Ref}}</strong> — total {{.Total}}.</p>{{template "bottom" .}}{{end}}
`))
