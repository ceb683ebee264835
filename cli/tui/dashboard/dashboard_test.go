package dashboard_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/tui/dashboard"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// The stats endpoint is still being built on the server (it answers 501
// there), so these tests answer for it with the contract's shapes; the
// in-process server's 501 is covered by the app tests.

// statsServer answers GET /api/admin/stats with period for a 30-day range
// and today for a one-day range, and records the ranges asked for.
func statsServer(t *testing.T, status int, today, period sdk.AdminStats) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/admin/stats" {
			http.NotFound(w, r)
			return
		}
		from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
		mu.Lock()
		asked = append(asked, from+".."+to)
		mu.Unlock()
		if status != 200 {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(map[string]any{"type": "about:blank", "title": "Not Implemented", "status": status,
				"code": "not_implemented", "detail": "Esta operación del contrato aún no está disponible en este servidor."})
			return
		}
		body := period
		if from == to {
			body = today
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &asked
}

func date(s string) sdk.From {
	t, _ := time.Parse("2006-01-02", s)
	return sdk.From{Time: t}
}

// run executes cmd and everything it leads to, feeding the messages to m;
// spinner ticks are dropped so nothing animates.
func run(m *dashboard.Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil, spinner.TickMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	default:
		_, next := m.Update(msg)
		run(m, next)
	}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;:]*[A-Za-z]`)

func plain(s string) string { return ansi.ReplaceAllString(s, "") }

func newModel(t *testing.T, url string) *dashboard.Model {
	api, err := sdk.New(url, sdk.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	s := &session.Session{API: api, Styles: session.DefaultStyles()}
	// 25 Nov 2026, 22:00 in Bogotá is already the 26th in UTC: the days are
	// Bogotá's.
	now := func() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }
	m := dashboard.New(s, now)
	m.SetSize(80, 19)
	return m
}

func TestSummaryShowsTheFigures(t *testing.T) {
	period := sdk.AdminStats{
		From: date("2026-10-27"), To: date("2026-11-25"), Currency: "COP",
		Revenue: 123450000, PaidOrders: 42, AverageOrderValue: 2939286, NewCustomers: 7, TotalCustomers: 120, ActiveProducts: 15,
		OrdersByStatus: sdk.OrderStatusCounts{Pending: 3, Paid: 2, InPreparation: 1, Ready: 1, Delivered: 38, Canceled: 4, Rejected: 1},
		TopProducts:    []sdk.TopProduct{{ProductId: "665f1c2e8b3a4d0012345678", Name: "Palito Premium Puro Queso", Units: 96, Revenue: 33600000, Currency: "COP"}},
		RevenueByDay:   []sdk.DailyRevenue{},
		LowStock: []sdk.LowStockProduct{
			{ProductId: "665f1c2e8b3a4d0012345680", Name: "Bandeja Familiar de Natilla", Stock: 2},
			{ProductId: "665f1c2e8b3a4d0012345681", Name: "Buñuelo", Stock: 0},
		},
	}
	today := period
	today.From, today.To, today.Revenue, today.PaidOrders = date("2026-11-25"), date("2026-11-25"), 5250000, 3
	srv, asked := statsServer(t, 200, today, period)
	m := newModel(t, srv.URL)
	run(m, m.Init())

	if len(*asked) != 2 || (*asked)[0] != "2026-10-27..2026-11-25" || (*asked)[1] != "2026-11-25..2026-11-25" {
		t.Fatalf("ranges asked: %v", *asked)
	}
	if d, p := m.Stats(); d == nil || p == nil || m.NotLive() != "" {
		t.Fatalf("stats not kept: %v %v %q", d, p, m.NotLive())
	}
	view := plain(m.View())
	for _, want := range []string{
		"Hoy", "$ 52.500 en 3 pedidos pagados",
		"Últimos 30 días", "$ 1.234.500 en 42 pedidos pagados", "ticket promedio $ 29.392,86",
		"Del 27/10/2026 al 25/11/2026", "Pendiente 3", "Pagado 2", "En preparación 1", "Listo 1", "Entregado 38",
		"Cancelado 4", "Rechazado 1", "Pocas existencias", "Bandeja Familiar de Natilla · quedan 2", "Buñuelo · agotado",
		"Palito Premium Puro Queso · 96 unidades",
	} {
		if !strings.Contains(view, want) {
			t.Fatalf("the summary lacks %q:\n%s", want, view)
		}
	}
	for _, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) > 80 {
			t.Fatalf("a line wider than 80: %q", l)
		}
	}
}

func TestSummaryIsCalmWhileStatsAreNotLive(t *testing.T) {
	srv, _ := statsServer(t, 501, sdk.AdminStats{}, sdk.AdminStats{})
	m := newModel(t, srv.URL)
	run(m, m.Init())
	view := strings.Join(strings.Fields(plain(m.View())), " ")
	if m.NotLive() == "" || !strings.Contains(view, "Esta sección estará disponible") || !strings.Contains(view, "aún no está disponible en este servidor") {
		t.Fatalf("not live:\n%s", view)
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"})
	run(m, cmd)
	if m.NotLive() == "" || m.Loading() {
		t.Fatal("reloading lost the calm message")
	}
}
