package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/tui/app"
	"github.com/donpalito/donpalitojr/cli/tui/coupons"
	"github.com/donpalito/donpalitojr/sdk"
)

func couponsTab(d *driver) *coupons.Model { return d.m.Screen(app.Coupons).(*coupons.Model) }

// openCoupons shows the Cupones tab and waits for its first page.
func openCoupons(d *driver) {
	d.press("3")
	d.waitFor("the coupons", func() bool {
		return d.m.Active() == app.Coupons && !couponsTab(d).Loading() && couponsTab(d).Items() != nil
	})
}

func waitCouponNotice(d *driver, text string) {
	d.t.Helper()
	d.waitFor("«"+text+"»", func() bool {
		n, _ := couponsTab(d).Notice()
		return strings.Contains(n, text) && !couponsTab(d).Loading()
	})
}

func day(y int, m time.Month, d int) *openapi_types.Date {
	return &openapi_types.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// fixedCoupons are coupons with fixed data, oldest first.
var fixedCoupons = []sdk.CouponCreate{
	{Code: "BIENVENIDA10", Description: ptr("10 % en tu primera compra"), Type: sdk.Percentage, Value: 10,
		MaxDiscount: ptr(int64(1000000)), UsageLimit: ptr(500), IsPublic: ptr(true), EndsAt: day(2026, 12, 31)},
	{Code: "NAVIDAD5000", Description: ptr("Novenas con natilla"), Type: sdk.Fixed, Value: 500000,
		MinSubtotal: ptr(int64(3000000)), StartsAt: day(2026, 12, 16), EndsAt: day(2026, 12, 24), PerCustomerLimit: ptr(2)},
	{Code: "MAYORISTA", Type: sdk.Percentage, Value: 15, IsActive: ptr(false), PerCustomerLimit: ptr(0)},
}

func ptr[T any](v T) *T { return &v }

func (s *shop) coupons(t *testing.T, items ...sdk.CouponCreate) []*sdk.Coupon {
	t.Helper()
	var out []*sdk.Coupon
	for _, c := range items {
		created, err := s.api.CreateCoupon(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, created)
		time.Sleep(5 * time.Millisecond) // distinct creation times keep "newest first" stable
	}
	return out
}

func (s *shop) couponByCode(t *testing.T, code string) sdk.Coupon {
	t.Helper()
	page, err := s.api.ListCoupons(ctx, &sdk.ListCouponsParams{Q: &code})
	if err != nil || page.Total != 1 {
		t.Fatalf("coupon %s: %+v %v", code, page, err)
	}
	return page.Items[0]
}

// clearField deletes what the focused field holds.
func clearField(d *driver) {
	for range 40 {
		d.press("backspace")
	}
}

func TestCreateACouponThroughTheFormThenDeactivateIt(t *testing.T) {
	s := newShop(t)
	s.coupons(t, fixedCoupons[0])
	d := s.signedIn(t, 80, 24)
	openCoupons(d)

	// The API's own messages appear under the fields.
	_, empty := s.api.CreateCoupon(ctx, sdk.CouponCreate{Type: sdk.Percentage, Value: 0})
	var problem *sdk.Error
	if !errors.As(empty, &problem) || problem.FieldMessage("code") == "" || problem.FieldMessage("value") == "" {
		t.Fatalf("expected the API to refuse an empty coupon: %v", empty)
	}
	d.press("n")
	if !strings.Contains(d.screen(), "Nuevo cupón") || !couponsTab(d).Editing() {
		t.Fatalf("no form:\n%s", d.screen())
	}
	d.press("ctrl+s")
	d.waitFor("the API's field errors", func() bool {
		return shows(d.screen(), problem.FieldMessage("code")) && strings.Contains(couponsTab(d).FieldError("code"), problem.FieldMessage("code")) &&
			couponsTab(d).FieldError("value") == problem.FieldMessage("value")
	})

	// A percentage of 101 is the API's to refuse, under the value.
	_, tooMuch := s.api.CreateCoupon(ctx, sdk.CouponCreate{Code: "NAVIDAD", Type: sdk.Percentage, Value: 101})
	if !errors.As(tooMuch, &problem) || problem.FieldMessage("value") == "" {
		t.Fatalf("expected the API to refuse 101 %%: %v", tooMuch)
	}
	d.typeText("navidad")
	d.press("tab")
	d.typeText("Natilla y buñuelos")
	d.press("tab", "tab") // type stays percentage
	d.typeText("101")
	d.press("ctrl+s")
	d.waitFor("the value's error", func() bool {
		return shows(d.screen(), problem.FieldMessage("value")) && couponsTab(d).FieldError("value") == problem.FieldMessage("value")
	})
	if couponsTab(d).FieldError("code") != "" {
		t.Fatalf("the old message stayed:\n%s", d.screen())
	}

	// The code of another coupon is a conflict, explained above the form.
	d.press("up", "up", "up") // back to the code
	clearField(d)
	d.typeText("BIENVENIDA10")
	d.press("tab", "tab", "tab")
	clearField(d)
	d.typeText("15")
	d.press("ctrl+s")
	d.waitFor("the conflict", func() bool { return strings.Contains(couponsTab(d).FormError(), "Ya existe un cupón con ese código") })

	// Every rule, then save.
	d.press("up", "up", "up")
	clearField(d)
	d.typeText("navidad")
	d.press("tab", "tab", "space") // percentage → fixed amount
	d.press("tab")
	clearField(d)
	d.typeText("5.000")
	d.press("tab")
	d.typeText("30.000") // minimum purchase
	d.press("tab")
	d.typeText("0") // no cap
	d.press("tab")
	d.typeText("100") // uses
	d.press("tab")
	clearField(d)
	d.typeText("2")         // per customer
	d.press("tab", "right") // public: no → sí
	d.press("tab")          // active stays sí
	d.press("tab")
	d.typeText("2026-12-16")
	d.press("tab")
	d.typeText("24/12/2026")
	d.press("enter") // on the last field: save
	waitCouponNotice(d, "Cupón NAVIDAD creado.")

	c := s.couponByCode(t, "NAVIDAD")
	if c.Description != "Natilla y buñuelos" || c.Type != sdk.Fixed || c.Value != 500000 || c.MinSubtotal != 3000000 ||
		c.MaxDiscount != 0 || c.UsageLimit != 100 || c.PerCustomerLimit != 2 || !c.IsPublic || !c.IsActive ||
		c.StartsAt == nil || c.StartsAt.Format("2006-01-02") != "2026-12-16" || c.EndsAt == nil || c.EndsAt.Format("2006-01-02") != "2026-12-24" {
		t.Fatalf("created %+v", c)
	}
	screen := d.screen()
	for _, want := range []string{"NAVIDAD", "$ 5.000", "16/12/2026–24/12/2026", "0/100", "2 cupones"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the list lacks %q:\n%s", want, screen)
		}
	}

	// a switches the selected coupon (the newest) off.
	if sel := couponsTab(d).Items()[0]; sel.Code != "NAVIDAD" {
		t.Fatalf("selected %s", sel.Code)
	}
	d.press("a")
	waitCouponNotice(d, "Cupón NAVIDAD desactivado.")
	if c := s.couponByCode(t, "NAVIDAD"); c.IsActive {
		t.Fatal("the API still has the coupon active")
	}

	// Editing sends only what changed: the description; it stays inactive.
	d.press("enter")
	d.press("tab")
	clearField(d)
	d.typeText("Solo en diciembre")
	d.press("ctrl+s")
	waitCouponNotice(d, "Cupón NAVIDAD guardado.")
	if c := s.couponByCode(t, "NAVIDAD"); c.Description != "Solo en diciembre" || c.IsActive || c.UsageLimit != 100 || c.EndsAt == nil {
		t.Fatalf("after the edit: %+v", c)
	}
	// Clearing the end date removes it.
	d.press("enter")
	for range 11 {
		d.press("tab")
	}
	clearField(d)
	d.press("ctrl+s")
	waitCouponNotice(d, "Cupón NAVIDAD guardado.")
	if c := s.couponByCode(t, "NAVIDAD"); c.EndsAt != nil || c.StartsAt == nil {
		t.Fatalf("after clearing the end: %+v", c)
	}
}

func TestDeleteACouponWithConfirmation(t *testing.T) {
	s := newShop(t)
	created := s.coupons(t, fixedCoupons[1])[0]
	d := s.signedIn(t, 80, 24)
	openCoupons(d)

	d.press("x")
	if !strings.Contains(d.screen(), "¿Eliminar el cupón NAVIDAD5000?") {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("n")
	d.settle()
	if r, _ := s.api.GetCouponWithResponse(ctx, created.Id); r.JSON200 == nil {
		t.Fatalf("n must keep the coupon: %d", r.StatusCode())
	}
	d.press("x", "s")
	waitCouponNotice(d, "Cupón NAVIDAD5000 eliminado.")
	if r, _ := s.api.GetCouponWithResponse(ctx, created.Id); r.StatusCode() != 404 {
		t.Fatalf("deleted coupon: %d %s", r.StatusCode(), r.Body)
	}
	if len(couponsTab(d).Items()) != 0 || !strings.Contains(d.screen(), "No hay cupones") {
		t.Fatalf("after the deletion:\n%s", d.screen())
	}
}
