package app_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/sdk"
)

// acting is a screen whose keys are actions: the help bar and Update read
// the same list.
type acting interface {
	Actions() []list.Action
	Editing() bool
}

// helpCheck visits screens in their states and remembers which bindings it
// saw enabled.
type helpCheck struct {
	t    *testing.T
	d    *driver
	seen map[string]bool // a binding's keys, joined
}

func bindingID(b key.Binding) string { return strings.Join(b.Keys(), " ") }

// state checks one state of a screen: the help bar (as the root draws it)
// lists exactly the enabled actions, each of them is the one its keys
// reach (no other action and, outside a text field, no global key takes
// them first), and every key can be typed.
func (h *helpCheck) state(name string, s acting, keys []key.Binding) {
	t := h.t
	t.Helper()
	var enabled []key.Binding
	acts := s.Actions()
	for _, a := range acts {
		if a.Key.Enabled() {
			enabled = append(enabled, *a.Key)
		}
	}
	if len(keys) != len(enabled) {
		t.Fatalf("%s: the help lists %d keys, the screen handles %d", name, len(keys), len(enabled))
	}
	bar := strings.Join(lastLines(h.d.screen(), 2), " ")
	for i, b := range enabled {
		if keys[i].Help() != b.Help() || bindingID(keys[i]) != bindingID(b) {
			t.Fatalf("%s: help key %d is %+v, the handled one %+v", name, i, keys[i].Help(), b.Help())
		}
		if entry := b.Help().Key + " " + b.Help().Desc; !strings.Contains(bar, entry) {
			t.Fatalf("%s: the help bar lacks «%s»:\n%s", name, entry, h.d.screen())
		}
		h.seen[bindingID(b)] = true
		for _, k := range b.Keys() {
			msg := keyMsg(k)
			if msg.String() != k && !(k == " " && msg.String() == "space") {
				t.Fatalf("%s: cannot type %q (got %q)", name, k, msg.String())
			}
			for _, a := range acts {
				if a.Key.Enabled() && key.Matches(msg, *a.Key) {
					if bindingID(*a.Key) != bindingID(b) {
						t.Fatalf("%s: %q of «%s» is taken by «%s»", name, k, b.Help().Desc, a.Key.Help().Desc)
					}
					break
				}
			}
			if !s.Editing() && (key.Matches(msg, app.GlobalKeys.Quit) || key.Matches(msg, app.GlobalKeys.Tab)) {
				t.Fatalf("%s: %q of «%s» is taken by the root's global keys", name, k, b.Help().Desc)
			}
		}
	}
	// The root's keys come first while no text field has the focus.
	if !s.Editing() && !strings.HasPrefix(strings.TrimSpace(bar), "q salir • tab/1-7 pestaña") {
		t.Fatalf("%s: the global keys are missing:\n%s", name, bar)
	}
}

// tab checks the screen showing in the root.
func (h *helpCheck) tab(name string, i int) {
	h.t.Helper()
	s := h.d.m.Screen(i)
	h.state(name, s.(acting), s.Keys().ShortHelp())
}

// covered fails for every binding of keymaps (structs of key.Bindings) that
// no visited state handled.
func (h *helpCheck) covered(screen string, keymaps ...any) {
	h.t.Helper()
	for _, km := range keymaps {
		v := reflect.ValueOf(km)
		for i := range v.NumField() {
			b, ok := v.Field(i).Interface().(key.Binding)
			if !ok {
				continue
			}
			if !h.seen[bindingID(b)] {
				h.t.Errorf("%s: %s.%s (%q) is in the KeyMap but no visited state handles it", screen, v.Type().Name(), v.Type().Field(i).Name, b.Keys())
			}
		}
	}
}

func lastLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	return lines[max(0, len(lines)-n):]
}

// dialog checks a form dialog: its help lists only the forms' own keys.
func (h *helpCheck) dialog(name string, i int) {
	h.t.Helper()
	formKeys := map[string]bool{}
	v := reflect.ValueOf(form.Keys)
	for j := range v.NumField() {
		formKeys[bindingID(v.Field(j).Interface().(key.Binding))] = true
	}
	bar := strings.Join(lastLines(h.d.screen(), 2), " ")
	for _, b := range h.d.m.Screen(i).Keys().ShortHelp() {
		if !formKeys[bindingID(b)] {
			h.t.Fatalf("%s: %q is not a form key", name, b.Keys())
		}
		if !strings.Contains(bar, b.Help().Key+" "+b.Help().Desc) {
			h.t.Fatalf("%s: the help bar lacks %q:\n%s", name, b.Help().Key, h.d.screen())
		}
	}
}

// Every screen's help bar lists exactly the keys its KeyMap handles in that
// state, and every binding of every KeyMap is handled in some state.
func TestEveryHelpBarListsExactlyTheKeysItHandles(t *testing.T) {
	s := newShop(t)
	var many []sdk.ProductCreate
	for i := range 21 { // two pages
		many = append(many, sdk.ProductCreate{Name: "Hojuela " + string(rune('A'+i)), Description: "Crocante", Price: 100000, Stock: 9, Category: "Fritos"})
	}
	made := s.catalog(t, many...)
	if _, err := s.api.UploadProductImage(ctx, made[len(made)-1].Id, "hojuela.png", strings.NewReader(tinyPNG)); err != nil {
		t.Fatal(err)
	}
	p := made[0]
	s.checkout(t, s.buyer(t, "ana@correo.test", "Ana Gómez", item{p.Id, 1}), "")
	prepared := s.checkout(t, s.buyer(t, "luis@correo.test", "Luis Pérez", item{p.Id, 1}), "")
	ready := s.checkout(t, s.buyer(t, "marta@correo.test", "Marta Ríos", item{p.Id, 1}), "")
	for _, o := range []*sdk.Order{prepared, ready} {
		if _, err := s.api.ConfirmTransfer(ctx, o.Id, "Bancolombia"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.api.UpdateOrderStatus(ctx, o.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusInPreparation}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.api.UpdateOrderStatus(ctx, ready.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusReady}); err != nil {
		t.Fatal(err)
	}
	paid := s.checkout(t, s.buyer(t, "sara@correo.test", "Sara Díaz", item{p.Id, 1}), "")
	if _, err := s.api.ConfirmTransfer(ctx, paid.Id, "Bancolombia"); err != nil {
		t.Fatal(err)
	}
	s.coupons(t, fixedCoupons[0])
	s.deadEvent(t, "order.paid", time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC))

	// The login form.
	login := newDriver(t, app.New(s.options(t, "", "")), 120, 40)
	lh := &helpCheck{t: t, d: login, seen: map[string]bool{}}
	lh.state("login", login.m.Login(), login.m.Login().Keys().ShortHelp()[:len(login.m.Login().Actions())])
	if !strings.Contains(strings.Join(lastLines(login.screen(), 2), " "), "ctrl+c salir") {
		t.Fatalf("login help:\n%s", login.screen())
	}
	lh.covered("login", login.m.Login().KeyMap())

	d := s.signedIn(t, 120, 40)
	h := &helpCheck{t: t, d: d, seen: map[string]bool{}}

	// Productos: the table, its second page, the search box, a question,
	// the dialogs, the deleted products.
	pt := productsTab(d)
	h.tab("products", app.Products)
	d.press("right")
	d.waitFor("page 2", func() bool { return !pt.Loading() })
	h.tab("products page 2", app.Products)
	d.press("left")
	d.waitFor("page 1", func() bool { return !pt.Loading() })
	d.press("/")
	h.tab("products search", app.Products)
	d.press("esc", "x")
	h.tab("products question", app.Products)
	d.press("n")
	for _, open := range []string{"n", "s", "i", "b"} {
		d.press(open)
		h.dialog("products dialog "+open, app.Products)
		d.press("esc")
	}
	d.press("v", "v", "v")
	d.waitFor("the deleted products", func() bool { return pt.StatusFilter() == sdk.Deleted && !pt.Loading() })
	h.tab("products deleted (none)", app.Products)
	if err := s.api.DeleteProduct(ctx, made[1].Id); err != nil {
		t.Fatal(err)
	}
	d.press("r")
	d.waitFor("the deleted product", func() bool { return !pt.Loading() && len(pt.Items()) == 1 })
	h.tab("products deleted", app.Products)
	h.covered("products", pt.KeyMap(), pt.List().Keys)

	// Pedidos: each order's moves, the detail, a question, the invoice's
	// path, the search.
	openOrders(d)
	ot := ordersTab(d)
	for range ot.Items() {
		h.tab("orders row", app.Orders)
		d.press("down")
	}
	d.press("home", "c")
	h.tab("orders question", app.Orders)
	d.press("esc", "enter")
	d.waitFor("the detail", func() bool { return ot.Detail() != nil && !ot.Loading() })
	h.tab("order detail", app.Orders)
	d.press("g")
	h.tab("order invoice path", app.Orders)
	d.press("esc", "esc", "/")
	h.tab("orders search", app.Orders)
	d.press("esc")
	h.covered("orders", ot.KeyMap(), ot.MoveKeys())

	// Cupones.
	openCoupons(d)
	h.tab("coupons", app.Coupons)
	d.press("x")
	h.tab("coupons question", app.Coupons)
	d.press("n", "n")
	h.dialog("coupon form", app.Coupons)
	d.press("esc")
	h.covered("coupons", couponsTab(d).KeyMap())

	// Resumen.
	d.press("4")
	d.waitFor("the summary", func() bool { return !d.m.Screen(app.Summary).(interface{ Loading() bool }).Loading() })
	h.tab("summary", app.Summary)

	// Clientes: the table, a question, the detail.
	openCustomers(d)
	ct := customersTab(d)
	h.tab("customers", app.Customers)
	d.press("a")
	h.tab("customers question", app.Customers)
	d.press("n", "enter")
	d.waitFor("the detail", func() bool { return ct.Detail() != nil && !ct.Loading() })
	h.tab("customer detail", app.Customers)
	d.press("esc")
	h.covered("customers", ct.KeyMap())

	// Claves API: the table, a question, the form, the new key's secret.
	openKeys(d)
	kt := keysTab(d)
	h.tab("api keys", app.APIKeys)
	d.press("x")
	h.tab("api keys question", app.APIKeys)
	d.press("n", "n")
	h.dialog("api key form", app.APIKeys)
	d.typeText("Prueba")
	d.press("ctrl+s")
	d.waitFor("the secret", func() bool { return kt.Created() != nil })
	h.tab("api key secret", app.APIKeys)
	d.press("enter")
	h.covered("api keys", kt.KeyMap())

	// Eventos: the table, the detail.
	openEvents(d)
	et := eventsTab(d)
	d.press("f")
	d.waitFor("the dead events", func() bool { return !et.Loading() && len(et.Items()) == 1 })
	h.tab("events", app.Events)
	d.press("enter")
	h.tab("event detail", app.Events)
	d.press("esc")
	h.covered("events", et.KeyMap())
}
