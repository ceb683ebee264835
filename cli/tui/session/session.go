// Package session holds what every screen of the terminal admin shares: the
// SDK client and the signed-in admin, the styles, the Component interface the
// screens implement, the messages that cross screens, and the Spanish texts
// for problems the API reports.
package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/sdk"
)

// Session is the signed-in state shared by the screens.
type Session struct {
	API    *sdk.API
	User   sdk.Me
	URL    string
	Styles Styles
	// KeyPrefix is the start of the API key this session uses, to tell its
	// own key apart in the Claves API tab (the secret itself stays in the
	// SDK client).
	KeyPrefix string
}

// UsesKey reports whether the session signed in with the key whose listed
// prefix is prefix.
func (s *Session) UsesKey(prefix string) bool {
	return prefix != "" && strings.HasPrefix(s.KeyPrefix, prefix)
}

// Connect makes an SDK client for a server URL and an API key. The program
// uses sdk.New; tests pass their own HTTP client.
type Connect func(url, apiKey string) (*sdk.API, error)

// Component is one screen: a tab of the admin or the login form.
type Component interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Component, tea.Cmd)
	// View renders the screen in the size last given to SetSize.
	View() string
	SetSize(width, height int)
	// Keys are the screen's current keys, shown in the help bar.
	Keys() help.KeyMap
	// Editing is true while a text field has the focus: the root then leaves
	// q, tab and the digits to the screen.
	Editing() bool
}

// SignedIn is sent by the login screen once the server accepted the key and
// the account is an admin.
type SignedIn struct {
	API    *sdk.API
	User   sdk.Me
	URL    string
	APIKey string
}

// Keys is a flat list of bindings that satisfies help.KeyMap.
type Keys []key.Binding

// ShortHelp returns the bindings.
func (k Keys) ShortHelp() []key.Binding { return k }

// FullHelp returns the bindings as one column.
func (k Keys) FullHelp() [][]key.Binding { return [][]key.Binding{k} }

// Bind is a shorthand for a key binding with its help.
func Bind(help string, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Timeout bounds every API call a screen makes.
const Timeout = 20 * time.Second

// Call runs fn with a bounded context; screens use it inside their tea.Cmds.
func Call[T any](fn func(ctx context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	return fn(ctx)
}

// ProblemText turns an error from the SDK into a sentence for the staff.
func ProblemText(err error) string {
	if err == nil {
		return ""
	}
	var e *sdk.Error
	if errors.As(err, &e) {
		msg := e.Detail
		if msg == "" {
			msg = e.Title
		}
		// The server's own words (in Spanish) say what is wrong, a refused
		// API key included; only a missing detail gets a sentence here.
		switch e.Code {
		case "rate_limited":
			msg = "Demasiadas solicitudes seguidas; espera un momento y vuelve a intentarlo."
		}
		if msg == "" {
			msg = fmt.Sprintf("El servidor respondió %d.", e.Status)
		}
		return msg
	}
	// A local file the staff named is their machine's problem, not the
	// server's.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return "No existe el archivo " + pe.Path + "."
		}
		if errors.Is(err, fs.ErrPermission) {
			return "No hay permiso para abrir el archivo " + pe.Path + "."
		}
		return "No se pudo abrir el archivo " + pe.Path + ": " + pe.Err.Error()
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) {
		if errors.Is(err, context.DeadlineExceeded) {
			return "El servidor no respondió a tiempo."
		}
		return "No se pudo conectar con " + serverOf(ue) + ": ¿está el servidor en marcha?"
	}
	return err.Error()
}

// serverOf is the scheme and host of the request that failed, the URL the
// staff typed.
func serverOf(ue *url.Error) string {
	if ue == nil {
		return "el servidor"
	}
	u, err := url.Parse(ue.URL)
	if err != nil || u.Host == "" {
		return "el servidor"
	}
	return u.Scheme + "://" + u.Host
}

// NotLive reports whether err is the server's 501 not_implemented, and the
// calm text to show instead of the section.
func NotLive(err error) (string, bool) {
	var e *sdk.Error
	if !errors.As(err, &e) || e.Code != "not_implemented" {
		return "", false
	}
	text := "Esta sección estará disponible cuando el servidor active estas operaciones."
	if d := strings.TrimSpace(e.Detail); d != "" {
		text += "\nEl servidor dice: «" + d + "»"
	}
	return text, true
}
