package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenStates are the screens kept as golden files, as key sequences from
// the loaded fixture. Regenerate with `go test ./ui -update` and read the
// diff.
var goldenStates = []struct {
	name string
	keys []string
	text string // typed after the keys
	more []string
}{
	{name: "start"},
	{name: "tag-selected", keys: []string{"t", "j", "enter", "j", "j"}},
	{name: "reader-open", keys: []string{"j", "enter"}},
	{name: "search-active", keys: []string{"/"}, text: "ferr"},
	{name: "help", keys: []string{"?"}},
	{name: "empty", keys: []string{"t", "j", "enter", "/"}, text: "croissant", more: []string{"enter"}},
	{name: "problems", keys: []string{"!"}},
}

// TestGolden keeps the screens at the three layout sizes. The reader's text
// comes from fakeRender, so these goldens do not change with the renderer;
// TestGoldenRenderer holds the real renderer's output.
func TestGolden(t *testing.T) {
	settleRender = fakeRender
	t.Cleanup(func() { settleRender = runRender })
	for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, st := range goldenStates {
				t.Run(st.name, func(t *testing.T) {
					m := newTestApp(t, size[0], size[1])
					m = keys(t, m, st.keys...)
					m = typeText(t, m, st.text)
					m = keys(t, m, st.more...)
					golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
				})
			}
		})
	}
}

// TestGoldenRenderer is the reader with the real Renderer's output.
func TestGoldenRenderer(t *testing.T) {
	m := newTestApp(t, 120, 40)
	m = keys(t, m, "enter")
	golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
}

// TestGoldenTooSmall is the short message under 40x10.
func TestGoldenTooSmall(t *testing.T) {
	m := newTestApp(t, 39, 9)
	golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
}

// goldenMarkStates are screens with read and starred marks kept: the
// markers, the smart entries and unread counts, the question of M and the
// tag picker.
var goldenMarkStates = []struct {
	name string
	keys []string
	text string
}{
	{name: "marks"},
	{name: "unread-view", keys: []string{"u", "j", "enter", "esc"}},
	{name: "tag-excluded", keys: []string{"t", "j", "j", "j", "j", "x"}},
	{name: "mark-all-question", keys: []string{"M"}},
	{name: "tag-picker", keys: []string{"T"}, text: "th"},
}

func TestGoldenMarks(t *testing.T) {
	settleRender = fakeRender
	t.Cleanup(func() { settleRender = runRender })
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, st := range goldenMarkStates {
				t.Run(st.name, func(t *testing.T) {
					m, _ := newMarkedApp(t, size[0], size[1])
					m = settle(t, press(t, m, st.keys...))
					m = typeText(t, m, st.text)
					golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
				})
			}
		})
	}
}
