package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/sdk"
)

// The back office's scripting subcommands, each checked against what the
// API holds afterwards.
func TestBackOfficeSubcommands(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SEED_DEMO", "true"))
	vars := map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": adminKey(t, env)}
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	products, _ := admin.AdminListProductsWithResponse(ctx, nil)
	product := products.JSON200.Items[0]
	placed := placeOrder(t, env, "lucia@correo.test", product.Id)

	// An order's status set by its reference, in lower case as typed.
	code, out, errOut := cli(t, vars, "orders", "set-status", strings.ToLower(placed.Reference), "paid")
	if code != 0 || !strings.Contains(out, "Pedido "+placed.Reference+": Pagado") {
		t.Fatalf("set-status by reference: %d %q %q", code, out, errOut)
	}
	if code, _, errOut = cli(t, vars, "orders", "set-status", "ABCDEF12", "paid"); code != 1 || !strings.Contains(errOut, "404 not_found") {
		t.Fatalf("set-status of an unknown reference: %d %q", code, errOut)
	}

	// The invoice saved to a file, by reference.
	pdf := filepath.Join(t.TempDir(), "factura.pdf")
	code, out, errOut = cli(t, vars, "orders", "invoice", placed.Reference, "--out", pdf, "--json")
	var saved struct {
		File  string `json:"file"`
		Bytes int    `json:"bytes"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &saved) != nil || saved.File != pdf {
		t.Fatalf("orders invoice: %d %q %q", code, out, errOut)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) != saved.Bytes {
		t.Fatalf("saved invoice: %v, %d bytes", err, len(b))
	}

	// customers: list, deactivate, activate.
	code, out, errOut = cli(t, vars, "customers", "list", "--q", "lucia", "--json")
	var customers []sdk.Customer
	if code != 0 || json.Unmarshal([]byte(out), &customers) != nil || len(customers) != 1 {
		t.Fatalf("customers list: %d %q %q", code, out, errOut)
	}
	lucia := customers[0].Id
	if code, out, _ = cli(t, vars, "customers", "deactivate", lucia); code != 0 || !strings.Contains(out, "desactivado") {
		t.Fatalf("deactivate: %d %q", code, out)
	}
	if c, _ := admin.AdminGetCustomerWithResponse(ctx, lucia); c.JSON200 == nil || c.JSON200.IsActive {
		t.Fatalf("after deactivate: %s", c.Body)
	}
	if code, out, _ = cli(t, vars, "customers", "list", "--active", "false"); code != 0 || !strings.Contains(out, "lucia@correo.test") {
		t.Fatalf("inactive customers: %d %q", code, out)
	}
	if code, _, _ = cli(t, vars, "customers", "activate", lucia, "--json"); code != 0 {
		t.Fatalf("activate: %d", code)
	}
	if c, _ := admin.AdminGetCustomerWithResponse(ctx, lucia); !c.JSON200.IsActive {
		t.Fatalf("after activate: %s", c.Body)
	}

	// keys: create (the secret shown once), list, revoke; the revoked key is refused.
	code, out, errOut = cli(t, vars, "keys", "create", "--name", "Caja 2", "--scope", "read", "--json")
	var created sdk.ApiKeyCreated
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || !strings.HasPrefix(created.Key, "dpk_") {
		t.Fatalf("keys create: %d %q %q", code, out, errOut)
	}
	if code, out, _ = cli(t, vars, "keys", "list"); code != 0 || !strings.Contains(out, "Caja 2") || strings.Contains(out, created.Key) {
		t.Fatalf("keys list: %d %q", code, out)
	}
	if code, _, errOut = cli(t, vars, "keys", "revoke", created.Id); code != 0 {
		t.Fatalf("keys revoke: %d %q", code, errOut)
	}
	revoked := map[string]string{"DONPALITO_URL": env.URL, "DONPALITO_API_KEY": created.Key}
	if code, _, errOut = cli(t, revoked, "products", "list"); code != 1 || !strings.Contains(errOut, "401") {
		t.Fatalf("a revoked key: %d %q", code, errOut)
	}

	// events: a dead event listed by state and retried.
	dead := events.Event{ID: bson.NewObjectID(), Type: "prueba.muerta", Payload: map[string]any{"n": 1}, State: events.Dead,
		Attempts: 8, Done: []string{}, NextAttemptAt: time.Now().Add(time.Hour), LastError: "smtp caído",
		CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if _, err := env.App.Store.DB.Collection("outbox").InsertOne(ctx, dead); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, vars, "events", "list", "--state", "dead", "--json")
	var evs []sdk.OutboxEvent
	if code != 0 || json.Unmarshal([]byte(out), &evs) != nil || len(evs) != 1 || evs[0].Id != dead.ID.Hex() {
		t.Fatalf("events list --state dead: %d %q %q", code, out, errOut)
	}
	if code, out, errOut = cli(t, vars, "events", "retry", dead.ID.Hex()); code != 0 || !strings.Contains(out, "programado de nuevo") {
		t.Fatalf("events retry: %d %q %q", code, out, errOut)
	}
	if code, out, _ = cli(t, vars, "events", "list", "--state", "dead", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("dead events after retry: %q", out)
	}

	// products: remove an image, delete, list deleted, restore.
	withImage := product
	if len(withImage.Images) == 0 {
		t.Fatalf("demo product %s has no image", product.Name)
	}
	code, out, errOut = cli(t, vars, "products", "remove-image", withImage.Id, withImage.Images[0].Id, "--json")
	var after sdk.Product
	if code != 0 || json.Unmarshal([]byte(out), &after) != nil || len(after.Images) != len(withImage.Images)-1 {
		t.Fatalf("remove-image: %d %q %q", code, out, errOut)
	}
	if r, _ := admin.DeleteProductWithResponse(ctx, product.Id); r.StatusCode() != 204 {
		t.Fatalf("delete: %d", r.StatusCode())
	}
	if code, out, _ = cli(t, vars, "products", "list", "--status", "deleted"); code != 0 || !strings.Contains(out, product.Name) || !strings.Contains(out, "1 productos") {
		t.Fatalf("deleted products: %d %q", code, out)
	}
	if code, out, errOut = cli(t, vars, "products", "restore", product.Id); code != 0 || !strings.Contains(out, "volvió al catálogo") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	if code, _, errOut = cli(t, vars, "products", "restore", product.Id); code != 1 || !strings.Contains(errOut, "409 product_not_deleted") {
		t.Fatalf("restore twice: %d %q", code, errOut)
	}
}
