// Package events is the Eventos tab: the business events of the outbox,
// filtered by type and state, one event's payload, attempts and last error,
// and retrying an event that failed.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/format"
	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// PageSize is how many events one page of the table holds.
const PageSize = 20

// KeyMap are the tab's keys besides the list's own.
type KeyMap struct {
	Detail, Retry, State, Type key.Binding
	Back, Scroll               key.Binding // the detail
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{
		Detail: b("enter", "detalle", "enter"), Retry: b("i", "reintentar", "i"),
		State: b("f/F", "estado", "f", "F"), Type: b("t/T", "tipo", "t", "T"),
		Back: b("esc", "volver", "esc", "backspace", "left"), Scroll: b("↑↓", "desplazar", "up", "down", "k", "j"),
	}
}

// stateFilters are the state filter's choices ("" is every state), the
// dead ones — those that need staff — right after all.
var stateFilters = []sdk.OutboxEventState{"", sdk.OutboxEventStateDead, sdk.OutboxEventStatePending,
	sdk.OutboxEventStateProcessing, sdk.OutboxEventStateDelivered}

// Types are the type filter's choices: the events the server writes.
var Types = []string{"", "order.created", "order.paid", "order.status_changed", "order.canceled", "order.refunded",
	"order.refund_retry", "user.created", "review.created"}

// StateLabel is an event's state in Spanish.
func StateLabel(s sdk.OutboxEventState) string {
	switch s {
	case sdk.OutboxEventStatePending:
		return "pendiente"
	case sdk.OutboxEventStateProcessing:
		return "en proceso"
	case sdk.OutboxEventStateDelivered:
		return "entregado"
	case sdk.OutboxEventStateDead:
		return "muerto"
	}
	return string(s)
}

// Model is the Eventos tab.
type Model struct {
	s      *session.Session
	keys   KeyMap
	list   *list.Model[sdk.OutboxEvent]
	width  int
	height int
	state  int // index into stateFilters
	typ    int // index into Types

	viewing bool
	detail  sdk.OutboxEvent
	scroll  int
}

type retriedMsg struct {
	event *sdk.OutboxEvent
	err   error
}

// New returns the tab; Init loads the first page.
func New(s *session.Session) *Model {
	m := &Model{s: s, keys: DefaultKeyMap()}
	m.list = list.New(list.Config[sdk.OutboxEvent]{
		PageSize: PageSize,
		Fetch:    m.fetch,
		ID:       func(e sdk.OutboxEvent) string { return e.Id },
		Columns:  columns,
		Row:      row,
		Count:    func(n int) string { return list.Count(n, "evento", "eventos") },
		Empty:    "No hay eventos con estos filtros.",
		NoSearch: true,
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, _ string) func(ctx context.Context) (list.Page[sdk.OutboxEvent], error) {
	api, state, typ := m.s.API, stateFilters[m.state], Types[m.typ]
	return func(ctx context.Context) (list.Page[sdk.OutboxEvent], error) {
		params := &sdk.ListEventsParams{Page: &page, Limit: &limit}
		if state != "" {
			params.State = &state
		}
		if typ != "" {
			params.Type = &typ
		}
		res, err := api.ListEvents(ctx, params)
		if err != nil {
			return list.Page[sdk.OutboxEvent]{}, err
		}
		return list.Page[sdk.OutboxEvent]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load() }

// Items are the events on the current page.
func (m *Model) Items() []sdk.OutboxEvent { return m.list.Items() }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() }

// Busy reports whether a retry is on its way.
func (m *Model) Busy() bool { return m.list.Busy() }

// Notice is the last message shown under the list, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// StateFilter and TypeFilter are the filters applied ("" for all).
func (m *Model) StateFilter() sdk.OutboxEventState { return stateFilters[m.state] }

// TypeFilter is the type filter applied ("" for every type).
func (m *Model) TypeFilter() string { return Types[m.typ] }

// Detail is the event whose detail is showing (nil in the list).
func (m *Model) Detail() *sdk.OutboxEvent {
	if !m.viewing {
		return nil
	}
	return &m.detail
}

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.OutboxEvent] { return m.list }

// Editing is true while a question has the focus.
func (m *Model) Editing() bool { return m.list.Modal() }

// Update handles the API's answers and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	if cmd, ok := m.list.Update(msg); ok {
		if m.viewing {
			m.followDetail()
		}
		return m, cmd
	}
	switch msg := msg.(type) {
	case retriedMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		e := msg.event
		if m.viewing && m.detail.Id == e.Id {
			m.detail = *e
		}
		m.list.Say(fmt.Sprintf("Evento %s programado de nuevo: %s, %s.", e.Type, StateLabel(e.State), attempts(e.Attempts)), false)
		return m, m.list.Load()
	case tea.KeyPressMsg:
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
		return m, m.list.Type(msg)
	}
	return m, nil
}

// followDetail keeps the open event as fresh as the list that holds it.
func (m *Model) followDetail() {
	for _, e := range m.list.Items() {
		if e.Id == m.detail.Id {
			m.detail = e
		}
	}
}

// retryable: the server retries a dead event, or a pending one that failed
// and waits for its next attempt.
func retryable(e sdk.OutboxEvent) bool {
	return e.State == sdk.OutboxEventStateDead || (e.State == sdk.OutboxEventStatePending && e.LastError != nil && *e.LastError != "")
}

// Actions are the keys of the current state.
func (m *Model) Actions() []list.Action {
	k := &m.keys
	if m.list.Modal() {
		return m.list.Actions()
	}
	var e sdk.OutboxEvent
	var ok bool
	if m.viewing {
		e, ok = m.detail, true
	} else {
		e, ok = m.list.Selected()
	}
	k.Retry.SetEnabled(ok && retryable(e) && !m.list.Busy())
	if m.viewing {
		return []list.Action{{Key: &k.Retry, Do: m.retry}, {Key: &k.Back, Do: m.back}, {Key: &k.Scroll, Do: m.scrollDetail},
			{Key: &m.list.Keys.Reload, Do: func(tea.KeyPressMsg) tea.Cmd { return m.list.Load() }}}
	}
	k.Detail.SetEnabled(ok)
	return append([]list.Action{{Key: &k.Detail, Do: m.open}, {Key: &k.Retry, Do: m.retry},
		{Key: &k.State, Do: m.nextState}, {Key: &k.Type, Do: m.nextType}}, m.list.Actions()...)
}

func (m *Model) open(tea.KeyPressMsg) tea.Cmd {
	m.detail, _ = m.list.Selected()
	m.viewing, m.scroll = true, 0
	return nil
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

func (m *Model) retry(tea.KeyPressMsg) tea.Cmd {
	e := m.detail
	if !m.viewing {
		e, _ = m.list.Selected()
	}
	api := m.s.API
	return m.list.Start("Programando el evento…", func() tea.Msg {
		got, err := session.Call(func(ctx context.Context) (*sdk.OutboxEvent, error) { return api.RetryEvent(ctx, e.Id) })
		return retriedMsg{event: got, err: err}
	})
}

func (m *Model) nextState(msg tea.KeyPressMsg) tea.Cmd {
	m.state = step(m.state, len(stateFilters), msg.String() == "F")
	return m.list.First()
}

func (m *Model) nextType(msg tea.KeyPressMsg) tea.Cmd {
	m.typ = step(m.typ, len(Types), msg.String() == "T")
	return m.list.First()
}

func step(i, n int, back bool) int {
	if back {
		return (i + n - 1) % n
	}
	return (i + 1) % n
}

// columns: the last error flexes; each cell has one space of padding either
// side.
func columns(width int) []table.Column {
	errW := max(10, width-2*5-22-10-8-16)
	return []table.Column{
		{Title: "Tipo", Width: 22}, {Title: "Estado", Width: 10}, {Title: "Intentos", Width: 8},
		{Title: "Creado", Width: 16}, {Title: "Último error", Width: errW},
	}
}

func row(e sdk.OutboxEvent) table.Row {
	last := ""
	if e.LastError != nil {
		last = strings.ReplaceAll(*e.LastError, "\n", " ")
	}
	return table.Row{e.Type, StateLabel(e.State), strconv.Itoa(e.Attempts), format.DateTime(e.CreatedAt), last}
}

func attempts(n int) string {
	if n == 1 {
		return "1 intento"
	}
	return fmt.Sprintf("%d intentos", n)
}

// SetSize fits the table and the detail to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
}

// Keys are the keys of the current state, the same ones Update matches.
func (m *Model) Keys() help.KeyMap { return list.Help(m.Actions()) }

// View renders the list or the detail, with the notice below.
func (m *Model) View() string {
	if m.viewing {
		return list.Scroll(m.detailLines(), m.scroll, m.detailRoom(), m.width, m.s.Styles.Muted) + "\n" + m.list.Bottom()
	}
	state, typ := "Todos los estados", "Todos los tipos"
	if s := stateFilters[m.state]; s != "" {
		state = "Estado: " + StateLabel(s)
	}
	if t := Types[m.typ]; t != "" {
		typ = "Tipo: " + t
	}
	return m.list.View([]string{typ, state}, "")
}

func (m *Model) detailRoom() int { return max(1, m.height-1-strings.Count(m.list.Bottom(), "\n")) }

// detailLines are the open event's facts, its last error and its payload.
func (m *Model) detailLines() []string {
	st, e := m.s.Styles, m.detail
	label := func(s string) string { return st.Label.Render(fmt.Sprintf("%-13s", s)) }
	out := []string{
		st.Title.Render("Evento "+e.Type) + " · " + StateLabel(e.State) + " · " + attempts(e.Attempts),
		label("Id") + " " + e.Id,
		label("Creado") + " " + format.DateTime(e.CreatedAt),
	}
	if e.AggregateId != nil && *e.AggregateId != "" {
		out = append(out, label("Sobre")+" "+*e.AggregateId)
	}
	if e.NextAttemptAt != nil && e.State == sdk.OutboxEventStatePending {
		out = append(out, label("Próximo")+" "+format.DateTime(*e.NextAttemptAt))
	}
	if e.DeliveredAt != nil {
		out = append(out, label("Entregado")+" "+format.DateTime(*e.DeliveredAt))
	}
	if e.LastError != nil && *e.LastError != "" {
		out = append(out, label("Último error"))
		wrapped := st.Error.Width(max(20, m.width-2)).Render(*e.LastError)
		for _, l := range strings.Split(wrapped, "\n") {
			out = append(out, "  "+l)
		}
	}
	out = append(out, "", st.Label.Render("Contenido"))
	payload, err := json.MarshalIndent(e.Payload, "  ", "  ")
	if err != nil {
		payload = []byte(err.Error())
	}
	return append(out, strings.Split("  "+string(payload), "\n")...)
}
