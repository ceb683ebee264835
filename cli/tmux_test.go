package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/sdk"
)

// TestTerminalAdminInTmux builds the real server and the real CLI, starts the
// server on a temporary data folder, runs the CLI in a tmux session, types
// into it and reads the screen.
func TestTerminalAdminInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries and starts a server; skipped with -short")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); this test installs nothing itself")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH, so the binaries cannot be built")
	}
	dir := t.TempDir()
	build := func(out, pkg string) string {
		bin := filepath.Join(dir, out)
		cmd := exec.Command(goBin, "build", "-o", bin, pkg)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, b)
		}
		return bin
	}
	serverBin, cliBin := build("server", "../server"), build("cli", ".")

	dataDir := filepath.Join(dir, "data")
	port := freePort(t)
	serverEnv := append(os.Environ(), "DATA_DIR="+dataDir, fmt.Sprintf("PORT=%d", port), "APP_ENV=development",
		"SEED_DEMO=true", "LOG_LEVEL=warn", "MONGODB_URI=")

	// The embedded database belongs to one process: the key is made before
	// the server starts.
	keyOut, err := (&exec.Cmd{Path: serverBin, Args: []string{"server", "keys", "create", "--name", "tmux", "--scope", "admin"}, Env: serverEnv}).CombinedOutput()
	if err != nil {
		t.Fatalf("server keys create: %v\n%s", err, keyOut)
	}
	key := regexp.MustCompile(`dpk_[A-Za-z0-9_-]+`).FindString(string(keyOut))
	if key == "" {
		t.Fatalf("no key in:\n%s", keyOut)
	}

	// A dead event, the way one ends after its last failed delivery, put in
	// the outbox while no server holds the data folder.
	deadID := putDeadEvent(t, dataDir)

	var serverLog strings.Builder
	server := &exec.Cmd{Path: serverBin, Args: []string{"server"}, Env: serverEnv, Stdout: &serverLog, Stderr: &serverLog}
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = server.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = server.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = server.Process.Kill()
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitUntil(t, 90*time.Second, "the server to be ready", func() bool {
		res, err := http.Get(base + "/api/ready")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	}, func() string { return serverLog.String() })

	// A customer's bank-transfer order, placed through the API before the
	// terminal opens: a dev token, the cart, the checkout.
	placed := placeOrderOver(t, base)

	// A private tmux server, so the test never touches the user's sessions.
	socket := fmt.Sprintf("donpalito-e2e-%d", os.Getpid())
	tm := func(args ...string) string {
		out, err := exec.Command(tmux, append([]string{"-L", socket}, args...)...).CombinedOutput()
		if err != nil && args[0] != "kill-server" && args[0] != "has-session" {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { tm("kill-server") })
	exitFile := filepath.Join(dir, "exit-code")
	script := fmt.Sprintf("env HOME=%q XDG_CONFIG_HOME=%q DONPALITO_URL=%q DONPALITO_API_KEY=%q %q; echo \"salida=$?\" > %q",
		dir, filepath.Join(dir, "config"), base, key, cliBin, exitFile)
	// The terminal runs in dir, where the invoice's proposed path lands.
	tm("new-session", "-d", "-s", "caja", "-c", dir, "-x", "120", "-y", "40", "sh", "-c", script)
	screen := func() string { return tm("capture-pane", "-p", "-t", "caja") }
	see := func(what string) {
		t.Helper()
		waitUntil(t, 30*time.Second, "«"+what+"» on the screen", func() bool { return strings.Contains(screen(), what) }, screen)
	}
	keys := func(k ...string) { tm(append([]string{"send-keys", "-t", "caja"}, k...)...) }
	text := func(s string) { tm("send-keys", "-t", "caja", "-l", s) }

	see("Palito Premium Puro Queso") // the demo catalog
	see("15 productos")
	if s := screen(); !strings.Contains(s, "Don Palito Jr · Administración") || !strings.Contains(s, "[1 Productos]") {
		t.Fatalf("header and tabs:\n%s", s)
	}

	keys("n")
	see("Nuevo producto")
	text("Palito de arequipe")
	keys("Tab")
	text("Hojaldre con arequipe")
	keys("Tab")
	text("2.800")
	keys("Tab", "BSpace")
	text("9")
	keys("Tab")
	text("Palitos")
	keys("Enter", "Enter")
	see("«Palito de arequipe» se creó con 9 unidades.")
	see("$ 2.800")
	see("16 productos")

	res, err := http.Get(base + "/api/products?q=arequipe")
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, res); !strings.Contains(body, `"name":"Palito de arequipe","price":280000,"reviewCount":0,"stock":9`) {
		t.Fatalf("the API does not list the product made in the terminal: %s", body)
	}

	admin := apiClient(t, base, devToken(t, base, "admin@donpalito.co", sdk.RoleAdmin, ""))
	made := ""
	if products, _ := admin.AdminListProductsWithResponse(ctx, &sdk.AdminListProductsParams{Q: ptr("Palito de arequipe")}); products.JSON200 != nil {
		for _, p := range products.JSON200.Items {
			if p.Name == "Palito de arequipe" {
				made = p.Id
			}
		}
	}
	if made == "" {
		t.Fatal("the product made in the terminal is not in the API")
	}

	// The new product (selected) is deleted after a question, then restored
	// from the deleted products' view.
	keys("x")
	see("¿Eliminar «Palito de arequipe» del catálogo? (s/n)")
	keys("s")
	see("«Palito de arequipe» se eliminó del catálogo")
	keys("v", "v", "v")
	see("Eliminados")
	see("u restaurar")
	keys("u")
	see("«Palito de arequipe» volvió al catálogo, inactivo.")
	if r, _ := admin.AdminGetProductWithResponse(ctx, made); r.JSON200 == nil || r.JSON200.IsActive {
		t.Fatalf("the restored product: %s", r.Body)
	}

	// Pedidos: the order is there, pending; p confirms the transfer.
	keys("2")
	see(placed.Reference)
	see("p confirmar transferencia")
	if s := screen(); !strings.Contains(s, "Pendiente") || !strings.Contains(s, "Ana Gómez") {
		t.Fatalf("orders tab:\n%s", s)
	}
	keys("p")
	see("Pedido " + placed.Reference + ": Pagado, factura FV-")
	got, err := admin.AdminGetOrderWithResponse(ctx, placed.Id)
	if err != nil || got.JSON200 == nil || got.JSON200.Status != sdk.OrderStatusPaid || got.JSON200.InvoiceNumber == nil {
		t.Fatalf("the API after p: %v %s", err, got.Body)
	}

	// The order found by its reference, typed in lower case, and moved on.
	keys("/")
	text(strings.ToLower(placed.Reference))
	keys("Enter")
	see("Búsqueda: «" + strings.ToLower(placed.Reference) + "» · Página 1 de 1 · 1 pedido")
	keys("e")
	see("Pedido " + placed.Reference + ": En preparación.")
	if got, _ := admin.AdminGetOrderWithResponse(ctx, placed.Id); got.JSON200 == nil || got.JSON200.Status != sdk.OrderStatusInPreparation {
		t.Fatalf("the API after e: %s", got.Body)
	}

	// Its invoice, saved where the terminal proposes.
	keys("g")
	see("Guardar en: ./factura-" + placed.Reference + ".pdf")
	keys("Enter")
	see("guardada en ./factura-" + placed.Reference + ".pdf")
	if b, err := os.ReadFile(filepath.Join(dir, "factura-"+placed.Reference+".pdf")); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("the invoice saved from the terminal: %v", err)
	}

	// Clientes: Ana is deactivated after a question.
	keys("5")
	see("[5 Clientes]")
	keys("/")
	text("ana@")
	keys("Enter")
	see("Búsqueda: «ana@»")
	keys("a")
	see("¿Desactivar la cuenta de Ana Gómez (ana@correo.test)?")
	keys("s")
	see("Ana Gómez (ana@correo.test) desactivado")
	if c, _ := admin.AdminGetCustomerWithResponse(ctx, placed.Customer.Id); c.JSON200 == nil || c.JSON200.IsActive {
		t.Fatalf("the customer after deactivation: %s", c.Body)
	}

	// Claves API: a read key, shown once, then revoked.
	keys("6")
	see("[6 Claves API]")
	keys("n")
	see("Nueva clave de API")
	text("Caja 2")
	keys("Tab", "Space", "Enter")
	see("no se volverá a mostrar")
	secret := regexp.MustCompile(`dpk_[A-Za-z0-9_-]{20,}`).FindString(screen())
	if secret == "" || secret == key {
		t.Fatalf("the new key on the screen:\n%s", screen())
	}
	if me, _ := apiClient(t, base, secret).GetMeWithResponse(ctx); me.StatusCode() != 200 {
		t.Fatalf("the new key does not work: %d", me.StatusCode())
	}
	keys("Enter")
	see("Clave «Caja 2» creada")
	see("Activas · Página 1 de 1 · 2 claves")
	if strings.Contains(screen(), secret) {
		t.Fatal("the secret stays on the screen")
	}
	keys("x")
	see("¿Revocar la clave «Caja 2»")
	keys("s")
	see("La clave «Caja 2» quedó revocada")
	if me, _ := apiClient(t, base, secret).GetMeWithResponse(ctx); me.StatusCode() != 401 {
		t.Fatalf("a key revoked in the terminal still works: %d", me.StatusCode())
	}

	// Eventos: the dead event, its last error, retried.
	keys("7")
	see("[7 Eventos]")
	keys("f")
	see("Estado: muerto")
	see("smtp: 421")
	keys("Enter")
	see("Evento order.paid · muerto · 8 intentos")
	keys("i")
	see("programado de nuevo")
	dead := sdk.OutboxEventStateDead
	if evs, _ := admin.ListEventsWithResponse(ctx, &sdk.ListEventsParams{State: &dead}); evs.JSON200 == nil || len(evs.JSON200.Items) != 0 {
		t.Fatalf("dead events after the retry of %s: %s", deadID, evs.Body)
	}
	keys("Escape")

	// The same binary for scripts: the back office's subcommands against the
	// real server, each checked through the API.
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(cliBin, args...)
		cmd.Env = append(os.Environ(), "DONPALITO_URL="+base, "DONPALITO_API_KEY="+key, "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("cli %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out := run("orders", "set-status", strings.ToLower(placed.Reference), "ready"); !strings.Contains(out, "Listo") {
		t.Fatalf("set-status by reference: %s", out)
	}
	invoice := filepath.Join(dir, "factura.pdf")
	run("orders", "invoice", placed.Reference, "--out", invoice)
	if b, err := os.ReadFile(invoice); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("saved invoice: %v", err)
	}
	createdOut := run("keys", "create", "--name", "Caja 3", "--scope", "read")
	keyID := regexp.MustCompile(`\(([0-9a-f]{24})\)`).FindStringSubmatch(createdOut)
	if keyID == nil {
		t.Fatalf("keys create: %s", createdOut)
	}
	run("keys", "revoke", keyID[1])
	if out := run("customers", "activate", placed.Customer.Id); !strings.Contains(out, "está activo") {
		t.Fatalf("activate: %s", out)
	}

	// Resumen: figures, or the calm message while stats are not live.
	keys("4")
	waitUntil(t, 30*time.Second, "the summary", func() bool {
		s := screen()
		return strings.Contains(s, "Esta sección estará disponible") || strings.Contains(s, "Últimos 30 días")
	}, screen)

	keys("q")
	waitUntil(t, 15*time.Second, "the program to quit", func() bool {
		b, err := os.ReadFile(exitFile)
		return err == nil && strings.TrimSpace(string(b)) == "salida=0"
	}, func() string {
		b, _ := os.ReadFile(exitFile)
		return string(b) + "\n" + screen()
	})
}

// putDeadEvent writes a dead order.paid event into the embedded database in
// dataDir (no server may hold it) and returns its id.
func putDeadEvent(t *testing.T, dataDir string) string {
	t.Helper()
	openCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	st, err := store.Open(openCtx, store.Config{DataDir: dataDir}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open the data folder: %v", err)
	}
	defer st.Close(context.WithoutCancel(ctx))
	now := time.Now()
	e := events.Event{ID: bson.NewObjectID(), Type: "order.paid", AggregateID: "665f1c2e8b3a4d0012345678",
		Payload: map[string]any{"orderId": "665f1c2e8b3a4d0012345678"}, State: events.Dead, Attempts: 8, Done: []string{},
		NextAttemptAt: now, LastError: "smtp: 421 el servidor de correo no responde", CreatedAt: now, UpdatedAt: now}
	if _, err := st.DB.Collection("outbox").InsertOne(ctx, e); err != nil {
		t.Fatalf("put the dead event: %v", err)
	}
	return e.ID.Hex()
}

// placeOrderOver places a transfer order of two demo palitos as a customer
// of the server at base.
func placeOrderOver(t *testing.T, base string) *sdk.Order {
	t.Helper()
	anon := apiClient(t, base, "")
	q := "Palito Premium Puro Queso"
	page, err := anon.ListProductsWithResponse(ctx, &sdk.ListProductsParams{Q: &q})
	if err != nil || page.JSON200 == nil || len(page.JSON200.Items) == 0 {
		t.Fatalf("the demo catalog: %v", err)
	}
	customer := apiClient(t, base, devToken(t, base, "ana@correo.test", sdk.RoleCustomer, "Ana Gómez"))
	cart, err := customer.AddCartItemWithResponse(ctx, sdk.CartItemCreate{ProductId: page.JSON200.Items[0].Id, Quantity: 2})
	if err != nil || cart.JSON200 == nil {
		t.Fatalf("add to cart: %v %s", err, cart.Body)
	}
	res, err := customer.CreateOrderWithResponse(ctx, &sdk.CreateOrderParams{IdempotencyKey: "tmux-pedido-1"}, sdk.OrderCreate{
		PaymentMethod: sdk.Transfer,
		Address:       &sdk.ShippingAddressInput{FullName: "Ana Gómez", StreetAddress: "Calle 10 # 20-30", City: "Medellín", PhoneNumber: "3001234567"},
	})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	return res.JSON201
}

// apiClient is a typed client of the server at base with a bearer token
// (none when empty).
func apiClient(t *testing.T, base, token string) *sdk.ClientWithResponses {
	t.Helper()
	c, err := sdk.NewClientWithResponses(base, sdk.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// devToken asks the development server for a session token.
func devToken(t *testing.T, base, email string, role sdk.Role, name string) string {
	t.Helper()
	body := sdk.DevTokenRequest{Email: openapi_types.Email(email), Role: &role}
	if name != "" {
		body.Name = &name
	}
	res, err := apiClient(t, base, "").CreateDevTokenWithResponse(ctx, body)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("dev token: %v", err)
	}
	return res.JSON200.Token
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func waitUntil(t *testing.T, timeout time.Duration, what string, ok func() bool, state func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; state:\n%s", what, state())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func readAll(t *testing.T, res *http.Response) string {
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
