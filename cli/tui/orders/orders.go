// Package orders is the Pedidos tab: every customer's orders, filtered by
// status and searched by id, reference, name or email, in a paginated table;
// an order's detail with its lines, totals, address, payment and timeline;
// and the status changes the server allows (the order's allowedTransitions). The
// list refreshes itself every few seconds without losing the selection.
package orders

import (
	"context"
	"fmt"
	"strings"
	"time"

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

// PageSize is how many orders one page of the table holds.
const PageSize = 20

// DefaultRefresh is how often the tab reloads what it shows.
const DefaultRefresh = 15 * time.Second

type mode int

const (
	listing mode = iota
	searching
	viewing // one order's detail
)

// Model is the Pedidos tab.
type Model struct {
	s       *session.Session
	width   int
	height  int
	compact bool // a narrow window: shorter dates and payment names
	mode    mode
	table   table.Model
	spinner spinner.Model
	refresh time.Duration

	loading bool
	seq     int // numbers the page requests; only the latest one's answer counts
	page    int
	total   int
	status  int // index into filters
	query   string
	items   []sdk.Order
	search  textinput.Model

	detail        *sdk.Order
	detailLoading bool
	detailSeq     int
	scroll        int

	asking *move // a move waiting for confirmation, with its note
	target sdk.Order
	note   textinput.Model
	moving bool // a status change is on its way

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
	detailMsg struct {
		seq   int
		order *sdk.Order
		err   error
	}
	movedMsg struct {
		from  sdk.Order
		to    sdk.OrderStatus
		order *sdk.Order
		err   error
	}
	refreshMsg struct{}
)

// New returns the tab; refresh is how often it reloads (0 for
// DefaultRefresh, negative for never).
func New(s *session.Session, refresh time.Duration) *Model {
	if refresh == 0 {
		refresh = DefaultRefresh
	}
	search := textinput.New()
	search.Prompt = "Buscar: "
	search.Placeholder = "referencia, id, nombre o correo del cliente"
	note := textinput.New()
	note.Prompt = "Nota (opcional): "
	note.CharLimit = 500
	m := &Model{s: s, page: 1, refresh: refresh, search: search, note: note,
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

// Init loads the first page and starts the refresh.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.load(), m.tick()) }

func (m *Model) tick() tea.Cmd {
	if m.refresh <= 0 {
		return nil
	}
	return tea.Tick(m.refresh, func(time.Time) tea.Msg { return refreshMsg{} })
}

func (m *Model) load() tea.Cmd {
	m.loading = true
	m.seq++
	api, seq, status, page, q := m.s.API, m.seq, filters[m.status], m.page, m.query
	fetch := func() tea.Msg {
		limit := PageSize
		params := &sdk.AdminListOrdersParams{Page: &page, Limit: &limit}
		if status != "" {
			params.Status = &status
		}
		if q != "" {
			params.Q = &q
		}
		res, err := session.Call(func(ctx context.Context) (*sdk.OrderPage, error) { return api.AdminListOrders(ctx, params) })
		return pageMsg{seq: seq, page: res, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

func (m *Model) loadDetail(id string) tea.Cmd {
	m.detailLoading = true
	m.detailSeq++
	api, seq := m.s.API, m.detailSeq
	fetch := func() tea.Msg {
		o, err := session.Call(func(ctx context.Context) (*sdk.Order, error) { return api.AdminGetOrder(ctx, id) })
		return detailMsg{seq: seq, order: o, err: err}
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// NotLive is the calm message shown while the server does not offer orders.
func (m *Model) NotLive() string { return m.notLive }

// Items are the orders on the current page.
func (m *Model) Items() []sdk.Order { return m.items }

// Loading reports whether a page or the open order is being fetched.
func (m *Model) Loading() bool { return m.loading || m.detailLoading }

// Moving reports whether a status change is on its way.
func (m *Model) Moving() bool { return m.moving }

// Notice is the last message shown under the list, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.notice, m.bad }

// Detail is the order whose detail is showing (nil in the list).
func (m *Model) Detail() *sdk.Order {
	if m.mode != viewing {
		return nil
	}
	return m.detail
}

// Selected is the order under the cursor.
func (m *Model) Selected() (sdk.Order, bool) {
	i := m.table.Cursor()
	if i < 0 || i >= len(m.items) {
		return sdk.Order{}, false
	}
	return m.items[i], true
}

// StatusFilter is the status the list shows ("" for every status).
func (m *Model) StatusFilter() sdk.OrderStatus { return filters[m.status] }

// Editing is true while the search or a confirmation's note has the focus.
func (m *Model) Editing() bool { return m.mode == searching || m.asking != nil }

func (m *Model) say(text string, bad bool) { m.notice, m.bad = text, bad }

// Update handles the API's answers, the refresh and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		return m, m.gotPage(msg)
	case detailMsg:
		if msg.seq != m.detailSeq {
			return m, nil
		}
		m.detailLoading = false
		if msg.err != nil {
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		if m.detail == nil || m.detail.Id == msg.order.Id {
			m.detail = msg.order
		}
		return m, nil
	case movedMsg:
		return m, m.moved(msg)
	case refreshMsg:
		cmds := []tea.Cmd{m.tick()}
		if !m.loading && !m.moving {
			cmds = append(cmds, m.load())
		}
		if m.mode == viewing && m.detail != nil && !m.detailLoading && !m.moving {
			cmds = append(cmds, m.loadDetail(m.detail.Id))
		}
		return m, tea.Batch(cmds...)
	case spinner.TickMsg:
		if !m.loading && !m.detailLoading && !m.moving {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if m.notLive != "" && msg.String() != "r" {
			return m, nil
		}
		if m.asking != nil {
			return m, m.updateConfirm(msg)
		}
		switch m.mode {
		case searching:
			return m, m.updateSearch(msg)
		case viewing:
			return m, m.updateDetail(msg)
		}
		return m, m.updateList(msg)
	}
	var cmd tea.Cmd
	switch {
	case m.asking != nil:
		m.note, cmd = m.note.Update(msg)
	case m.mode == searching:
		m.search, cmd = m.search.Update(msg)
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
	keep, _ := m.Selected()
	m.items, m.total = msg.page.Items, msg.page.Total
	if len(m.items) == 0 && m.page > 1 {
		m.page = max(1, m.pages())
		return m.load()
	}
	m.fill()
	// The selection follows its order when the list changes around it.
	for i, o := range m.items {
		if o.Id == keep.Id {
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
	case "f", "F":
		step := 1
		if msg.String() == "F" {
			step = len(filters) - 1
		}
		m.status = (m.status + step) % len(filters)
		m.page = 1
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
	case "enter":
		o, ok := m.Selected()
		if !ok {
			return nil
		}
		m.mode, m.scroll = viewing, 0
		m.detail = &o // the list has the whole order; the fetch freshens it
		return m.loadDetail(o.Id)
	}
	if o, ok := m.Selected(); ok {
		if mv, ok := moveFor(msg.String()); ok {
			return m.start(o, mv)
		}
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return cmd
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

func (m *Model) updateDetail(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc", "backspace", "left":
		m.mode = listing
		return nil
	case "up", "k":
		m.scroll = max(0, m.scroll-1)
		return nil
	case "down", "j":
		m.scroll = min(m.scroll+1, m.maxScroll())
		return nil
	case "r":
		m.say("", false)
		return tea.Batch(m.loadDetail(m.detail.Id), m.load())
	}
	if mv, ok := moveFor(msg.String()); ok && m.detail != nil {
		return m.start(*m.detail, mv)
	}
	return nil
}

// start begins a status change: at once, or after a confirmation for the
// moves that undo a sale.
func (m *Model) start(o sdk.Order, mv move) tea.Cmd {
	if m.moving {
		return nil
	}
	allowed := false
	for _, a := range allowedMoves(o) {
		allowed = allowed || a.key == mv.key
	}
	if !allowed {
		m.say(fmt.Sprintf("Un pedido %s no puede pasar a %s.", strings.ToLower(session.StatusLabel(o.Status)),
			strings.ToLower(session.StatusLabel(mv.to))), true)
		return nil
	}
	if mv.ask != "" {
		m.asking, m.target = &mv, o
		m.note.SetValue("")
		return m.note.Focus()
	}
	return m.send(o, mv.to, mv.note)
}

func (m *Model) updateConfirm(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		mv := *m.asking
		m.asking = nil
		m.note.Blur()
		return m.send(m.target, mv.to, strings.TrimSpace(m.note.Value()))
	case "esc":
		m.asking = nil
		m.note.Blur()
		return nil
	}
	var cmd tea.Cmd
	m.note, cmd = m.note.Update(msg)
	return cmd
}

func (m *Model) send(o sdk.Order, to sdk.OrderStatus, note string) tea.Cmd {
	m.moving = true
	m.say("", false)
	api := m.s.API
	change := func() tea.Msg {
		u := sdk.OrderStatusUpdate{Status: to}
		if note != "" {
			u.Note = &note
		}
		order, err := session.Call(func(ctx context.Context) (*sdk.Order, error) { return api.UpdateOrderStatus(ctx, o.Id, u) })
		return movedMsg{from: o, to: to, order: order, err: err}
	}
	return tea.Batch(change, m.spinner.Tick)
}

func (m *Model) moved(msg movedMsg) tea.Cmd {
	m.moving = false
	if msg.err != nil {
		// The order may have moved elsewhere meanwhile: show the refusal and
		// what the order really is now.
		m.say(fmt.Sprintf("El pedido %s no pasó a %s: %s", msg.from.Reference,
			strings.ToLower(session.StatusLabel(msg.to)), session.ProblemText(msg.err)), true)
		cmds := []tea.Cmd{m.load()}
		if m.mode == viewing && m.detail != nil && m.detail.Id == msg.from.Id {
			cmds = append(cmds, m.loadDetail(msg.from.Id))
		}
		return tea.Batch(cmds...)
	}
	o := msg.order
	text := fmt.Sprintf("Pedido %s: %s.", o.Reference, session.StatusLabel(o.Status))
	if o.Status == sdk.OrderStatusPaid && o.InvoiceNumber != nil {
		text = fmt.Sprintf("Pedido %s: %s, factura %s.", o.Reference, session.StatusLabel(o.Status), *o.InvoiceNumber)
	}
	m.say(text, false)
	if m.mode == viewing && m.detail != nil && m.detail.Id == o.Id {
		m.detail = o
		m.detailSeq++ // an answer already on its way is older than this one
		m.detailLoading = false
	}
	return m.load()
}

func (m *Model) fill() {
	rows := make([]table.Row, 0, len(m.items))
	for _, o := range m.items {
		date, method := format.DateTime(o.CreatedAt), session.PaymentMethodLabel(o.PaymentMethod)
		customer := o.Customer.Name
		if m.compact {
			date = format.DayTime(o.CreatedAt)
			if o.PaymentMethod == sdk.Transfer {
				method = "Transf."
			}
		} else if o.Customer.Email != "" {
			customer += " · " + o.Customer.Email
		}
		rows = append(rows, table.Row{o.Reference, date, customer, format.COP(o.Total), session.StatusLabel(o.Status), method})
	}
	m.table.SetRows(rows)
	if m.table.Cursor() < 0 && len(rows) > 0 {
		m.table.SetCursor(0) // the table leaves it at -1 after an empty list
	}
}

// SetSize fits the table and the detail to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.compact = width < 100
	dateW, payW := 16, 13
	if m.compact {
		dateW, payW = 11, 7
	}
	// Each cell has one space of padding either side; the customer flexes.
	customer := max(10, width-2*6-8-dateW-11-14-payW)
	m.table.SetColumns([]table.Column{
		{Title: "Ref.", Width: 8}, {Title: "Fecha", Width: dateW}, {Title: "Cliente", Width: customer},
		{Title: "Total", Width: 11}, {Title: "Estado", Width: 14}, {Title: "Pago", Width: payW},
	})
	m.table.SetWidth(width)
	// Rows left after the filter line, the table header (2 lines) and the
	// notice line; a confirmation takes the spare line.
	m.table.SetHeight(max(3, height-3))
	m.search.SetWidth(max(10, width-20))
	m.note.SetWidth(max(10, width-30))
	m.fill()
}

// Keys are the keys of the current mode; the status changes offered are the
// ones the order in focus can make.
func (m *Model) Keys() help.KeyMap {
	b := session.Bind
	switch {
	case m.asking != nil:
		return session.Keys{b("enter", "confirmar", "enter"), b("esc", "volver", "esc")}
	case m.mode == searching:
		return session.Keys{b("enter", "buscar", "enter"), b("esc", "cancelar", "esc")}
	case m.notLive != "":
		return session.Keys{b("r", "recargar", "r")}
	case m.mode == viewing:
		var keys session.Keys
		if m.detail != nil {
			keys = moveKeys(*m.detail)
		}
		return append(keys, b("esc", "volver", "esc"), b("↑↓", "desplazar", "up"), b("r", "recargar", "r"))
	}
	var keys session.Keys
	if o, ok := m.Selected(); ok {
		keys = append(keys, moveKeys(o)...)
		keys = append(keys, b("enter", "detalle", "enter"))
	}
	return append(keys, b("/", "buscar", "/"), b("f", "estado", "f"), b("←→", "página", "left"),
		b("↑↓", "mover", "up"), b("r", "recargar", "r"))
}

// View renders the list or the detail, the notice, and a confirmation.
func (m *Model) View() string {
	st := m.s.Styles
	if m.notLive != "" {
		top := "Pedidos"
		if m.loading {
			top = m.spinner.View() + " Cargando pedidos…"
		}
		return top + "\n\n" + st.Muted.Width(max(20, m.width)).Render(m.notLive)
	}
	bottom := m.bottom()
	if m.mode == viewing && m.detail != nil {
		return m.detailView(m.detailRoom()) + "\n" + bottom
	}

	filter := "Todos los estados"
	if s := filters[m.status]; s != "" {
		filter = "Estado: " + session.StatusLabel(s)
	}
	parts := []string{filter}
	if m.query != "" {
		parts = append(parts, "Búsqueda: «"+m.query+"»")
	}
	parts = append(parts, fmt.Sprintf("Página %d de %d · %s", m.page, m.pages(), count(m.total, "pedido", "pedidos")))
	top := strings.Join(parts, " · ")
	if m.mode == searching {
		top = m.search.View()
	}
	if m.loading {
		top = m.spinner.View() + " Cargando… " + top
	}
	body := m.table.View()
	if len(m.items) == 0 && !m.loading {
		body = st.Muted.Render("\nNo hay pedidos con estos filtros.")
	}
	return top + "\n" + fitAbove(body, bottom) + "\n" + bottom
}

// bottom is the line under the list or the detail: a confirmation, a status
// change on its way, or the last notice.
func (m *Model) bottom() string {
	st := m.s.Styles
	switch {
	case m.asking != nil:
		o := m.target
		question := fmt.Sprintf(m.asking.ask, o.Reference, o.Customer.Name)
		if m.asking.to == sdk.OrderStatusCanceled && o.PaymentMethod == sdk.Card && o.Status != sdk.OrderStatusPending {
			question += " Se reembolsa el pago."
		} else {
			question += " Se devuelven las existencias."
		}
		return st.Error.Render(question) + "\n" + m.note.View()
	case m.moving:
		return m.spinner.View() + " Actualizando el pedido…"
	case m.notice != "" && m.bad:
		// Wrapped, never cut: a refusal says the order's status and the
		// allowed moves, which rarely fit one line.
		return st.Error.Width(max(20, m.width)).Render(m.notice)
	case m.notice != "":
		return st.Success.Width(max(20, m.width)).Render(m.notice)
	}
	return ""
}

// fitAbove drops lines from the end of body so that body and a bottom of
// several lines still fit the screen's share.
func fitAbove(body, bottom string) string {
	extra := strings.Count(bottom, "\n")
	if extra == 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	return strings.Join(lines[:max(1, len(lines)-extra)], "\n")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
