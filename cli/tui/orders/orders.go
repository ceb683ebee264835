// Package orders is the Pedidos tab: every customer's orders, filtered by
// status, with the payment confirmation of pending bank transfers.
package orders

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// Model is the Pedidos tab.
type Model struct {
	s       *session.Session
	width   int
	height  int
	table   table.Model
	spinner spinner.Model
	loading bool
	seq     int // numbers the requests; only the latest one's answer counts
	status  int // index into filters
	items   []sdk.Order
	total   int
	notLive string
	notice  string
	bad     bool
}

// filters are the status filter's choices; "" is every status.
var filters = append([]sdk.OrderStatus{""}, session.OrderStatuses...)

type (
	pageMsg struct {
		seq  int
		page *sdk.OrderPage
		err  error
	}
	changedMsg struct {
		order *sdk.Order
		err   error
	}
)

// New returns the tab; Init loads the orders.
func New(s *session.Session) *Model {
	m := &Model{s: s, table: table.New(table.WithFocused(true), table.WithStyles(s.Styles.Table)),
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.SetSize(80, 20)
	return m
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading = true
	m.seq++
	api, seq, status := m.s.API, m.seq, filters[m.status]
	fetch := func() tea.Msg {
		limit := 100
		params := &sdk.AdminListOrdersParams{Limit: &limit}
		if status != "" {
			params.Status = &status
		}
		page, err := session.Call(func(ctx context.Context) (*sdk.OrderPage, error) { return api.AdminListOrders(ctx, params) })
		return pageMsg{seq: seq, page: page, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer orders.
func (m *Model) NotLive() string { return m.notLive }

// Editing is always false: the tab has no text fields.
func (m *Model) Editing() bool { return false }

// Update handles the answers and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading = false
		if text, ok := session.NotLive(msg.err); ok {
			m.notLive = text
			return m, nil
		}
		m.notLive = ""
		if msg.err != nil {
			m.notice, m.bad = session.ProblemText(msg.err), true
			return m, nil
		}
		m.items, m.total = msg.page.Items, msg.page.Total
		m.fill()
	case changedMsg:
		if msg.err != nil {
			m.notice, m.bad = session.ProblemText(msg.err), true
			return m, nil
		}
		m.notice, m.bad = fmt.Sprintf("Pedido %s: %s.", msg.order.Reference, session.StatusLabel(msg.order.Status)), false
		return m, m.load()
	case spinner.TickMsg:
		if m.loading {
			var cmd tea.Cmd
			m.spinner, cmd = m.spinner.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		switch msg.String() {
		case "f":
			m.status = (m.status + 1) % len(filters)
			return m, m.load()
		case "r":
			m.notice = ""
			return m, m.load()
		case "p":
			i := m.table.Cursor()
			if i < 0 || i >= len(m.items) {
				return m, nil
			}
			o := m.items[i]
			if o.Status != sdk.OrderStatusPending || o.PaymentMethod != sdk.Transfer {
				m.notice, m.bad = "Solo se confirma el pago de transferencias pendientes.", true
				return m, nil
			}
			api := m.s.API
			return m, func() tea.Msg {
				order, err := session.Call(func(ctx context.Context) (*sdk.Order, error) {
					return api.ConfirmTransfer(ctx, o.Id, "Transferencia confirmada desde la terminal")
				})
				return changedMsg{order: order, err: err}
			}
		default:
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

func (m *Model) fill() {
	rows := make([]table.Row, 0, len(m.items))
	for _, o := range m.items {
		method := "Tarjeta"
		if o.PaymentMethod == sdk.Transfer {
			method = "Transferencia"
		}
		rows = append(rows, table.Row{o.Reference, o.Customer.Email, format.COP(o.Total), method, session.StatusLabel(o.Status), format.DateTime(o.CreatedAt)})
	}
	m.table.SetRows(rows)
	if m.table.Cursor() < 0 && len(rows) > 0 {
		m.table.SetCursor(0) // the table leaves it at -1 after an empty list
	}
}

// SetSize fits the table.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	customer := max(10, width-2*6-10-12-13-14-16)
	m.table.SetColumns([]table.Column{
		{Title: "Ref.", Width: 10}, {Title: "Cliente", Width: customer}, {Title: "Total", Width: 12},
		{Title: "Pago", Width: 13}, {Title: "Estado", Width: 14}, {Title: "Fecha", Width: 16},
	})
	m.table.SetWidth(width)
	m.table.SetHeight(max(3, height-3))
}

// Keys are the tab's keys.
func (m *Model) Keys() help.KeyMap {
	b := session.Bind
	return session.Keys{b("↑↓", "mover", "up"), b("f", "filtrar estado", "f"), b("p", "confirmar transferencia", "p"), b("r", "recargar", "r")}
}

// View renders the list, or the calm not-live message.
func (m *Model) View() string {
	st := m.s.Styles
	filter := "Todos los estados"
	if s := filters[m.status]; s != "" {
		filter = "Estado: " + session.StatusLabel(s)
	}
	top := fmt.Sprintf("%s · %d pedidos", filter, m.total)
	if m.notLive != "" {
		top = filter
	}
	if m.loading {
		top = m.spinner.View() + " Cargando pedidos… " + filter
	}
	if m.notLive != "" {
		return top + "\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	}
	body := m.table.View()
	if len(m.items) == 0 && !m.loading {
		body = st.Muted.Render("\nNo hay pedidos con este filtro.")
	}
	notice := st.Success.Render(m.notice)
	if m.bad {
		notice = st.Error.Render(m.notice)
	}
	return top + "\n" + body + "\n" + notice
}
