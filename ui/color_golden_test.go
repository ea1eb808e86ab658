package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// colorGoldenStates are the screens kept with their colours, in the dark
// and the light theme, so that a change of theme fails a test the plain
// goldens (TestGolden) pass. The reader shows the real Renderer's output, so
// the article styles of both themes are kept too. Regenerate with
// `go test ./ui -run TestColorGolden -update` and read the diff.
var colorGoldenStates = []struct {
	name string
	keys []string
	text string // typed after the keys
}{
	{name: "reader-open", keys: []string{"j", "enter"}},
	{name: "tag-selected", keys: []string{"t", "j", "enter", "j", "j"}},
	{name: "search-active", keys: []string{"/"}, text: "ferr"},
	{name: "help", keys: []string{"?"}},
}

// colorThemes are the themes of the colour goldens.
var colorThemes = []string{ThemeDark, ThemeLight}

// TestColorGolden keeps the colour goldens at 120x40, escape sequences and
// all.
func TestColorGolden(t *testing.T) {
	for _, theme := range colorThemes {
		t.Run(theme, func(t *testing.T) {
			for _, st := range colorGoldenStates {
				t.Run(st.name, func(t *testing.T) {
					m := colorApp(t, theme, 120, 40)
					m = typeText(t, keys(t, m, st.keys...), st.text)
					golden.RequireEqual(t, colorScreen(t, m))
				})
			}
		})
	}
}

// TestColorGoldenThemesDiffer checks what the colour goldens are for: each
// screen holds 24-bit colours, and the dark and the light theme paint it
// differently with the same text.
func TestColorGoldenThemesDiffer(t *testing.T) {
	for _, st := range colorGoldenStates {
		var screens []string
		for _, theme := range colorThemes {
			m := colorApp(t, theme, 120, 40)
			m = typeText(t, keys(t, m, st.keys...), st.text)
			s := colorScreen(t, m)
			if !strings.Contains(s, "\x1b[38;2;") {
				t.Errorf("%s, %s theme: no 24-bit foreground colour on screen", st.name, theme)
			}
			screens = append(screens, s)
		}
		if screens[0] == screens[1] {
			t.Errorf("%s: the dark and the light theme give the same screen", st.name)
		}
		if ansi.Strip(screens[0]) != ansi.Strip(screens[1]) {
			t.Errorf("%s: the themes change the text, not only its colours", st.name)
		}
	}
}

// colorApp builds the model in colour with a fixed theme at w×h, the whole
// fixture loaded (problems too) and the reader settled.
func colorApp(t testing.TB, theme string, w, h int) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.NoColor = false
	opts.Appearance = Appearance{Theme: theme}
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, batchMsg{batch: model.Batch{
		Articles: fixtureArticles(),
		Problems: fixtureProblems,
		Progress: model.Progress{Files: 30, Articles: 30, Done: true},
	}, done: true})
}

// colorScreen is the view as a 24-bit colour terminal receives it: written
// through a colour profile writer fixed at TrueColor, so that the goldens
// do not depend on the terminal the tests run in.
func colorScreen(t testing.TB, m Model) string {
	t.Helper()
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.TrueColor}
	if _, err := w.WriteString(m.View().Content); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
