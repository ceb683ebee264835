// Package dashboard is the Resumen tab: today's and the period's revenue,
// orders by status, the best sellers and the products running out.
package dashboard

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// Model is the Resumen tab.
type Model struct {
	s       *session.Session
	width   int
	now     func() time.Time
	spinner spinner.Model
	loading bool
	today   *sdk.AdminStats
	period  *sdk.AdminStats
	notLive string
	err     string
}

type statsMsg struct {
	today, period *sdk.AdminStats
	err           error
}

// New returns the tab; now tells the day (time.Now in the program).
func New(s *session.Session, now func() time.Time) *Model {
	return &Model{s: s, now: now, spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
}

// Init loads the figures.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading = true
	api := m.s.API
	day := openapi_types.Date{Time: m.now().In(format.Bogota)}
	fetch := func() tea.Msg {
		period, err := session.Call(func(ctx context.Context) (*sdk.AdminStats, error) { return api.Stats(ctx, nil) })
		if err != nil {
			return statsMsg{err: err}
		}
		today, err := session.Call(func(ctx context.Context) (*sdk.AdminStats, error) {
			return api.Stats(ctx, &sdk.GetAdminStatsParams{From: &day, To: &day})
		})
		return statsMsg{today: today, period: period, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer stats.
func (m *Model) NotLive() string { return m.notLive }

// Editing is always false.
func (m *Model) Editing() bool { return false }

// Update handles the answer and the reload key.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case statsMsg:
		m.loading = false
		m.notLive, m.err = "", ""
		if text, ok := session.NotLive(msg.err); ok {
			m.notLive = text
			return m, nil
		}
		if msg.err != nil {
			m.err = session.ProblemText(msg.err)
			return m, nil
		}
		m.today, m.period = msg.today, msg.period
	case spinner.TickMsg:
		if m.loading {
			var cmd tea.Cmd
			m.spinner, cmd = m.spinner.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		if msg.String() == "r" {
			return m, m.load()
		}
	}
	return m, nil
}

// SetSize records the width the messages wrap at.
func (m *Model) SetSize(width, _ int) { m.width = width }

// Keys are the tab's keys.
func (m *Model) Keys() help.KeyMap { return session.Keys{session.Bind("r", "recargar", "r")} }

// View renders the figures.
func (m *Model) View() string {
	st := m.s.Styles
	switch {
	case m.loading:
		return m.spinner.View() + " Cargando el resumen…"
	case m.notLive != "":
		return "Resumen de la tienda\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	case m.err != "":
		return st.Error.Render(m.err)
	case m.period == nil:
		return ""
	}
	p := m.period
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", st.Title.Render("Resumen"))
	fmt.Fprintf(&b, "Hoy: %s en %d pedidos pagados\n", format.COP(m.today.Revenue), m.today.PaidOrders)
	fmt.Fprintf(&b, "Del %s al %s: %s en %d pedidos · ticket promedio %s\n\n",
		format.Date(p.From.Time), format.Date(p.To.Time), format.COP(p.Revenue), p.PaidOrders, format.COP(p.AverageOrderValue))
	s := p.OrdersByStatus
	fmt.Fprintf(&b, "%s\nPendientes %d · Pagados %d · En preparación %d · Listos %d · Entregados %d · Cancelados %d · Rechazados %d\n\n",
		st.Label.Render("Pedidos por estado"), s.Pending, s.Paid, s.InPreparation, s.Ready, s.Delivered, s.Canceled, s.Rejected)
	b.WriteString(st.Label.Render("Más vendidos") + "\n")
	for _, t := range p.TopProducts {
		fmt.Fprintf(&b, "  %s · %d unidades\n", t.Name, t.Units)
	}
	b.WriteString("\n" + st.Label.Render("Pocas existencias") + "\n")
	if len(p.LowStock) == 0 {
		b.WriteString(st.Muted.Render("  Ningún producto se está agotando.") + "\n")
	}
	for _, l := range p.LowStock {
		fmt.Fprintf(&b, "  %s · quedan %d\n", l.Name, l.Stock)
	}
	return strings.TrimRight(b.String(), "\n")
}
