package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestAPIKeyLifecycle(t *testing.T) {
	env := apitest.New(t)
	adminTok := env.Token("admin@donpalito.test", auth.RoleAdmin)
	admin := env.Client(adminTok)

	created, err := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "Caja mostrador", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("create key: %v %s", err, created.Body)
	}
	secret := created.JSON201.Key
	if !strings.HasPrefix(secret, "dpk_") || !strings.HasPrefix(secret, created.JSON201.Prefix) {
		t.Fatalf("key %q prefix %q", secret, created.JSON201.Prefix)
	}
	list, _ := admin.ListApiKeysWithResponse(ctx, nil)
	if list.JSON200.Total != 1 || strings.Contains(string(list.Body), secret) {
		t.Fatalf("the list must show the key without its secret: %s", list.Body)
	}
	if list.JSON200.Items[0].LastUsedAt != nil {
		t.Fatal("an unused key has no last-used time")
	}

	byKey := env.Client(secret)
	if res, _ := byKey.AdminListProductsWithResponse(ctx, nil); res.StatusCode() != 200 {
		t.Fatalf("admin call with the key: %d %s", res.StatusCode(), res.Body)
	}
	me, _ := byKey.GetMeWithResponse(ctx)
	if me.JSON200 == nil || me.JSON200.Email != "admin@donpalito.test" {
		t.Fatalf("a key acts as its creator: %s", me.Body)
	}
	list, _ = admin.ListApiKeysWithResponse(ctx, nil)
	if list.JSON200.Items[0].LastUsedAt == nil {
		t.Fatal("last-used time not recorded")
	}

	if res, _ := admin.RevokeApiKeyWithResponse(ctx, created.JSON201.Id); res.StatusCode() != 204 {
		t.Fatalf("revoke: %d %s", res.StatusCode(), res.Body)
	}
	// A refused key says so: "sign in" is no help to a script.
	const badKey = "La clave de API no es válida o fue revocada."
	res, body := env.Do(http.MethodGet, "/api/admin/products", secret, "", nil)
	if p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body); res.StatusCode != 401 || p.Code != "unauthenticated" || deref(p.Detail) != badKey {
		t.Fatalf("revoked key: %d %s", res.StatusCode, body)
	}
	res, body = env.Do(http.MethodGet, "/api/admin/products", "dpk_"+strings.Repeat("0", 64), "", nil)
	if p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body); res.StatusCode != 401 || deref(p.Detail) != badKey {
		t.Fatalf("unknown key: %d %s", res.StatusCode, body)
	}
	if res, _ := admin.RevokeApiKeyWithResponse(ctx, "665f1c2e8b3a4d0012345678"); res.StatusCode() != 404 {
		t.Fatalf("revoke unknown: %d", res.StatusCode())
	}
	all, _ := admin.ListApiKeysWithResponse(ctx, &sdk.ListApiKeysParams{IncludeRevoked: ptr(true)})
	if all.JSON200.Total != 1 || all.JSON200.Items[0].RevokedAt == nil {
		t.Fatalf("revoked keys listed on request: %s", all.Body)
	}
}

func TestReadOnlyKeysOnlyRead(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	created, _ := admin.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "Reportes", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeRead}})
	key := created.JSON201.Key
	if res, _ := env.Do(http.MethodGet, "/api/admin/products", key, "", nil); res.StatusCode != 200 {
		t.Fatalf("read with a read key: %d", res.StatusCode)
	}
	res, body := env.Do(http.MethodPost, "/api/admin/products", key, "application/json",
		strings.NewReader(`{"name":"n","description":"d","price":100,"stock":1,"category":"c"}`))
	if res.StatusCode != 403 || apitest.Problem(t, 403, res.Header.Get("Content-Type"), body).Code != "forbidden" {
		t.Fatalf("write with a read key: %d %s", res.StatusCode, body)
	}
	// Customers cannot create keys at all.
	customer := env.Client(env.Token("cliente@donpalito.test", auth.RoleCustomer))
	if res, _ := customer.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "x", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}}); res.StatusCode() != 403 {
		t.Fatalf("customer creating a key: %d", res.StatusCode())
	}
}

func TestAdminsManageCustomers(t *testing.T) {
	env := apitest.New(t)
	bossTok := env.Token("jefa@donpalito.test", auth.RoleAdmin)
	boss := env.Client(bossTok)
	otherAdminTok := env.Token("ayudante@donpalito.test", auth.RoleAdmin)
	anaTok := env.Token("ana.gomez@correo.test", auth.RoleCustomer)
	for _, tok := range []string{otherAdminTok, anaTok, env.Token("luis@correo.test", auth.RoleCustomer)} {
		if res, _ := env.Client(tok).GetMeWithResponse(ctx); res.StatusCode() != 200 {
			t.Fatalf("me: %d", res.StatusCode())
		}
	}
	ana, _ := env.Client(anaTok).GetMeWithResponse(ctx)
	anaID := ana.JSON200.Id

	found, _ := boss.AdminListCustomersWithResponse(ctx, &sdk.AdminListCustomersParams{Q: ptr("ANA.G")})
	if found.JSON200.Total != 1 || found.JSON200.Items[0].Id != anaID {
		t.Fatalf("search by email: %s", found.Body)
	}
	paged, _ := boss.AdminListCustomersWithResponse(ctx, &sdk.AdminListCustomersParams{Limit: ptr(2), Page: ptr(2), Sort: ptr(sdk.CustomerSortEmail)})
	if paged.JSON200.Total != 4 || len(paged.JSON200.Items) != 2 || paged.JSON200.Items[0].Email != "jefa@donpalito.test" {
		t.Fatalf("paging by email: %s", paged.Body)
	}
	admins, _ := boss.AdminListCustomersWithResponse(ctx, &sdk.AdminListCustomersParams{Role: ptr(sdk.RoleAdmin)})
	if admins.JSON200.Total != 2 {
		t.Fatalf("admins: %d", admins.JSON200.Total)
	}

	off, _ := boss.UpdateCustomerStatusWithResponse(ctx, anaID, sdk.CustomerStatusUpdate{IsActive: false})
	if off.JSON200 == nil || off.JSON200.IsActive {
		t.Fatalf("deactivate: %s", off.Body)
	}
	res, body := env.Do(http.MethodGet, "/api/users/me", anaTok, "", nil)
	if res.StatusCode != 403 || apitest.Problem(t, 403, res.Header.Get("Content-Type"), body).Code != "account_inactive" {
		t.Fatalf("deactivated customer: %d %s", res.StatusCode, body)
	}
	inactive, _ := boss.AdminListCustomersWithResponse(ctx, &sdk.AdminListCustomersParams{Active: ptr(false)})
	if inactive.JSON200.Total != 1 {
		t.Fatalf("inactive filter: %s", inactive.Body)
	}
	if on, _ := boss.UpdateCustomerStatusWithResponse(ctx, anaID, sdk.CustomerStatusUpdate{IsActive: true}); on.JSON200 == nil || !on.JSON200.IsActive {
		t.Fatalf("reactivate: %s", on.Body)
	}
	if res, _ := env.Do(http.MethodGet, "/api/users/me", anaTok, "", nil); res.StatusCode != 200 {
		t.Fatalf("reactivated customer: %d", res.StatusCode)
	}

	bossMe, _ := boss.GetMeWithResponse(ctx)
	self, _ := boss.UpdateCustomerStatusWithResponse(ctx, bossMe.JSON200.Id, sdk.CustomerStatusUpdate{IsActive: false})
	if self.StatusCode() != 409 || !strings.Contains(string(self.Body), "cannot_deactivate_self") {
		t.Fatalf("self-deactivation: %d %s", self.StatusCode(), self.Body)
	}
	if res, _ := boss.AdminGetCustomerWithResponse(ctx, "665f1c2e8b3a4d0012345678"); res.StatusCode() != 404 {
		t.Fatalf("unknown customer: %d", res.StatusCode())
	}

	// Deactivating an admin disarms their API keys too.
	helper := env.Client(otherAdminTok)
	key, _ := helper.CreateApiKeyWithResponse(ctx, nil, sdk.ApiKeyCreate{Name: "ayudante", Scopes: []sdk.ApiKeyScope{sdk.ApiKeyScopeAdmin}})
	helperMe, _ := helper.GetMeWithResponse(ctx)
	boss.UpdateCustomerStatusWithResponse(ctx, helperMe.JSON200.Id, sdk.CustomerStatusUpdate{IsActive: false})
	res, body = env.Do(http.MethodGet, "/api/admin/products", key.JSON201.Key, "", nil)
	if res.StatusCode != 403 || apitest.Problem(t, 403, res.Header.Get("Content-Type"), body).Code != "account_inactive" {
		t.Fatalf("key of a deactivated admin: %d %s", res.StatusCode, body)
	}
}

func TestWritesAndDevTokensAreRateLimited(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("RATE_LIMIT_DEV_TOKEN", "3"), apitest.WithEnv("RATE_LIMIT_WRITES", "2"))
	var toks []string
	for i := range 3 {
		toks = append(toks, env.Token([]string{"a@x.co", "b@x.co", "c@x.co"}[i], auth.RoleAdmin))
	}
	res, body := env.Do(http.MethodPost, "/api/dev/token", "", "application/json", strings.NewReader(`{"email":"d@x.co"}`))
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" ||
		apitest.Problem(t, 429, res.Header.Get("Content-Type"), body).Code != "rate_limited" {
		t.Fatalf("4th dev token: %d %s (Retry-After %q)", res.StatusCode, body, res.Header.Get("Retry-After"))
	}

	write := func(tok string) int {
		res, _ := env.Do(http.MethodPost, "/api/admin/products", tok, "application/json",
			strings.NewReader(`{"name":"n","description":"d","price":100,"stock":1,"category":"c"}`))
		return res.StatusCode
	}
	if a, b, c := write(toks[0]), write(toks[0]), write(toks[0]); a != 201 || b != 201 || c != 429 {
		t.Fatalf("writes by one caller: %d %d %d", a, b, c)
	}
	if got := write(toks[1]); got != 201 {
		t.Fatalf("another caller has its own budget: %d", got)
	}
	// Reads are not limited.
	for range 5 {
		if res, _ := env.Do(http.MethodGet, "/api/products", "", "", nil); res.StatusCode != 200 {
			t.Fatalf("read: %d", res.StatusCode)
		}
	}
}
