package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestHelpScrolls: where the help does not fit, the movement keys scroll
// it down to its last line and back, and the footer says where it is.
func TestHelpScrolls(t *testing.T) {
	m := newTestApp(t, 60, 20)
	m = keys(t, m, "?")
	n, page := len(m.help.lines()), m.help.page()
	if n <= page {
		t.Fatalf("the help fits at 60x20 (%d lines, %d shown): nothing to scroll", n, page)
	}
	footer := func() string { return lineWith(screenText(m), "to close") }
	if !strings.Contains(footer(), "0% · esc or ? to close") {
		t.Errorf("footer at the top: %q", footer())
	}
	last := strings.TrimSpace(ansi.Strip(m.help.lines()[n-1]))
	if strings.Contains(screenText(m), last) {
		t.Fatalf("the last line %q shows before scrolling", last)
	}
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0},
		{"pgdown", min(page, n-page)}, {"pgup", 0}, {"ctrl+d", page / 2}, {"ctrl+u", 0},
		{"G", n - page}, {"j", n - page}, {"g", 0}, {"end", n - page},
	}
	for _, st := range steps {
		m = keys(t, m, st.key)
		if m.help.offset != st.want || m.overlay != overlayHelp {
			t.Fatalf("%s: offset %d, want %d (overlay %v)", st.key, m.help.offset, st.want, m.overlay)
		}
	}
	if !strings.Contains(screenText(m), last) || !strings.Contains(footer(), "100% · ") {
		t.Errorf("at the bottom, the last line %q or 100%% is missing:\n%s", last, screenText(m))
	}
	if m.list.cursor != 0 {
		t.Error("scrolling the help moved the list under it")
	}
}

// TestHelpFitsWithoutPosition: where the help fits, the footer only says
// how to close it and the keys scroll nothing.
func TestHelpFitsWithoutPosition(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "?", "G")
	if m.help.offset != 0 || strings.Contains(screenText(m), "% · esc") {
		t.Errorf("the help fits, yet offset %d:\n%s", m.help.offset, screenText(m))
	}
}

// TestGoldenHelp keeps the help at the top and scrolled to the bottom (G)
// at sizes where it scrolls (60x20, 100x20, 80x24) and where it fits.
func TestGoldenHelp(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {100, 20}, {80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, st := range []struct {
				name string
				keys []string
			}{{"top", []string{"?"}}, {"bottom", []string{"?", "G"}}} {
				t.Run(st.name, func(t *testing.T) {
					m := keys(t, newTestApp(t, size[0], size[1]), st.keys...)
					golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
				})
			}
		})
	}
}

// TestHelpOpensAtTheTop: closed scrolled down, the help opens again at
// its first line.
func TestHelpOpensAtTheTop(t *testing.T) {
	m := keys(t, newTestApp(t, 60, 20), "?", "G", "?", "?")
	if m.overlay != overlayHelp || m.help.offset != 0 {
		t.Errorf("reopened help: overlay %v, offset %d", m.overlay, m.help.offset)
	}
}
