// Package login is the first screen of the terminal admin: it asks for the
// server URL and an API key, and checks them against the server (the key must
// belong to an admin) before the tabs open.
package login

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/tui/list"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// Model is the login form.
type Model struct {
	connect  session.Connect
	styles   session.Styles
	url      textinput.Model
	key      textinput.Model
	focus    int // 0 URL, 1 key
	checking bool
	spinner  spinner.Model
	err      string
	width    int
	height   int
	keys     KeyMap
}

// checkedMsg is the answer to one check of URL and key.
type checkedMsg struct {
	signedIn session.SignedIn
	err      string
}

// KeyMap are the form's keys; ctrl+c, which quits from anywhere, is the
// root's.
type KeyMap struct {
	Next, Submit key.Binding
}

// DefaultKeyMap are the form's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   session.Bind("tab", "siguiente campo", "tab", "shift+tab", "up", "down"),
		Submit: session.Bind("enter", "entrar", "enter"),
	}
}

// New returns the form prefilled with url and apiKey; message (may be empty)
// explains why the form is shown, e.g. a saved key that stopped working.
func New(connect session.Connect, styles session.Styles, url, apiKey, message string) *Model {
	u := textinput.New()
	u.Prompt = ""
	u.Placeholder = "http://localhost:8080"
	u.CharLimit = 300
	u.SetValue(url)
	k := textinput.New()
	k.Prompt = ""
	k.Placeholder = "dpk_…"
	k.EchoMode = textinput.EchoPassword
	k.EchoCharacter = '•'
	k.CharLimit = 4096 // session tokens are long
	k.SetValue(apiKey)
	m := &Model{connect: connect, styles: styles, url: u, key: k, err: message, keys: DefaultKeyMap(),
		spinner: spinner.New(spinner.WithSpinner(spinner.Line))}
	if url != "" {
		m.focus = 1
	}
	m.applyFocus()
	return m
}

func (m *Model) applyFocus() {
	if m.focus == 0 {
		m.url.Focus()
		m.key.Blur()
	} else {
		m.key.Focus()
		m.url.Blur()
	}
}

// Init starts the cursor.
func (m *Model) Init() tea.Cmd { return textinput.Blink }

// Checking reports whether a check is under way.
func (m *Model) Checking() bool { return m.checking }

// Error is the message shown under the form ("" when none).
func (m *Model) Error() string { return m.err }

// Check starts checking the current URL and key, as if enter was pressed on
// the key field.
func (m *Model) Check() tea.Cmd {
	url := strings.TrimRight(strings.TrimSpace(m.url.Value()), "/")
	apiKey := strings.TrimSpace(m.key.Value())
	switch {
	case url == "":
		m.err = "Escribe la URL del servidor, por ejemplo http://localhost:8080."
		m.focus = 0
		m.applyFocus()
		return nil
	case !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://"):
		m.err = "La URL debe empezar por http:// o https://."
		m.focus = 0
		m.applyFocus()
		return nil
	case apiKey == "":
		m.err = "Escribe la clave de API (la crea un administrador con «server keys create»)."
		m.focus = 1
		m.applyFocus()
		return nil
	}
	m.checking, m.err = true, ""
	connect := m.connect
	check := func() tea.Msg {
		api, err := connect(url, apiKey)
		if err != nil {
			return checkedMsg{err: "No se pudo preparar la conexión: " + err.Error()}
		}
		me, err := session.Call(func(ctx context.Context) (*sdk.Me, error) { return api.Me(ctx) })
		if err != nil {
			return checkedMsg{err: loginProblem(err, url)}
		}
		if me.Role != sdk.RoleAdmin {
			return checkedMsg{err: "Esta clave pertenece a " + me.Email + ", que no es administrador. Usa una clave de administración."}
		}
		return checkedMsg{signedIn: session.SignedIn{API: api, User: *me, URL: url, APIKey: apiKey}}
	}
	return tea.Batch(check, m.spinner.Tick)
}

func loginProblem(err error, url string) string {
	var e *sdk.Error
	if errors.As(err, &e) {
		switch e.Code {
		case "unauthenticated":
			return "La clave de API no es válida o fue revocada. Revísala o pide una nueva al administrador."
		case "account_inactive":
			return "La cuenta dueña de esta clave está desactivada."
		case "forbidden":
			return "Esta clave no tiene permiso para administrar la tienda."
		case "not_found":
			return "En " + url + " no hay un servidor de Don Palito Jr (la API no respondió)."
		}
	}
	return session.ProblemText(err)
}

// Update handles typing, moving between the fields and the check's answer.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case checkedMsg:
		m.checking = false
		if msg.err != "" {
			m.err = msg.err
			m.focus = 1
			m.applyFocus()
			return m, nil
		}
		signedIn := msg.signedIn
		return m, func() tea.Msg { return signedIn }
	case spinner.TickMsg:
		if !m.checking {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if m.checking {
			return m, nil
		}
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
	}
	var cmd tea.Cmd
	if m.focus == 0 {
		m.url, cmd = m.url.Update(msg)
	} else {
		m.key, cmd = m.key.Update(msg)
	}
	return m, cmd
}

// SetSize records the space the form is centred in.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	w := min(60, max(20, width-20))
	m.url.SetWidth(w)
	m.key.SetWidth(w)
}

// KeyMap is the form's keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// Actions are the form's keys and what they do: tab switches between the
// two fields (there are only two, so back and forth are one move), enter
// goes to the key or checks both.
func (m *Model) Actions() []list.Action {
	return []list.Action{
		{Key: &m.keys.Next, Do: func(tea.KeyPressMsg) tea.Cmd {
			m.focus = (m.focus + 1) % 2
			m.applyFocus()
			return nil
		}},
		{Key: &m.keys.Submit, Do: func(tea.KeyPressMsg) tea.Cmd {
			if m.focus == 0 {
				m.focus = 1
				m.applyFocus()
				return nil
			}
			return m.Check()
		}},
	}
}

// Keys are the form's keys, the same ones Update matches.
func (m *Model) Keys() help.KeyMap { return list.Help(m.Actions()) }

// Editing is always true: every key types into the form.
func (m *Model) Editing() bool { return true }

// View renders the form in a box, centred.
func (m *Model) View() string {
	s := m.styles
	label := func(i int, text string) string {
		if m.focus == i {
			return s.Focused.Render("› " + text)
		}
		return s.Label.Render("  " + text)
	}
	lines := []string{
		s.Title.Render("Don Palito Jr · Administración"),
		"",
		"Conecta esta terminal con el servidor de la tienda.",
		"",
		label(0, "URL del servidor"),
		"  " + m.url.View(),
		"",
		label(1, "Clave de API"),
		"  " + m.key.View(),
		"",
	}
	switch {
	case m.checking:
		lines = append(lines, m.spinner.View()+" Comprobando la clave…")
	case m.err != "":
		w := min(64, max(20, m.width-8))
		lines = append(lines, s.Error.Width(w).Render(m.err))
	default:
		lines = append(lines, s.Muted.Render("La URL y la clave se guardan solo para tu usuario."))
	}
	box := s.Box.Render(strings.Join(lines, "\n"))
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}
