// Package orders is the Pedidos tab: every customer's orders, filtered by
// status and searched by id, reference, name or email, in a paginated table;
// an order's detail with its lines, totals, address, payment and timeline;
// the status changes the server allows (the order's allowedTransitions); and
// saving a paid order's invoice to a file. The list refreshes itself every
// few seconds without losing the selection.
package orders

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many orders one page of the table holds.
const PageSize = 20

// DefaultRefresh is how often the tab reloads what it shows.
const DefaultRefresh = 15 * time.Second

// KeyMap are the tab's keys besides the list's own and the moves.
type KeyMap struct {
	Detail, Filter, Invoice key.Binding
	Back, Scroll, Reload    key.Binding // the detail
	Confirm, Cancel         key.Binding // a question with a note, the invoice's path
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{
		Detail: b("enter", "detalle", "enter"), Filter: b("f/F", "estado", "f", "F"), Invoice: b("g", "guardar factura", "g"),
		Back: b("esc", "volver", "esc", "backspace", "left"), Scroll: b("↑↓", "desplazar", "up", "down", "k", "j"),
		Reload:  b("r", "recargar", "r"),
		Confirm: b("enter", "confirmar", "enter"), Cancel: b("esc", "volver", "esc"),
	}
}

// Model is the Pedidos tab.
type Model struct {
	s        *session.Session
	keys     KeyMap
	moveKeys MoveKeys
	list     *list.Model[sdk.Order]
	width    int
	height   int
	compact  bool // a narrow window: shorter dates and payment names
	refresh  time.Duration
	spinner  spinner.Model
	status   int // index into filters

	viewing       bool // one order's detail
	detail        *sdk.Order
	detailLoading bool
	detailSeq     int
	scroll        int

	asking *move // a move waiting for confirmation, with its note
	target sdk.Order
	note   textinput.Model
	moving bool // a status change is on its way

	saving  bool // the invoice's path is being asked
	path    textinput.Model
	writing bool // the invoice is on its way to the file
}

// filters are the status filter's choices; "" is every status.
var filters = append([]sdk.OrderStatus{""}, session.OrderStatuses...)

type (
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
	invoiceMsg struct {
		order sdk.Order
		path  string
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
	note := textinput.New()
	note.Prompt = "Nota (opcional): "
	note.CharLimit = 500
	path := textinput.New()
	path.Prompt = "Guardar en: "
	path.CharLimit = 1000
	m := &Model{s: s, keys: DefaultKeyMap(), moveKeys: defaultMoveKeys(), refresh: refresh, note: note, path: path,
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	m.list = list.New(list.Config[sdk.Order]{
		PageSize:    PageSize,
		Fetch:       m.fetch,
		ID:          func(o sdk.Order) string { return o.Id },
		Columns:     m.columns,
		Row:         m.row,
		Count:       func(n int) string { return list.Count(n, "pedido", "pedidos") },
		Placeholder: "referencia, id, nombre o correo del cliente",
		Empty:       "No hay pedidos con estos filtros.",
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, q string) func(ctx context.Context) (list.Page[sdk.Order], error) {
	api, status := m.s.API, filters[m.status]
	return func(ctx context.Context) (list.Page[sdk.Order], error) {
		params := &sdk.AdminListOrdersParams{Page: &page, Limit: &limit}
		if status != "" {
			params.Status = &status
		}
		if q != "" {
			params.Q = &q
		}
		res, err := api.AdminListOrders(ctx, params)
		if err != nil {
			return list.Page[sdk.Order]{}, err
		}
		return list.Page[sdk.Order]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the first page and starts the refresh.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.list.Load(), m.tick()) }

func (m *Model) tick() tea.Cmd {
	if m.refresh <= 0 {
		return nil
	}
	return tea.Tick(m.refresh, func(time.Time) tea.Msg { return refreshMsg{} })
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
func (m *Model) NotLive() string { return m.list.NotLive() }

// Items are the orders on the current page.
func (m *Model) Items() []sdk.Order { return m.list.Items() }

// Loading reports whether a page or the open order is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() || m.detailLoading }

// Moving reports whether a status change is on its way.
func (m *Model) Moving() bool { return m.moving }

// Notice is the last message shown under the list, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// Detail is the order whose detail is showing (nil in the list).
func (m *Model) Detail() *sdk.Order {
	if !m.viewing {
		return nil
	}
	return m.detail
}

// Selected is the order under the cursor.
func (m *Model) Selected() (sdk.Order, bool) { return m.list.Selected() }

// StatusFilter is the status the list shows ("" for every status).
func (m *Model) StatusFilter() sdk.OrderStatus { return filters[m.status] }

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// MoveKeys are the keys of the status changes.
func (m *Model) MoveKeys() MoveKeys { return m.moveKeys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.Order] { return m.list }

// Editing is true while the search, a confirmation's note or the invoice's
// path has the focus.
func (m *Model) Editing() bool { return m.list.Modal() || m.asking != nil || m.saving }

func (m *Model) say(text string, bad bool) { m.list.Say(text, bad) }

// Update handles the API's answers, the refresh and the keys.
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
			m.say(session.ProblemText(msg.err), true)
			return m, nil
		}
		if m.detail == nil || m.detail.Id == msg.order.Id {
			m.detail = msg.order
		}
		return m, nil
	case movedMsg:
		return m, m.moved(msg)
	case invoiceMsg:
		m.writing = false
		if msg.err != nil {
			m.say(fmt.Sprintf("No se guardó la factura del pedido %s: %s", msg.order.Reference, session.ProblemText(msg.err)), true)
			return m, nil
		}
		number := ""
		if msg.order.InvoiceNumber != nil {
			number = " " + *msg.order.InvoiceNumber
		}
		m.say(fmt.Sprintf("Factura%s del pedido %s guardada en %s.", number, msg.order.Reference, msg.path), false)
		return m, nil
	case refreshMsg:
		cmds := []tea.Cmd{m.tick()}
		if !m.list.Loading() && !m.moving {
			cmds = append(cmds, m.list.Load())
		}
		if m.viewing && m.detail != nil && !m.detailLoading && !m.moving {
			cmds = append(cmds, m.loadDetail(m.detail.Id))
		}
		return m, tea.Batch(cmds...)
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() || (!m.detailLoading && !m.moving && !m.writing) {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
		var cmd tea.Cmd
		switch {
		case m.asking != nil:
			m.note, cmd = m.note.Update(msg)
		case m.saving:
			m.path, cmd = m.path.Update(msg)
		default:
			cmd = m.list.Type(msg)
		}
		return m, cmd
	}
	var cmd tea.Cmd
	switch {
	case m.asking != nil:
		m.note, cmd = m.note.Update(msg)
	case m.saving:
		m.path, cmd = m.path.Update(msg)
	}
	return m, cmd
}

// Actions are the keys of the current state: a question's, the invoice
// path's, the detail's, or the table's (the list's own while it searches).
func (m *Model) Actions() []list.Action {
	k := &m.keys
	switch {
	case m.asking != nil:
		k.Confirm.SetHelp("enter", "confirmar")
		return []list.Action{{Key: &k.Confirm, Do: m.confirm}, {Key: &k.Cancel, Do: m.cancelQuestion}}
	case m.saving:
		k.Confirm.SetHelp("enter", "guardar")
		return []list.Action{{Key: &k.Confirm, Do: m.writeInvoice}, {Key: &k.Cancel, Do: m.cancelQuestion}}
	case m.list.Modal() || m.list.NotLive() != "":
		return m.list.Actions()
	case m.viewing:
		var out []list.Action
		if m.detail != nil {
			out = m.moveActions(*m.detail)
		}
		k.Invoice.SetEnabled(m.detail != nil && m.detail.InvoiceNumber != nil && !m.writing)
		return append(out, list.Action{Key: &k.Invoice, Do: m.askPath}, list.Action{Key: &k.Back, Do: m.back},
			list.Action{Key: &k.Scroll, Do: m.scrollDetail}, list.Action{Key: &k.Reload, Do: m.reloadDetail})
	}
	o, ok := m.list.Selected()
	var out []list.Action
	if ok {
		out = m.moveActions(o)
	} else {
		out = m.moveActions(sdk.Order{})
	}
	k.Detail.SetEnabled(ok)
	k.Invoice.SetEnabled(ok && o.InvoiceNumber != nil && !m.writing)
	out = append(out, list.Action{Key: &k.Detail, Do: m.open}, list.Action{Key: &k.Invoice, Do: m.askPath},
		list.Action{Key: &k.Filter, Do: m.nextFilter})
	return append(out, m.list.Actions()...)
}

// moveActions are the status changes o may make, enabled, and the others,
// disabled (so they neither show nor act); p is labelled by the payment
// method.
func (m *Model) moveActions(o sdk.Order) []list.Action {
	var out []list.Action
	for _, mv := range m.moveKeys.moves() {
		allowed := false
		for _, to := range o.AllowedTransitions {
			allowed = allowed || to == mv.mv.to
		}
		mv.key.SetEnabled(allowed && !m.moving)
		if mv.mv.to == sdk.OrderStatusPaid {
			label, _ := payLabel(o)
			mv.key.SetHelp("p", label)
		}
		change := mv.mv
		out = append(out, list.Action{Key: mv.key, Do: func(tea.KeyPressMsg) tea.Cmd { return m.start(o, change) }})
	}
	return out
}

func (m *Model) nextFilter(msg tea.KeyPressMsg) tea.Cmd {
	step := 1
	if msg.String() == "F" {
		step = len(filters) - 1
	}
	m.status = (m.status + step) % len(filters)
	return m.list.First()
}

func (m *Model) open(tea.KeyPressMsg) tea.Cmd {
	o, _ := m.list.Selected()
	m.viewing, m.scroll = true, 0
	m.detail = &o // the list has the whole order; the fetch freshens it
	return m.loadDetail(o.Id)
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
		m.scroll = min(m.scroll+1, m.maxScroll())
	}
	return nil
}

func (m *Model) reloadDetail(tea.KeyPressMsg) tea.Cmd {
	m.say("", false)
	return tea.Batch(m.loadDetail(m.detail.Id), m.list.Load())
}

// focus is the order the keys act on: the open one, or the selected one.
func (m *Model) focus() sdk.Order {
	if m.viewing && m.detail != nil {
		return *m.detail
	}
	o, _ := m.list.Selected()
	return o
}

// askPath asks where to save the invoice, proposing ./factura-REF.pdf.
func (m *Model) askPath(tea.KeyPressMsg) tea.Cmd {
	o := m.focus()
	m.saving, m.target = true, o
	m.path.SetValue("./factura-" + o.Reference + ".pdf")
	m.path.CursorEnd()
	return m.path.Focus()
}

func (m *Model) writeInvoice(tea.KeyPressMsg) tea.Cmd {
	path := strings.TrimSpace(m.path.Value())
	if path == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	m.saving, m.writing = false, true
	m.path.Blur()
	m.say("", false)
	api, o := m.s.API, m.target
	write := func() tea.Msg {
		// The PDF is fetched whole before the file is made, so a refusal
		// leaves no empty file behind.
		var pdf bytes.Buffer
		if _, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.OrderInvoice(ctx, o.Id, &pdf) }); err != nil {
			return invoiceMsg{order: o, path: path, err: err}
		}
		return invoiceMsg{order: o, path: path, err: os.WriteFile(path, pdf.Bytes(), 0o644)}
	}
	return tea.Batch(write, m.spinner.Tick)
}

// start begins a status change: at once, or after a confirmation for the
// moves that undo a sale.
func (m *Model) start(o sdk.Order, mv move) tea.Cmd {
	if mv.ask != "" {
		m.asking, m.target = &mv, o
		m.note.SetValue("")
		return m.note.Focus()
	}
	note := ""
	if mv.to == sdk.OrderStatusPaid {
		_, note = payLabel(o)
	}
	return m.send(o, mv.to, note)
}

func (m *Model) confirm(tea.KeyPressMsg) tea.Cmd {
	mv := *m.asking
	m.asking = nil
	m.note.Blur()
	return m.send(m.target, mv.to, strings.TrimSpace(m.note.Value()))
}

func (m *Model) cancelQuestion(tea.KeyPressMsg) tea.Cmd {
	m.asking, m.saving = nil, false
	m.note.Blur()
	m.path.Blur()
	return nil
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
		cmds := []tea.Cmd{m.list.Load()}
		if m.viewing && m.detail != nil && m.detail.Id == msg.from.Id {
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
	if m.viewing && m.detail != nil && m.detail.Id == o.Id {
		m.detail = o
		m.detailSeq++ // an answer already on its way is older than this one
		m.detailLoading = false
	}
	return m.list.Load()
}

func (m *Model) row(o sdk.Order) table.Row {
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
	return table.Row{o.Reference, date, customer, format.COP(o.Total), session.StatusLabel(o.Status), method}
}

func (m *Model) columns(width int) []table.Column {
	dateW, payW := 16, 13
	if m.compact {
		dateW, payW = 11, 7
	}
	// Each cell has one space of padding either side; the customer flexes.
	customer := max(10, width-2*6-8-dateW-11-14-payW)
	return []table.Column{
		{Title: "Ref.", Width: 8}, {Title: "Fecha", Width: dateW}, {Title: "Cliente", Width: customer},
		{Title: "Total", Width: 11}, {Title: "Estado", Width: 14}, {Title: "Pago", Width: payW},
	}
}

// SetSize fits the table and the detail to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.compact = width < 100
	m.list.SetSize(width, height)
	m.note.SetWidth(max(10, width-30))
	m.path.SetWidth(max(10, width-20))
}

// Keys are the keys of the current state, the same ones Update matches.
func (m *Model) Keys() help.KeyMap { return list.Help(m.Actions()) }

// View renders the list or the detail, the notice, and a confirmation.
func (m *Model) View() string {
	if m.list.NotLive() != "" {
		return m.list.View(nil, "")
	}
	if m.viewing && m.detail != nil {
		return m.detailView(m.detailRoom()) + "\n" + m.bottom()
	}
	filter := "Todos los estados"
	if s := filters[m.status]; s != "" {
		filter = "Estado: " + session.StatusLabel(s)
	}
	return m.list.ViewWith([]string{filter}, "", m.bottom())
}

// bottom is the line under the list or the detail: a confirmation, the
// invoice's path, a change on its way, or the list's notice.
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
		return st.Error.Width(max(20, m.width)).Render(question) + "\n" + m.note.View()
	case m.saving:
		invoice := ""
		if m.target.InvoiceNumber != nil {
			invoice = " (" + *m.target.InvoiceNumber + ")"
		}
		return st.Label.Render("Factura del pedido "+m.target.Reference+invoice+" en PDF.") + "\n" + m.path.View()
	case m.moving:
		return m.spinner.View() + " Actualizando el pedido…"
	case m.writing:
		return m.spinner.View() + " Guardando la factura…"
	}
	return m.list.Bottom()
}
