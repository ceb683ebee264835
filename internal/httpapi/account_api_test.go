package httpapi_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

// --- helpers ---

// wantProblem fails unless the answer is the problem (status, code) naming
// every one of fields.
func wantProblem(t *testing.T, res *http.Response, body []byte, status int, code string, fields ...string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d: %s", res.StatusCode, status, body)
	}
	p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body)
	if p.Code != code {
		t.Fatalf("code %q, want %q: %s", p.Code, code, body)
	}
	for _, f := range fields {
		if !hasField(p, f) {
			t.Fatalf("problem does not name %q: %s", f, body)
		}
	}
}

func profileOf(t *testing.T, c *sdk.ClientWithResponses) sdk.Profile {
	t.Helper()
	res, err := c.GetProfileWithResponse(ctx)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("get profile: %v %d %s", err, res.StatusCode(), res.Body)
	}
	return *res.JSON200
}

func addressesOf(t *testing.T, c *sdk.ClientWithResponses) []sdk.Address {
	t.Helper()
	res, err := c.ListAddressesWithResponse(ctx)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("list addresses: %v %d %s", err, res.StatusCode(), res.Body)
	}
	return res.JSON200.Items
}

func newAddress(label string, isDefault bool) sdk.AddressCreate {
	return sdk.AddressCreate{
		Label: label, FullName: "Ana Gómez", StreetAddress: "Carrera 47 # 76D Sur-37", City: "Sabaneta",
		PhoneNumber: "3148702078", IsDefault: ptr(isDefault),
	}
}

func createAddress(t *testing.T, c *sdk.ClientWithResponses, a sdk.AddressCreate) sdk.Address {
	t.Helper()
	res, err := c.CreateAddressWithResponse(ctx, nil, a)
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create address %q: %v %d %s", a.Label, err, res.StatusCode(), res.Body)
	}
	return *res.JSON201
}

// assertDefault checks the list invariants: exactly one default (the one
// labelled want) listed first, then newest first.
func assertDefault(t *testing.T, list []sdk.Address, want string) {
	t.Helper()
	var defaults []string
	for _, a := range list {
		if a.IsDefault {
			defaults = append(defaults, a.Label)
		}
	}
	if len(defaults) != 1 || defaults[0] != want {
		t.Fatalf("defaults = %v, want exactly [%s]", defaults, want)
	}
	if !list[0].IsDefault {
		t.Fatalf("the default is not listed first: %+v", list)
	}
	for i := 2; i < len(list); i++ {
		if list[i].CreatedAt.After(list[i-1].CreatedAt) {
			t.Fatalf("addresses after the default are not newest first: %+v", list)
		}
	}
}

func createProduct(t *testing.T, admin *sdk.ClientWithResponses, name string) string {
	t.Helper()
	res, err := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: name, Description: "Recién horneado", Price: 250000, Stock: 10, Category: "Palitos",
	})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("create product: %v %s", err, res.Body)
	}
	return res.JSON201.Id
}

func wishlistIDs(t *testing.T, c *sdk.ClientWithResponses, params *sdk.GetWishlistParams) (ids []string, total int) {
	t.Helper()
	res, err := c.GetWishlistWithResponse(ctx, params)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("get wishlist: %v %d %s", err, res.StatusCode(), res.Body)
	}
	for _, p := range res.JSON200.Items {
		ids = append(ids, p.Id)
	}
	return ids, res.JSON200.Total
}

func bogotaToday() time.Time {
	y, m, d := time.Now().In(time.FixedZone("COT", -5*60*60)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// --- profile ---

func TestProfileSavesEveryFieldAndKeepsEmailReadOnly(t *testing.T) {
	env := apitest.New(t)
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))

	before := profileOf(t, c)
	if before.Email != "ana@donpalito.test" || before.DocumentType != nil || !before.EmailNotifications || before.MarketingEmails {
		t.Fatalf("new profile: %+v", before)
	}
	today := bogotaToday()
	res, err := c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{
		Name: ptr("  Ana María Gómez "), Phone: ptr("3001234567"), DocumentType: ptr(sdk.Pasaporte),
		DocumentNumber: ptr("ab1234567"), Gender: ptr(sdk.Femenino),
		// "Not in the future" in America/Bogota: today is accepted.
		BirthDate: &openapi_types.Date{Time: today},
	})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("update profile: %v %d %s", err, res.StatusCode(), res.Body)
	}
	got := profileOf(t, c)
	if !reflect.DeepEqual(got, *res.JSON200) {
		t.Fatalf("read back differs from the update's answer:\n%+v\n%+v", got, *res.JSON200)
	}
	if got.Name != "Ana María Gómez" || deref(got.Phone) != "3001234567" || deref(got.DocumentType) != sdk.Pasaporte ||
		deref(got.DocumentNumber) != "AB1234567" || deref(got.Gender) != sdk.Femenino ||
		got.BirthDate == nil || !got.BirthDate.Time.Equal(today) || got.Email != before.Email {
		t.Fatalf("saved profile: %+v", got)
	}

	// A number alone is checked against the stored type; a type alone
	// against the stored number.
	res, _ = c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{DocumentNumber: ptr("X9876543210")})
	if res.JSON200 == nil || deref(res.JSON200.DocumentNumber) != "X9876543210" {
		t.Fatalf("number alone under pasaporte: %d %s", res.StatusCode(), res.Body)
	}
	res, _ = c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{DocumentType: ptr(sdk.CedulaCiudadania), DocumentNumber: ptr("1036123456")})
	if res.JSON200 == nil || deref(res.JSON200.DocumentType) != sdk.CedulaCiudadania {
		t.Fatalf("switch to cédula: %d %s", res.StatusCode(), res.Body)
	}
	res, _ = c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{DocumentType: ptr(sdk.CedulaExtranjeria)})
	if res.JSON200 == nil || deref(res.JSON200.DocumentType) != sdk.CedulaExtranjeria || deref(res.JSON200.DocumentNumber) != "1036123456" {
		t.Fatalf("type alone fitting the stored number: %d %s", res.StatusCode(), res.Body)
	}
}

func TestEveryInvalidProfileFieldIsNamedAndNothingIsSaved(t *testing.T) {
	env := apitest.New(t)
	tok := env.Token("ana@donpalito.test", auth.RoleCustomer)
	c := env.Client(tok)
	if res, _ := c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{
		Name: ptr("Ana Gómez"), Phone: ptr("3001234567"), DocumentType: ptr(sdk.Pasaporte),
		DocumentNumber: ptr("AB1234567"), Gender: ptr(sdk.Femenino), BirthDate: &openapi_types.Date{Time: time.Date(1990, 4, 15, 0, 0, 0, 0, time.UTC)},
	}); res.JSON200 == nil {
		t.Fatalf("baseline: %d %s", res.StatusCode(), res.Body)
	}
	baseline := profileOf(t, c)
	tomorrow := bogotaToday().AddDate(0, 0, 1).Format("2006-01-02")

	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"empty name", `{"name":""}`, []string{"name"}},
		{"blank name", `{"name":"    "}`, []string{"name"}},
		{"name over 100 characters", `{"name":"` + strings.Repeat("ñ", 101) + `"}`, []string{"name"}},
		{"name not a string", `{"name":5}`, []string{"name"}},
		{"landline phone", `{"phone":"6042345678"}`, []string{"phone"}},
		{"short phone", `{"phone":"300123456"}`, []string{"phone"}},
		{"phone with spaces", `{"phone":"300 123 4567"}`, []string{"phone"}},
		{"unknown document type", `{"documentType":"dni","documentNumber":"1234567"}`, []string{"documentType"}},
		{"cédula with letters", `{"documentType":"cedula_ciudadania","documentNumber":"12AB567"}`, []string{"documentNumber"}},
		{"cédula too long", `{"documentType":"cedula_ciudadania","documentNumber":"12345678901"}`, []string{"documentNumber"}},
		{"cédula too short", `{"documentType":"cedula_ciudadania","documentNumber":"12345"}`, []string{"documentNumber"}},
		{"cédula de extranjería too short", `{"documentType":"cedula_extranjeria","documentNumber":"AB123"}`, []string{"documentNumber"}},
		{"cédula de extranjería too long", `{"documentType":"cedula_extranjeria","documentNumber":"AB12345678X"}`, []string{"documentNumber"}},
		{"passport too short", `{"documentType":"pasaporte","documentNumber":"AB12"}`, []string{"documentNumber"}},
		{"passport too long", `{"documentType":"pasaporte","documentNumber":"` + strings.Repeat("A", 21) + `"}`, []string{"documentNumber"}},
		{"passport with symbols", `{"documentType":"pasaporte","documentNumber":"AB-123456"}`, []string{"documentNumber"}},
		{"new type that the stored number does not fit", `{"documentType":"cedula_ciudadania"}`, []string{"documentNumber"}},
		{"unknown gender", `{"gender":"m"}`, []string{"gender"}},
		{"birth date on 1900-01-01", `{"birthDate":"1900-01-01"}`, []string{"birthDate"}},
		{"birth date before 1900", `{"birthDate":"1899-12-31"}`, []string{"birthDate"}},
		{"birth date tomorrow in Bogotá", `{"birthDate":"` + tomorrow + `"}`, []string{"birthDate"}},
		{"birth date not a calendar date", `{"birthDate":"2020-02-30"}`, []string{"birthDate"}},
		{"birth date in another format", `{"birthDate":"15/04/1990"}`, []string{"birthDate"}},
		{"email is read-only", `{"email":"otra@donpalito.test"}`, []string{"email"}},
		{"unknown field", `{"role":"admin"}`, []string{"role"}},
		{"nothing to change", `{}`, []string{"body"}},
		{"valid name with an invalid phone", `{"name":"Otro Nombre","phone":"123"}`, []string{"phone"}},
		{"valid fields with a bad document", `{"name":"Otro Nombre","gender":"otro","documentType":"cedula_ciudadania","documentNumber":"ABCDEF"}`, []string{"documentNumber"}},
		{"several bad fields at once", `{"name":" ","birthDate":"` + tomorrow + `","documentType":"cedula_ciudadania","documentNumber":"ABCDEF"}`, []string{"name", "birthDate", "documentNumber"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := env.Do(http.MethodPut, "/api/users/profile", tok, "application/json", strings.NewReader(tt.body))
			wantProblem(t, res, body, 400, "validation_failed", tt.fields...)
			if got := profileOf(t, c); !reflect.DeepEqual(got, baseline) {
				t.Fatalf("a refused update changed the profile:\nbefore %+v\nafter  %+v", baseline, got)
			}
		})
	}
}

func TestADocumentNumberAndItsTypeNeedEachOther(t *testing.T) {
	env := apitest.New(t)
	tok := env.Token("sin-documento@donpalito.test", auth.RoleCustomer)
	c := env.Client(tok)
	baseline := profileOf(t, c)

	res, body := env.Do(http.MethodPut, "/api/users/profile", tok, "application/json", strings.NewReader(`{"documentNumber":"1036123456"}`))
	wantProblem(t, res, body, 400, "validation_failed", "documentType")
	res, body = env.Do(http.MethodPut, "/api/users/profile", tok, "application/json", strings.NewReader(`{"documentType":"pasaporte"}`))
	wantProblem(t, res, body, 400, "validation_failed", "documentNumber")
	if got := profileOf(t, c); !reflect.DeepEqual(got, baseline) {
		t.Fatalf("a refused update changed the profile: %+v", got)
	}
}

// W-9: the legacy system accepted pasaporte but its schema did not, so every
// later save of the user failed.
func TestAPassportProfileKeepsAddressAndWishlistWritesWorking(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	c := env.Client(env.Token("viajera@donpalito.test", auth.RoleCustomer))
	product := createProduct(t, admin, "Palito de queso")

	res, err := c.UpdateProfileWithResponse(ctx, sdk.ProfileUpdate{DocumentType: ptr(sdk.Pasaporte), DocumentNumber: ptr("PE1234567")})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("pasaporte: %v %d %s", err, res.StatusCode(), res.Body)
	}
	a := createAddress(t, c, newAddress("Hotel", false))
	if upd, _ := c.UpdateAddressWithResponse(ctx, a.Id, sdk.AddressUpdate{Notes: ptr("Recepción")}); upd.JSON200 == nil {
		t.Fatalf("update address: %d %s", upd.StatusCode(), upd.Body)
	}
	if add, _ := c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: product}); add.JSON200 == nil {
		t.Fatalf("add to wishlist: %d %s", add.StatusCode(), add.Body)
	}
	if rm, _ := c.RemoveWishlistItemWithResponse(ctx, product); rm.JSON200 == nil {
		t.Fatalf("remove from wishlist: %d %s", rm.StatusCode(), rm.Body)
	}
	if prefs, _ := c.UpdateNotificationPreferencesWithResponse(ctx, sdk.NotificationPreferencesUpdate{MarketingEmails: ptr(true)}); prefs.JSON200 == nil {
		t.Fatalf("preferences: %d %s", prefs.StatusCode(), prefs.Body)
	}
	if del, _ := c.DeleteAddressWithResponse(ctx, a.Id); del.StatusCode() != 204 {
		t.Fatalf("delete address: %d %s", del.StatusCode(), del.Body)
	}
	if p := profileOf(t, c); deref(p.DocumentType) != sdk.Pasaporte || deref(p.DocumentNumber) != "PE1234567" || !p.MarketingEmails {
		t.Fatalf("profile after the writes: %+v", p)
	}
}

func TestNotificationPreferencesTakeBooleansOnly(t *testing.T) {
	env := apitest.New(t)
	tok := env.Token("ana@donpalito.test", auth.RoleCustomer)
	c := env.Client(tok)

	res, err := c.UpdateNotificationPreferencesWithResponse(ctx, sdk.NotificationPreferencesUpdate{MarketingEmails: ptr(true)})
	if err != nil || res.JSON200 == nil || !res.JSON200.EmailNotifications || !res.JSON200.MarketingEmails {
		t.Fatalf("marketing on: %v %d %s", err, res.StatusCode(), res.Body)
	}
	res, _ = c.UpdateNotificationPreferencesWithResponse(ctx, sdk.NotificationPreferencesUpdate{EmailNotifications: ptr(false)})
	if res.JSON200 == nil || res.JSON200.EmailNotifications || !res.JSON200.MarketingEmails {
		t.Fatalf("order emails off: %d %s", res.StatusCode(), res.Body)
	}
	for _, tt := range []struct{ body, field string }{
		{`{"emailNotifications":"no"}`, "emailNotifications"},
		{`{"marketingEmails":1}`, "marketingEmails"},
		{`{"marketingEmails":null}`, "marketingEmails"},
		{`{"sms":true}`, "sms"},
		{`{}`, "body"},
	} {
		res, body := env.Do(http.MethodPut, "/api/users/notification-preferences", tok, "application/json", strings.NewReader(tt.body))
		wantProblem(t, res, body, 400, "validation_failed", tt.field)
	}
	if p := profileOf(t, c); p.EmailNotifications || !p.MarketingEmails {
		t.Fatalf("refused changes were saved: %+v", p)
	}
}

// --- addresses ---

func TestDefaultAddressRulesHoldThroughCreateUpdateAndDelete(t *testing.T) {
	env := apitest.New(t)
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))

	if list := addressesOf(t, c); len(list) != 0 {
		t.Fatalf("new account has addresses: %+v", list)
	}
	casa := createAddress(t, c, newAddress("Casa", false))
	if !casa.IsDefault {
		t.Fatalf("the first address is not the default: %+v", casa)
	}
	trabajo := createAddress(t, c, newAddress("Trabajo", false))
	if trabajo.IsDefault {
		t.Fatalf("a second address without isDefault took the default")
	}
	assertDefault(t, addressesOf(t, c), "Casa")

	finca := createAddress(t, c, newAddress("Finca", true))
	if !finca.IsDefault {
		t.Fatalf("isDefault on create was ignored")
	}
	assertDefault(t, addressesOf(t, c), "Finca")

	res, _ := c.UpdateAddressWithResponse(ctx, trabajo.Id, sdk.AddressUpdate{IsDefault: ptr(true)})
	if res.JSON200 == nil || !res.JSON200.IsDefault {
		t.Fatalf("make Trabajo the default: %d %s", res.StatusCode(), res.Body)
	}
	assertDefault(t, addressesOf(t, c), "Trabajo")

	// The default cannot be unset: the list would be left without one.
	res, _ = c.UpdateAddressWithResponse(ctx, trabajo.Id, sdk.AddressUpdate{IsDefault: ptr(false), City: ptr("Envigado")})
	wantProblem(t, res.HTTPResponse, res.Body, 409, "conflict")
	list := addressesOf(t, c)
	assertDefault(t, list, "Trabajo")
	if list[0].City != "Sabaneta" {
		t.Fatalf("the refused update changed the city: %+v", list[0])
	}

	// isDefault false on an address that is not the default changes nothing.
	res, _ = c.UpdateAddressWithResponse(ctx, casa.Id, sdk.AddressUpdate{IsDefault: ptr(false), City: ptr(" Envigado ")})
	if res.JSON200 == nil || res.JSON200.IsDefault || res.JSON200.City != "Envigado" || res.JSON200.Label != "Casa" {
		t.Fatalf("update Casa: %d %s", res.StatusCode(), res.Body)
	}
	assertDefault(t, addressesOf(t, c), "Trabajo")

	// Deleting the default promotes the newest remaining address (Finca).
	if del, _ := c.DeleteAddressWithResponse(ctx, trabajo.Id); del.StatusCode() != 204 {
		t.Fatalf("delete Trabajo: %d %s", del.StatusCode(), del.Body)
	}
	assertDefault(t, addressesOf(t, c), "Finca")

	// Deleting one that is not the default leaves the default alone.
	otra := createAddress(t, c, newAddress("Otra", false))
	if del, _ := c.DeleteAddressWithResponse(ctx, otra.Id); del.StatusCode() != 204 {
		t.Fatalf("delete Otra: %d %s", del.StatusCode(), del.Body)
	}
	assertDefault(t, addressesOf(t, c), "Finca")

	if del, _ := c.DeleteAddressWithResponse(ctx, finca.Id); del.StatusCode() != 204 {
		t.Fatalf("delete Finca: %d", del.StatusCode())
	}
	assertDefault(t, addressesOf(t, c), "Casa")
	if del, _ := c.DeleteAddressWithResponse(ctx, casa.Id); del.StatusCode() != 204 {
		t.Fatalf("delete Casa: %d", del.StatusCode())
	}
	if list := addressesOf(t, c); len(list) != 0 {
		t.Fatalf("addresses left: %+v", list)
	}
	// After emptying the list, the next address is the default again.
	if again := createAddress(t, c, newAddress("Nueva", false)); !again.IsDefault {
		t.Fatalf("first address after emptying the list is not the default")
	}
}

func TestInvalidAddressFieldsAreNamedAndNothingIsSaved(t *testing.T) {
	env := apitest.New(t)
	tok := env.Token("ana@donpalito.test", auth.RoleCustomer)
	c := env.Client(tok)
	const valid = `"label":"Casa","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"`

	creates := []struct {
		name   string
		body   string
		fields []string
	}{
		{"empty label", `{"label":"","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`, []string{"label"}},
		{"blank label", `{"label":"   ","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`, []string{"label"}},
		{"label over 40 characters", `{"label":"` + strings.Repeat("a", 41) + `","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`, []string{"label"}},
		{"one-letter full name", `{"label":"Casa","fullName":"A","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`, []string{"fullName"}},
		{"full name short after trimming", `{"label":"Casa","fullName":" A  ","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`, []string{"fullName"}},
		{"short street", `{"label":"Casa","fullName":"Ana Gómez","streetAddress":"C1","city":"Medellín","phoneNumber":"3148702078"}`, []string{"streetAddress"}},
		{"short city", `{"label":"Casa","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"M","phoneNumber":"3148702078"}`, []string{"city"}},
		{"landline phone", `{"label":"Casa","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"6042345678"}`, []string{"phoneNumber"}},
		{"short phone", `{"label":"Casa","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702"}`, []string{"phoneNumber"}},
		{"notes over 200 characters", `{` + valid + `,"notes":"` + strings.Repeat("n", 201) + `"}`, []string{"notes"}},
		{"isDefault not a boolean", `{` + valid + `,"isDefault":"si"}`, []string{"isDefault"}},
		{"unknown field", `{` + valid + `,"country":"CO"}`, []string{"country"}},
		{"missing fields", `{"label":"Casa"}`, []string{"fullName", "streetAddress", "city", "phoneNumber"}},
		{"not JSON", `{"label":`, []string{"body"}},
	}
	for _, tt := range creates {
		t.Run("create/"+tt.name, func(t *testing.T) {
			res, body := env.Do(http.MethodPost, "/api/users/addresses", tok, "application/json", strings.NewReader(tt.body))
			wantProblem(t, res, body, 400, "validation_failed", tt.fields...)
			if list := addressesOf(t, c); len(list) != 0 {
				t.Fatalf("a refused create saved an address: %+v", list)
			}
		})
	}

	a := createAddress(t, c, newAddress("Casa", false))
	updates := []struct {
		name   string
		body   string
		fields []string
	}{
		{"blank label", `{"label":"  "}`, []string{"label"}},
		{"short full name", `{"fullName":"A"}`, []string{"fullName"}},
		{"short street", `{"streetAddress":"  ab  "}`, []string{"streetAddress"}},
		{"bad phone with a valid city", `{"city":"Envigado","phoneNumber":"123"}`, []string{"phoneNumber"}},
		{"long notes with a valid label", `{"label":"Trabajo","notes":"` + strings.Repeat("n", 201) + `"}`, []string{"notes"}},
		{"unknown field", `{"zip":"055450"}`, []string{"zip"}},
		{"nothing to change", `{}`, []string{"body"}},
	}
	for _, tt := range updates {
		t.Run("update/"+tt.name, func(t *testing.T) {
			res, body := env.Do(http.MethodPut, "/api/users/addresses/"+a.Id, tok, "application/json", strings.NewReader(tt.body))
			wantProblem(t, res, body, 400, "validation_failed", tt.fields...)
			if list := addressesOf(t, c); len(list) != 1 || !reflect.DeepEqual(list[0], a) {
				t.Fatalf("a refused update changed the address:\nbefore %+v\nafter  %+v", a, list)
			}
		})
	}
}

func TestAnEleventhAddressIsRefused(t *testing.T) {
	env := apitest.New(t)
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))
	var first sdk.Address
	for i := range 10 {
		a := createAddress(t, c, newAddress(fmt.Sprintf("Dirección %d", i+1), false))
		if i == 0 {
			first = a
		}
	}
	res, err := c.CreateAddressWithResponse(ctx, nil, newAddress("Once", true))
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, res.HTTPResponse, res.Body, 409, "too_many_addresses")
	list := addressesOf(t, c)
	if len(list) != 10 {
		t.Fatalf("addresses = %d, want 10", len(list))
	}
	assertDefault(t, list, "Dirección 1")

	if del, _ := c.DeleteAddressWithResponse(ctx, first.Id); del.StatusCode() != 204 {
		t.Fatalf("delete: %d", del.StatusCode())
	}
	createAddress(t, c, newAddress("Once", false))
	list = addressesOf(t, c)
	if len(list) != 10 {
		t.Fatalf("addresses = %d, want 10", len(list))
	}
	// Deleting Dirección 1 promoted the newest remaining one, Dirección 10.
	assertDefault(t, list, "Dirección 10")
}

func TestConcurrentAddressCreatesKeepOneDefaultAndTheLimit(t *testing.T) {
	env := apitest.New(t)
	// A token that never called before: the user record is created by these
	// very requests too.
	c := env.Client(env.Token("prisa@donpalito.test", auth.RoleCustomer))

	const workers = 12
	statuses := make([]int, workers)
	codes := make([]string, workers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := c.CreateAddressWithResponse(ctx, nil, newAddress(fmt.Sprintf("Dirección %d", i), i%3 == 0))
			if err != nil {
				t.Error(err)
				return
			}
			statuses[i] = res.StatusCode()
			if res.ApplicationproblemJSON409 != nil {
				codes[i] = res.ApplicationproblemJSON409.Code
			}
		}()
	}
	close(start)
	wg.Wait()

	created, refused := 0, 0
	for i, s := range statuses {
		switch {
		case s == 201:
			created++
		case s == 409 && codes[i] == "too_many_addresses":
			refused++
		default:
			t.Fatalf("request %d: status %d %q", i, s, codes[i])
		}
	}
	if created != 10 || refused != 2 {
		t.Fatalf("created %d, refused %d; want 10 and 2", created, refused)
	}
	list := addressesOf(t, c)
	if len(list) != 10 {
		t.Fatalf("addresses = %d, want 10", len(list))
	}
	defaults := 0
	for _, a := range list {
		if a.IsDefault {
			defaults++
		}
	}
	if defaults != 1 || !list[0].IsDefault {
		t.Fatalf("defaults = %d after concurrent creates: %+v", defaults, list)
	}
}

func TestAddressesOfAnotherCustomerAreNotFound(t *testing.T) {
	env := apitest.New(t)
	anaTok := env.Token("ana@donpalito.test", auth.RoleCustomer)
	ana := env.Client(anaTok)
	betoTok := env.Token("beto@donpalito.test", auth.RoleCustomer)
	beto := env.Client(betoTok)
	a := createAddress(t, ana, newAddress("Casa", false))
	createAddress(t, beto, newAddress("Casa de Beto", false))

	upd, _ := beto.UpdateAddressWithResponse(ctx, a.Id, sdk.AddressUpdate{City: ptr("Bello")})
	wantProblem(t, upd.HTTPResponse, upd.Body, 404, "not_found")
	del, _ := beto.DeleteAddressWithResponse(ctx, a.Id)
	wantProblem(t, del.HTTPResponse, del.Body, 404, "not_found")
	del, _ = ana.DeleteAddressWithResponse(ctx, "665f1c2e8b3a4d0012345678")
	wantProblem(t, del.HTTPResponse, del.Body, 404, "not_found")
	res, body := env.Do(http.MethodDelete, "/api/users/addresses/no-es-un-id", anaTok, "", nil)
	wantProblem(t, res, body, 400, "validation_failed", "id")

	if list := addressesOf(t, ana); len(list) != 1 || !reflect.DeepEqual(list[0], a) {
		t.Fatalf("another customer changed Ana's address: %+v", list)
	}
	if list := addressesOf(t, beto); len(list) != 1 || list[0].Label != "Casa de Beto" {
		t.Fatalf("Beto sees %+v", list)
	}
}

func TestARetriedAddressCreateWithTheSameKeyAddsOneAddress(t *testing.T) {
	env := apitest.New(t)
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))
	key := &sdk.CreateAddressParams{IdempotencyKey: ptr("direccion-casa-0001")}
	first, _ := c.CreateAddressWithResponse(ctx, key, newAddress("Casa", false))
	again, _ := c.CreateAddressWithResponse(ctx, key, newAddress("Casa", false))
	if first.JSON201 == nil || again.JSON201 == nil || first.JSON201.Id != again.JSON201.Id {
		t.Fatalf("retry: %d %s / %d %s", first.StatusCode(), first.Body, again.StatusCode(), again.Body)
	}
	if list := addressesOf(t, c); len(list) != 1 {
		t.Fatalf("addresses = %d, want 1", len(list))
	}
}

// --- wishlist ---

func TestWishlistAddsOnceAndNeedsAnExistingProduct(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))
	queso := createProduct(t, admin, "Palito de queso")
	bocadillo := createProduct(t, admin, "Palito de bocadillo")

	for range 2 {
		res, err := c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: queso})
		if err != nil || res.JSON200 == nil || !reflect.DeepEqual(res.JSON200.ProductIds, []string{queso}) {
			t.Fatalf("add queso: %v %d %s", err, res.StatusCode(), res.Body)
		}
	}
	// The same id in capitals is the same product.
	res, _ := c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: strings.ToUpper(queso)})
	if res.JSON200 == nil || len(res.JSON200.ProductIds) != 1 {
		t.Fatalf("add queso in capitals: %d %s", res.StatusCode(), res.Body)
	}
	res, _ = c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: bocadillo})
	if res.JSON200 == nil || !reflect.DeepEqual(res.JSON200.ProductIds, []string{bocadillo, queso}) {
		t.Fatalf("add bocadillo: %d %s", res.StatusCode(), res.Body)
	}
	if ids, total := wishlistIDs(t, c, nil); !reflect.DeepEqual(ids, []string{bocadillo, queso}) || total != 2 {
		t.Fatalf("wishlist = %v (total %d), want newest first", ids, total)
	}

	res, _ = c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: "665f1c2e8b3a4d0012345678"})
	wantProblem(t, res.HTTPResponse, res.Body, 404, "not_found")
	res, _ = c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: "no-es-un-id"})
	wantProblem(t, res.HTTPResponse, res.Body, 400, "validation_failed", "productId")

	for range 2 {
		rm, _ := c.RemoveWishlistItemWithResponse(ctx, queso)
		if rm.JSON200 == nil || !reflect.DeepEqual(rm.JSON200.ProductIds, []string{bocadillo}) {
			t.Fatalf("remove queso: %d %s", rm.StatusCode(), rm.Body)
		}
	}
	rm, _ := c.RemoveWishlistItemWithResponse(ctx, "665f1c2e8b3a4d0012345678")
	if rm.JSON200 == nil || !reflect.DeepEqual(rm.JSON200.ProductIds, []string{bocadillo}) {
		t.Fatalf("remove a product never added: %d %s", rm.StatusCode(), rm.Body)
	}
}

func TestWishlistShowsOnlyProductsOnSale(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	c := env.Client(env.Token("ana@donpalito.test", auth.RoleCustomer))
	queso := createProduct(t, admin, "Palito de queso")
	natilla := createProduct(t, admin, "Natilla")
	bunuelo := createProduct(t, admin, "Buñuelo")
	for _, id := range []string{queso, natilla, bunuelo} {
		if res, _ := c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: id}); res.JSON200 == nil {
			t.Fatalf("add: %d %s", res.StatusCode(), res.Body)
		}
	}

	if del, _ := admin.DeleteProductWithResponse(ctx, queso); del.StatusCode() != 204 {
		t.Fatalf("delete product: %d", del.StatusCode())
	}
	if ids, total := wishlistIDs(t, c, nil); !reflect.DeepEqual(ids, []string{bunuelo, natilla}) || total != 2 {
		t.Fatalf("after deleting queso: %v (total %d)", ids, total)
	}

	// A product the admin hides is out of the list until it is back on sale.
	if upd, _ := admin.UpdateProductWithResponse(ctx, natilla, sdk.ProductUpdate{IsActive: ptr(false)}); upd.JSON200 == nil {
		t.Fatalf("hide natilla: %s", upd.Body)
	}
	if ids, total := wishlistIDs(t, c, nil); !reflect.DeepEqual(ids, []string{bunuelo}) || total != 1 {
		t.Fatalf("after hiding natilla: %v (total %d)", ids, total)
	}
	res, _ := c.AddWishlistItemWithResponse(ctx, sdk.WishlistItemCreate{ProductId: natilla})
	wantProblem(t, res.HTTPResponse, res.Body, 404, "not_found")
	if upd, _ := admin.UpdateProductWithResponse(ctx, natilla, sdk.ProductUpdate{IsActive: ptr(true)}); upd.JSON200 == nil {
		t.Fatalf("show natilla: %s", upd.Body)
	}
	if ids, total := wishlistIDs(t, c, nil); !reflect.DeepEqual(ids, []string{bunuelo, natilla}) || total != 2 {
		t.Fatalf("after showing natilla again: %v (total %d)", ids, total)
	}

	// Pages walk the same list.
	if ids, total := wishlistIDs(t, c, &sdk.GetWishlistParams{Page: ptr(2), Limit: ptr(1)}); !reflect.DeepEqual(ids, []string{natilla}) || total != 2 {
		t.Fatalf("page 2 of 1: %v (total %d)", ids, total)
	}
	if ids, total := wishlistIDs(t, c, &sdk.GetWishlistParams{Page: ptr(3), Limit: ptr(1)}); len(ids) != 0 || total != 2 {
		t.Fatalf("page 3 of 1: %v (total %d)", ids, total)
	}
	tok := env.Token("ana@donpalito.test", auth.RoleCustomer)
	r, body := env.Do(http.MethodGet, "/api/users/wishlist?limit=101", tok, "", nil)
	wantProblem(t, r, body, 400, "validation_failed", "limit")
}

// --- deactivation ---

func TestADeactivatedAccountIsRefusedOnEveryAuthenticatedCall(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	product := createProduct(t, admin, "Palito de queso")
	tok := env.Token("adios@donpalito.test", auth.RoleCustomer)
	c := env.Client(tok)
	a := createAddress(t, c, newAddress("Casa", false))
	other := env.Client(env.Token("sigue@donpalito.test", auth.RoleCustomer))

	res, err := c.DeactivateAccountWithResponse(ctx)
	if err != nil || res.StatusCode() != 204 {
		t.Fatalf("deactivate: %v %d %s", err, res.StatusCode(), res.Body)
	}

	calls := []struct{ method, path, body string }{
		{http.MethodGet, "/api/users/me", ""},
		{http.MethodGet, "/api/users/profile", ""},
		{http.MethodPut, "/api/users/profile", `{"name":"Otra"}`},
		{http.MethodGet, "/api/users/addresses", ""},
		{http.MethodPost, "/api/users/addresses", `{"label":"Casa","fullName":"Ana Gómez","streetAddress":"Calle 10 # 43A-30","city":"Medellín","phoneNumber":"3148702078"}`},
		{http.MethodPut, "/api/users/addresses/" + a.Id, `{"city":"Bello"}`},
		{http.MethodDelete, "/api/users/addresses/" + a.Id, ""},
		{http.MethodGet, "/api/users/wishlist", ""},
		{http.MethodPost, "/api/users/wishlist", `{"productId":"` + product + `"}`},
		{http.MethodDelete, "/api/users/wishlist/" + product, ""},
		{http.MethodPut, "/api/users/notification-preferences", `{"marketingEmails":true}`},
		{http.MethodPatch, "/api/users/deactivate", ""},
	}
	for _, call := range calls {
		t.Run(call.method+" "+call.path, func(t *testing.T) {
			ct := ""
			if call.body != "" {
				ct = "application/json"
			}
			res, body := env.Do(call.method, call.path, tok, ct, strings.NewReader(call.body))
			wantProblem(t, res, body, 403, "account_inactive")
			// And without credentials the same operation is a JSON 401.
			res, body = env.Do(call.method, call.path, "", ct, strings.NewReader(call.body))
			wantProblem(t, res, body, 401, "unauthenticated")
		})
	}
	// Nothing the refused calls carried was applied, and other accounts work.
	var stored struct {
		IsActive  bool `bson:"isActive"`
		Addresses []struct {
			City string `bson:"city"`
		} `bson:"addresses"`
		Wishlist []string `bson:"wishlist"`
	}
	if err := env.App.Store.DB.Collection("users").FindOne(ctx, map[string]string{"email": "adios@donpalito.test"}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	if stored.IsActive || len(stored.Addresses) != 1 || stored.Addresses[0].City != "Sabaneta" || len(stored.Wishlist) != 0 {
		t.Fatalf("stored account after refused calls: %+v", stored)
	}
	if me, _ := other.GetMeWithResponse(ctx); me.JSON200 == nil || !me.JSON200.IsActive {
		t.Fatalf("another account was affected: %d %s", me.StatusCode(), me.Body)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
