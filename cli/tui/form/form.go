// Package form is the small form the terminal admin's dialogs share: a column
// of labelled fields with one focused, text inputs or choices, and the API's
// message about each field shown under it.
package form

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

// Field is one labelled input, with the API's message about it.
type Field struct {
	// Name is the API's field name, to place its validation message.
	Name  string
	Label string
	Input textinput.Model
	// Choices, when set, make the field a choice among them, switched with
	// space or ←→ instead of typed.
	Choices []string
	choice  int
	Err     string
}

// Text is a field the staff type into.
func Text(name, label, value, placeholder string, width int) Field {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 2000
	in.SetValue(value)
	in.SetWidth(width)
	return Field{Name: name, Label: label, Input: in}
}

// Choice is a field that takes one of choices, starting at value (the first
// choice when value is not among them).
func Choice(name, label string, choices []string, value string) Field {
	f := Field{Name: name, Label: label, Choices: choices}
	for i, c := range choices {
		if c == value {
			f.choice = i
		}
	}
	return f
}

// Value is what the field holds: the typed text (trimmed) or the choice.
func (f Field) Value() string {
	if f.Choices != nil {
		return f.Choices[f.choice]
	}
	return strings.TrimSpace(f.Input.Value())
}

// Form is a column of fields with one focused, and a message about the
// whole form.
type Form struct {
	Fields []Field
	Focus  int
	Err    string
}

// New returns a form of fields with the first one focused.
func New(fields ...Field) Form {
	f := Form{Fields: fields}
	f.FocusOn(0)
	return f
}

// FocusOn focuses field i (wrapping around either end).
func (f *Form) FocusOn(i int) tea.Cmd {
	if len(f.Fields) == 0 {
		return nil
	}
	f.Focus = (i + len(f.Fields)) % len(f.Fields)
	for j := range f.Fields {
		f.Fields[j].Input.Blur()
	}
	if f.Fields[f.Focus].Choices != nil {
		return nil
	}
	return f.Fields[f.Focus].Input.Focus()
}

// OnLast reports whether the last field has the focus.
func (f *Form) OnLast() bool { return f.Focus == len(f.Fields)-1 }

// Value is the value of the field called name ("" when there is none).
func (f *Form) Value(name string) string {
	for _, fl := range f.Fields {
		if fl.Name == name {
			return fl.Value()
		}
	}
	return ""
}

// SetError puts msg under the field called name, or above the form when no
// field has that name.
func (f *Form) SetError(name, msg string) {
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			f.Fields[i].Err = msg
			return
		}
	}
	f.Err = msg
}

// addError adds msg to what is said about the field called name: a field
// can break several rules at once.
func (f *Form) addError(name, msg string) {
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			if f.Fields[i].Err != "" {
				msg = f.Fields[i].Err + " · " + msg
			}
			f.Fields[i].Err = msg
			return
		}
	}
	if f.Err != "" {
		msg = f.Err + " " + msg
	}
	f.Err = msg
}

// ClearErrors removes every message.
func (f *Form) ClearErrors() {
	f.Err = ""
	for i := range f.Fields {
		f.Fields[i].Err = ""
	}
}

// HasErrors reports whether a field carries a message.
func (f *Form) HasErrors() bool {
	for _, fl := range f.Fields {
		if fl.Err != "" {
			return true
		}
	}
	return f.Err != ""
}

// ShowProblem puts a refusal's field messages under their fields and its
// detail above the form.
func (f *Form) ShowProblem(err error) {
	f.ClearErrors()
	var e *sdk.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		f.Err = "Revisa los campos marcados."
		for _, fe := range e.Fields {
			f.addError(fe.Field, fe.Message)
		}
		return
	}
	f.Err = session.ProblemText(err)
}

// Update moves between fields, switches the focused choice, or types into
// the focused input.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	if len(f.Fields) == 0 {
		return nil
	}
	cur := &f.Fields[f.Focus]
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, Keys.Next):
			return f.FocusOn(f.Focus + 1)
		case key.Matches(k, Keys.Prev):
			return f.FocusOn(f.Focus - 1)
		}
		if cur.Choices != nil {
			switch {
			case key.Matches(k, Keys.Change):
				cur.choice = (cur.choice + 1) % len(cur.Choices)
			case key.Matches(k, Keys.ChangeBack):
				cur.choice = (cur.choice + len(cur.Choices) - 1) % len(cur.Choices)
			}
			return nil
		}
	}
	if cur.Choices != nil {
		return nil
	}
	var cmd tea.Cmd
	cur.Input, cmd = cur.Input.Update(msg)
	return cmd
}

// SetWidth sets the width of the text inputs.
func (f *Form) SetWidth(w int) {
	for i := range f.Fields {
		f.Fields[i].Input.SetWidth(w)
	}
}

// View renders every field.
func (f *Form) View(s session.Styles) string { return f.ViewIn(s, 0, 0) }

// ViewIn renders the form in at most width columns and height lines (0: no
// limit): messages wrap under their field, and a form taller than height
// scrolls so that the focused field and its message show.
func (f *Form) ViewIn(s session.Styles, width, height int) string {
	labelW := 0
	for _, fl := range f.Fields {
		labelW = max(labelW, lipgloss.Width(fl.Label))
	}
	var head []string
	if f.Err != "" {
		if width > 0 {
			head = append(head, strings.Split(s.Error.Width(width).Render(f.Err), "\n")...)
		} else {
			head = append(head, s.Error.Render(f.Err))
		}
	}
	var lines []string
	first, last := 0, 0 // the focused field's lines
	for i, fl := range f.Fields {
		pad := strings.Repeat(" ", labelW-lipgloss.Width(fl.Label))
		marker, label := "  ", s.Label.Render(fl.Label)
		if i == f.Focus {
			marker, label = s.Focused.Render("› "), s.Focused.Render(fl.Label)
			first = len(lines)
		}
		lines = append(lines, marker+label+pad+"  "+fl.view(s, i == f.Focus))
		if fl.Err != "" {
			indent := 2 + labelW + 2
			msg := s.Error.Render(fl.Err)
			if width > 0 {
				msg = s.Error.Width(max(10, width-indent)).Render(fl.Err)
			}
			for _, l := range strings.Split(msg, "\n") {
				lines = append(lines, strings.Repeat(" ", indent)+l)
			}
		}
		if i == f.Focus {
			last = len(lines) - 1
		}
	}
	// When the form is taller than the room, it shows a window around the
	// focused field, with a line above and below saying more fields exist.
	room := height - len(head)
	if height > 0 && len(lines) > room && room >= 3 {
		inner := room - 2
		start := min(first, len(lines)-inner)
		if last >= start+inner {
			start = last - inner + 1
		}
		start = max(0, start)
		above, below := "", ""
		if start > 0 {
			above = s.Muted.Render("  ↑ más campos")
		}
		if start+inner < len(lines) {
			below = s.Muted.Render("  ↓ más campos")
		}
		lines = append(append([]string{above}, lines[start:start+inner]...), below)
	}
	return strings.Join(append(head, lines...), "\n")
}

func (f Field) view(s session.Styles, focused bool) string {
	if f.Choices == nil {
		return f.Input.View()
	}
	if !focused {
		return f.Choices[f.choice]
	}
	return s.Focused.Render("‹ " + f.Choices[f.choice] + " ›")
}
