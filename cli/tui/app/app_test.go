package app_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/cli/config"
	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/cli/tui/dashboard"
	"github.com/donpalito/donpalitojr/cli/tui/products"
	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var ctx = context.Background()

// shopURL is the URL the tests type and see on screen; connect sends every
// request to the in-process server instead, so the screens stay stable.
const shopURL = "http://tienda.test"

type shop struct {
	env *apitest.Env
	key string
	api *sdk.API // the admin's own client, to check the API's data
}

func newShop(t *testing.T) *shop {
	t.Helper()
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	res, err := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "Caja", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create key: %v", err)
	}
	s := &shop{env: env, key: res.JSON201.Key}
	s.api = s.connect(t)(shopURL, s.key)
	return s
}

func (s *shop) connect(t *testing.T) func(url, key string) *sdk.API {
	return func(url, key string) *sdk.API {
		api, err := sdk.New(s.env.URL, sdk.WithHTTPClient(s.env.HTTP), sdk.WithAPIKey(key))
		if err != nil {
			t.Fatal(err)
		}
		return api
	}
}

func (s *shop) options(t *testing.T, url, key string) app.Options {
	c := s.connect(t)
	return app.Options{
		URL: url, APIKey: key,
		Connect: func(url, key string) (*sdk.API, error) { return c(url, key), nil },
		Now:     func() time.Time { return time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC) },
		Refresh: -1, // tests that want the refresh set it
	}
}

// signedIn starts the program with a working key and waits for the products.
func (s *shop) signedIn(t *testing.T, width, height int) *driver {
	d := newDriver(t, app.New(s.options(t, shopURL, s.key)), width, height)
	d.waitFor("the products tab", func() bool { return d.m.SignedIn() && !productsTab(d).Loading() })
	return d
}

func productsTab(d *driver) *products.Model { return d.m.Screen(app.Products).(*products.Model) }

// catalog creates products with fixed data, oldest first.
func (s *shop) catalog(t *testing.T, items ...sdk.ProductCreate) []*sdk.Product {
	var out []*sdk.Product
	for _, p := range items {
		created, err := s.api.CreateProduct(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, created)
		time.Sleep(5 * time.Millisecond) // distinct creation times keep "newest first" stable
	}
	return out
}

var fixedCatalog = []sdk.ProductCreate{
	{Name: "Palito Premium Puro Queso", Description: "Hojaldre con queso costeño", Price: 350000, Stock: 40, Category: "Palitos"},
	{Name: "Buñuelo", Description: "Redondo y dorado", Price: 250000, Stock: 0, Category: "Fritos"},
	{Name: "Plato de Natilla", Description: "Natilla casera", Price: 600050, Stock: 12, Category: "Natillas"},
}

func TestLoginExplainsARefusedKey(t *testing.T) {
	s := newShop(t)
	customerToken := s.env.Token("cliente@correo.test", auth.RoleCustomer)
	tests := []struct {
		name, key, want string
	}{
		{"unknown key", "dpk_" + strings.Repeat("0", 64), "La clave de API no es válida o fue revocada"},
		{"not an admin", customerToken, "no es administrador"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, app.New(s.options(t, "", "")), 80, 24)
			d.typeText(shopURL)
			d.press("enter")
			d.typeText(tt.key)
			d.press("enter")
			d.waitFor("the check", func() bool { return !d.m.Login().Checking() })
			if d.m.SignedIn() || !strings.Contains(d.m.Login().Error(), tt.want) {
				t.Fatalf("signed in %v, message %q", d.m.SignedIn(), d.m.Login().Error())
			}
			if !strings.Contains(flat(d.screen()), tt.want) {
				t.Fatalf("the message is not on the screen:\n%s", d.screen())
			}
			d.press("q") // q types into the form; it does not quit here
			if d.quit || d.m.Quitting() {
				t.Fatal("q quit from the login form")
			}
		})
	}
}

func TestLoginSavesTheKeyTheServerAccepted(t *testing.T) {
	s := newShop(t)
	path := filepath.Join(t.TempDir(), "donpalito", "config.json")
	opts := s.options(t, "", "")
	opts.Save = func(url, key string) error { return config.Save(path, config.Config{URL: url, APIKey: key}) }
	d := newDriver(t, app.New(opts), 80, 24)
	d.press("enter", "enter") // an empty URL is explained, not sent
	if !strings.Contains(d.m.Login().Error(), "URL") {
		t.Fatalf("empty URL: %q", d.m.Login().Error())
	}
	d.typeText(shopURL + "/") // the focus went back to the URL
	d.press("enter")
	d.typeText(s.key)
	d.press("enter")
	d.waitFor("the tabs", func() bool { return d.m.SignedIn() })

	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("config file: %v %v", info, err)
	}
	saved, err := config.Load(path)
	if err != nil || saved != (config.Config{URL: shopURL, APIKey: s.key}) {
		t.Fatalf("saved %+v %v", saved, err)
	}
	if !strings.Contains(d.screen(), "admin@donpalito.test · "+shopURL) {
		t.Fatalf("header:\n%s", d.screen())
	}
}

func TestCreateAProductThroughTheForm(t *testing.T) {
	s := newShop(t)
	d := s.signedIn(t, 120, 40)

	// The API's own validation messages appear under the fields.
	_, apiErr := s.api.CreateProduct(ctx, sdk.ProductCreate{Description: "x", Price: 1, Category: "x"})
	var problem *sdk.Error
	if !errors.As(apiErr, &problem) || problem.FieldMessage("name") == "" {
		t.Fatalf("expected the API to refuse an empty name: %v", apiErr)
	}
	d.press("n")
	d.press("ctrl+s")
	d.waitFor("the API's field errors", func() bool { return strings.Contains(d.screen(), problem.FieldMessage("name")) })
	if !strings.Contains(d.screen(), "Revisa los campos marcados.") {
		t.Fatalf("form:\n%s", d.screen())
	}

	d.typeText("Palito de guayaba")
	d.press("tab")
	d.typeText("Hojaldre con bocadillo veleño")
	d.press("tab")
	d.typeText("3.000")
	d.press("tab")
	d.press("backspace")
	d.typeText("12")
	d.press("tab")
	d.typeText("Palitos")
	d.press("enter") // to the last field
	d.press("enter") // save
	d.waitFor("the saved notice", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "se creó")
	})
	d.waitFor("the reloaded list", func() bool { return !productsTab(d).Loading() })

	q := "guayaba"
	page, err := s.api.AdminListProducts(ctx, &sdk.AdminListProductsParams{Q: &q})
	if err != nil || page.Total != 1 {
		t.Fatalf("API after the form: %+v %v", page, err)
	}
	p := page.Items[0]
	if p.Name != "Palito de guayaba" || p.Price != 300000 || p.Stock != 12 || p.Category != "Palitos" || !p.IsActive {
		t.Fatalf("created %+v", p)
	}
	if !strings.Contains(d.screen(), "Palito de guayaba") || !strings.Contains(d.screen(), "$ 3.000") {
		t.Fatalf("the new product is not listed:\n%s", d.screen())
	}

	// Editing changes the price.
	d.press("enter")
	d.press("tab", "tab")
	for range 10 {
		d.press("backspace")
	}
	d.typeText("3.200")
	d.press("ctrl+s")
	d.waitFor("the saved edit", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "se guardó")
	})
	if got, _ := s.api.AdminGetProduct(ctx, p.Id); got.Price != 320000 {
		t.Fatalf("price after edit: %d", got.Price)
	}
}

func TestAdjustStockWithAReason(t *testing.T) {
	s := newShop(t)
	created := s.catalog(t, fixedCatalog[0])
	d := s.signedIn(t, 80, 24)

	// The API refuses going below zero; the form shows its detail.
	_, refusal := s.api.AdjustStock(ctx, created[0].Id, sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -100, Reason: "Merma"})
	var problem *sdk.Error
	if !errors.As(refusal, &problem) || problem.Code != "insufficient_stock" || problem.Detail == "" {
		t.Fatalf("expected insufficient_stock: %v", refusal)
	}
	d.press("s")
	d.typeText("-100")
	d.press("enter")
	d.typeText("Merma")
	d.press("enter")
	d.waitFor("the refusal", func() bool { return strings.Contains(flat(d.screen()), problem.Detail) })
	if got, _ := s.api.AdminGetProduct(ctx, created[0].Id); got.Stock != 40 {
		t.Fatalf("a refused adjustment changed the stock to %d", got.Stock)
	}

	d.press("up")
	for range 5 {
		d.press("backspace")
	}
	d.typeText("-3")
	d.press("enter")
	d.press("enter")
	d.waitFor("the adjusted stock", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "Existencias")
	})
	if got, _ := s.api.AdminGetProduct(ctx, created[0].Id); got.Stock != 37 {
		t.Fatalf("stock after -3: %d", got.Stock)
	}

	d.press("s")
	d.typeText("=50")
	d.press("enter")
	d.typeText("Conteo de inventario")
	d.press("enter")
	d.waitFor("the set stock", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, ": 50")
	})
	if got, _ := s.api.AdminGetProduct(ctx, created[0].Id); got.Stock != 50 {
		t.Fatalf("stock after =50: %d", got.Stock)
	}
}

func TestUploadAnImageThenDeleteTheProduct(t *testing.T) {
	s := newShop(t)
	created := s.catalog(t, fixedCatalog[1])
	img := filepath.Join(t.TempDir(), "bunuelo.png")
	if err := os.WriteFile(img, []byte(tinyPNG), 0o600); err != nil {
		t.Fatal(err)
	}
	d := s.signedIn(t, 80, 24)

	d.press("i")
	d.typeText(filepath.Join(t.TempDir(), "no-existe.png"))
	d.press("enter")
	d.waitFor("the missing-file message", func() bool { return strings.Contains(d.screen(), "No existe el archivo") })
	d.press("esc", "i")
	d.typeText(img)
	d.press("enter")
	d.waitFor("the upload", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "Imagen agregada")
	})
	if got, _ := s.api.AdminGetProduct(ctx, created[0].Id); len(got.Images) != 1 {
		t.Fatalf("images: %d", len(got.Images))
	}

	d.press("x")
	if !strings.Contains(d.screen(), "¿Eliminar «Buñuelo» del catálogo? (s/n)") {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("n")
	if _, err := s.api.AdminGetProduct(ctx, created[0].Id); err != nil {
		t.Fatalf("n must keep the product: %v", err)
	}
	d.press("x", "s")
	d.waitFor("the deletion", func() bool {
		n, _ := productsTab(d).Notice()
		return strings.Contains(n, "se eliminó")
	})
	if _, err := s.api.AdminGetProduct(ctx, created[0].Id); !sdk.IsCode(err, "not_found") {
		t.Fatalf("deleted product: %v", err)
	}
}

func TestSearchCategoryAndPages(t *testing.T) {
	s := newShop(t)
	var many []sdk.ProductCreate
	for i := range 23 {
		many = append(many, sdk.ProductCreate{Name: fmt.Sprintf("Hojuela %02d", i), Description: "Crocante", Price: 100000, Stock: 3, Category: "Fritos"})
	}
	s.catalog(t, append(many, fixedCatalog...)...)
	d := s.signedIn(t, 120, 40)
	if tab := productsTab(d); len(tab.Items()) != products.PageSize || !strings.Contains(d.screen(), "Página 1 de 2 · 26 productos") {
		t.Fatalf("first page: %d items\n%s", len(tab.Items()), d.screen())
	}
	d.press("right")
	d.waitFor("page 2", func() bool { return !productsTab(d).Loading() })
	if len(productsTab(d).Items()) != 6 {
		t.Fatalf("page 2 has %d items", len(productsTab(d).Items()))
	}
	d.press("/")
	d.typeText("natilla")
	d.press("enter")
	d.waitFor("the search", func() bool { return !productsTab(d).Loading() })
	if items := productsTab(d).Items(); len(items) != 1 || items[0].Name != "Plato de Natilla" {
		t.Fatalf("search: %+v", items)
	}
	d.press("/")
	for range 7 {
		d.press("backspace")
	}
	d.press("enter", "c") // c right away: the answer for the first request must not win
	d.waitFor("the category", func() bool { return !productsTab(d).Loading() })
	category := productsTab(d).Category()
	if category == "" || len(productsTab(d).Items()) == 0 {
		t.Fatalf("no category chosen:\n%s", d.screen())
	}
	for _, p := range productsTab(d).Items() {
		if p.Category != category {
			t.Fatalf("category filter %q let %q through", category, p.Name)
		}
	}
	if !strings.Contains(d.screen(), "Categoría: "+category) {
		t.Fatalf("filter line:\n%s", d.screen())
	}
}

func TestCommerceTabsShowTheShopAndTheSummaryWaitsCalmly(t *testing.T) {
	s := newShop(t)
	placed := s.pendingOrder(t)
	s.coupons(t, fixedCoupons[0])
	d := s.signedIn(t, 80, 24)

	openOrders(d)
	if !strings.Contains(d.screen(), placed.Reference) || !strings.Contains(d.screen(), "Pendiente") {
		t.Fatalf("orders tab:\n%s", d.screen())
	}
	fits(t, d.screen(), 80, 24)
	openCoupons(d)
	if !strings.Contains(d.screen(), "BIENVENIDA10") || !strings.Contains(d.screen(), "hasta 31/12/2026") {
		t.Fatalf("coupons tab:\n%s", d.screen())
	}
	fits(t, d.screen(), 80, 24)

	// The stats are still being built on the server: while it answers 501
	// the tab says so calmly; once it answers, the figures show.
	d.press("4")
	summary := d.m.Screen(app.Summary).(*dashboard.Model)
	d.waitFor("the summary", func() bool { return d.m.Active() == app.Summary && !summary.Loading() })
	screen := flat(d.screen())
	if summary.NotLive() != "" {
		if !strings.Contains(screen, "Esta sección estará disponible") || !strings.Contains(screen, "aún no está disponible en este servidor") {
			t.Fatalf("summary while not live:\n%s", d.screen())
		}
	} else if !strings.Contains(screen, "Últimos 30 días") || !strings.Contains(screen, "Pedidos por estado") {
		t.Fatalf("summary:\n%s", d.screen())
	}
	fits(t, d.screen(), 80, 24)

	// Their keys do not crash, whatever the state.
	d.press("2", "f", "F", "/", "esc", "right", "left", "enter", "down", "up", "esc", "r", "3", "right", "/", "esc", "r", "4", "r")
	d.settle()

	// Resizing keeps every tab inside the window.
	for _, tab := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		d.press(tab)
		d.send(teaSize(60, 15))
		fits(t, d.screen(), 60, 15)
		d.send(teaSize(80, 24))
	}

	d.press("q")
	d.settle()
	if !d.quit || !d.m.Quitting() || d.m.Render() != "" {
		t.Fatal("q did not quit cleanly")
	}
}

func TestCtrlCQuitsEvenWhileTyping(t *testing.T) {
	s := newShop(t)
	d := s.signedIn(t, 80, 24)
	d.press("n")
	d.typeText("q")
	if d.quit {
		t.Fatal("q in a form must type, not quit")
	}
	d.press("ctrl+c")
	d.settle()
	if !d.quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestViewGoldens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		t.Run("login "+name, func(t *testing.T) {
			s := newShop(t)
			d := newDriver(t, app.New(s.options(t, "", "")), size.w, size.h)
			fits(t, d.screen(), size.w, size.h)
			golden(t, "login-"+name+".txt", d.screen())
		})
		t.Run("products "+name, func(t *testing.T) {
			s := newShop(t)
			s.catalog(t, fixedCatalog...)
			d := s.signedIn(t, size.w, size.h)
			fits(t, d.screen(), size.w, size.h)
			golden(t, "products-"+name+".txt", d.screen())
		})
		t.Run("orders "+name, func(t *testing.T) {
			s := newShop(t)
			stable := s.fixedOrders(t)
			d := s.signedIn(t, size.w, size.h)
			openOrders(d)
			fits(t, d.screen(), size.w, size.h)
			golden(t, "orders-"+name+".txt", stable(d.screen()))

			// The oldest order (Ana's, paid with a coupon) in detail.
			d.press("end", "enter")
			d.waitFor("the detail", func() bool { return ordersTab(d).Detail() != nil && !ordersTab(d).Loading() })
			fits(t, d.screen(), size.w, size.h)
			golden(t, "order-detail-"+name+".txt", stable(d.screen()))
		})
		t.Run("coupons "+name, func(t *testing.T) {
			s := newShop(t)
			s.coupons(t, fixedCoupons...)
			d := s.signedIn(t, size.w, size.h)
			openCoupons(d)
			fits(t, d.screen(), size.w, size.h)
			golden(t, "coupons-"+name+".txt", d.screen())
		})
	}
}

// fixedOrders places three orders with fixed data: Ana's with a coupon,
// paid; Luis's, pending; Marta's, canceled. What the server decides itself
// (ids, and so references; creation and change times; the invoice's year)
// cannot be fixed, so the returned function replaces it on a screen with
// fixed text of the same width, which keeps the layout honest.
func (s *shop) fixedOrders(t *testing.T) func(screen string) string {
	t.Helper()
	ps := s.catalog(t, fixedCatalog[0], fixedCatalog[2])
	queso, natilla := ps[0], ps[1]
	s.coupons(t, sdk.CouponCreate{Code: "VECINO", Type: sdk.Fixed, Value: 200000})
	ana := s.checkout(t, s.buyer(t, "ana@correo.test", "Ana Gómez", item{queso.Id, 2}, item{natilla.Id, 1}), "VECINO")
	if _, err := s.api.ConfirmTransfer(ctx, ana.Id, "Bancolombia, comprobante 4411"); err != nil {
		t.Fatal(err)
	}
	luis := s.checkout(t, s.buyer(t, "luis@correo.test", "Luis Pérez", item{queso.Id, 6}), "")
	marta := s.checkout(t, s.buyer(t, "marta@correo.test", "Marta Ríos", item{natilla.Id, 2}), "")
	if _, err := s.api.UpdateOrderStatus(ctx, marta.Id, sdk.OrderStatusUpdate{Status: sdk.OrderStatusCanceled, Note: ptr("Pidió dos veces")}); err != nil {
		t.Fatal(err)
	}
	refs := strings.NewReplacer(ana.Reference, "PED00001", luis.Reference, "PED00002", marta.Reference, "PED00003")
	long := regexp.MustCompile(`\d\d/\d\d/\d{4} \d\d:\d\d`)
	short := regexp.MustCompile(`\d\d/\d\d \d\d:\d\d`)
	invoice := regexp.MustCompile(`FV-\d{4}-`)
	return func(screen string) string {
		screen = long.ReplaceAllString(refs.Replace(screen), "25/11/2026 10:00")
		return invoice.ReplaceAllString(short.ReplaceAllString(screen, "25/11 10:00"), "FV-2026-")
	}
}

// tinyPNG is a valid 1×1 PNG.
const tinyPNG = "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xfb\x5e\x6b\x2b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"
