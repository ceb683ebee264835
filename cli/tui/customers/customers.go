// Package customers is the Clientes tab: the shop's users, searched by name
// or email and filtered by state, one user's detail (profile, addresses and
// orders), and activating or deactivating an account after a confirmation.
package customers

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many users one page of the table holds.
const PageSize = 20

// KeyMap are the tab's keys besides the list's own.
type KeyMap struct {
	Detail, Toggle, Filter key.Binding
	Back, Scroll, Reload   key.Binding // the detail
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{
		Detail: b("enter", "detalle", "enter"), Toggle: b("a", "desactivar", "a"), Filter: b("f", "estado", "f"),
		Back: b("esc", "volver", "esc", "backspace", "left"), Scroll: b("↑↓", "desplazar", "up", "down", "k", "j"),
		Reload: b("r", "recargar", "r"),
	}
}

// states are the filter's choices: every user, the active ones, the
// deactivated ones.
var states = []struct {
	active *bool
	label  string
}{{nil, "Todos los clientes"}, {ptr(true), "Solo activos"}, {ptr(false), "Solo inactivos"}}

func ptr[T any](v T) *T { return &v }

// Model is the Clientes tab.
type Model struct {
	s       *session.Session
	keys    KeyMap
	list    *list.Model[sdk.Customer]
	spinner spinner.Model
	width   int
	height  int
	state   int // index into states

	viewing       bool
	detail        *sdk.Customer
	orders        []sdk.Order
	ordersTotal   int
	detailLoading bool
	detailSeq     int
	scroll        int
}

type (
	detailMsg struct {
		seq      int
		customer *sdk.Customer
		orders   []sdk.Order
		total    int
		err      error
	}
	toggledMsg struct {
		customer *sdk.Customer
		err      error
	}
)

// New returns the tab; Init loads the first page.
func New(s *session.Session) *Model {
	m := &Model{s: s, keys: DefaultKeyMap(), spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.list = list.New(list.Config[sdk.Customer]{
		PageSize:    PageSize,
		Fetch:       m.fetch,
		ID:          func(c sdk.Customer) string { return c.Id },
		Columns:     columns,
		Row:         row,
		Count:       func(n int) string { return list.Count(n, "cliente", "clientes") },
		Placeholder: "nombre o correo",
		Empty:       "No hay clientes con estos filtros.",
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, q string) func(ctx context.Context) (list.Page[sdk.Customer], error) {
	api, active := m.s.API, states[m.state].active
	return func(ctx context.Context) (list.Page[sdk.Customer], error) {
		sort := sdk.CustomerSortName
		params := &sdk.AdminListCustomersParams{Page: &page, Limit: &limit, Active: active, Sort: &sort}
		if q != "" {
			params.Q = &q
		}
		res, err := api.ListCustomers(ctx, params)
		if err != nil {
			return list.Page[sdk.Customer]{}, err
		}
		return list.Page[sdk.Customer]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load() }

// Items are the users on the current page.
func (m *Model) Items() []sdk.Customer { return m.list.Items() }

// Loading reports whether a page or the open user is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() || m.detailLoading }

// Busy reports whether a (de)activation is on its way.
func (m *Model) Busy() bool { return m.list.Busy() }

// Notice is the last message shown under the list, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// Detail is the user whose detail is showing (nil in the list).
func (m *Model) Detail() *sdk.Customer {
	if !m.viewing {
		return nil
	}
	return m.detail
}

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.Customer] { return m.list }

// Editing is true while the search or a question has the focus.
func (m *Model) Editing() bool { return m.list.Modal() }

// loadDetail fetches the user with their addresses, and their orders (the
// admin order search by email, kept to the orders that are theirs).
func (m *Model) loadDetail(c sdk.Customer) tea.Cmd {
	m.detailLoading = true
	m.detailSeq++
	api, seq := m.s.API, m.detailSeq
	fetch := func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), session.Timeout)
		defer cancel()
		got, err := api.GetCustomer(ctx, c.Id)
		if err != nil {
			return detailMsg{seq: seq, err: err}
		}
		q, limit := got.Email, 100
		page, err := api.AdminListOrders(ctx, &sdk.AdminListOrdersParams{Q: &q, Limit: &limit})
		if err != nil {
			return detailMsg{seq: seq, err: err}
		}
		var mine []sdk.Order
		for _, o := range page.Items {
			if o.Customer.Id == got.Id {
				mine = append(mine, o)
			}
		}
		return detailMsg{seq: seq, customer: got, orders: mine, total: len(mine)}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// Update handles the API's answers and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	if cmd, ok := m.list.Update(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case detailMsg:
		if msg.seq != m.detailSeq {
			return m, nil
		}
		m.detailLoading = false
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		m.detail, m.orders, m.ordersTotal = msg.customer, msg.orders, msg.total
		return m, nil
	case toggledMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		c := msg.customer
		state := "desactivado: ya no puede entrar ni comprar"
		if c.IsActive {
			state = "activado de nuevo"
		}
		m.list.Say(fmt.Sprintf("%s (%s) %s.", c.Name, c.Email, state), false)
		cmds := []tea.Cmd{m.list.Load()}
		if m.viewing && m.detail != nil && m.detail.Id == c.Id {
			cmds = append(cmds, m.loadDetail(*c))
		}
		return m, tea.Batch(cmds...)
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() || !m.detailLoading {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
		return m, m.list.Type(msg)
	}
	return m, nil
}

// Actions are the keys of the current state: the list's question or search
// box, the detail's, or the table's.
func (m *Model) Actions() []list.Action {
	k := &m.keys
	if m.list.Modal() {
		return m.list.Actions()
	}
	var c sdk.Customer
	var ok bool
	if m.viewing {
		c, ok = m.focus()
	} else {
		c, ok = m.list.Selected()
	}
	k.Toggle.SetEnabled(ok && !m.list.Busy() && c.Id != m.s.User.Id)
	if c.IsActive || !ok {
		k.Toggle.SetHelp("a", "desactivar")
	} else {
		k.Toggle.SetHelp("a", "activar")
	}
	if m.viewing {
		return []list.Action{{Key: &k.Toggle, Do: m.toggle}, {Key: &k.Back, Do: m.back},
			{Key: &k.Scroll, Do: m.scrollDetail}, {Key: &k.Reload, Do: m.reloadDetail}}
	}
	k.Detail.SetEnabled(ok)
	return append([]list.Action{{Key: &k.Detail, Do: m.open}, {Key: &k.Toggle, Do: m.toggle}, {Key: &k.Filter, Do: m.nextFilter}},
		m.list.Actions()...)
}

func (m *Model) focus() (sdk.Customer, bool) {
	if m.viewing && m.detail != nil {
		return *m.detail, true
	}
	return m.list.Selected()
}

func (m *Model) open(tea.KeyPressMsg) tea.Cmd {
	c, _ := m.list.Selected()
	m.viewing, m.scroll = true, 0
	m.detail, m.orders, m.ordersTotal = &c, nil, 0
	return m.loadDetail(c)
}

func (m *Model) back(tea.KeyPressMsg) tea.Cmd {
	m.viewing = false
	return nil
}

func (m *Model) scrollDetail(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "up", "k":
		m.scroll = max(0, m.scroll-1)
	default:
		m.scroll = min(m.scroll+1, list.MaxScroll(len(m.detailLines()), m.detailRoom()))
	}
	return nil
}

func (m *Model) reloadDetail(tea.KeyPressMsg) tea.Cmd {
	m.list.Say("", false)
	return tea.Batch(m.loadDetail(*m.detail), m.list.Load())
}

func (m *Model) nextFilter(tea.KeyPressMsg) tea.Cmd {
	m.state = (m.state + 1) % len(states)
	return m.list.First()
}

// toggle asks before switching the account: deactivating shuts the person
// out of the shop.
func (m *Model) toggle(tea.KeyPressMsg) tea.Cmd {
	c, _ := m.focus()
	api, active := m.s.API, !c.IsActive
	question := fmt.Sprintf("¿Desactivar la cuenta de %s (%s)? No podrá entrar ni comprar.", c.Name, c.Email)
	yes := "sí, desactivar"
	if active {
		question = fmt.Sprintf("¿Activar de nuevo la cuenta de %s (%s)?", c.Name, c.Email)
		yes = "sí, activar"
	}
	m.list.Ask(question, yes, func() tea.Cmd {
		return m.list.Start("Guardando…", func() tea.Msg {
			got, err := session.Call(func(ctx context.Context) (*sdk.Customer, error) { return api.SetCustomerActive(ctx, c.Id, active) })
			return toggledMsg{customer: got, err: err}
		})
	})
	return nil
}

// columns: name and email flex; each cell has one space of padding either
// side.
func columns(width int) []table.Column {
	flex := max(20, width-2*4-13-8)
	name := flex * 2 / 5
	return []table.Column{
		{Title: "Nombre", Width: name}, {Title: "Correo", Width: flex - name},
		{Title: "Rol", Width: 13}, {Title: "Estado", Width: 8},
	}
}

func row(c sdk.Customer) table.Row {
	return table.Row{c.Name, c.Email, RoleLabel(c.Role), activeLabel(c.IsActive)}
}

// RoleLabel is a role in Spanish.
func RoleLabel(r sdk.Role) string {
	if r == sdk.RoleAdmin {
		return "administrador"
	}
	return "cliente"
}

func activeLabel(active bool) string {
	if active {
		return "activo"
	}
	return "inactivo"
}

// SetSize fits the table and the detail to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
}

// Keys are the keys of the current state, the same ones Update matches.
func (m *Model) Keys() help.KeyMap { return list.Help(m.Actions()) }

// View renders the list or the detail, with the question or notice below.
func (m *Model) View() string {
	if m.viewing && m.detail != nil {
		return list.Scroll(m.detailLines(), m.scroll, m.detailRoom(), m.width, m.s.Styles.Muted) + "\n" + m.list.Bottom()
	}
	return m.list.View([]string{states[m.state].label}, "")
}

func (m *Model) detailRoom() int { return max(1, m.height-1-strings.Count(m.list.Bottom(), "\n")) }

// detailLines are the open user's profile, addresses and orders.
func (m *Model) detailLines() []string {
	st, c := m.s.Styles, m.detail
	label := func(s string) string { return st.Label.Render(fmt.Sprintf("%-10s", s)) }
	title := st.Title.Render(c.Name) + " · " + RoleLabel(c.Role) + " · " + activeLabel(c.IsActive) + " · desde " + format.Date(c.CreatedAt.In(format.Bogota))
	if m.detailLoading {
		title += " " + m.spinner.View()
	}
	out := []string{title, label("Correo") + " " + c.Email}
	if c.Phone != nil && *c.Phone != "" {
		out = append(out, label("Teléfono")+" "+*c.Phone)
	}
	if c.DocumentNumber != nil && *c.DocumentNumber != "" {
		doc := *c.DocumentNumber
		if c.DocumentType != nil {
			doc = documentLabel(*c.DocumentType) + " " + doc
		}
		out = append(out, label("Documento")+" "+doc)
	}
	news := "no"
	if c.MarketingEmails {
		news = "sí"
	}
	out = append(out, label("Novedades")+" "+news, "", st.Label.Render(fmt.Sprintf("Direcciones (%d)", len(c.Addresses))))
	if len(c.Addresses) == 0 {
		out = append(out, st.Muted.Render("  No tiene direcciones guardadas."))
	}
	for _, a := range c.Addresses {
		line := fmt.Sprintf("  %s: %s · %s, %s · %s", a.Label, a.FullName, a.StreetAddress, a.City, a.PhoneNumber)
		if a.IsDefault {
			line += " · principal"
		}
		out = append(out, line)
	}
	out = append(out, "", st.Label.Render(fmt.Sprintf("Pedidos (%d)", m.ordersTotal)))
	switch {
	case m.detailLoading && m.orders == nil:
		out = append(out, st.Muted.Render("  Cargando pedidos…"))
	case len(m.orders) == 0:
		out = append(out, st.Muted.Render("  No tiene pedidos."))
	}
	for _, o := range m.orders {
		out = append(out, fmt.Sprintf("  %s  %s  %12s  %-14s  %s", o.Reference, format.DateTime(o.CreatedAt),
			format.COP(o.Total), session.StatusLabel(o.Status), session.PaymentMethodLabel(o.PaymentMethod)))
	}
	return out
}

func documentLabel(d sdk.DocumentType) string {
	switch d {
	case sdk.CedulaCiudadania:
		return "CC"
	case sdk.CedulaExtranjeria:
		return "CE"
	case sdk.Pasaporte:
		return "Pasaporte"
	}
	return string(d)
}
