package form

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Outcome is what a key did to a dialog: nothing final, a request to save
// (or apply), or a request to leave it.
type Outcome int

const (
	Editing Outcome = iota
	Submit
	Cancel
)

// Key handles the keys every form dialog shares: esc leaves it, ctrl+s
// saves, enter moves to the next field and saves on the last one; any other
// key goes to the focused field.
func (f *Form) Key(msg tea.KeyPressMsg) (Outcome, tea.Cmd) {
	switch msg.String() {
	case "esc":
		return Cancel, nil
	case "ctrl+s":
		return Submit, nil
	case "enter":
		if !f.OnLast() {
			return Editing, f.FocusOn(f.Focus + 1)
		}
		return Submit, nil
	}
	return Editing, f.Update(msg)
}

// SearchKey handles a key typed into a list's search box: enter applies the
// trimmed text (returned), esc leaves the box; either way the box loses focus.
func SearchKey(in *textinput.Model, msg tea.KeyPressMsg) (Outcome, string, tea.Cmd) {
	switch msg.String() {
	case "enter":
		in.Blur()
		return Submit, strings.TrimSpace(in.Value()), nil
	case "esc":
		in.Blur()
		return Cancel, "", nil
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	return Editing, "", cmd
}
