// Package dashboard is the Resumen tab: today's and the last 30 days' revenue,
// the orders by status, the best sellers and the products running out, from
// the server's stats. While the server does not offer stats yet (501), the
// tab says so calmly.
package dashboard

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PeriodDays is how many days, today included, the period figures cover.
const PeriodDays = 30

// Model is the Resumen tab.
type Model struct {
	s       *session.Session
	keys    KeyMap
	width   int
	height  int
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
	return &Model{s: s, now: now, spinner: spinner.New(spinner.WithSpinner(spinner.Line)),
		keys: KeyMap{Reload: session.Bind("r", "recargar", "r")}}
}

// Init loads the figures.
func (m *Model) Init() tea.Cmd { return m.load() }

// days are today and the first day of the period, in Bogotá.
func (m *Model) days() (today, first openapi_types.Date) {
	t := m.now().In(format.Bogota)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return openapi_types.Date{Time: day}, openapi_types.Date{Time: day.AddDate(0, 0, -(PeriodDays - 1))}
}

func (m *Model) load() tea.Cmd {
	m.loading = true
	api := m.s.API
	today, first := m.days()
	fetch := func() tea.Msg {
		period, err := session.Call(func(ctx context.Context) (*sdk.AdminStats, error) {
			return api.Stats(ctx, &sdk.GetAdminStatsParams{From: &first, To: &today})
		})
		if err != nil {
			return statsMsg{err: err}
		}
		day, err := session.Call(func(ctx context.Context) (*sdk.AdminStats, error) {
			return api.Stats(ctx, &sdk.GetAdminStatsParams{From: &today, To: &today})
		})
		return statsMsg{today: day, period: period, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer stats.
func (m *Model) NotLive() string { return m.notLive }

// Loading reports whether the figures are being fetched.
func (m *Model) Loading() bool { return m.loading }

// Stats are the figures shown: today's and the period's (nil before they
// arrive).
func (m *Model) Stats() (today, period *sdk.AdminStats) { return m.today, m.period }

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
		cmd, _ := list.Dispatch(msg, m.Actions())
		return m, cmd
	}
	return m, nil
}

// KeyMap are the tab's keys.
type KeyMap struct{ Reload key.Binding }

// KeyMap is the tab's keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// Actions are the tab's keys and what they do: reloading, unless a load is
// on its way.
func (m *Model) Actions() []list.Action {
	m.keys.Reload.SetEnabled(!m.loading)
	return []list.Action{{Key: &m.keys.Reload, Do: func(tea.KeyPressMsg) tea.Cmd { return m.load() }}}
}

// SetSize records the space the figures fit in.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Keys are the tab's keys.
func (m *Model) Keys() help.KeyMap { return list.Help(m.Actions()) }

// View renders the figures.
func (m *Model) View() string {
	st := m.s.Styles
	switch {
	case m.loading && m.period == nil:
		return m.spinner.View() + " Cargando el resumen…"
	case m.notLive != "":
		return "Resumen de la tienda\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	case m.err != "":
		return st.Error.Render(m.err)
	case m.period == nil:
		return ""
	}
	p, t := m.period, m.today
	var b strings.Builder
	title := st.Title.Render("Resumen")
	if m.loading {
		title += " " + m.spinner.View()
	}
	fmt.Fprintf(&b, "%s\n", title)
	fmt.Fprintf(&b, "%s  %s en %s\n", st.Label.Render(fmt.Sprintf("%-15s", "Hoy")), format.COP(t.Revenue), paidOrders(t.PaidOrders))
	fmt.Fprintf(&b, "%s  %s en %s\n", st.Label.Render(fmt.Sprintf("%-15s", "Últimos 30 días")), format.COP(p.Revenue), paidOrders(p.PaidOrders))
	fmt.Fprintf(&b, "%17sticket promedio %s\n", "", format.COP(p.AverageOrderValue))
	fmt.Fprintf(&b, "%s\n\n", st.Muted.Render(fmt.Sprintf("Del %s al %s · %d clientes nuevos · %d productos activos",
		format.Date(p.From.Time), format.Date(p.To.Time), p.NewCustomers, p.ActiveProducts)))

	s := p.OrdersByStatus
	b.WriteString(st.Label.Render("Pedidos por estado (30 días)") + "\n")
	counts := []struct {
		status sdk.OrderStatus
		n      int
	}{
		{sdk.OrderStatusPending, s.Pending}, {sdk.OrderStatusPaid, s.Paid}, {sdk.OrderStatusInPreparation, s.InPreparation},
		{sdk.OrderStatusReady, s.Ready}, {sdk.OrderStatusDelivered, s.Delivered}, {sdk.OrderStatusCanceled, s.Canceled},
		{sdk.OrderStatusRejected, s.Rejected},
	}
	var cells []string
	for _, c := range counts {
		cells = append(cells, fmt.Sprintf("%s %d", session.StatusLabel(c.status), c.n))
	}
	b.WriteString(wrap(cells, " · ", max(20, m.width)) + "\n\n")

	b.WriteString(st.Label.Render("Pocas existencias") + "\n")
	if len(p.LowStock) == 0 {
		b.WriteString(st.Muted.Render("  Ningún producto se está agotando.") + "\n")
	}
	for _, l := range p.LowStock {
		left := fmt.Sprintf("quedan %d", l.Stock)
		if l.Stock == 0 {
			left = "agotado"
		}
		fmt.Fprintf(&b, "  %s · %s\n", l.Name, left)
	}
	if len(p.TopProducts) > 0 {
		b.WriteString("\n" + st.Label.Render("Más vendidos (30 días)") + "\n")
		for _, tp := range p.TopProducts {
			fmt.Fprintf(&b, "  %s · %d unidades · %s\n", tp.Name, tp.Units, format.COP(tp.Revenue))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func paidOrders(n int) string {
	if n == 1 {
		return "1 pedido pagado"
	}
	return fmt.Sprintf("%d pedidos pagados", n)
}

// wrap joins cells with sep, starting a new line where the next cell would
// pass width.
func wrap(cells []string, sep string, width int) string {
	var lines []string
	line := ""
	for _, c := range cells {
		switch {
		case line == "":
			line = c
		case len([]rune(line+sep+c)) > width:
			lines = append(lines, line)
			line = c
		default:
			line += sep + c
		}
	}
	return strings.Join(append(lines, line), "\n")
}
