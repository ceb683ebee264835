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
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many coupons one page of the table holds.
const PageSize = 20

type mode int

const (
	listing mode = iota
	searching
	editing
	confirmingDelete
)

// Model is the Cupones tab.
type Model struct {
	s       *session.Session
	width   int
	height  int
	mode    mode
	table   table.Model
	spinner spinner.Model

	loading bool
	seq     int // numbers the page requests; only the latest one's answer counts
	page    int
	total   int
	query   string
	items   []sdk.Coupon
	search  textinput.Model

	form   couponForm
	saving bool
	pick   string     // the coupon to select once the list arrives ("" keeps the selection)
	target sdk.Coupon // the coupon being deleted

	notLive string
	notice  string
	bad     bool
}

type (
	pageMsg struct {
		seq  int
		page *sdk.CouponPage
		err  error
	}
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
	search := textinput.New()
	search.Prompt = "Buscar: "
	search.Placeholder = "código o descripción"
	m := &Model{s: s, page: 1, search: search,
		table:   table.New(table.WithFocused(true), table.WithStyles(s.Styles.Table), table.WithKeyMap(tableKeys())),
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.SetSize(80, 20)
	return m
}

// tableKeys leave the letters to the tab: the table only moves.
func tableKeys() table.KeyMap {
	return table.KeyMap{
		LineUp:     key.NewBinding(key.WithKeys("up", "k")),
		LineDown:   key.NewBinding(key.WithKeys("down", "j")),
		GotoTop:    key.NewBinding(key.WithKeys("home")),
		GotoBottom: key.NewBinding(key.WithKeys("end")),
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.loading = true
	m.seq++
	api, seq, page, q := m.s.API, m.seq, m.page, m.query
	fetch := func() tea.Msg {
		limit := PageSize
		params := &sdk.ListCouponsParams{Page: &page, Limit: &limit}
		if q != "" {
			params.Q = &q
		}
		res, err := session.Call(func(ctx context.Context) (*sdk.CouponPage, error) { return api.ListCoupons(ctx, params) })
		return pageMsg{seq: seq, page: res, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer coupons.
func (m *Model) NotLive() string { return m.notLive }

// Items are the coupons on the current page.
func (m *Model) Items() []sdk.Coupon { return m.items }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.loading }

// Notice is the last message shown under the table, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.notice, m.bad }

// FormError is the form's message about the whole form ("" when closed).
func (m *Model) FormError() string {
	if m.mode != editing {
		return ""
	}
	return m.form.Err
}

// FieldError is the message under the form's field called name.
func (m *Model) FieldError(name string) string {
	if m.mode != editing {
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
func (m *Model) Editing() bool { return m.mode != listing }

func (m *Model) say(text string, bad bool) { m.notice, m.bad = text, bad }

func (m *Model) selected() (sdk.Coupon, bool) {
	i := m.table.Cursor()
	if i < 0 || i >= len(m.items) {
		return sdk.Coupon{}, false
	}
	return m.items[i], true
}

// Update handles the API's answers and the keys of the current mode.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		return m, m.gotPage(msg)
	case savedMsg:
		m.saving = false
		if msg.err != nil {
			m.form.ShowProblem(msg.err)
			return m, nil
		}
		m.mode, m.pick = listing, msg.coupon.Id
		if msg.created {
			m.say(fmt.Sprintf("Cupón %s creado.", msg.coupon.Code), false)
		} else {
			m.say(fmt.Sprintf("Cupón %s guardado.", msg.coupon.Code), false)
		}
		return m, m.load()
	case toggledMsg:
		if msg.err != nil {
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		state := "desactivado"
		if msg.coupon.IsActive {
			state = "activado"
		}
		m.say(fmt.Sprintf("Cupón %s %s.", msg.coupon.Code, state), false)
		return m, m.load()
	case deletedMsg:
		m.mode = listing
		if msg.err != nil {
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		m.say(fmt.Sprintf("Cupón %s eliminado.", msg.code), false)
		return m, m.load()
	case spinner.TickMsg:
		if !m.loading && !m.saving {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if m.notLive != "" && msg.String() != "r" {
			return m, nil
		}
		switch m.mode {
		case searching:
			return m, m.updateSearch(msg)
		case editing:
			return m, m.updateForm(msg)
		case confirmingDelete:
			return m, m.updateDelete(msg)
		}
		return m, m.updateList(msg)
	}
	var cmd tea.Cmd
	switch m.mode {
	case searching:
		m.search, cmd = m.search.Update(msg)
	case editing:
		cmd = m.form.Update(msg)
	}
	return m, cmd
}

func (m *Model) gotPage(msg pageMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil // an older request, overtaken by a newer one
	}
	m.loading = false
	if text, ok := session.NotLive(msg.err); ok {
		m.notLive = text
		return nil
	}
	m.notLive = ""
	if msg.err != nil {
		m.say(session.ProblemText(msg.err), true)
		return nil
	}
	keep, _ := m.selected()
	if m.pick != "" {
		keep.Id, m.pick = m.pick, ""
	}
	m.items, m.total = msg.page.Items, msg.page.Total
	if len(m.items) == 0 && m.page > 1 {
		m.page = max(1, m.pages())
		return m.load()
	}
	m.fill()
	for i, c := range m.items {
		if c.Id == keep.Id {
			m.table.SetCursor(i)
		}
	}
	return nil
}

func (m *Model) pages() int { return max(1, (m.total+PageSize-1)/PageSize) }

func (m *Model) updateList(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "r":
		m.say("", false)
		return m.load()
	case "/":
		m.mode = searching
		m.search.SetValue(m.query)
		m.search.CursorEnd()
		return m.search.Focus()
	case "right", "pgdown":
		if m.page < m.pages() {
			m.page++
			return m.load()
		}
		return nil
	case "left", "pgup":
		if m.page > 1 {
			m.page--
			return m.load()
		}
		return nil
	case "n":
		m.mode = editing
		m.say("", false)
		m.form = newCouponForm(nil, m.inputWidth())
		return textinput.Blink
	case "enter", "e":
		if c, ok := m.selected(); ok {
			m.mode = editing
			m.say("", false)
			m.form = newCouponForm(&c, m.inputWidth())
			return textinput.Blink
		}
	case "a":
		if c, ok := m.selected(); ok {
			api, active := m.s.API, !c.IsActive
			return func() tea.Msg {
				coupon, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) {
					return api.UpdateCoupon(ctx, c.Id, sdk.CouponUpdate{IsActive: &active})
				})
				return toggledMsg{coupon: coupon, err: err}
			}
		}
	case "x", "delete":
		if c, ok := m.selected(); ok {
			m.mode, m.target = confirmingDelete, c
		}
	default:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, query, cmd := form.SearchKey(&m.search, msg); outcome {
	case form.Submit:
		m.query, m.mode, m.page = query, listing, 1
		return m.load()
	case form.Cancel:
		m.mode = listing
		return nil
	default:
		return cmd
	}
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.form.Key(msg); outcome {
	case form.Submit:
		return m.submit()
	case form.Cancel:
		m.mode = listing
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
		return tea.Batch(m.spinner.Tick, func() tea.Msg {
			c, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) { return api.CreateCoupon(ctx, r.create()) })
			return savedMsg{coupon: c, created: true, err: err}
		})
	}
	original := *m.form.original
	u, changed := r.update(original)
	if !changed {
		m.mode = listing
		m.say(fmt.Sprintf("Cupón %s sin cambios.", original.Code), false)
		return nil
	}
	m.saving = true
	return tea.Batch(m.spinner.Tick, func() tea.Msg {
		c, err := session.Call(func(ctx context.Context) (*sdk.Coupon, error) { return api.UpdateCoupon(ctx, original.Id, u) })
		return savedMsg{coupon: c, err: err}
	})
}

func (m *Model) updateDelete(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "s", "S", "y":
		api, c := m.s.API, m.target
		return func() tea.Msg {
			_, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.DeleteCoupon(ctx, c.Id) })
			return deletedMsg{code: c.Code, err: err}
		}
	case "n", "N", "esc":
		m.mode = listing
	}
	return nil
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

func (m *Model) fill() {
	rows := make([]table.Row, 0, len(m.items))
	for _, c := range m.items {
		rows = append(rows, table.Row{c.Code, Value(c), yesNo(c.IsActive), yesNo(c.IsPublic), Validity(c), Uses(c)})
	}
	m.table.SetRows(rows)
	if m.table.Cursor() < 0 && len(rows) > 0 {
		m.table.SetCursor(0) // the table leaves it at -1 after an empty list
	}
}

// SetSize fits the table and the form to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	// Each cell has one space of padding either side; the code flexes.
	code := max(10, width-2*6-10-6-7-21-9)
	m.table.SetColumns([]table.Column{
		{Title: "Código", Width: code}, {Title: "Descuento", Width: 10}, {Title: "Activo", Width: 6},
		{Title: "Público", Width: 7}, {Title: "Vigencia", Width: 21}, {Title: "Usos", Width: 9},
	})
	m.table.SetWidth(width)
	// Rows left after the filter line, the table header (2 lines), the
	// selected coupon's rules and the notice line.
	m.table.SetHeight(max(3, height-3))
	m.search.SetWidth(max(10, width-20))
	m.form.SetWidth(m.inputWidth())
}

func (m *Model) inputWidth() int { return max(10, min(50, m.width-30)) }

// Keys are the keys of the current mode.
func (m *Model) Keys() help.KeyMap {
	b := session.Bind
	switch m.mode {
	case searching:
		return session.Keys{b("enter", "buscar", "enter"), b("esc", "cancelar", "esc")}
	case editing:
		keys := session.Keys{b("tab/↑↓", "campo", "tab")}
		if f := m.form.Fields; len(f) > 0 && f[m.form.Focus].Choices != nil {
			keys = append(keys, b("espacio/←→", "cambiar", "space"))
		}
		return append(keys, b("enter", "siguiente/guardar", "enter"), b("ctrl+s", "guardar", "ctrl+s"), b("esc", "cancelar", "esc"))
	case confirmingDelete:
		return session.Keys{b("s", "sí, eliminar", "s"), b("n", "no", "n")}
	}
	if m.notLive != "" {
		return session.Keys{b("r", "recargar", "r")}
	}
	return session.Keys{
		b("n", "nuevo", "n"), b("enter", "editar", "enter"), b("a", "activar/desactivar", "a"), b("x", "eliminar", "x"),
		b("/", "buscar", "/"), b("←→", "página", "left"), b("↑↓", "mover", "up"), b("r", "recargar", "r"),
	}
}

// View renders the current mode.
func (m *Model) View() string {
	st := m.s.Styles
	if m.notLive != "" {
		top := "Cupones"
		if m.loading {
			top = m.spinner.View() + " Cargando cupones…"
		}
		return top + "\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	}
	if m.mode == editing {
		title := "Nuevo cupón"
		if m.form.original != nil {
			title = "Editar cupón " + m.form.original.Code
		}
		if m.saving {
			title += " " + m.spinner.View() + " Guardando…"
		}
		return st.Title.Render(title) + "\n\n" + m.form.ViewIn(st, m.width, max(3, m.height-2))
	}

	top := fmt.Sprintf("Página %d de %d · %d cupones", m.page, m.pages(), m.total)
	if m.total == 1 {
		top = fmt.Sprintf("Página %d de %d · 1 cupón", m.page, m.pages())
	}
	if m.query != "" {
		top = "Búsqueda: «" + m.query + "» · " + top
	}
	if m.mode == searching {
		top = m.search.View()
	}
	if m.loading {
		top = m.spinner.View() + " Cargando… " + top
	}
	body := m.table.View()
	if len(m.items) == 0 && !m.loading {
		body = st.Muted.Render("\nNo hay cupones. Pulsa n para crear uno.")
	}
	rules := ""
	if c, ok := m.selected(); ok {
		rules = st.Muted.Render(c.Code + ": " + Rules(c))
	}
	bottom := ""
	switch {
	case m.mode == confirmingDelete:
		bottom = st.Error.Render(fmt.Sprintf("¿Eliminar el cupón %s? Los pedidos conservan su descuento. (s/n)", m.target.Code))
	case m.notice != "" && m.bad:
		bottom = st.Error.Render(m.notice)
	case m.notice != "":
		bottom = st.Success.Render(m.notice)
	}
	return top + "\n" + body + "\n" + rules + "\n" + bottom
}
