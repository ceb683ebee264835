// Package list is the paginated table every list screen of the terminal admin
// shares (Productos, Pedidos, Cupones, Clientes, Claves API, Eventos): it
// loads pages through the SDK with a spinner, keeps the selection across
// reloads, searches, pages, shows a notice or an empty state under the
// table, and asks a yes/no question before a destructive action.
//
// A screen keeps what is its own (filters, dialogs, the actions on a row) and
// hands the list a Fetch that captures its filters at the moment of the
// request. Keys are key.Bindings paired with what they do (Action): Update
// dispatches through the same actions the help bar lists, so the help never
// shows a key that does nothing, nor hides one that does something.
package list

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/tui/session"
)

// Page is one page of items and how many there are in all.
type Page[T any] struct {
	Items []T
	Total int
}

// Fetch is called in Update (so it reads the screen's filters then, not
// later) and returns the request to run in a tea.Cmd.
type Fetch[T any] func(page, limit int, query string) func(ctx context.Context) (Page[T], error)

// Config describes one list.
type Config[T any] struct {
	PageSize int
	Fetch    Fetch[T]
	// ID names an item, to keep it selected when the list reloads.
	ID func(T) string
	// Columns are the table's columns for a width; Row is an item's cells.
	Columns func(width int) []table.Column
	Row     func(T) table.Row
	// Count says how many items there are: "3 clientes", "1 cliente".
	Count func(n int) string
	// Placeholder is the search box's hint; Empty is shown instead of an
	// empty table ("No hay clientes con estos filtros.").
	Placeholder string
	Empty       string
	// NoSearch leaves the search key out, for a list the API cannot search.
	NoSearch bool
}

// KeyMap are the keys every list has, in its three states: the table, the
// search box and a yes/no question.
type KeyMap struct {
	Move, Page, Search, Reload key.Binding
	SearchApply, SearchCancel  key.Binding
	Yes, No                    key.Binding
}

// DefaultKeyMap are the list keys the screens share.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Move:         session.Bind("↑↓", "mover", "up", "down", "k", "j", "home", "end"),
		Page:         session.Bind("←→", "página", "left", "right", "pgup", "pgdown"),
		Search:       session.Bind("/", "buscar", "/"),
		Reload:       session.Bind("r", "recargar", "r"),
		SearchApply:  session.Bind("enter", "buscar", "enter"),
		SearchCancel: session.Bind("esc", "cancelar", "esc"),
		Yes:          session.Bind("s", "sí", "s", "S", "y"),
		No:           session.Bind("n", "no", "n", "N", "esc"),
	}
}

// Action is a key and what it does. A screen's keys in one state are a slice
// of them: Dispatch runs them and Help lists them.
type Action struct {
	Key *key.Binding
	Do  func(msg tea.KeyPressMsg) tea.Cmd
}

// Dispatch runs the first enabled action whose key msg is; ok is false when
// none is.
func Dispatch(msg tea.KeyPressMsg, actions []Action) (cmd tea.Cmd, ok bool) {
	for _, a := range actions {
		if key.Matches(msg, *a.Key) {
			return a.Do(msg), true
		}
	}
	return nil, false
}

// Help is the enabled keys of actions, for the help bar.
func Help(actions []Action) session.Keys {
	var out session.Keys
	for _, a := range actions {
		if a.Key.Enabled() {
			out = append(out, *a.Key)
		}
	}
	return out
}

// Model is one list.
type Model[T any] struct {
	cfg     Config[T]
	styles  session.Styles
	Keys    KeyMap
	table   table.Model
	spinner spinner.Model
	search  textinput.Model

	searching bool
	loading   bool
	seq       int // numbers the page requests; only the latest one's answer counts
	page      int
	total     int
	query     string
	items     []T
	pick      string // the item to select once the next page arrives

	question string
	onYes    func() tea.Cmd
	busy     string // an action on its way ("Eliminando…")

	notLive string
	notice  string
	bad     bool
	width   int
	height  int
}

// pageMsg is one page's answer; owner tells lists of one type apart.
type pageMsg[T any] struct {
	owner *Model[T]
	seq   int
	page  Page[T]
	err   error
}

// New returns a list; Load fetches its first page.
func New[T any](cfg Config[T], styles session.Styles) *Model[T] {
	if cfg.PageSize <= 0 {
		cfg.PageSize = 20
	}
	search := textinput.New()
	search.Prompt = "Buscar: "
	search.Placeholder = cfg.Placeholder
	l := &Model[T]{cfg: cfg, styles: styles, Keys: DefaultKeyMap(), page: 1, search: search,
		table:   table.New(table.WithFocused(true), table.WithStyles(styles.Table), table.WithKeyMap(tableKeys())),
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	l.SetSize(80, 20)
	return l
}

// tableKeys leave the letters to the screen: the table only moves, when the
// list's Move key hands it a key.
func tableKeys() table.KeyMap {
	return table.KeyMap{
		LineUp:     key.NewBinding(key.WithKeys("up", "k")),
		LineDown:   key.NewBinding(key.WithKeys("down", "j")),
		GotoTop:    key.NewBinding(key.WithKeys("home")),
		GotoBottom: key.NewBinding(key.WithKeys("end")),
	}
}

// Load fetches the current page again.
func (l *Model[T]) Load() tea.Cmd {
	l.loading = true
	l.seq++
	run := l.cfg.Fetch(l.page, l.cfg.PageSize, l.query)
	owner, seq := l, l.seq
	fetch := func() tea.Msg {
		p, err := session.Call(run)
		return pageMsg[T]{owner: owner, seq: seq, page: p, err: err}
	}
	return tea.Batch(fetch, l.spinner.Tick)
}

// First goes back to page 1 (a filter changed) and loads it.
func (l *Model[T]) First() tea.Cmd {
	l.page = 1
	return l.Load()
}

// Pick selects the item with this id once the next page arrives.
func (l *Model[T]) Pick(id string) { l.pick = id }

// Items are the items on the current page.
func (l *Model[T]) Items() []T { return l.items }

// Loading reports whether a page is being fetched.
func (l *Model[T]) Loading() bool { return l.loading }

// Busy reports whether an action started with Start is on its way.
func (l *Model[T]) Busy() bool { return l.busy != "" }

// Searching reports whether the search box has the focus.
func (l *Model[T]) Searching() bool { return l.searching }

// Asking reports whether a yes/no question is waiting.
func (l *Model[T]) Asking() bool { return l.question != "" }

// Query is the search applied.
func (l *Model[T]) Query() string { return l.query }

// NotLive is the calm text shown while the server answers 501.
func (l *Model[T]) NotLive() string { return l.notLive }

// Notice is the last message under the table, and whether it is an error.
func (l *Model[T]) Notice() (string, bool) { return l.notice, l.bad }

// Say sets the notice.
func (l *Model[T]) Say(text string, bad bool) { l.notice, l.bad = text, bad }

// Fail shows err as an error notice.
func (l *Model[T]) Fail(err error) { l.Say(session.ProblemText(err), true) }

// Selected is the item under the cursor.
func (l *Model[T]) Selected() (T, bool) {
	i := l.table.Cursor()
	if i < 0 || i >= len(l.items) {
		var zero T
		return zero, false
	}
	return l.items[i], true
}

// Pages is how many pages there are (at least one).
func (l *Model[T]) Pages() int { return max(1, (l.total+l.cfg.PageSize-1)/l.cfg.PageSize) }

// Ask shows question under the table; yes (labelled in the help bar, "sí,
// eliminar") runs onYes, no forgets it.
func (l *Model[T]) Ask(question, yes string, onYes func() tea.Cmd) {
	l.question, l.onYes = question, onYes
	l.Keys.Yes.SetHelp("s", yes)
}

// Start shows a spinner and what is happening ("Eliminando…") until Done.
func (l *Model[T]) Start(what string, cmd tea.Cmd) tea.Cmd {
	l.busy = what
	l.Say("", false)
	return tea.Batch(cmd, l.spinner.Tick)
}

// Done ends what Start began.
func (l *Model[T]) Done() { l.busy = "" }

// Actions are the list's keys in its current state: the question's, the
// search box's, or moving, paging, searching and reloading.
func (l *Model[T]) Actions() []Action {
	k := &l.Keys
	switch {
	case l.question != "":
		return []Action{{&k.Yes, l.yes}, {&k.No, l.no}}
	case l.searching:
		return []Action{{&k.SearchApply, l.applySearch}, {&k.SearchCancel, l.cancelSearch}}
	case l.notLive != "":
		return []Action{{&k.Reload, l.reload}}
	}
	k.Move.SetEnabled(len(l.items) > 0)
	k.Page.SetEnabled(l.Pages() > 1 || l.page > 1)
	k.Search.SetEnabled(!l.cfg.NoSearch)
	return []Action{{&k.Move, l.move}, {&k.Page, l.turn}, {&k.Search, l.openSearch}, {&k.Reload, l.reload}}
}

// Modal reports whether the list's own keys are the only ones that count
// now (a question or the search box).
func (l *Model[T]) Modal() bool { return l.question != "" || l.searching }

func (l *Model[T]) yes(tea.KeyPressMsg) tea.Cmd {
	do := l.onYes
	l.question, l.onYes = "", nil
	if do == nil {
		return nil
	}
	return do()
}

func (l *Model[T]) no(tea.KeyPressMsg) tea.Cmd {
	l.question, l.onYes = "", nil
	return nil
}

func (l *Model[T]) applySearch(tea.KeyPressMsg) tea.Cmd {
	l.searching = false
	l.search.Blur()
	l.query = strings.TrimSpace(l.search.Value())
	return l.First()
}

func (l *Model[T]) cancelSearch(tea.KeyPressMsg) tea.Cmd {
	l.searching = false
	l.search.Blur()
	return nil
}

func (l *Model[T]) openSearch(tea.KeyPressMsg) tea.Cmd {
	l.searching = true
	l.search.SetValue(l.query)
	l.search.CursorEnd()
	return l.search.Focus()
}

func (l *Model[T]) reload(tea.KeyPressMsg) tea.Cmd {
	l.Say("", false)
	return l.Load()
}

func (l *Model[T]) move(msg tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	l.table, cmd = l.table.Update(msg)
	return cmd
}

func (l *Model[T]) turn(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "right", "pgdown":
		if l.page < l.Pages() {
			l.page++
			return l.Load()
		}
	default:
		if l.page > 1 {
			l.page--
			return l.Load()
		}
	}
	return nil
}

// Update takes the list's own messages (pages, its spinner's ticks, the
// search box's blinks); handled is false for anything else. Keys go through
// Dispatch, and Type for the search box's text.
func (l *Model[T]) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case pageMsg[T]:
		if msg.owner != l {
			return nil, false
		}
		return l.gotPage(msg), true
	case spinner.TickMsg:
		if msg.ID != l.spinner.ID() {
			return nil, false
		}
		if !l.loading && l.busy == "" {
			return nil, true
		}
		l.spinner, cmd = l.spinner.Update(msg)
		return cmd, true
	case tea.KeyPressMsg:
		return nil, false
	}
	if l.searching {
		l.search, cmd = l.search.Update(msg)
		return cmd, true
	}
	return nil, false
}

// Type sends a key that no action took to the search box, when it is open.
func (l *Model[T]) Type(msg tea.KeyPressMsg) tea.Cmd {
	if !l.searching {
		return nil
	}
	var cmd tea.Cmd
	l.search, cmd = l.search.Update(msg)
	return cmd
}

// Spinner is the list's spinner, for a screen's own waits.
func (l *Model[T]) Spinner() string { return l.spinner.View() }

func (l *Model[T]) gotPage(msg pageMsg[T]) tea.Cmd {
	if msg.seq != l.seq {
		return nil // an older request, overtaken by a newer one
	}
	l.loading = false
	if text, ok := session.NotLive(msg.err); ok {
		l.notLive = text
		return nil
	}
	l.notLive = ""
	if msg.err != nil {
		l.Fail(msg.err)
		return nil
	}
	keep := ""
	if it, ok := l.Selected(); ok {
		keep = l.cfg.ID(it)
	}
	if l.pick != "" {
		keep, l.pick = l.pick, ""
	}
	l.items, l.total = msg.page.Items, msg.page.Total
	if len(l.items) == 0 && l.page > 1 {
		l.page = max(1, l.Pages())
		return l.Load()
	}
	l.fill()
	// The selection follows its item when the list changes around it.
	for i, it := range l.items {
		if l.cfg.ID(it) == keep {
			l.table.SetCursor(i)
		}
	}
	return nil
}

// Refill redraws the rows (after a width change alters them).
func (l *Model[T]) Refill() { l.fill() }

func (l *Model[T]) fill() {
	rows := make([]table.Row, 0, len(l.items))
	for _, it := range l.items {
		rows = append(rows, l.cfg.Row(it))
	}
	l.table.SetRows(rows)
	if l.table.Cursor() < 0 && len(rows) > 0 {
		l.table.SetCursor(0) // the table leaves it at -1 after an empty page
	}
	if l.table.Cursor() >= len(rows) && len(rows) > 0 {
		l.table.SetCursor(len(rows) - 1)
	}
}

// SetSize fits the table to the screen's share: the status line above, the
// notice below and one spare line (for a screen's own line, or a question
// with an input).
func (l *Model[T]) SetSize(width, height int) {
	l.width, l.height = width, height
	l.table.SetColumns(l.cfg.Columns(width))
	l.table.SetWidth(width)
	l.table.SetHeight(max(3, height-3))
	l.search.SetWidth(max(10, width-20))
	l.fill()
}

// Width is the width last given to SetSize.
func (l *Model[T]) Width() int { return l.width }

// View renders the status line (filters, search, page and count), the table
// or the empty state, extra (a screen's line about the selected item, "" for
// none) and the bottom: a question, an action on its way, or the notice.
func (l *Model[T]) View(filters []string, extra string) string {
	return l.ViewWith(filters, extra, l.Bottom())
}

// ViewWith is View with a bottom of the screen's own (a question with an
// input, say), which may take several lines.
func (l *Model[T]) ViewWith(filters []string, extra, bottom string) string {
	st := l.styles
	if l.notLive != "" {
		top := ""
		if l.loading {
			top = l.spinner.View() + " Cargando…"
		}
		return top + "\n\n" + st.Muted.Width(max(20, l.width)).Render(l.notLive)
	}
	parts := append([]string{}, filters...)
	if l.query != "" {
		parts = append(parts, "Búsqueda: «"+l.query+"»")
	}
	parts = append(parts, fmt.Sprintf("Página %d de %d · %s", l.page, l.Pages(), l.cfg.Count(l.total)))
	top := strings.Join(parts, " · ")
	if l.searching {
		top = l.search.View()
	}
	if l.loading {
		top = l.spinner.View() + " Cargando… " + top
	}
	body := l.table.View()
	if len(l.items) == 0 && !l.loading {
		body = st.Muted.Render("\n" + l.cfg.Empty)
	}
	lines := []string{top, FitAbove(body, bottom)}
	if extra != "" {
		lines = append(lines, extra)
	}
	return strings.Join(append(lines, bottom), "\n")
}

// Bottom is the line under the table: a question, an action on its way, or
// the notice, wrapped to the width (a refusal is never cut).
func (l *Model[T]) Bottom() string {
	st := l.styles
	w := max(20, l.width)
	switch {
	case l.question != "":
		return st.Error.Width(w).Render(l.question + " (s/n)")
	case l.busy != "":
		return l.spinner.View() + " " + l.busy
	case l.notice != "" && l.bad:
		return st.Error.Width(w).Render(l.notice)
	case l.notice != "":
		return st.Success.Width(w).Render(l.notice)
	}
	return ""
}

// FitAbove drops lines from the end of body so that body and a bottom of
// several lines still fit the screen's share.
func FitAbove(body, bottom string) string {
	extra := strings.Count(bottom, "\n")
	if extra == 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	return strings.Join(lines[:max(1, len(lines)-extra)], "\n")
}

// Count is "1 pedido" or "3 pedidos".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Scroll shows room lines of a longer text starting at line from, its last
// line saying which lines show; every line is cut to width.
func Scroll(lines []string, from, room, width int, muted lipgloss.Style) string {
	if len(lines) > room {
		shown := max(1, room-1)
		start := max(0, min(from, len(lines)-shown))
		more := fmt.Sprintf("  ↑↓ líneas %d–%d de %d", start+1, start+shown, len(lines))
		lines = append(lines[start:start+shown:start+shown], muted.Render(more))
	}
	fit := lipgloss.NewStyle().MaxWidth(max(1, width))
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = fit.Render(l)
	}
	return strings.Join(out, "\n")
}

// MaxScroll is the furthest Scroll can start for n lines in room.
func MaxScroll(n, room int) int {
	if n <= room {
		return 0
	}
	return n - max(1, room-1)
}
