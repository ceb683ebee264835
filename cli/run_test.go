package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/cli/config"
	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var ctx = context.Background()

// cli runs the program with the given environment and a config file in a
// temporary folder, and returns its exit code and outputs.
func cli(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := env{
		getenv:     func(k string) string { return vars[k] },
		stdin:      strings.NewReader(""),
		stdout:     &stdout,
		stderr:     &stderr,
		configPath: filepath.Join(t.TempDir(), "config.json"),
	}
	code := e.run(ctx, args)
	return code, stdout.String(), stderr.String()
}

func adminKey(t *testing.T, env *apitest.Env) string {
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	res, err := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "scripts", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create key: %v", err)
	}
	return res.JSON201.Key
}

func TestSubcommandsGoThroughTheSDK(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SEED_DEMO", "true"))
	vars := map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": adminKey(t, env)}

	code, out, errOut := cli(t, vars, "products", "list", "--json", "--q", "natilla")
	var products []sdk.Product
	if code != 0 || json.Unmarshal([]byte(out), &products) != nil || len(products) < 3 {
		t.Fatalf("products list --json: %d %q %s", code, out, errOut)
	}
	for _, p := range products {
		if !strings.Contains(strings.ToLower(p.Name+p.Description+p.Category), "natilla") {
			t.Fatalf("--q natilla listed %q", p.Name)
		}
	}
	code, out, _ = cli(t, vars, "products", "list")
	if code != 0 || !strings.Contains(out, "Palito Premium Puro Queso") || !strings.Contains(out, "15 productos") || !strings.Contains(out, "$ ") {
		t.Fatalf("products list: %d\n%s", code, out)
	}

	// A customer's bank-transfer order, placed through the real API.
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	placed := placeOrder(t, env, "ana@correo.test", products[0].Id)

	code, out, errOut = cli(t, vars, "orders", "list", "--status", "pending", "--json")
	var orders []sdk.Order
	if code != 0 || json.Unmarshal([]byte(out), &orders) != nil || len(orders) != 1 || orders[0].Id != placed.Id || orders[0].Status != sdk.OrderStatusPending {
		t.Fatalf("orders list --status pending --json: %d %q %s", code, out, errOut)
	}
	code, out, _ = cli(t, vars, "orders", "list", "--status", "pending")
	if code != 0 || !strings.Contains(out, placed.Reference) || !strings.Contains(out, "Pendiente") || !strings.Contains(out, "Transferencia") ||
		!strings.Contains(out, "ana@correo.test") || !strings.Contains(out, "1 pedido\n") {
		t.Fatalf("orders list --status pending: %d\n%s", code, out)
	}
	if code, out, _ = cli(t, vars, "orders", "list", "--status", "paid", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("no paid orders yet: %d %q", code, out)
	}

	// Confirming the transfer: paid, with an invoice and the note.
	code, out, errOut = cli(t, vars, "orders", "set-status", placed.Id, "paid", "--note", "Transferencia verificada")
	if code != 0 || !strings.Contains(out, "Pedido "+placed.Reference+": Pagado (factura FV-") {
		t.Fatalf("set-status paid: %d %q %q", code, out, errOut)
	}
	got, _ := admin.AdminGetOrderWithResponse(ctx, placed.Id)
	last := got.JSON200.Timeline[len(got.JSON200.Timeline)-1]
	if got.JSON200.Status != sdk.OrderStatusPaid || got.JSON200.InvoiceNumber == nil || last.Note == nil || *last.Note != "Transferencia verificada" {
		t.Fatalf("the API after set-status: %s", got.Body)
	}

	// coupons list: the two demo coupons.
	code, out, errOut = cli(t, vars, "coupons", "list", "--json")
	var coupons []sdk.Coupon
	if code != 0 || json.Unmarshal([]byte(out), &coupons) != nil || len(coupons) != 2 {
		t.Fatalf("coupons list --json: %d %q %s", code, out, errOut)
	}

	// coupons create with every rule; amounts in pesos, days in Bogotá.
	code, out, errOut = cli(t, vars, "coupons", "create", "--code", "bienvenida15", "--type", "percentage", "--value", "15",
		"--description", "15 % la primera vez", "--min-subtotal", "20.000", "--max-discount", "10000", "--usage-limit", "500",
		"--per-customer-limit", "2", "--starts", "2026-12-01", "--ends", "2026-12-31", "--public", "--inactive")
	if code != 0 || !strings.Contains(out, "Cupón BIENVENIDA15 creado") {
		t.Fatalf("coupons create: %d %q %q", code, out, errOut)
	}
	list, _ := admin.ListCouponsWithResponse(ctx, &sdk.ListCouponsParams{Q: ptr("BIENVENIDA15")})
	if list.JSON200 == nil || list.JSON200.Total != 1 {
		t.Fatalf("the API does not have the coupon: %s", list.Body)
	}
	c := list.JSON200.Items[0]
	if c.Type != sdk.Percentage || c.Value != 15 || c.Description != "15 % la primera vez" || c.MinSubtotal != 2000000 ||
		c.MaxDiscount != 1000000 || c.UsageLimit != 500 || c.PerCustomerLimit != 2 || !c.IsPublic || c.IsActive ||
		c.StartsAt == nil || c.StartsAt.Format("2006-01-02") != "2026-12-01" || c.EndsAt == nil || c.EndsAt.Format("2006-01-02") != "2026-12-31" {
		t.Fatalf("created coupon: %+v", c)
	}
	code, out, _ = cli(t, vars, "coupons", "list")
	if code != 0 || !strings.Contains(out, "BIENVENIDA15") || !strings.Contains(out, "01/12/2026–31/12/2026") || !strings.Contains(out, "0/500") ||
		!strings.Contains(out, "3 cupones") {
		t.Fatalf("coupons list: %d\n%s", code, out)
	}
}

// placeOrder places a customer's bank-transfer order of one unit of a
// product through the real API: a dev token, the cart, the checkout.
func placeOrder(t *testing.T, env *apitest.Env, email, productID string) *sdk.Order {
	t.Helper()
	customer := env.Client(env.Token(email, auth.RoleCustomer))
	if r, err := customer.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: productID, Quantity: 1}); err != nil || r.JSON200 == nil {
		t.Fatalf("add to cart: %v", err)
	}
	res, err := customer.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "pedido-de-" + email},
		sdk.OrderCreate{PaymentMethod: sdk.Transfer, Address: &sdk.ShippingAddressInput{
			FullName: "Ana Gómez", StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567"}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	return res.JSON201
}

// The API's refusals end a subcommand with exit code 1 and the problem, its
// code and the fields it names, on stderr.
func TestSubcommandsReportTheAPIsRefusals(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SEED_DEMO", "true"))
	vars := map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": adminKey(t, env)}
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	page, _ := admin.ListProductsWithResponse(ctx, nil)
	placed := placeOrder(t, env, "luis@correo.test", page.JSON200.Items[0].Id)

	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"a move the lifecycle refuses", []string{"orders", "set-status", placed.Id, "delivered"},
			[]string{"409 invalid_transition", "no puede pasar a entregado (delivered)"}},
		{"an unknown order", []string{"orders", "set-status", "665f1c2e8b3a4d0012345678", "paid"}, []string{"404 not_found"}},
		{"a code already taken", []string{"coupons", "create", "--code", "palitos5000", "--type", "fixed", "--value", "1000"},
			[]string{"409 conflict", "Ya existe un cupón con ese código."}},
		{"a percentage of 101", []string{"coupons", "create", "--code", "DEMASIADO", "--type", "percentage", "--value", "101"},
			[]string{"400 validation_failed", "value: Un porcentaje debe estar entre 1 y 100."}},
		{"a start after the end", []string{"coupons", "create", "--code", "AL-REVES", "--type", "fixed", "--value", "1000",
			"--starts", "2026-12-31", "--ends", "2026-12-01"}, []string{"400 validation_failed", "endsAt:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, vars, tt.args...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errOut, want) {
					t.Fatalf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
	// Nothing changed.
	if got, _ := admin.AdminGetOrderWithResponse(ctx, placed.Id); got.JSON200.Status != sdk.OrderStatusPending {
		t.Fatalf("a refused move changed the order: %s", got.JSON200.Status)
	}
	if list, _ := admin.ListCouponsWithResponse(ctx, nil); list.JSON200.Total != 2 {
		t.Fatalf("refused coupons were created: %d", list.JSON200.Total)
	}
}

func ptr[T any](v T) *T { return &v }

func TestSubcommandsRefuseClearly(t *testing.T) {
	env := apitest.New(t)
	good := map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": adminKey(t, env)}
	tests := []struct {
		name   string
		vars   map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"bad API key", map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": "dpk_" + strings.Repeat("0", 64)},
			[]string{"products", "list"}, 1, "401 unauthenticated"},
		{"flags override the environment", good,
			[]string{"products", "list", "--api-key", "dpk_malo"}, 1, "401 unauthenticated"},
		{"no connection configured", nil, []string{"products", "list"}, 1, "falta la URL del servidor o la clave"},
		{"unknown command", good, []string{"clientes", "list"}, 2, "comando desconocido"},
		{"unknown status", good, []string{"orders", "set-status", "665f1c2e8b3a4d0012345678", "pagado"}, 2, "estado desconocido"},
		{"missing arguments", good, []string{"orders", "set-status", "665f1c2e8b3a4d0012345678"}, 2, "se esperaban 2 argumentos"},
		{"coupon without value", good, []string{"coupons", "create", "--code", "X", "--type", "fixed"}, 2, "obligatorios"},
		{"bad product id", good, []string{"orders", "set-status", "no-es-un-id", "paid"}, 1, "400 validation_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := cli(t, tt.vars, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errOut, tt.stderr)
			}
		})
	}
}

func TestHelpIsClear(t *testing.T) {
	code, out, _ := cli(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "cli products list") || !strings.Contains(out, "DONPALITO_API_KEY") {
		t.Fatalf("--help: %d\n%s", code, out)
	}
	code, out, _ = cli(t, nil, "coupons", "create", "--help")
	if code != 0 || !strings.Contains(out, "-per-customer-limit") || !strings.Contains(out, "pesos") {
		t.Fatalf("coupons create --help: %d\n%s", code, out)
	}
}

func TestConnectionPrecedence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "donpalito", "config.json")
	if err := config.Save(path, config.Config{URL: "http://guardada", APIKey: "dpk_guardada"}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("config file mode: %v %v", info, err)
	}
	e := env{getenv: func(k string) string {
		return map[string]string{"DONPALITO_API_KEY": "dpk_entorno"}[k]
	}, configPath: path}
	got, _, err := e.connection(config.Config{URL: "http://bandera"})
	if err != nil || got != (config.Config{URL: "http://bandera", APIKey: "dpk_entorno"}) {
		t.Fatalf("resolved %+v %v", got, err)
	}
	got, _, _ = e.connection(config.Config{})
	if got.URL != "http://guardada" {
		t.Fatalf("saved URL not used: %+v", got)
	}
}
