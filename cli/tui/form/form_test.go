package form_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/tui/form"
	"github.com/donpalito/donpalitojr/cli/tui/session"
	"github.com/donpalito/donpalitojr/sdk"
)

var ansi = regexp.MustCompile(`\x1b\[[0-9;:]*[A-Za-z]`)

func key(name string) tea.KeyPressMsg {
	switch name {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: []rune(name)[0], Text: name}
}

func TestChoicesSwitchAndTextIsTyped(t *testing.T) {
	f := form.New(
		form.Text("code", "Código", "", "", 20),
		form.Choice("type", "Tipo", []string{"porcentaje", "monto fijo"}, "monto fijo"),
	)
	f.Update(key("A"))
	f.Update(key("tab"))
	if f.Value("code") != "A" || f.Value("type") != "monto fijo" {
		t.Fatalf("values %q %q", f.Value("code"), f.Value("type"))
	}
	f.Update(key("space"))
	if f.Value("type") != "porcentaje" {
		t.Fatalf("space: %q", f.Value("type"))
	}
	f.Update(key("left"))
	f.Update(key("x")) // letters do not change a choice
	if f.Value("type") != "monto fijo" {
		t.Fatalf("left: %q", f.Value("type"))
	}
}

func TestTheAPIsMessagesGoUnderTheirFields(t *testing.T) {
	f := form.New(form.Text("code", "Código", "", "", 20), form.Text("value", "Valor", "", "", 20))
	f.ShowProblem(&sdk.Error{Status: 400, Code: "validation_failed", Fields: []sdk.FieldError{
		{Field: "code", Message: "minimum string length is 3"}, {Field: "code", Message: "must match"},
		{Field: "value", Message: "number must be at least 1", Code: "out_of_range"}, {Field: "other", Message: "unknown"},
	}})
	view := ansi.ReplaceAllString(f.View(session.DefaultStyles()), "")
	for _, want := range []string{"minimum string length is 3 · must match", "number must be at least 1", "Revisa los campos marcados."} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	f.ShowProblem(&sdk.Error{Status: 409, Code: "conflict", Detail: "Ya existe."})
	if f.Err != "Ya existe." || f.Fields[0].Err != "" {
		t.Fatalf("a new problem must replace the old messages: %q %q", f.Err, f.Fields[0].Err)
	}
}

func TestATallFormScrollsToTheFocus(t *testing.T) {
	var fields []form.Field
	for i := range 12 {
		fields = append(fields, form.Text(fmt.Sprint("f", i), fmt.Sprint("Campo ", i), "", "", 10))
	}
	f := form.New(fields...)
	for range 6 {
		f.Update(key("tab"))
	}
	view := ansi.ReplaceAllString(f.ViewIn(session.DefaultStyles(), 60, 6), "")
	lines := strings.Split(view, "\n")
	if len(lines) != 6 || !strings.Contains(view, "› Campo 6") || !strings.Contains(lines[0], "↑ más campos") || !strings.Contains(lines[5], "↓ más campos") {
		t.Fatalf("window:\n%s", view)
	}
}
