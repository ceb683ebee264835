package coupons

import (
	"strconv"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/sdk"
)

// The choices of the form, as the staff read them.
const (
	percentage = "porcentaje"
	fixed      = "monto fijo"
	yes        = "sí"
	no         = "no"
)

// couponForm creates a coupon (original nil) or edits one. Every rule of a
// coupon is a field; the names are the API's, so its validation messages
// land under the right field.
type couponForm struct {
	form.Form
	original *sdk.Coupon
}

func newCouponForm(c *sdk.Coupon, width int) couponForm {
	var code, description, kind, value, minSubtotal, maxDiscount, usage, perCustomer = "", "", percentage, "", "", "", "", "1"
	public, active := no, yes
	var starts, ends string
	if c != nil {
		code, description = c.Code, c.Description
		if c.Type == sdk.Fixed {
			kind, value = fixed, pesos(c.Value)
		} else {
			value = strconv.FormatInt(c.Value, 10)
		}
		minSubtotal, maxDiscount = pesos(c.MinSubtotal), pesos(c.MaxDiscount)
		usage, perCustomer = count(c.UsageLimit), count(c.PerCustomerLimit)
		if c.IsPublic {
			public = yes
		}
		if !c.IsActive {
			active = no
		}
		if c.StartsAt != nil {
			starts = c.StartsAt.Format("2006-01-02")
		}
		if c.EndsAt != nil {
			ends = c.EndsAt.Format("2006-01-02")
		}
	}
	return couponForm{original: c, Form: form.New(
		form.Text("code", "Código", code, "BIENVENIDA10", width),
		form.Text("description", "Descripción", description, "10 % en tu primera compra", width),
		form.Choice("type", "Tipo", []string{percentage, fixed}, kind),
		form.Text("value", "Valor (% o COP)", value, "10 para 10 %, o 5.000 pesos", width),
		form.Text("minSubtotal", "Compra mínima (COP)", minSubtotal, "0 = sin mínimo", width),
		form.Text("maxDiscount", "Descuento máximo (COP)", maxDiscount, "0 = sin tope", width),
		form.Text("usageLimit", "Usos totales", usage, "0 = sin límite", width),
		form.Text("perCustomerLimit", "Usos por cliente", perCustomer, "0 = sin límite", width),
		form.Choice("isPublic", "Público", []string{no, yes}, public),
		form.Choice("isActive", "Activo", []string{yes, no}, active),
		form.Text("startsAt", "Desde (AAAA-MM-DD)", starts, "vacío = desde ya", width),
		form.Text("endsAt", "Hasta (AAAA-MM-DD)", ends, "vacío = sin fin", width),
	)}
}

// pesos writes an amount for the form ("" for none).
func pesos(minor int64) string {
	if minor == 0 {
		return ""
	}
	return strings.TrimPrefix(format.COP(minor), "$ ")
}

func count(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// rules are what the form says, read into API values.
type rules struct {
	code, description        string
	kind                     sdk.CouponType
	value                    int64
	minSubtotal, maxDiscount int64
	usageLimit, perCustomer  int
	public, active           bool
	starts, ends             *openapi_types.Date
}

// read reads the form. What the program can see is wrong (a word where a
// number goes, a date it cannot read) is marked on its field; the rest is
// left to the API, whose messages then show under the fields.
func (f *couponForm) read() (rules, bool) {
	f.ClearErrors()
	r := rules{
		code: strings.ToUpper(f.Value("code")), description: f.Value("description"), kind: sdk.Percentage,
		public: f.Value("isPublic") == yes, active: f.Value("isActive") == yes,
	}
	if f.Value("type") == fixed {
		r.kind = sdk.Fixed
	}
	if v := f.Value("value"); v != "" {
		if r.kind == sdk.Percentage {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(v, "%")), 10, 64)
			if err != nil {
				f.SetError("value", "Escribe el porcentaje como un número entero, por ejemplo 10.")
			}
			r.value = n
		} else if n, ok := format.ParsePesos(v); ok {
			r.value = n
		} else {
			f.SetError("value", "Escribe el monto en pesos, por ejemplo 5.000.")
		}
	}
	for _, money := range []struct {
		name string
		out  *int64
	}{{"minSubtotal", &r.minSubtotal}, {"maxDiscount", &r.maxDiscount}} {
		if v := f.Value(money.name); v != "" {
			n, ok := format.ParsePesos(v)
			if !ok {
				f.SetError(money.name, "Escribe un monto en pesos, por ejemplo 20.000.")
			}
			*money.out = n
		}
	}
	for _, limit := range []struct {
		name string
		out  *int
	}{{"usageLimit", &r.usageLimit}, {"perCustomerLimit", &r.perCustomer}} {
		if v := f.Value(limit.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				f.SetError(limit.name, "Escribe un número entero (0 = sin límite).")
			}
			*limit.out = n
		}
	}
	for _, day := range []struct {
		name string
		out  **openapi_types.Date
	}{{"startsAt", &r.starts}, {"endsAt", &r.ends}} {
		v := f.Value(day.name)
		if v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			t, err = time.Parse("02/01/2006", v)
		}
		if err != nil {
			f.SetError(day.name, "Escribe la fecha como AAAA-MM-DD, por ejemplo 2026-12-31.")
			continue
		}
		*day.out = &openapi_types.Date{Time: t}
	}
	if f.HasErrors() {
		f.Err = "Revisa los campos marcados."
		return r, false
	}
	return r, true
}

// create is the new coupon the form describes.
func (r rules) create() sdk.CouponCreate {
	return sdk.CouponCreate{
		Code: r.code, Description: &r.description, Type: r.kind, Value: r.value,
		MinSubtotal: &r.minSubtotal, MaxDiscount: &r.maxDiscount, UsageLimit: &r.usageLimit,
		PerCustomerLimit: &r.perCustomer, IsPublic: &r.public, IsActive: &r.active,
		StartsAt: r.starts, EndsAt: r.ends,
	}
}

// update is the change from c to what the form describes: only what
// differs, so that a rule nobody touched is never rewritten. changed is false
// when nothing differs.
func (r rules) update(c sdk.Coupon) (u sdk.CouponUpdate, changed bool) {
	set := func() { changed = true }
	if r.code != c.Code {
		u.Code = &r.code
		set()
	}
	if r.description != c.Description {
		u.Description = &r.description
		set()
	}
	if r.kind != c.Type {
		u.Type = &r.kind
		set()
	}
	if r.value != c.Value {
		u.Value = &r.value
		set()
	}
	if r.minSubtotal != c.MinSubtotal {
		u.MinSubtotal = &r.minSubtotal
		set()
	}
	if r.maxDiscount != c.MaxDiscount {
		u.MaxDiscount = &r.maxDiscount
		set()
	}
	if r.usageLimit != c.UsageLimit {
		u.UsageLimit = &r.usageLimit
		set()
	}
	if r.perCustomer != c.PerCustomerLimit {
		u.PerCustomerLimit = &r.perCustomer
		set()
	}
	if r.public != c.IsPublic {
		u.IsPublic = &r.public
		set()
	}
	if r.active != c.IsActive {
		u.IsActive = &r.active
		set()
	}
	var unset []sdk.CouponUpdateUnset
	for _, day := range []struct {
		now, was *openapi_types.Date
		out      **openapi_types.Date
		name     sdk.CouponUpdateUnset
	}{{r.starts, c.StartsAt, &u.StartsAt, sdk.StartsAt}, {r.ends, c.EndsAt, &u.EndsAt, sdk.EndsAt}} {
		switch {
		case day.now == nil && day.was != nil:
			unset = append(unset, day.name)
			set()
		case day.now != nil && (day.was == nil || day.now.Format("2006-01-02") != day.was.Format("2006-01-02")):
			*day.out = day.now
			set()
		}
	}
	if len(unset) > 0 {
		u.Unset = &unset
	}
	return u, changed
}
