// Package coupons is the Cupones tab: the coupons with their rules and usage
// in a paginated table, a form to create or edit one with every rule,
// switching one on or off, and deleting one.
package coupons

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many coupons one page of the table holds.
const PageSize = 20

// KeyMap are the tab's keys on the table (the list's own keys and the form's
// aside).
type KeyMap struct {
	New, Edit, Toggle, Delete key.Binding
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{New: b("n", "nuevo", "n"), Edit: b("enter", "editar", "enter", "e"),
		Toggle: b("a", "activar/desactivar", "a"), Delete: b("x", "eliminar", "x", "delete")}
}

// Model is the Cupones tab.
type Model struct {
	s       *session.Session
	keys    KeyMap
	list    *list.Model[sdk.Coupon]
	width   int
	height  int
	editing bool
	form    couponForm
	saving  bool
}

type (
	savedMsg struct {
		coupon  *sdk.Coupon
		created bool
		err     error
	}
	toggledMsg struct {
		coupon *sdk.Coupon
		err    error
	}
	deletedMsg struct {
		code string
		err  error
	}
)

// New returns the tab; Init loads the coupons.
func New(s *session.Session) *Model {
	m := &Model{s: s, keys: DefaultKeyMap()}
	m.list = list.New(list.Config[sdk.Coupon]{
		PageSize: PageSize,
		Fetch:    m.fetch,
		ID:       func(c sdk.Coupon) string { return c.Id },
		Columns:  columns,
		Row: func(c sdk.Coupon) table.Row {
			return table.Row{c.Code, Value(c), yesNo(c.IsActive), yesNo(c.IsPublic), Validity(c), Uses(c)}
		},
		Count:       func(n int) string { return list.Count(n, "cupón", "cupones") },
		Placeholder: "código o descripción",
		Empty:       "No hay cupones. Pulsa n para crear uno.",
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, q string) func(ctx context.Context) (list.Page[sdk.Coupon], error) {
	api := m.s.API
	return func(ctx context.Context) (list.Page[sdk.Coupon], error) {
		params := &sdk.ListCouponsParams{Page: &page, Limit: &limit}
		if q != "" {
			params.Q = &q
		}
		res, err := api.ListCoupons(ctx, params)
		if err != nil {
			return list.Page[sdk.Coupon]{}, err
		}
		return list.Page[sdk.Coupon]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load() }

// NotLive is the calm message shown while the server does not offer coupons.
func (m *Model) NotLive() string { return m.list.NotLive() }

// Items are the coupons on the current page.
func (m *Model) Items() []sdk.Coupon { return m.list.Items() }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() }

// Notice is the last message shown under the table, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.Coupon] { return m.list }

// FormError is the form's message about the whole form ("" when closed).
func (m *Model) FormError() string {
	if !m.editing {
		return ""
	}
	return m.form.Err
}

// FieldError is the message under the form's field called name.
func (m *Model) FieldError(name string) string {
	if !m.editing {
		return ""
	}
	for _, f := range m.form.Fields {
		if f.Name == name {
			return f.Err
		}
	}
	return ""
}

// Editing is true while a text field or a question has the focus.
func (m *Model) Editing() bool { return m.editing || m.list.Modal() }

// Update handles the API's answers and the keys of the current mode.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	if cmd, ok := m.list.Update(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case savedMsg:
		m.saving = false
		if msg.err != nil {
			m.form.ShowProblem(msg.err)
			return m, nil
		}
		m.editing = false
		m.list.Pick(msg.coupon.Id)
		if msg.created {
			m.list.Say(fmt.Sprintf("Cupón %s creado.", msg.coupon.Code), false)
		} else {
			m.list.Say(fmt.Sprintf("Cupón %s guardado.", msg.coupon.Code), false)
		}
		return m, m.list.Load()
	case toggledMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		state := "desactivado"
		if msg.coupon.IsActive {
			state = "activado"
		}
		m.list.Say(fmt.Sprintf("Cupón %s %s.", msg.coupon.Code, state), false)
		return m, m.list.Load()
	case deletedMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		m.list.Say(fmt.Sprintf("Cupón %s eliminado.", msg.code), false)
		return m, m.list.Load()
	case tea.KeyPressMsg:
		if m.editing {
			return m, m.updateForm(msg)
		}
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
		return m, m.list.Type(msg)
	}
	if m.editing {
		return m, m.form.Update(msg)
	}
	return m, nil
}

// Actions are the keys of the table: the list's own while it asks or
// searches, else the tab's actions on the selected coupon and the list's.
func (m *Model) Actions() []list.Action {
	if m.list.Modal() || m.list.NotLive() != "" {
		return m.list.Actions()
	}
	k := &m.keys
	_, ok := m.list.Selected()
	for _, b := range []*key.Binding{&k.Edit, &k.Toggle, &k.Delete} {
		b.SetEnabled(ok && !m.list.Busy())
	}
	return append([]list.Action{
		{Key: &k.New, Do: m.newCoupon}, {Key: &k.Edit, Do: m.edit}, {Key: &k.Toggle, Do: m.toggle}, {Key: &k.Delete, Do: m.delete},
	}, m.list.Actions()...)
}

func (m *Model) newCoupon(tea.KeyPressMsg) tea.Cmd {
	m.editing = true
	m.list.Say("", false)
	m.form = newCouponForm(nil, m.inputWidth())
	return textinput.Blink
}

func (m *Model) edit(tea.KeyPressMsg) tea.Cmd {
	c, _ := m.list.Selected()
	m.editing = true
	m.list.Say("", false)
	m.form = newCouponForm(&c, m.inputWidth())
	return textinput.Blink
}

func (m *Model) toggle(tea.KeyPressMsg) tea.Cmd {
	c, _ := m.list.Selected()
	api, active := m.s.API, !c.IsActive
	return m.list.Start("Guardando…", func() tea.Msg {
		coupon, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) {
			return api.UpdateCoupon(ctx, c.Id, sdk.CouponUpdate{IsActive: &active})
		})
		return toggledMsg{coupon: coupon, err: err}
	})
}

func (m *Model) delete(tea.KeyPressMsg) tea.Cmd {
	c, _ := m.list.Selected()
	api := m.s.API
	m.list.Ask(fmt.Sprintf("¿Eliminar el cupón %s? Los pedidos conservan su descuento.", c.Code), "sí, eliminar", func() tea.Cmd {
		return m.list.Start("Eliminando…", func() tea.Msg {
			_, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.DeleteCoupon(ctx, c.Id) })
			return deletedMsg{code: c.Code, err: err}
		})
	})
	return nil
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.form.Key(msg); outcome {
	case form.Submit:
		return m.submit()
	case form.Cancel:
		m.editing = false
		return nil
	default:
		return cmd
	}
}

func (m *Model) submit() tea.Cmd {
	if m.saving {
		return nil
	}
	r, ok := m.form.read()
	if !ok {
		return nil
	}
	api := m.s.API
	if m.form.original == nil {
		m.saving = true
		return func() tea.Msg {
			c, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) { return api.CreateCoupon(ctx, r.create()) })
			return savedMsg{coupon: c, created: true, err: err}
		}
	}
	original := *m.form.original
	u, changed := r.update(original)
	if !changed {
		m.editing = false
		m.list.Say(fmt.Sprintf("Cupón %s sin cambios.", original.Code), false)
		return nil
	}
	m.saving = true
	return func() tea.Msg {
		c, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) { return api.UpdateCoupon(ctx, original.Id, u) })
		return savedMsg{coupon: c, err: err}
	}
}

// Value describes a coupon's discount: "10 %" or "$ 5.000".
func Value(c sdk.Coupon) string {
	if c.Type == sdk.Percentage {
		return strconv.FormatInt(c.Value, 10) + " %"
	}
	return format.COP(c.Value)
}

// Validity is the days a coupon works: "01/12/2026–31/12/2026",
// "desde 01/12/2026", "hasta 31/12/2026" or "siempre".
func Validity(c sdk.Coupon) string {
	switch {
	case c.StartsAt != nil && c.EndsAt != nil:
		return format.Date(c.StartsAt.Time) + "–" + format.Date(c.EndsAt.Time)
	case c.StartsAt != nil:
		return "desde " + format.Date(c.StartsAt.Time)
	case c.EndsAt != nil:
		return "hasta " + format.Date(c.EndsAt.Time)
	}
	return "siempre"
}

// Uses are the redemptions held over the limit: "17/500", or "17/∞".
func Uses(c sdk.Coupon) string {
	limit := "∞"
	if c.UsageLimit > 0 {
		limit = strconv.Itoa(c.UsageLimit)
	}
	return strconv.Itoa(c.UsedCount) + "/" + limit
}

// Rules describes the conditions that do not fit the table.
func Rules(c sdk.Coupon) string {
	var parts []string
	if c.Description != "" {
		parts = append(parts, c.Description)
	}
	if c.MinSubtotal > 0 {
		parts = append(parts, "compra mínima "+format.COP(c.MinSubtotal))
	}
	if c.MaxDiscount > 0 {
		parts = append(parts, "tope "+format.COP(c.MaxDiscount))
	}
	switch c.PerCustomerLimit {
	case 0:
		parts = append(parts, "usos por cliente sin límite")
	case 1:
		parts = append(parts, "1 uso por cliente")
	default:
		parts = append(parts, strconv.Itoa(c.PerCustomerLimit)+" usos por cliente")
	}
	return strings.Join(parts, " · ")
}

func yesNo(b bool) string {
	if b {
		return "sí"
	}
	return "no"
}

// columns: each cell has one space of padding either side; the code flexes.
func columns(width int) []table.Column {
	code := max(10, width-2*6-10-6-7-21-9)
	return []table.Column{
		{Title: "Código", Width: code}, {Title: "Descuento", Width: 10}, {Title: "Activo", Width: 6},
		{Title: "Público", Width: 7}, {Title: "Vigencia", Width: 21}, {Title: "Usos", Width: 9},
	}
}

// SetSize fits the table and the form to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	m.form.SetWidth(m.inputWidth())
}

func (m *Model) inputWidth() int { return max(10, min(50, m.width-30)) }

// Keys are the keys of the current mode, the same ones Update matches.
func (m *Model) Keys() help.KeyMap {
	if m.editing {
		return m.form.Help("siguiente/guardar")
	}
	return list.Help(m.Actions())
}

// View renders the current mode.
func (m *Model) View() string {
	st := m.s.Styles
	if m.editing {
		title := "Nuevo cupón"
		if m.form.original != nil {
			title = "Editar cupón " + m.form.original.Code
		}
		if m.saving {
			title += " Guardando…"
		}
		return st.Title.Render(title) + "\n\n" + m.form.ViewIn(st, m.width, max(3, m.height-2))
	}
	rules := ""
	if c, ok := m.list.Selected(); ok && m.list.NotLive() == "" {
		rules = st.Muted.Render(c.Code + ": " + Rules(c))
	}
	return m.list.View(nil, rules)
}
