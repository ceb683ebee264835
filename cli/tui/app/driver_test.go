package app_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/donpalito/donpalitojr/cli/tui/app"
)

var update = flag.Bool("update", false, "rewrite the View golden files")

// driver is a small stand-in for tea.Program: it runs the model's commands
// in goroutines and feeds their messages back through Update, in the test's
// goroutine. Spinner ticks and cursor blinks are dropped, so nothing animates
// and every screen is stable.
type driver struct {
	t    *testing.T
	m    *app.Model
	msgs chan tea.Msg
	quit bool
	// inflight counts commands still running; settle waits for them rather
	// than for a fixed quiet period, which a loaded machine can outlast.
	inflight atomic.Int64
}

func newDriver(t *testing.T, m *app.Model, width, height int) *driver {
	d := &driver{t: t, m: m, msgs: make(chan tea.Msg, 1024)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.run(m.Init())
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.inflight.Add(1)
	go func() {
		d.msgs <- cmd()
		d.inflight.Add(-1)
	}()
}

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

func (d *driver) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil, spinner.TickMsg:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
		return
	case tea.QuitMsg:
		d.quit = true
		return
	}
	if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") {
		return
	}
	d.send(msg)
}

// waitFor processes messages until cond holds.
func (d *driver) waitFor(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(30 * time.Second)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.screen())
		}
	}
}

// settle processes messages until no command is running and none is
// waiting (or 5 s pass: a periodic refresh never stops on its own).
func (d *driver) settle() {
	deadline := time.After(5 * time.Second)
	for {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
			continue
		default:
		}
		if d.inflight.Load() == 0 && len(d.msgs) == 0 {
			return
		}
		select {
		case msg := <-d.msgs:
			d.handle(msg)
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			return
		}
	}
}

// press sends key presses: names like "enter", "tab", "esc", "ctrl+s",
// "left", or single characters.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText sends each character of s as a key press.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd, "delete": tea.KeyDelete,
	}
	if name == "space" || name == " " {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if mod, rest, ok := strings.Cut(name, "+"); ok && mod == "ctrl" {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}
	}
	if name == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if r, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;:<=>?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)`)

// screen is the rendered view without colours, trailing spaces trimmed.
func (d *driver) screen() string {
	plain := ansiSeq.ReplaceAllString(d.m.Render(), "")
	lines := strings.Split(plain, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// golden compares the screen with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cli/tui/app -update to create it)", err)
	}
	if string(want) != got {
		t.Fatalf("%s differs (run with -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

// fits checks the screen stays inside the window.
func fits(t *testing.T, screen string, width, height int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > height {
		t.Fatalf("%d lines in a %d-line window:\n%s", len(lines), height, screen)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > width {
			t.Fatalf("a line of %d runes in a %d-column window: %q", n, width, l)
		}
	}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// flat is the screen's words in one line, without box borders, to find a
// sentence that wraps.
func flat(screen string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(screen, "│", " ")), " ")
}

// shows reports whether text is on the screen, even wrapped over several
// lines (spaces are ignored).
func shows(screen, text string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), "") }
	return strings.Contains(squeeze(screen), squeeze(text))
}
