package list

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/tui/session"
)

// A disabled key neither shows in the help nor acts; the first enabled
// action a key matches is the one that runs.
func TestDispatchAndHelpReadTheSameActions(t *testing.T) {
	ran := ""
	act := func(name string) func(tea.KeyPressMsg) tea.Cmd {
		return func(tea.KeyPressMsg) tea.Cmd { ran = name; return nil }
	}
	edit, open, gone := session.Bind("enter", "editar", "enter"), session.Bind("enter", "detalle", "enter"), session.Bind("x", "eliminar", "x")
	gone.SetEnabled(false)
	actions := []Action{{&edit, act("edit")}, {&open, act("open")}, {&gone, act("gone")}}

	if _, ok := Dispatch(tea.KeyPressMsg{Code: tea.KeyEnter}, actions); !ok || ran != "edit" {
		t.Fatalf("enter ran %q", ran)
	}
	ran = ""
	if _, ok := Dispatch(tea.KeyPressMsg{Code: 'x', Text: "x"}, actions); ok || ran != "" {
		t.Fatalf("a disabled key ran %q", ran)
	}
	help := Help(actions)
	if len(help) != 2 || help[0].Help().Desc != "editar" || help[1].Help().Desc != "detalle" {
		t.Fatalf("help %+v", help)
	}
}
