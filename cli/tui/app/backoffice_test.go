package app_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/cli/tui/apikeys"
	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/cli/tui/customers"
	"github.com/donpalito/donpalitojr/cli/tui/events"
	ev "github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/sdk"
)

func customersTab(d *driver) *customers.Model { return d.m.Screen(app.Customers).(*customers.Model) }
func keysTab(d *driver) *apikeys.Model        { return d.m.Screen(app.APIKeys).(*apikeys.Model) }
func eventsTab(d *driver) *events.Model       { return d.m.Screen(app.Events).(*events.Model) }

// openTab shows a tab by its digit and waits for its first page.
func openTab(d *driver, digit string, tab int, loaded func() bool) {
	d.t.Helper()
	d.press(digit)
	d.waitFor("tab "+digit, func() bool { return d.m.Active() == tab && loaded() })
}

func openCustomers(d *driver) {
	openTab(d, "5", app.Customers, func() bool { return !customersTab(d).Loading() && customersTab(d).Items() != nil })
}

func openKeys(d *driver) {
	openTab(d, "6", app.APIKeys, func() bool { return !keysTab(d).Loading() && keysTab(d).Items() != nil })
}

func openEvents(d *driver) {
	openTab(d, "7", app.Events, func() bool { return !eventsTab(d).Loading() && eventsTab(d).Items() != nil })
}

// waitFor a notice of a tab that has Notice and Loading.
type noticer interface {
	Notice() (string, bool)
	Loading() bool
}

func waitTabNotice(d *driver, tab func() noticer, text string) {
	d.t.Helper()
	d.waitFor("«"+text+"»", func() bool {
		n, _ := tab().Notice()
		return strings.Contains(n, text) && !tab().Loading()
	})
}

// fixedCustomers signs up Ana (with an address and a paid order) and Luis,
// with fixed names and data.
func (s *shop) fixedCustomers(t *testing.T) *sdk.Order {
	t.Helper()
	p := s.catalog(t, fixedCatalog[0])[0]
	ana := s.buyer(t, "ana@correo.test", "Ana Gómez", item{p.Id, 2})
	home := true
	if r, err := ana.CreateAddressWithResponse(ctx, nil, sdk.AddressCreate{Label: "Casa", FullName: "Ana Gómez",
		StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567", IsDefault: &home}); err != nil || r.JSON201 == nil {
		t.Fatalf("address: %v %s", err, r.Body)
	}
	order := s.checkout(t, ana, "")
	if _, err := s.api.ConfirmTransfer(ctx, order.Id, "Bancolombia"); err != nil {
		t.Fatal(err)
	}
	luis := s.buyer(t, "luis@correo.test", "Luis Pérez")
	if _, err := luis.GetMeWithResponse(ctx); err != nil { // the account exists once it is used
		t.Fatal(err)
	}
	return order
}

func (s *shop) customerByEmail(t *testing.T, email string) sdk.Customer {
	t.Helper()
	page, err := s.api.ListCustomers(ctx, &sdk.AdminListCustomersParams{Q: &email})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("customer %s: %+v %v", email, page, err)
	}
	return page.Items[0]
}

func TestDeactivateACustomerAfterLookingAtTheirDetail(t *testing.T) {
	s := newShop(t)
	order := s.fixedCustomers(t)
	d := s.signedIn(t, 120, 40)
	openCustomers(d)
	if !strings.Contains(d.screen(), "Ana Gómez") || !strings.Contains(d.screen(), "luis@correo.test") {
		t.Fatalf("customers:\n%s", d.screen())
	}

	d.press("/")
	d.typeText("ana@")
	d.press("enter")
	d.waitFor("the search", func() bool { return !customersTab(d).Loading() && len(customersTab(d).Items()) == 1 })
	d.press("enter")
	d.waitFor("the detail", func() bool { return customersTab(d).Detail() != nil && !customersTab(d).Loading() })
	screen := d.screen()
	for _, want := range []string{"Direcciones (1)", "Casa: Ana Gómez · Calle 10 # 20-30, Medellín", "Pedidos (1)", order.Reference, "Pagado"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("detail lacks %q:\n%s", want, screen)
		}
	}

	// a asks first; n keeps the account as it is.
	d.press("a")
	if !shows(d.screen(), "¿Desactivar la cuenta de Ana Gómez (ana@correo.test)? No podrá entrar ni comprar. (s/n)") {
		t.Fatalf("no question:\n%s", d.screen())
	}
	d.press("n")
	if c := s.customerByEmail(t, "ana@correo.test"); !c.IsActive {
		t.Fatal("n deactivated the account")
	}
	d.press("a", "s")
	waitTabNotice(d, func() noticer { return customersTab(d) }, "desactivado")
	if c := s.customerByEmail(t, "ana@correo.test"); c.IsActive {
		t.Fatal("the API still says active")
	}
	d.waitFor("the fresh detail", func() bool { return !customersTab(d).Loading() && !customersTab(d).Detail().IsActive })
	if !strings.Contains(d.screen(), "a activar") {
		t.Fatalf("the key does not offer activation now:\n%s", d.screen())
	}
	d.press("a", "s")
	waitTabNotice(d, func() noticer { return customersTab(d) }, "activado de nuevo")
	if c := s.customerByEmail(t, "ana@correo.test"); !c.IsActive {
		t.Fatal("the API still says inactive")
	}

	// The state filter.
	d.press("esc", "/")
	for range 4 {
		d.press("backspace")
	}
	d.press("enter", "f", "f")
	d.waitFor("the inactive filter", func() bool { return !customersTab(d).Loading() })
	if !strings.Contains(d.screen(), "Solo inactivos") || !strings.Contains(d.screen(), "No hay clientes con estos filtros.") {
		t.Fatalf("inactive filter:\n%s", d.screen())
	}
}

func TestCreateAKeyShownOnceThenRevokeIt(t *testing.T) {
	s := newShop(t)
	d := s.signedIn(t, 80, 24)
	openKeys(d)
	if !strings.Contains(d.screen(), "Caja") || !strings.Contains(d.screen(), "administración") || !strings.Contains(d.screen(), "en uso") {
		t.Fatalf("keys:\n%s", d.screen())
	}
	// Revoking the key this terminal uses is possible, with a clear warning.
	d.press("x")
	if !shows(d.screen(), "«Caja» es la clave de esta sesión: si la revocas, esta terminal dejará de funcionar.") {
		t.Fatalf("no warning for the key in use:\n%s", d.screen())
	}
	d.press("n")

	d.press("n")
	d.press("ctrl+s") // an empty name goes to the API, whose field error shows
	d.waitFor("the API's field error", func() bool { return keysTab(d).FormError() != "" })
	if !shows(d.screen(), "Revisa los campos marcados.") {
		t.Fatalf("form after the refusal:\n%s", d.screen())
	}
	d.typeText("Integración contable")
	d.press("tab")
	d.typeText(" ") // solo lectura
	d.press("enter")
	d.waitFor("the new key", func() bool { return keysTab(d).Created() != nil })
	created := keysTab(d).Created()
	screen := d.screen()
	if !strings.Contains(screen, created.Key) || !shows(screen, "no se volverá a mostrar") {
		t.Fatalf("the secret and its warning:\n%s", screen)
	}
	if !strings.Contains(screen, "enter ya la guardé") || !d.m.Screen(app.APIKeys).Editing() {
		t.Fatalf("help while the secret shows:\n%s", screen)
	}
	reader := s.connect(t)(shopURL, created.Key)
	if _, err := reader.Me(ctx); err != nil {
		t.Fatalf("the new key does not work: %v", err)
	}
	d.press("enter")
	if strings.Contains(d.screen(), created.Key) {
		t.Fatal("the secret is still on the screen")
	}
	d.waitFor("the list", func() bool { return !keysTab(d).Loading() })
	sel, ok := keysTab(d).List().Selected()
	if !ok || sel.Id != created.Id || apikeys.ScopeLabel(sel.Scopes) != "solo lectura" {
		t.Fatalf("selected %+v", sel)
	}

	d.press("x")
	if !shows(d.screen(), "¿Revocar la clave «Integración contable»") {
		t.Fatalf("no question:\n%s", d.screen())
	}
	d.press("s")
	waitTabNotice(d, func() noticer { return keysTab(d) }, "quedó revocada")
	if _, err := reader.Me(ctx); !sdk.IsCode(err, "unauthenticated") {
		t.Fatalf("a revoked key still works: %v", err)
	}
	for _, k := range keysTab(d).Items() {
		if k.Id == created.Id {
			t.Fatalf("the revoked key is still listed:\n%s", d.screen())
		}
	}
	d.press("t")
	d.waitFor("the revoked keys", func() bool { return !keysTab(d).Loading() })
	if !strings.Contains(d.screen(), "revocada") {
		t.Fatalf("revoked keys:\n%s", d.screen())
	}
}

// deadEvent puts a dead event in the outbox, the way an event ends after
// its last failed attempt.
func (s *shop) deadEvent(t *testing.T, typ string, at time.Time) string {
	t.Helper()
	// A fixed id keeps the detail's golden stable; each test has its own
	// database.
	id, _ := bson.ObjectIDFromHex("675f1c2e8b3a4d00000000d1")
	e := ev.Event{ID: id, Type: typ, AggregateID: "665f1c2e8b3a4d0012345678",
		Payload: map[string]any{"orderId": "665f1c2e8b3a4d0012345678", "reference": "PED00001", "total": 700000},
		State:   ev.Dead, Attempts: 8, Done: []string{}, NextAttemptAt: at, LastError: "smtp: 421 el servidor de correo no responde",
		CreatedAt: at, UpdatedAt: at}
	if _, err := s.env.App.Store.DB.Collection("outbox").InsertOne(ctx, e); err != nil {
		t.Fatal(err)
	}
	return e.ID.Hex()
}

func TestRetryADeadEventFromItsDetail(t *testing.T) {
	s := newShop(t)
	id := s.deadEvent(t, "order.paid", time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC))
	d := s.signedIn(t, 120, 40)
	openEvents(d)
	d.press("f") // dead first: those need staff
	d.waitFor("the dead events", func() bool { return !eventsTab(d).Loading() && eventsTab(d).StateFilter() == sdk.OutboxEventStateDead })
	if items := eventsTab(d).Items(); len(items) != 1 || items[0].Id != id {
		t.Fatalf("dead events: %+v", items)
	}
	d.press("t", "t") // order.paid
	d.waitFor("the type filter", func() bool { return !eventsTab(d).Loading() && eventsTab(d).TypeFilter() == "order.paid" })
	if len(eventsTab(d).Items()) != 1 || !strings.Contains(d.screen(), "Tipo: order.paid · Estado: muerto") {
		t.Fatalf("filters:\n%s", d.screen())
	}
	d.press("enter")
	screen := d.screen()
	for _, want := range []string{"Evento order.paid · muerto · 8 intentos", "smtp: 421 el servidor de correo no responde", `"reference": "PED00001"`, "i reintentar"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("detail lacks %q:\n%s", want, screen)
		}
	}
	d.press("i")
	waitTabNotice(d, func() noticer { return eventsTab(d) }, "programado de nuevo")
	state := sdk.OutboxEventStateDead
	page, err := s.api.ListEvents(ctx, &sdk.ListEventsParams{State: &state})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("dead events after retry: %+v %v", page, err)
	}
	if strings.Contains(d.screen(), "i reintentar") && eventsTab(d).Detail().State == sdk.OutboxEventStateDead {
		t.Fatalf("the retried event still offers a retry:\n%s", d.screen())
	}
}

func TestRestoreADeletedProductAndRemoveAnImage(t *testing.T) {
	s := newShop(t)
	created := s.catalog(t, fixedCatalog[1])[0]
	for _, name := range []string{"uno.png", "dos.png"} {
		if _, err := s.api.UploadProductImage(ctx, created.Id, name, strings.NewReader(tinyPNG)); err != nil {
			t.Fatal(err)
		}
	}
	d := s.signedIn(t, 80, 24)

	d.press("b")
	if !strings.Contains(d.screen(), "Quitar imagen") || !strings.Contains(d.screen(), "1 de 2") {
		t.Fatalf("remove-image dialog:\n%s", d.screen())
	}
	d.press("right", "enter") // the second image
	d.waitFor("the removal", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "Imagen quitada") && !productsTab(d).Loading()
	})
	got, _ := s.api.AdminGetProduct(ctx, created.Id)
	if len(got.Images) != 1 {
		t.Fatalf("images after removal: %+v", got.Images)
	}

	d.press("x", "s")
	d.waitFor("the deletion", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "se eliminó") && !productsTab(d).Loading()
	})
	d.press("v", "v", "v") // Eliminados
	d.waitFor("the deleted products", func() bool {
		return productsTab(d).StatusFilter() == sdk.Deleted && !productsTab(d).Loading()
	})
	if items := productsTab(d).Items(); len(items) != 1 || !strings.Contains(d.screen(), "eliminado") || !strings.Contains(d.screen(), "u restaurar") {
		t.Fatalf("deleted view:\n%s", d.screen())
	}
	if strings.Contains(d.screen(), "s stock") {
		t.Fatalf("a deleted product offers stock:\n%s", d.screen())
	}
	d.press("u")
	d.waitFor("the restore", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "volvió al catálogo") && !productsTab(d).Loading()
	})
	back, err := s.api.AdminGetProduct(ctx, created.Id)
	if err != nil || back.IsActive {
		t.Fatalf("restored product: %+v %v", back, err)
	}
	if len(productsTab(d).Items()) != 0 {
		t.Fatalf("the restored product is still among the deleted:\n%s", d.screen())
	}
}

func TestSaveAnInvoiceToAFile(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	d := s.signedIn(t, 120, 40)
	openOrders(d)
	if strings.Contains(d.screen(), "g guardar factura") {
		t.Fatalf("an unpaid order offers its invoice:\n%s", d.screen())
	}
	d.press("p")
	waitNotice(d, "Pagado, factura")
	paid := s.order(t, placed.Id)

	dir := t.TempDir()
	t.Chdir(dir) // the proposed path is relative
	d.press("g")
	want := "./factura-" + placed.Reference + ".pdf"
	if !strings.Contains(d.screen(), "Guardar en: "+want) || !ordersTab(d).Editing() {
		t.Fatalf("the path prompt:\n%s", d.screen())
	}
	d.press("enter")
	waitNotice(d, "guardada en "+want)
	if n, _ := ordersTab(d).Notice(); !strings.Contains(n, *paid.InvoiceNumber) {
		t.Fatalf("notice: %q", n)
	}
	b, err := os.ReadFile(filepath.Join(dir, "factura-"+placed.Reference+".pdf"))
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("saved invoice: %v", err)
	}

	// Into a folder that does not exist: a local error, named as such.
	d.press("g")
	for range len(want) {
		d.press("backspace")
	}
	missing := filepath.Join(dir, "no-existe", "f.pdf")
	d.typeText(missing)
	d.press("enter")
	d.waitFor("the local error", func() bool {
		n, bad := ordersTab(d).Notice()
		return bad && strings.Contains(n, "No existe el archivo "+missing)
	})
}

func TestThePayKeySaysWhatItDoesForACardOrder(t *testing.T) {
	s := newShop(t)
	p := s.catalog(t, fixedCatalog[0])[0]
	c := s.buyer(t, "ana@correo.test", "Ana Gómez", item{p.Id, 1})
	res, err := c.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "tarjeta-1"},
		sdk.OrderCreate{Address: &deliveryAddress, PaymentMethod: sdk.Card})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("card order: %v %s", err, res.Body)
	}
	d := s.signedIn(t, 120, 40)
	openOrders(d)
	screen := d.screen()
	if !strings.Contains(screen, "p marcar pago con tarjeta") || strings.Contains(screen, "transferencia") {
		t.Fatalf("a pending card order's p:\n%s", screen)
	}
}

func TestBackOfficeGoldens(t *testing.T) {
	stableDates := regexp.MustCompile(`\d\d/\d\d/\d{4} \d\d:\d\d`)
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		t.Run("customers "+name, func(t *testing.T) {
			s := newShop(t)
			order := s.fixedCustomers(t)
			d := s.signedIn(t, size.w, size.h)
			openCustomers(d)
			fits(t, d.screen(), size.w, size.h)
			golden(t, "customers-"+name+".txt", d.screen())

			d.press("/")
			d.typeText("ana@")
			d.press("enter")
			d.waitFor("the search", func() bool { return !customersTab(d).Loading() && len(customersTab(d).Items()) == 1 })
			d.press("enter")
			d.waitFor("the detail", func() bool { return customersTab(d).Detail() != nil && !customersTab(d).Loading() })
			stable := func(screen string) string {
				screen = strings.ReplaceAll(screen, order.Reference, "PED00001")
				screen = regexp.MustCompile(`desde \d\d/\d\d/\d{4}`).ReplaceAllString(screen, "desde 25/11/2026")
				return stableDates.ReplaceAllString(screen, "25/11/2026 10:00")
			}
			fits(t, d.screen(), size.w, size.h)
			golden(t, "customer-detail-"+name+".txt", stable(d.screen()))
		})
		t.Run("api keys "+name, func(t *testing.T) {
			s := newShop(t)
			d := s.signedIn(t, size.w, size.h)
			openKeys(d)
			// The prefix is random and the key in use was used just now.
			stable := func(screen string) string {
				screen = regexp.MustCompile(`dpk_[A-Za-z0-9_-]{4,8}…`).ReplaceAllStringFunc(screen, func(s string) string {
					return "dpk_" + strings.Repeat("x", len([]rune(s))-5) + "…"
				})
				return stableDates.ReplaceAllString(screen, "25/11/2026 10:00")
			}
			fits(t, d.screen(), size.w, size.h)
			golden(t, "apikeys-"+name+".txt", stable(d.screen()))
		})
		t.Run("events "+name, func(t *testing.T) {
			s := newShop(t)
			s.deadEvent(t, "order.paid", time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC))
			d := s.signedIn(t, size.w, size.h)
			openEvents(d)
			d.press("f")
			d.waitFor("the dead events", func() bool { return !eventsTab(d).Loading() && eventsTab(d).StateFilter() == sdk.OutboxEventStateDead })
			fits(t, d.screen(), size.w, size.h)
			golden(t, "events-"+name+".txt", d.screen())
			d.press("enter")
			fits(t, d.screen(), size.w, size.h)
			golden(t, "event-detail-"+name+".txt", d.screen())
		})
	}
}
