// Package app is the root model of the terminal admin: it shows the login
// screen until the server accepts the key, then the tabs (Productos, Pedidos,
// Cupones, Resumen, Clientes, Claves API, Eventos) with a header and a help
// bar, hands each screen its share of the window, and quits on q or ctrl+c.
package app

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/tui/apikeys"
	"github.com/donpalito/donpalitojr/cli/tui/coupons"
	"github.com/donpalito/donpalitojr/cli/tui/customers"
	"github.com/donpalito/donpalitojr/cli/tui/dashboard"
	"github.com/donpalito/donpalitojr/cli/tui/events"
	"github.com/donpalito/donpalitojr/cli/tui/login"
	"github.com/donpalito/donpalitojr/cli/tui/orders"
	"github.com/donpalito/donpalitojr/cli/tui/products"
	"github.com/donpalito/donpalitojr/cli/tui/session"
)

// Options are what the program knows before the first screen.
type Options struct {
	// URL and APIKey prefill the login form; when both are set they are
	// checked at once and the form shows only if they are refused.
	URL, APIKey string
	// Connect makes the SDK client for a URL and a key.
	Connect session.Connect
	// Save keeps a URL and key that the server accepted (nil: keep nothing).
	Save func(url, apiKey string) error
	// Now tells the time (time.Now when nil).
	Now func() time.Time
	// Refresh is how often the Pedidos tab reloads by itself (0: every
	// orders.DefaultRefresh; negative: never).
	Refresh time.Duration
	// Styles default to session.DefaultStyles.
	Styles *session.Styles
}

// Tab names, in order; the digits 1–7 select them.
const (
	Products = iota
	Orders
	Coupons
	Summary
	Customers
	APIKeys
	Events
)

var tabTitles = []string{"Productos", "Pedidos", "Cupones", "Resumen", "Clientes", "Claves API", "Eventos"}

// KeyMap are the keys the root handles while no text field has the focus.
type KeyMap struct {
	Quit, Tab key.Binding
	// ForceQuit works everywhere, even while typing.
	ForceQuit key.Binding
}

// GlobalKeys are the root's keys, shown first in every tab's help bar.
var GlobalKeys = KeyMap{
	Quit:      session.Bind("q", "salir", "q"),
	Tab:       session.Bind("tab/1-7", "pestaña", "tab", "shift+tab", "1", "2", "3", "4", "5", "6", "7"),
	ForceQuit: session.Bind("ctrl+c", "salir", "ctrl+c"),
}

type tab struct {
	screen  session.Component
	started bool
}

// Model is the root of the program.
type Model struct {
	opts     Options
	styles   session.Styles
	login    *login.Model
	session  *session.Session
	tabs     []tab
	active   int
	width    int
	height   int
	help     help.Model
	notice   string
	quitting bool
}

// New returns the root model showing the login form.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	styles := session.DefaultStyles()
	if opts.Styles != nil {
		styles = *opts.Styles
	}
	m := &Model{opts: opts, styles: styles, help: help.New(), width: 80, height: 24}
	m.login = login.New(opts.Connect, styles, opts.URL, opts.APIKey, "")
	m.resize()
	return m
}

// Init checks saved credentials at once, or waits for the form.
func (m *Model) Init() tea.Cmd {
	if m.opts.URL != "" && m.opts.APIKey != "" {
		return m.login.Check()
	}
	return m.login.Init()
}

// SignedIn reports whether the tabs are showing.
func (m *Model) SignedIn() bool { return m.session != nil }

// Login is the login screen.
func (m *Model) Login() *login.Model { return m.login }

// Active is the index of the tab showing.
func (m *Model) Active() int { return m.active }

// Screen returns a tab's screen (nil before signing in).
func (m *Model) Screen(i int) session.Component {
	if i < 0 || i >= len(m.tabs) {
		return nil
	}
	return m.tabs[i].screen
}

// Quitting reports whether the program is ending.
func (m *Model) Quitting() bool { return m.quitting }

// Update routes messages: keys to the screen showing (after the global
// ones), API answers to every started screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case session.SignedIn:
		return m, m.signIn(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, GlobalKeys.ForceQuit) {
			m.quitting = true
			return m, tea.Quit
		}
		if m.session == nil {
			_, cmd := m.login.Update(msg)
			return m, cmd
		}
		screen := m.tabs[m.active].screen
		if !screen.Editing() {
			switch {
			case key.Matches(msg, GlobalKeys.Quit):
				m.quitting = true
				return m, tea.Quit
			case key.Matches(msg, GlobalKeys.Tab):
				switch k := msg.String(); k {
				case "tab":
					return m, m.show((m.active + 1) % len(m.tabs))
				case "shift+tab":
					return m, m.show((m.active + len(m.tabs) - 1) % len(m.tabs))
				default:
					return m, m.show(int(k[0] - '1'))
				}
			}
		}
		_, cmd := screen.Update(msg)
		return m, cmd
	}
	if m.session == nil {
		_, cmd := m.login.Update(msg)
		return m, cmd
	}
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		if t.started {
			_, cmd := t.screen.Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) signIn(s session.SignedIn) tea.Cmd {
	prefix := s.APIKey[:min(len(s.APIKey), 16)]
	m.session = &session.Session{API: s.API, User: s.User, URL: s.URL, Styles: m.styles, KeyPrefix: prefix}
	if m.opts.Save != nil {
		if err := m.opts.Save(s.URL, s.APIKey); err != nil {
			m.notice = "No se pudo guardar la configuración: " + err.Error()
		}
	}
	m.tabs = []tab{
		{screen: products.New(m.session)},
		{screen: orders.New(m.session, m.opts.Refresh)},
		{screen: coupons.New(m.session)},
		{screen: dashboard.New(m.session, m.opts.Now)},
		{screen: customers.New(m.session)},
		{screen: apikeys.New(m.session)},
		{screen: events.New(m.session)},
	}
	m.resize()
	m.active = -1
	return m.show(Products)
}

// show makes tab i the one showing, loading it the first time.
func (m *Model) show(i int) tea.Cmd {
	if i == m.active || i < 0 || i >= len(m.tabs) {
		return nil
	}
	m.active = i
	if m.tabs[i].started {
		return nil
	}
	m.tabs[i].started = true
	return m.tabs[i].screen.Init()
}

// The screen gets everything but the header, the tab bar, the rule and the
// two lines of the help bar.
const (
	chromeLines = 5
	helpLines   = 2
)

func (m *Model) resize() {
	m.help.SetWidth(m.width)
	m.login.SetSize(m.width, m.height-helpLines)
	for _, t := range m.tabs {
		t.screen.SetSize(m.width, max(1, m.height-chromeLines))
	}
}

// Render draws the whole screen as text (View wraps it).
func (m *Model) Render() string {
	if m.quitting {
		return ""
	}
	fit := lipgloss.NewStyle().MaxWidth(m.width)
	if m.session == nil {
		h := max(1, m.height-helpLines)
		body := lipgloss.NewStyle().Height(h).MaxHeight(h).Render(m.login.View())
		return fit.Render(body + "\n" + m.helpBar(append(m.login.Keys().ShortHelp(), GlobalKeys.ForceQuit)))
	}
	screen := m.tabs[m.active].screen
	right := m.session.User.Email + " · " + m.session.URL
	if m.notice != "" {
		right = m.notice
	}
	title := m.styles.Title.Render("Don Palito Jr · Administración")
	gap := max(1, m.width-lipgloss.Width(title)-lipgloss.Width(right))
	header := title + strings.Repeat(" ", gap) + m.styles.Muted.Render(right)

	tabs := m.tabBar(false)
	if lipgloss.Width(tabs) > m.width {
		tabs = m.tabBar(true)
	}
	rule := m.styles.Rule.Render(strings.Repeat("─", max(0, m.width)))

	bodyHeight := max(1, m.height-chromeLines)
	body := lipgloss.NewStyle().Height(bodyHeight).MaxHeight(bodyHeight).Render(screen.View())
	keys := screen.Keys().ShortHelp()
	if !screen.Editing() {
		keys = append([]key.Binding{GlobalKeys.Quit, GlobalKeys.Tab}, keys...)
	}
	return fit.Render(strings.Join([]string{header, tabs, rule, body, m.helpBar(keys)}, "\n"))
}

// tabBar is the tabs' line: padded, or compact (one space between tabs,
// brackets only around the active one) for a narrow window.
func (m *Model) tabBar(compact bool) string {
	var tabs []string
	for i, t := range tabTitles {
		label := string(rune('1'+i)) + " " + t
		switch {
		case i == m.active && compact:
			tabs = append(tabs, m.styles.ActiveTab.Padding(0).Render("["+label+"]"))
		case compact:
			tabs = append(tabs, m.styles.Tab.Padding(0).Render(label))
		case i == m.active:
			tabs = append(tabs, m.styles.ActiveTab.Render("["+label+"]"))
		default:
			tabs = append(tabs, m.styles.Tab.Render(" "+label+" "))
		}
	}
	if compact {
		return strings.Join(tabs, " ")
	}
	return strings.Join(tabs, "")
}

// helpBar packs the bindings into the help bar's lines; what does not fit
// ends in the help's ellipsis.
func (m *Model) helpBar(keys []key.Binding) string {
	measure := m.help
	measure.SetWidth(0) // unlimited: the real width, not the truncated one
	var lines [][]key.Binding
	var line []key.Binding
	for _, k := range keys {
		try := append(append([]key.Binding{}, line...), k)
		if len(line) > 0 && lipgloss.Width(measure.ShortHelpView(try)) > m.width && len(lines) < helpLines-1 {
			lines = append(lines, line)
			line = []key.Binding{k}
			continue
		}
		line = try
	}
	lines = append(lines, line)
	out := make([]string, helpLines)
	for i, l := range lines {
		out[i] = m.help.ShortHelpView(l)
	}
	return strings.Join(out, "\n")
}

// View is the program's view: the rendered screen on the alternate screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "Don Palito Jr · Administración"
	return v
}
