package form

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/tui/session"
)

// Outcome is what a key did to a dialog: nothing final, a request to save
// (or apply), or a request to leave it.
type Outcome int

const (
	Editing Outcome = iota
	Submit
	Cancel
)

// KeyMap are the keys of every form dialog. Key and Update match with them
// and Help lists them, so a dialog's help bar is what it handles.
type KeyMap struct {
	Next, Prev         key.Binding
	Change, ChangeBack key.Binding // a choice field only
	Enter, Save        key.Binding
	Cancel             key.Binding
}

// Keys are the forms' keys.
var Keys = KeyMap{
	Next:       session.Bind("tab/↑↓", "campo", "tab", "down"),
	Prev:       session.Bind("shift+tab", "campo anterior", "shift+tab", "up"),
	Change:     session.Bind("espacio/←→", "cambiar", "space", " ", "right", "l"),
	ChangeBack: session.Bind("←", "cambiar", "left", "h"),
	Enter:      session.Bind("enter", "siguiente/guardar", "enter"),
	Save:       session.Bind("ctrl+s", "guardar", "ctrl+s"),
	Cancel:     session.Bind("esc", "cancelar", "esc"),
}

// Key handles the keys every form dialog shares: esc leaves it, ctrl+s
// saves, enter moves to the next field and saves on the last one; any other
// key goes to the focused field.
func (f *Form) Key(msg tea.KeyPressMsg) (Outcome, tea.Cmd) {
	switch {
	case key.Matches(msg, Keys.Cancel):
		return Cancel, nil
	case key.Matches(msg, Keys.Save):
		return Submit, nil
	case key.Matches(msg, Keys.Enter):
		if !f.OnLast() {
			return Editing, f.FocusOn(f.Focus + 1)
		}
		return Submit, nil
	}
	return Editing, f.Update(msg)
}

// Help is the dialog's keys for the help bar: enter's label says what it
// does on this form ("siguiente/guardar", "aplicar"). The moves between
// fields show only when there are several, the choice keys only on a
// choice. Prev and ChangeBack are the reverse of what shows and stay out
// of the bar, as ←/shift+tab do in every program.
func (f *Form) Help(enter string) session.Keys {
	var out session.Keys
	if len(f.Fields) > 1 {
		out = append(out, Keys.Next)
	}
	if len(f.Fields) > 0 && f.Fields[f.Focus].Choices != nil {
		out = append(out, Keys.Change)
	}
	e := Keys.Enter
	e.SetHelp("enter", enter)
	out = append(out, e)
	if len(f.Fields) > 1 {
		out = append(out, Keys.Save)
	}
	return append(out, Keys.Cancel)
}
