package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/report"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestStatsCountOnlyPaidOrdersAndAddUp(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 100)
	natilla := newProduct(t, env, "Natilla", 400000, 100)
	newProduct(t, env, "Buñuelo", 150000, 3) // low on stock
	hidden := newProduct(t, env, "Pan de bono", 100000, 1)
	if _, err := env.App.Catalog.Update(ctx, hidden.ID, catalog.ProductChanges{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	ana := newShopper(t, env, "ana@correo.test", "Ana")
	luis := newShopper(t, env, "luis@correo.test", "Luis")
	maria := newShopper(t, env, "maria@correo.test", "María")
	adminTok := env.Token("admin@donpalito.test", auth.RoleAdmin)

	delivered := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 3}), order.Delivered)
	paid := moveTo(t, env, placeOrder(t, env, luis, "", item{natilla, 5}), order.Paid)
	moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), order.Pending)
	moveTo(t, env, placeOrder(t, env, luis, "", item{palito, 2}), order.Canceled)
	moveTo(t, env, placeOrder(t, env, ana, "", item{natilla, 1}), order.Rejected)
	refunded := moveTo(t, env, placeOrder(t, env, luis, "", item{palito, 9}, item{natilla, 9}), order.Paid)
	if _, err := env.App.Orders.Transition(ctx, refunded.IDHex(), order.Move{To: order.Canceled, Actor: order.ActorAdmin}); err != nil {
		t.Fatal(err)
	}
	// Paid 40 days ago: outside the default range.
	old := backdate(t, env, moveTo(t, env, placeOrder(t, env, maria, "", item{palito, 7}), order.Paid), 40*24*time.Hour)

	admin := env.Client(adminTok)
	res, err := admin.GetAdminStatsWithResponse(ctx, nil)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("stats: %v %d %s", err, res.StatusCode(), res.Body)
	}
	st := res.JSON200
	today := bogotaToday()
	if st.To.Time != today || st.From.Time != today.AddDate(0, 0, -29) || len(st.RevenueByDay) != 30 {
		t.Fatalf("default range %s–%s with %d days; today is %s", st.From, st.To, len(st.RevenueByDay), today.Format(time.DateOnly))
	}
	if want := delivered.Total + paid.Total; st.Revenue != want || st.PaidOrders != 2 {
		t.Fatalf("revenue %d over %d orders, want %d over 2 (pending, canceled, rejected and refunded excluded)", st.Revenue, st.PaidOrders, want)
	}
	if want := (delivered.Total + paid.Total + 1) / 2; st.AverageOrderValue != want {
		t.Fatalf("average %d, want %d", st.AverageOrderValue, want)
	}
	var byDay int64
	orders := 0
	for _, d := range st.RevenueByDay {
		byDay += d.Revenue
		orders += d.Orders
		if d.Currency != "COP" {
			t.Fatalf("day currency %q", d.Currency)
		}
	}
	if byDay != st.Revenue || orders != 2 || st.RevenueByDay[29].Revenue != st.Revenue || st.RevenueByDay[29].Date.Time != today {
		t.Fatalf("revenue by day sums to %d over %d orders (today: %+v), want %d", byDay, orders, st.RevenueByDay[29], st.Revenue)
	}
	wantStatus := sdk.OrderStatusCounts{Pending: 1, Paid: 1, Delivered: 1, Canceled: 2, Rejected: 1}
	if st.OrdersByStatus != wantStatus {
		t.Fatalf("orders by status %+v, want %+v", st.OrdersByStatus, wantStatus)
	}
	if len(st.TopProducts) != 2 || st.TopProducts[0].ProductId != natilla.ID || st.TopProducts[0].Units != 5 ||
		st.TopProducts[0].Revenue != 5*natilla.Price || st.TopProducts[1].ProductId != palito.ID || st.TopProducts[1].Units != 3 {
		t.Fatalf("top products %+v", st.TopProducts)
	}
	if st.NewCustomers != 3 || st.TotalCustomers != 3 || st.ActiveProducts != 3 {
		t.Fatalf("customers new %d total %d, active products %d", st.NewCustomers, st.TotalCustomers, st.ActiveProducts)
	}
	if len(st.LowStock) != 1 || st.LowStock[0].Name != "Buñuelo" || st.LowStock[0].Stock != 3 {
		t.Fatalf("low stock %+v", st.LowStock)
	}

	// A range around the old order sees only it.
	day := old.PaidAt.In(coupon.Bogota)
	oldDay := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	res, _ = admin.GetAdminStatsWithResponse(ctx, &sdk.GetAdminStatsParams{From: date(oldDay.AddDate(0, 0, -1)), To: date(oldDay)})
	if res.JSON200 == nil || res.JSON200.Revenue != old.Total || res.JSON200.PaidOrders != 1 || len(res.JSON200.RevenueByDay) != 2 ||
		res.JSON200.RevenueByDay[1].Revenue != old.Total || res.JSON200.TopProducts[0].Units != 7 || res.JSON200.OrdersByStatus.Paid != 1 {
		t.Fatalf("the old order's range: %s", res.Body)
	}
}

func TestStatsRefuseBadRangesAndCustomers(t *testing.T) {
	env := apitest.New(t)
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)
	for _, tc := range []struct {
		name, query string
		status      int
	}{
		{"from after to", "?from=2025-06-10&to=2025-06-01", 400},
		{"more than 366 days", "?from=2024-01-01&to=2025-06-01", 400},
		{"not a date", "?from=ayer", 400},
		{"a whole leap year is fine", "?from=2024-01-01&to=2024-12-31", 200},
	} {
		res, body := env.Do(http.MethodGet, "/api/admin/stats"+tc.query, admin, "", nil)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d %s", tc.name, res.StatusCode, body)
		}
	}
	if res, _ := env.Do(http.MethodGet, "/api/admin/stats", env.Token("c@correo.test", auth.RoleCustomer), "", nil); res.StatusCode != 403 {
		t.Fatalf("a customer: %d", res.StatusCode)
	}
}

func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(report.ExportColumns, ",") {
		t.Fatalf("header %v", rows)
	}
	return rows
}

func TestOrdersExportHasOneRowPerLineAndNeutralisesFormulas(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 50)
	evil := newProduct(t, env, `=HYPERLINK("http://malo.test","clic")`, 100000, 50)
	ana := newShopper(t, env, "ana@correo.test", "Ana Gómez")
	setDocument(t, env, ana, "cedula_ciudadania", "1036123456")
	mallory := newShopper(t, env, "mallory@correo.test", "@SUM(1+1)")
	anas := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 2}, item{evil, 1}), order.Paid)
	mallorys := placeOrder(t, env, mallory, "", item{palito, 1})
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)

	res, body := env.Do(http.MethodGet, "/api/admin/orders/export.csv", admin, "", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("export: %d %q %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if got, want := res.Header.Get("Content-Disposition"), `attachment; filename="pedidos-`+bogotaToday().Format(time.DateOnly)+`.csv"`; got != want {
		t.Fatalf("Content-Disposition %q, want %q", got, want)
	}
	rows := readCSV(t, body)
	if len(rows) != 4 {
		t.Fatalf("want a header and 3 lines, got %d rows:\n%s", len(rows), body)
	}
	col := map[string]int{}
	for i, c := range report.ExportColumns {
		col[c] = i
	}
	// Newest first: Mallory's order, then Ana's two lines.
	m, a1, a2 := rows[1], rows[2], rows[3]
	if m[col["Cliente"]] != "'@SUM(1+1)" || m[col["Estado"]] != "Pendiente" || m[col["Factura"]] != "" ||
		m[col["Pedido"]] != mallorys.Reference() {
		t.Fatalf("Mallory's row %q", m)
	}
	if a1[col["Producto"]] != "Palito de queso" || a1[col["Cantidad"]] != "2" || a1[col["Precio unitario (centavos)"]] != "250000" ||
		a1[col["Total línea (centavos)"]] != "500000" {
		t.Fatalf("Ana's first line %q", a1)
	}
	if a2[col["Producto"]] != `'=HYPERLINK("http://malo.test","clic")` {
		t.Fatalf("a formula in a product name must be neutralised: %q", a2[col["Producto"]])
	}
	for _, r := range [][]string{a1, a2} {
		if r[col["Factura"]] != anas.InvoiceNumber || r[col["Total (centavos)"]] != strconv.FormatInt(anas.Total, 10) ||
			r[col["Subtotal (centavos)"]] != strconv.FormatInt(anas.Subtotal, 10) || r[col["Estado"]] != "Pagado" ||
			r[col["Documento"]] != "C.C. 1036123456" || r[col["Método de pago"]] != "Transferencia bancaria" ||
			r[col["Teléfono"]] != "3001234567" || r[col["Moneda"]] != "COP" ||
			r[col["Fecha de pago (Bogotá)"]] != anas.PaidAt.In(coupon.Bogota).Format("2006-01-02 15:04") {
			t.Fatalf("the order's columns repeat on each of its lines: %q", r)
		}
	}

	for _, tc := range []struct {
		name  string
		query string
		rows  int
	}{
		{"by status", "?status=paid", 2},
		{"by customer email", "?q=mallory%40correo", 1},
		{"by reference", "?q=" + strings.ToLower(anas.Reference()), 2},
		{"by payment method", "?paymentMethod=card", 0},
		{"by day", "?from=" + bogotaToday().Format(time.DateOnly) + "&to=" + bogotaToday().Format(time.DateOnly), 3},
		{"days without orders", "?from=2020-01-01&to=2020-01-31", 0},
	} {
		res, body := env.Do(http.MethodGet, "/api/admin/orders/export.csv"+tc.query, admin, "", nil)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", tc.name, res.StatusCode, body)
		}
		if rows := readCSV(t, body); len(rows)-1 != tc.rows {
			t.Errorf("%s: %d rows, want %d:\n%s", tc.name, len(rows)-1, tc.rows, body)
		}
	}
	if res, _ := env.Do(http.MethodGet, "/api/admin/orders/export.csv?from=2020-01-01&to=2020-01-31", admin, "", nil); res.Header.Get("Content-Disposition") != `attachment; filename="pedidos-2020-01-01-2020-01-31.csv"` {
		t.Fatalf("file name of a range: %q", res.Header.Get("Content-Disposition"))
	}
	res, body = env.Do(http.MethodGet, "/api/admin/orders/export.csv?from=2025-06-10&to=2025-06-01", admin, "", nil)
	if res.StatusCode != 400 || apitest.Problem(t, 400, res.Header.Get("Content-Type"), body).Code != "validation_failed" {
		t.Fatalf("a bad range is refused before streaming: %d %s", res.StatusCode, body)
	}
	if res, _ := env.Do(http.MethodGet, "/api/admin/orders/export.csv", ana.token, "", nil); res.StatusCode != 403 {
		t.Fatalf("a customer: %d", res.StatusCode)
	}
}
