// Package apikeys is the Claves API tab: the keys with their scope and last
// use, creating one (its secret shown once, with a warning), and revoking
// one after a confirmation.
package apikeys

import (
	"context"
	"fmt"
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

// PageSize is how many keys one page of the table holds.
const PageSize = 20

// KeyMap are the tab's keys besides the list's own and the form's.
type KeyMap struct {
	New, Revoke, Revoked key.Binding
	Done                 key.Binding // leaves the new key's secret
}

// DefaultKeyMap are the tab's keys.
func DefaultKeyMap() KeyMap {
	b := session.Bind
	return KeyMap{
		New: b("n", "nueva clave", "n"), Revoke: b("x", "revocar", "x", "delete"), Revoked: b("t", "ver revocadas", "t"),
		Done: b("enter", "ya la guardé", "enter", "esc"),
	}
}

type mode int

const (
	listing mode = iota
	creating
	showing // the new key's secret, once
)

// scopes are the form's choices and what they mean.
var scopes = []struct {
	label string
	scope sdk.ApiKeyScope
}{{"administración", sdk.ApiKeyScopeAdmin}, {"solo lectura", sdk.ApiKeyScopeRead}}

// Model is the Claves API tab.
type Model struct {
	s       *session.Session
	keys    KeyMap
	list    *list.Model[sdk.ApiKey]
	width   int
	height  int
	mode    mode
	revoked bool // list revoked keys too
	form    form.Form
	saving  bool
	created *sdk.ApiKeyCreated
}

type (
	createdMsg struct {
		key *sdk.ApiKeyCreated
		err error
	}
	revokedMsg struct {
		name string
		err  error
	}
)

// New returns the tab; Init loads the keys.
func New(s *session.Session) *Model {
	m := &Model{s: s, keys: DefaultKeyMap()}
	m.list = list.New(list.Config[sdk.ApiKey]{
		PageSize: PageSize,
		Fetch:    m.fetch,
		ID:       func(k sdk.ApiKey) string { return k.Id },
		Columns:  columns,
		Row:      m.row,
		Count:    func(n int) string { return list.Count(n, "clave", "claves") },
		Empty:    "No hay claves de API. Pulsa n para crear una.",
		NoSearch: true,
	}, s.Styles)
	m.SetSize(80, 20)
	return m
}

func (m *Model) fetch(page, limit int, _ string) func(ctx context.Context) (list.Page[sdk.ApiKey], error) {
	api, revoked := m.s.API, m.revoked
	return func(ctx context.Context) (list.Page[sdk.ApiKey], error) {
		res, err := api.ListAPIKeys(ctx, &sdk.ListApiKeysParams{Page: &page, Limit: &limit, IncludeRevoked: &revoked})
		if err != nil {
			return list.Page[sdk.ApiKey]{}, err
		}
		return list.Page[sdk.ApiKey]{Items: res.Items, Total: res.Total}, nil
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load() }

// Items are the keys on the current page.
func (m *Model) Items() []sdk.ApiKey { return m.list.Items() }

// Loading reports whether a page is being fetched.
func (m *Model) Loading() bool { return m.list.Loading() }

// Notice is the last message shown under the list, and whether it is an
// error.
func (m *Model) Notice() (string, bool) { return m.list.Notice() }

// Created is the key just made while its secret shows (nil otherwise).
func (m *Model) Created() *sdk.ApiKeyCreated {
	if m.mode != showing {
		return nil
	}
	return m.created
}

// FormError is the form's message about the whole form ("" when closed).
func (m *Model) FormError() string {
	if m.mode != creating {
		return ""
	}
	return m.form.Err
}

// KeyMap is the tab's own keys (for tests that check the help bar).
func (m *Model) KeyMap() KeyMap { return m.keys }

// List is the tab's list component.
func (m *Model) List() *list.Model[sdk.ApiKey] { return m.list }

// Editing is true while the form, the secret or a question has the focus.
func (m *Model) Editing() bool { return m.mode != listing || m.list.Modal() }

// Update handles the API's answers and the keys.
func (m *Model) Update(msg tea.Msg) (session.Component, tea.Cmd) {
	if cmd, ok := m.list.Update(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case createdMsg:
		m.saving = false
		if msg.err != nil {
			m.form.ShowProblem(msg.err)
			return m, nil
		}
		m.mode, m.created = showing, msg.key
		m.list.Pick(msg.key.Id)
		return m, m.list.Load()
	case revokedMsg:
		m.list.Done()
		if msg.err != nil {
			m.list.Fail(msg.err)
			return m, nil
		}
		m.list.Say(fmt.Sprintf("La clave «%s» quedó revocada: ya no abre ninguna puerta.", msg.name), false)
		return m, m.list.Load()
	case tea.KeyPressMsg:
		switch m.mode {
		case creating:
			return m, m.updateForm(msg)
		}
		if cmd, ok := list.Dispatch(msg, m.Actions()); ok {
			return m, cmd
		}
		return m, m.list.Type(msg)
	}
	if m.mode == creating {
		return m, m.form.Update(msg)
	}
	return m, nil
}

// Actions are the keys of the current state: the secret's, the list's
// question, or the table's.
func (m *Model) Actions() []list.Action {
	k := &m.keys
	if m.mode == showing {
		return []list.Action{{Key: &k.Done, Do: m.done}}
	}
	if m.list.Modal() {
		return m.list.Actions()
	}
	sel, ok := m.list.Selected()
	k.Revoke.SetEnabled(ok && sel.RevokedAt == nil && !m.list.Busy())
	if m.revoked {
		k.Revoked.SetHelp("t", "ocultar revocadas")
	} else {
		k.Revoked.SetHelp("t", "ver revocadas")
	}
	return append([]list.Action{{Key: &k.New, Do: m.newKey}, {Key: &k.Revoke, Do: m.revoke}, {Key: &k.Revoked, Do: m.toggleRevoked}},
		m.list.Actions()...)
}

func (m *Model) newKey(tea.KeyPressMsg) tea.Cmd {
	m.mode = creating
	m.list.Say("", false)
	labels := make([]string, len(scopes))
	for i, s := range scopes {
		labels[i] = s.label
	}
	m.form = form.New(
		form.Text("name", "Nombre", "", "Caja mostrador, integración contable…", m.inputWidth()),
		form.Choice("scopes", "Permisos", labels, ""),
	)
	return textinput.Blink
}

func (m *Model) updateForm(msg tea.KeyPressMsg) tea.Cmd {
	switch outcome, cmd := m.form.Key(msg); outcome {
	case form.Cancel:
		m.mode = listing
		return nil
	case form.Submit:
		if m.saving {
			return nil
		}
		body := sdk.ApiKeyCreate{Name: m.form.Value("name")}
		for _, s := range scopes {
			if s.label == m.form.Value("scopes") {
				body.Scopes = []sdk.ApiKeyScope{s.scope}
			}
		}
		m.saving = true
		m.form.ClearErrors()
		api := m.s.API
		return func() tea.Msg {
			k, err := session.Call(func(ctx context.Context) (*sdk.ApiKeyCreated, error) { return api.CreateAPIKey(ctx, body) })
			return createdMsg{key: k, err: err}
		}
	default:
		return cmd
	}
}

func (m *Model) done(tea.KeyPressMsg) tea.Cmd {
	m.list.Say(fmt.Sprintf("Clave «%s» creada (%s…).", m.created.Name, m.created.Prefix), false)
	m.mode, m.created = listing, nil // the secret leaves memory with the screen
	return nil
}

func (m *Model) revoke(tea.KeyPressMsg) tea.Cmd {
	k, _ := m.list.Selected()
	api := m.s.API
	question := fmt.Sprintf("¿Revocar la clave «%s» (%s…)? Lo que la use dejará de funcionar en el acto.", k.Name, k.Prefix)
	if m.s.UsesKey(k.Prefix) {
		question = fmt.Sprintf("«%s» es la clave de esta sesión: si la revocas, esta terminal dejará de funcionar. ¿Revocarla?", k.Name)
	}
	m.list.Ask(question, "sí, revocar", func() tea.Cmd {
		return m.list.Start("Revocando…", func() tea.Msg {
			_, err := session.Call(func(ctx context.Context) (struct{}, error) { return struct{}{}, api.RevokeAPIKey(ctx, k.Id) })
			return revokedMsg{name: k.Name, err: err}
		})
	})
	return nil
}

func (m *Model) toggleRevoked(tea.KeyPressMsg) tea.Cmd {
	m.revoked = !m.revoked
	return m.list.First()
}

// columns: the name flexes; each cell has one space of padding either side.
func columns(width int) []table.Column {
	name := max(10, width-2*5-13-14-16-10)
	return []table.Column{
		{Title: "Nombre", Width: name}, {Title: "Prefijo", Width: 13}, {Title: "Permisos", Width: 14},
		{Title: "Último uso", Width: 16}, {Title: "Estado", Width: 10},
	}
}

func (m *Model) row(k sdk.ApiKey) table.Row {
	used := "nunca"
	if k.LastUsedAt != nil {
		used = format.DateTime(*k.LastUsedAt)
	}
	state := "activa"
	switch {
	case k.RevokedAt != nil:
		state = "revocada"
	case m.s.UsesKey(k.Prefix):
		state = "en uso"
	}
	return table.Row{k.Name, k.Prefix + "…", ScopeLabel(k.Scopes), used, state}
}

// ScopeLabel says what a key may do, in Spanish.
func ScopeLabel(scopes []sdk.ApiKeyScope) string {
	var out []string
	for _, s := range scopes {
		switch s {
		case sdk.ApiKeyScopeAdmin:
			out = append(out, "administración")
		case sdk.ApiKeyScopeRead:
			out = append(out, "solo lectura")
		default:
			out = append(out, string(s))
		}
	}
	return strings.Join(out, ", ")
}

func (m *Model) inputWidth() int { return max(10, min(50, m.width-24)) }

// SetSize fits the table and the form to the space below the tabs.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.list.SetSize(width, height)
	m.form.SetWidth(m.inputWidth())
}

// Keys are the keys of the current state, the same ones Update matches.
func (m *Model) Keys() help.KeyMap {
	if m.mode == creating {
		return m.form.Help("siguiente/crear")
	}
	return list.Help(m.Actions())
}

// View renders the current state.
func (m *Model) View() string {
	st := m.s.Styles
	switch m.mode {
	case creating:
		title := "Nueva clave de API"
		if m.saving {
			title += " · Creando…"
		}
		return st.Title.Render(title) + "\n\n" + m.form.ViewIn(st, m.width, max(3, m.height-2))
	case showing:
		k := m.created
		w := max(20, m.width)
		return strings.Join([]string{
			st.Title.Render("Clave «" + k.Name + "» creada · " + ScopeLabel(k.Scopes)),
			"",
			st.Error.Width(w).Render("Copia la clave ahora y guárdala en un lugar seguro: no se volverá a mostrar."),
			"",
			st.Focused.Render(k.Key),
			"",
			st.Muted.Width(w).Render("Si se pierde, revócala y crea otra. Quien la tenga actúa en la tienda con estos permisos."),
		}, "\n")
	}
	filter := "Activas"
	if m.revoked {
		filter = "Activas y revocadas"
	}
	return m.list.View([]string{filter}, "")
}
