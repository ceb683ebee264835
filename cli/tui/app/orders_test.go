package app_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/cli/tui/orders"
	"github.com/donpalito/donpalitojr/sdk"
)

func ordersTab(d *driver) *orders.Model { return d.m.Screen(app.Orders).(*orders.Model) }

// item is a product and a quantity for a cart.
type item struct {
	id  string
	qty int
}

// buyer signs up a customer with a name, the way the storefront does, and
// fills their cart in the order given.
func (s *shop) buyer(t *testing.T, email, name string, cart ...item) *sdk.ClientWithResponses {
	t.Helper()
	role := sdk.RoleCustomer
	res, err := s.env.Client("").CreateDevTokenWithResponse(ctx, sdk.DevTokenRequest{Email: openapi_types.Email(email), Name: &name, Role: &role})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("customer token: %v", err)
	}
	c := s.env.Client(res.JSON200.Token)
	for _, it := range cart {
		r, err := c.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: it.id, Quantity: it.qty})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("add to cart: %v %s", err, r.Body)
		}
	}
	return c
}

var deliveryAddress = sdk.ShippingAddressInput{FullName: "Ana Gómez", StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567"}

// checkout places the customer's cart as a bank-transfer order.
func (s *shop) checkout(t *testing.T, c *sdk.ClientWithResponses, coupon string) *sdk.Order {
	t.Helper()
	body := sdk.OrderCreate{Address: &deliveryAddress, PaymentMethod: sdk.Transfer}
	if coupon != "" {
		body.CouponCode = &coupon
	}
	res, err := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: fmt.Sprintf("checkout-%d", time.Now().UnixNano())}, body)
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	time.Sleep(5 * time.Millisecond) // distinct creation times keep "newest first" stable
	return res.JSON201
}

// pendingOrder makes one product and one customer's transfer order of it.
func (s *shop) pendingOrder(t *testing.T) *sdk.Order {
	p := s.catalog(t, fixedCatalog[0])[0]
	return s.checkout(t, s.buyer(t, "ana@correo.test", "Ana Gómez", item{p.Id, 2}), "")
}

// openOrders shows the Pedidos tab and waits for its first page.
func openOrders(d *driver) {
	d.press("2")
	d.waitFor("the orders", func() bool {
		return d.m.Active() == app.Orders && !ordersTab(d).Loading() && ordersTab(d).Items() != nil
	})
}

func (s *shop) order(t *testing.T, id string) *sdk.Order {
	t.Helper()
	o, err := s.api.AdminGetOrder(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// waitNotice waits for the orders tab's notice to contain text.
func waitNotice(d *driver, text string) {
	d.t.Helper()
	d.waitFor("«"+text+"»", func() bool {
		n, _ := ordersTab(d).Notice()
		return strings.Contains(n, text) && !ordersTab(d).Moving() && !ordersTab(d).Loading()
	})
}

func TestConfirmATransferAndFollowTheOrderToDelivery(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	d := s.signedIn(t, 80, 24)
	openOrders(d)

	screen := d.screen()
	for _, want := range []string{placed.Reference, "Ana Gómez", "$ 17.000", "Pendiente", "Transf.", "p confirmar transferencia"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the list lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "entregado") || strings.Contains(screen, "preparar") {
		t.Fatalf("moves a pending order cannot make are offered:\n%s", screen)
	}

	// p confirms the transfer: paid, with an invoice.
	d.press("p")
	waitNotice(d, "Pagado")
	paid := s.order(t, placed.Id)
	if paid.Status != sdk.OrderStatusPaid || paid.InvoiceNumber == nil || !strings.HasPrefix(*paid.InvoiceNumber, "FV-") || paid.PaidAt == nil {
		t.Fatalf("after p: %+v", paid)
	}
	if n, _ := ordersTab(d).Notice(); !strings.Contains(n, *paid.InvoiceNumber) {
		t.Fatalf("the notice does not name the invoice: %q", n)
	}
	if !strings.Contains(d.screen(), "Pagado") || !strings.Contains(d.screen(), "e preparar") {
		t.Fatalf("after p:\n%s", d.screen())
	}

	// The detail: lines, totals, address, payment and timeline.
	d.press("enter")
	d.waitFor("the detail", func() bool { return ordersTab(d).Detail() != nil && !ordersTab(d).Loading() })
	d.send(teaSize(120, 40))
	detail := d.screen()
	for _, want := range []string{
		"Pedido " + placed.Reference, "Palito Premium Puro Queso", "$ 3.500", "$ 7.000", "Subtotal", "Envío", "$ 10.000",
		"IVA incluido", "Total", "$ 17.000", "Calle 10 # 20-30, Medellín", "3001234567", "Transferencia", *paid.InvoiceNumber,
		"Historia", "cliente", "administración · Transferencia confirmada desde la terminal",
	} {
		if !strings.Contains(detail, want) {
			t.Fatalf("the detail lacks %q:\n%s", want, detail)
		}
	}
	fits(t, detail, 120, 40)

	// Preparation, ready and delivered, from the detail.
	for _, step := range []struct {
		key  string
		want sdk.OrderStatus
	}{{"e", sdk.OrderStatusInPreparation}, {"l", sdk.OrderStatusReady}, {"d", sdk.OrderStatusDelivered}} {
		d.press(step.key)
		d.waitFor("the order "+string(step.want), func() bool {
			o := ordersTab(d).Detail()
			return o != nil && o.Status == step.want && !ordersTab(d).Moving()
		})
		if got := s.order(t, placed.Id); got.Status != step.want {
			t.Fatalf("after %s the API says %s", step.key, got.Status)
		}
	}
	final := s.order(t, placed.Id)
	if final.DeliveredAt == nil || len(final.Timeline) != 5 || *final.InvoiceNumber != *paid.InvoiceNumber {
		t.Fatalf("delivered order: %+v", final)
	}
	screen = d.screen()
	if !strings.Contains(screen, "Entregado") || strings.Contains(screen, "c cancelar") {
		t.Fatalf("a delivered order offers moves:\n%s", screen)
	}
	// A key the order cannot use is neither offered nor sent.
	d.press("c")
	d.settle()
	if ordersTab(d).Editing() || ordersTab(d).Moving() || s.order(t, placed.Id).Status != sdk.OrderStatusDelivered {
		t.Fatalf("c on a delivered order did something:\n%s", d.screen())
	}
	d.press("esc")
	d.waitFor("the list", func() bool { return ordersTab(d).Detail() == nil && !ordersTab(d).Loading() })
	if o, ok := ordersTab(d).Selected(); !ok || o.Status != sdk.OrderStatusDelivered {
		t.Fatalf("the list after delivery: %+v", o)
	}
}

func TestARefusedMoveShowsTheProblem(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	d := s.signedIn(t, 80, 24)
	openOrders(d)

	// Someone else cancels the order; the screen still shows it pending.
	note := "El cliente llamó"
	if _, err := s.api.UpdateOrderStatus(ctx, placed.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusCanceled, Note: &note}); err != nil {
		t.Fatal(err)
	}
	_, refusal := s.api.ConfirmTransfer(ctx, placed.Id, "")
	var problem *sdk.Error
	if !errors.As(refusal, &problem) || problem.Status != 409 || problem.Code != "invalid_transition" || problem.Detail == "" {
		t.Fatalf("expected the API to refuse: %v", refusal)
	}
	d.press("p")
	waitNotice(d, problem.Detail)
	if n, bad := ordersTab(d).Notice(); !bad || !strings.Contains(n, placed.Reference) {
		t.Fatalf("notice %q %v", n, bad)
	}
	if !strings.Contains(flat(d.screen()), problem.Detail) {
		t.Fatalf("the problem is not on the screen:\n%s", d.screen())
	}
	// The list was reloaded: the order shows as it really is.
	if o, _ := ordersTab(d).Selected(); o.Status != sdk.OrderStatusCanceled {
		t.Fatalf("the refused order shows as %s", o.Status)
	}
	if got := s.order(t, placed.Id); got.Status != sdk.OrderStatusCanceled || len(got.Timeline) != 2 {
		t.Fatalf("the refusal changed the order: %+v", got)
	}
}

func TestCancelAsksFirstAndKeepsTheNote(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	d := s.signedIn(t, 80, 24)
	openOrders(d)

	d.press("c")
	if !strings.Contains(d.screen(), "¿Cancelar el pedido "+placed.Reference+" de Ana Gómez?") || !ordersTab(d).Editing() {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("esc")
	d.settle()
	if got := s.order(t, placed.Id); got.Status != sdk.OrderStatusPending {
		t.Fatalf("esc must keep the order: %s", got.Status)
	}

	d.press("c")
	d.typeText("Cliente desistió") // q and digits type here; they do not quit or switch tabs
	d.press("enter")
	waitNotice(d, "Cancelado")
	got := s.order(t, placed.Id)
	last := got.Timeline[len(got.Timeline)-1]
	if got.Status != sdk.OrderStatusCanceled || last.Note == nil || *last.Note != "Cliente desistió" || last.Actor != sdk.OrderActorAdmin {
		t.Fatalf("canceled order: %+v, last entry %+v", got, last)
	}
	if d.m.Active() != app.Orders || d.quit {
		t.Fatal("typing the note left the tab")
	}
}

func TestRejectAPendingTransfer(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	d := s.signedIn(t, 80, 24)
	openOrders(d)
	d.press("x")
	if !strings.Contains(d.screen(), "¿Rechazar el pago del pedido "+placed.Reference) {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("enter") // no note
	waitNotice(d, "Rechazado")
	if got := s.order(t, placed.Id); got.Status != sdk.OrderStatusRejected || got.Timeline[len(got.Timeline)-1].Note != nil {
		t.Fatalf("rejected order: %+v", got)
	}
}

func TestFilterSearchAndRefreshKeepTheSelection(t *testing.T) {
	s := newShop(t)
	p := s.catalog(t, fixedCatalog[0])[0]
	ana := s.checkout(t, s.buyer(t, "ana@correo.test", "Ana Gómez", item{p.Id, 1}), "")
	luis := s.checkout(t, s.buyer(t, "luis@correo.test", "Luis Pérez", item{p.Id, 2}), "")
	if _, err := s.api.ConfirmTransfer(ctx, luis.Id, ""); err != nil {
		t.Fatal(err)
	}
	marta := s.checkout(t, s.buyer(t, "marta@correo.test", "Marta Ríos", item{p.Id, 3}), "")

	opts := s.options(t, shopURL, s.key)
	opts.Refresh = 150 * time.Millisecond
	d := newDriver(t, app.New(opts), 120, 40)
	d.waitFor("the products tab", func() bool { return d.m.SignedIn() && !productsTab(d).Loading() })
	openOrders(d)
	if n := len(ordersTab(d).Items()); n != 3 {
		t.Fatalf("%d orders listed", n)
	}

	// f cycles the status filter: first Pendiente.
	d.press("f")
	d.waitFor("the pending orders", func() bool { return !ordersTab(d).Loading() })
	if ordersTab(d).StatusFilter() != sdk.OrderStatusPending || len(ordersTab(d).Items()) != 2 || !strings.Contains(d.screen(), "Estado: Pendiente") {
		t.Fatalf("pending filter: %d\n%s", len(ordersTab(d).Items()), d.screen())
	}
	d.press("F") // back to every status
	d.waitFor("every order", func() bool { return !ordersTab(d).Loading() && len(ordersTab(d).Items()) == 3 })

	// Search by name, email and reference.
	for _, q := range []string{"luis", "marta@correo", strings.ToLower(ana.Reference)} {
		d.press("/")
		for range 30 {
			d.press("backspace")
		}
		d.typeText(q)
		d.press("enter")
		d.waitFor("the search "+q, func() bool { return !ordersTab(d).Loading() })
		if items := ordersTab(d).Items(); len(items) != 1 {
			t.Fatalf("search %q found %d", q, len(items))
		}
	}
	if o, _ := ordersTab(d).Selected(); o.Id != ana.Id {
		t.Fatalf("the reference search found %s", o.Reference)
	}
	d.press("/")
	for range 30 {
		d.press("backspace")
	}
	d.press("enter")
	d.waitFor("every order", func() bool { return !ordersTab(d).Loading() && len(ordersTab(d).Items()) == 3 })

	// The selection followed Ana's order when the search was cleared. Up
	// selects Luis's (newest first: Marta, Luis, Ana); then a new order
	// arrives: the refresh shows it and the selection stays on Luis.
	if o, _ := ordersTab(d).Selected(); o.Id != ana.Id {
		t.Fatalf("after clearing the search the selection is on %s", o.Customer.Name)
	}
	d.press("up")
	if o, _ := ordersTab(d).Selected(); o.Id != luis.Id {
		t.Fatalf("selected %s, want Luis's order", o.Customer.Name)
	}
	newer := s.checkout(t, s.buyer(t, "pedro@correo.test", "Pedro Ruiz", item{p.Id, 1}), "")
	d.waitFor("the refresh", func() bool { return len(ordersTab(d).Items()) == 4 && !ordersTab(d).Loading() })
	if o, _ := ordersTab(d).Selected(); o.Id != luis.Id {
		t.Fatalf("after the refresh the selection is on %s", o.Customer.Name)
	}
	if !strings.Contains(d.screen(), newer.Reference) {
		t.Fatalf("the new order is not listed:\n%s", d.screen())
	}
	if items := ordersTab(d).Items(); items[0].Id != newer.Id || items[1].Id != marta.Id {
		t.Fatalf("order of the list: %s, %s", items[0].Customer.Name, items[1].Customer.Name)
	}
}
