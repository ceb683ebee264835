// Package coupons is the Cupones tab: the coupons with their rules and usage,
// and switching one on or off.
package coupons

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// Model is the Cupones tab.
type Model struct {
	s       *session.Session
	width   int
	table   table.Model
	spinner spinner.Model
	loading bool
	items   []sdk.Coupon
	total   int
	notLive string
	notice  string
	bad     bool
}

type (
	pageMsg struct {
		page *sdk.CouponPage
		err  error
	}
	changedMsg struct {
		coupon *sdk.Coupon
		err    error
	}
)

// New returns the tab; Init loads the coupons.
func New(s *session.Session) *Model {
	m := &Model{s: s, table: table.New(table.WithFocused(true), table.WithStyles(s.Styles.Table)),
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.SetSize(80, 20)
	return m
}

// Init loads the coupons.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading = true
	api := m.s.API
	fetch := func() tea.Msg {
		limit := 100
		page, err := session.Call(func(ctx context.Context) (*sdk.CouponPage, error) {
			return api.ListCoupons(ctx, &sdk.ListCouponsParams{Limit: &limit})
		})
		return pageMsg{page: page, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer coupons.
func (m *Model) NotLive() string { return m.notLive }

// Editing is always false: the tab has no text fields.
func (m *Model) Editing() bool { return false }

// Update handles the answers and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
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
		state := "desactivado"
		if msg.coupon.IsActive {
			state = "activado"
		}
		m.notice, m.bad = fmt.Sprintf("Cupón %s %s.", msg.coupon.Code, state), false
		return m, m.load()
	case spinner.TickMsg:
		if m.loading {
			var cmd tea.Cmd
			m.spinner, cmd = m.spinner.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		switch msg.String() {
		case "r":
			m.notice = ""
			return m, m.load()
		case "a":
			i := m.table.Cursor()
			if i < 0 || i >= len(m.items) {
				return m, nil
			}
			c, api := m.items[i], m.s.API
			active := !c.IsActive
			return m, func() tea.Msg {
				coupon, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) {
					return api.UpdateCoupon(ctx, c.Id, sdk.CouponUpdate{IsActive: &active})
				})
				return changedMsg{coupon: coupon, err: err}
			}
		default:
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

// Value describes a coupon's discount: "10 %" or "$ 5.000".
func Value(c sdk.Coupon) string {
	if c.Type == sdk.Percentage {
		return strconv.FormatInt(c.Value, 10) + " %"
	}
	return format.COP(c.Value)
}

func (m *Model) fill() {
	rows := make([]table.Row, 0, len(m.items))
	for _, c := range m.items {
		uses := strconv.Itoa(c.UsedCount)
		if c.UsageLimit > 0 {
			uses += "/" + strconv.Itoa(c.UsageLimit)
		}
		ends := "sin fin"
		if c.EndsAt != nil {
			ends = "hasta " + format.Date(c.EndsAt.Time)
		}
		state := "activo"
		if !c.IsActive {
			state = "inactivo"
		}
		rows = append(rows, table.Row{c.Code, Value(c), uses, ends, state})
	}
	m.table.SetRows(rows)
	if m.table.Cursor() < 0 && len(rows) > 0 {
		m.table.SetCursor(0) // the table leaves it at -1 after an empty list
	}
}

// SetSize fits the table.
func (m *Model) SetSize(width, height int) {
	m.width = width
	code := max(10, width-2*5-12-10-17-9)
	m.table.SetColumns([]table.Column{
		{Title: "Código", Width: code}, {Title: "Descuento", Width: 12}, {Title: "Usos", Width: 10},
		{Title: "Vigencia", Width: 17}, {Title: "Estado", Width: 9},
	})
	m.table.SetWidth(width)
	m.table.SetHeight(max(3, height-3))
}

// Keys are the tab's keys.
func (m *Model) Keys() help.KeyMap {
	b := session.Bind
	return session.Keys{b("↑↓", "mover", "up"), b("a", "activar/desactivar", "a"), b("r", "recargar", "r")}
}

// View renders the list, or the calm not-live message.
func (m *Model) View() string {
	st := m.s.Styles
	top := fmt.Sprintf("%d cupones", m.total)
	if m.notLive != "" {
		top = "Cupones"
	}
	if m.loading {
		top = m.spinner.View() + " Cargando cupones…"
	}
	if m.notLive != "" {
		return top + "\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	}
	body := m.table.View()
	if len(m.items) == 0 && !m.loading {
		body = st.Muted.Render("\nTodavía no hay cupones. Créalos con «cli coupons create».")
	}
	notice := st.Success.Render(m.notice)
	if m.bad {
		notice = st.Error.Render(m.notice)
	}
	return top + "\n" + body + "\n" + notice
}
