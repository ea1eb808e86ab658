package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

func TestPaneMovementWide(t *testing.T) {
	m := newTestApp(t, 160, 48)
	if m.lay.mode != modeWide || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneList, paneReader}) {
		t.Fatalf("mode %v shown %v", m.lay.mode, m.lay.shown(m.reading, m.focus))
	}
	steps := []struct {
		key  string
		want paneID
	}{
		{"tab", paneReader}, {"tab", paneTags}, {"tab", paneList},
		{"shift+tab", paneTags}, {"shift+tab", paneReader},
		{"h", paneList}, {"h", paneTags}, {"h", paneTags}, {"left", paneTags},
		{"l", paneList}, {"right", paneReader}, {"l", paneReader},
		{"t", paneTags},
	}
	for _, st := range steps {
		m = keys(t, m, st.key)
		if m.focus != st.want {
			t.Fatalf("%s: focus %v, want %v", st.key, m.focus, st.want)
		}
	}
}

func TestPaneMovementMedium(t *testing.T) {
	m := newTestApp(t, 100, 30)
	if m.lay.mode != modeMedium || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneList}) {
		t.Fatalf("mode %v shown %v", m.lay.mode, m.lay.shown(m.reading, m.focus))
	}
	m = keys(t, m, "tab")
	if m.focus != paneTags {
		t.Fatalf("tab: %v", m.focus)
	}
	m = keys(t, m, "tab", "l")
	if m.focus != paneList {
		t.Fatalf("tab l: %v (the reader is not shown)", m.focus)
	}
	if m.reader.want != (renderKey{}) {
		t.Error("hidden reader rendered")
	}
	m = keys(t, m, "enter")
	if m.focus != paneReader || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneReader}) {
		t.Fatalf("enter: focus %v shown %v", m.focus, m.lay.shown(m.reading, m.focus))
	}
	s := screenText(m)
	if !strings.Contains(s, "Reader · 1/30") || strings.Contains(s, "Articles") {
		t.Errorf("reader does not take the list's place:\n%s", s)
	}
	m = keys(t, m, "h")
	if m.focus != paneTags || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneReader}) {
		t.Fatalf("h: focus %v shown %v", m.focus, m.lay.shown(m.reading, m.focus))
	}
	m = keys(t, m, "tab")
	if m.focus != paneReader {
		t.Fatalf("tab: %v", m.focus)
	}
	m = keys(t, m, "esc")
	if m.focus != paneList || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneList}) {
		t.Fatalf("esc: focus %v shown %v", m.focus, m.lay.shown(m.reading, m.focus))
	}
}

func TestPaneMovementNarrow(t *testing.T) {
	m := newTestApp(t, 60, 24)
	if m.lay.mode != modeNarrow || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneList}) {
		t.Fatalf("mode %v shown %v", m.lay.mode, m.lay.shown(m.reading, m.focus))
	}
	s := screenText(m)
	if strings.Contains(s, "Tags") || !strings.Contains(s, "Articles") {
		t.Errorf("narrow start should show only the list:\n%s", s)
	}
	m = keys(t, m, "h")
	if m.focus != paneTags || !strings.Contains(screenText(m), "Tags") || strings.Contains(screenText(m), "Articles") {
		t.Fatalf("h: focus %v\n%s", m.focus, screenText(m))
	}
	m = keys(t, m, "tab", "tab")
	if m.focus != paneTags {
		t.Fatalf("tab tab: %v (two panes before an article is open)", m.focus)
	}
	m = keys(t, m, "l", "enter")
	if m.focus != paneReader || !strings.Contains(screenText(m), "Reader") {
		t.Fatalf("enter: %v", m.focus)
	}
	m = keys(t, m, "h")
	if m.focus != paneList {
		t.Fatalf("h from reader: %v", m.focus)
	}
	m = keys(t, m, "l")
	if m.focus != paneReader {
		t.Fatalf("l back to reader: %v", m.focus)
	}
	m = keys(t, m, "tab")
	if m.focus != paneTags {
		t.Fatalf("tab wraps to tags: %v", m.focus)
	}
}

func TestResizeSwitchesLayout(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "enter") // reading
	w := m.reader.want.width
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.lay.mode != modeMedium || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneTags, paneReader}) {
		t.Fatalf("medium: shown %v", m.lay.shown(m.reading, m.focus))
	}
	if m.reader.have.width == w || m.reader.have.width != 100-20-4 { // the fixture's sidebar: 20 columns

		t.Errorf("reader not re-rendered at the new width: %d", m.reader.have.width)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneReader}) {
		t.Fatalf("narrow: shown %v", m.lay.shown(m.reading, m.focus))
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 39, Height: 20})
	if s := screenText(m); !strings.Contains(s, "Terminal too small (need 40x10)") {
		t.Errorf("39 wide:\n%s", s)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 9})
	if s := screenText(m); !strings.Contains(s, "Terminal too small (need 40x10)") {
		t.Errorf("9 high:\n%s", s)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 20, Height: 5})
	if s := paneFree(screenText(m)); !strings.Contains(s, "Terminal too small (need 40x10)") {
		t.Errorf("20x5: %q", s)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 40, Height: 10})
	if m.lay.mode != modeNarrow || strings.Contains(screenText(m), "too small") {
		t.Errorf("40x10 should fit")
	}
}

// paneFree joins a screen's words.
func paneFree(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestFrameIsExactlyTheTerminal checks in many states and sizes that the
// view has one line per row and every line is exactly the width: nothing
// wraps, nothing is short.
func TestFrameIsExactlyTheTerminal(t *testing.T) {
	sizes := [][2]int{{40, 10}, {59, 17}, {80, 24}, {100, 30}, {119, 33}, {120, 40}, {160, 48}, {231, 61}}
	states := map[string][]string{
		"start":    nil,
		"tags":     {"t", "j", "enter", "j", "j", "space"},
		"reading":  {"enter", "space"},
		"search":   {"/", "f", "e", "r"},
		"empty":    {"/", "z", "z", "z", "enter"},
		"help":     {"?"},
		"problems": {"!"},
		"sorted":   {"s", "s", "G"},
		"hidden":   {"b", "enter", "tab"},
	}
	for _, sz := range sizes {
		for name, ks := range states {
			m := newTestApp(t, sz[0], sz[1])
			m = keys(t, m, ks...)
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d %s: %d lines", sz[0], sz[1], name, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != sz[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", sz[0], sz[1], name, i, w, ansi.Strip(l))
					break
				}
			}
		}
	}
}

func TestProblemsView(t *testing.T) {
	m := newTestApp(t, 100, 30)
	if !strings.Contains(screenText(m), "⚠ 2 problems (!)") {
		t.Fatalf("header lacks problems:\n%s", screenText(m))
	}
	m = keys(t, m, "!")
	if m.overlay != overlayProblems {
		t.Fatalf("!: overlay %v", m.overlay)
	}
	s := screenText(m)
	for _, want := range []string{"Problems (2)", "/news/broken.json: invalid JSON at line 3: skipped", "/news/latin1.txt: not UTF-8, decoded as Windows-1252"} {
		if !strings.Contains(s, want) {
			t.Errorf("problems view lacks %q:\n%s", want, s)
		}
	}
	// Keys do not reach the panes under it.
	m = keys(t, m, "j", "s", "tab")
	if m.list.cursor != 0 || m.query.Sort != 0 || m.focus != paneList {
		t.Errorf("keys leaked through the overlay")
	}
	m = keys(t, m, "esc")
	if m.overlay != overlayNone {
		t.Fatalf("esc: overlay %v", m.overlay)
	}
	m = keys(t, m, "!", "!")
	if m.overlay != overlayNone {
		t.Fatalf("! !: overlay %v", m.overlay)
	}
}

func TestProblemsViewScrolls(t *testing.T) {
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	var b batchMsg
	b.done = true
	for i := range 50 {
		b.batch.Problems = append(b.batch.Problems, fixtureProblems[i%2])
	}
	m = send(t, m, b)
	page := m.problems.page()
	m = keys(t, m, "!", "j", "j")
	if m.problems.cursor != 2 || m.problems.offset != 0 || !strings.Contains(screenText(m), "3/50") {
		t.Errorf("j j in problems: cursor %d, offset %d", m.problems.cursor, m.problems.offset)
	}
	m = keys(t, m, "pgdown")
	if m.problems.cursor != 2+page || m.problems.offset != 3 {
		t.Errorf("pgdown in problems: cursor %d, offset %d (page %d)", m.problems.cursor, m.problems.offset, page)
	}
	m = keys(t, m, "G")
	if m.problems.cursor != 49 || m.problems.offset != 50-page || !strings.Contains(screenText(m), "50/50") {
		t.Errorf("G in problems: cursor %d, offset %d", m.problems.cursor, m.problems.offset)
	}
	m = send(t, m, tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelUp})
	if m.problems.offset != 50-page-3 || m.problems.cursor != 50-4 {
		t.Errorf("wheel in problems: offset %d, cursor %d (dragged onto the screen)", m.problems.offset, m.problems.cursor)
	}
}

func TestHelpOverlay(t *testing.T) {
	m := newTestApp(t, 120, 40)
	if s := screenText(m); !strings.Contains(s, "? help") || !strings.Contains(s, "q quit") {
		t.Fatalf("help bar:\n%s", s)
	}
	m = keys(t, m, "?")
	if m.overlay != overlayHelp {
		t.Fatalf("?: overlay %v", m.overlay)
	}
	s := screenText(m)
	for _, want := range []string{"General", "Panes", "Move", "Filter", "Read", "toggle tag", "next article", "keep search", "½ page down"} {
		if !strings.Contains(s, want) {
			t.Errorf("full help lacks %q:\n%s", want, s)
		}
	}
	m = keys(t, m, "j")
	if m.list.cursor != 0 {
		t.Error("j moved the list under the help")
	}
	m = keys(t, m, "?")
	if m.overlay != overlayNone {
		t.Fatal("? does not close help")
	}
	m = keys(t, m, "?", "esc")
	if m.overlay != overlayNone {
		t.Fatal("esc does not close help")
	}
	_, cmd := sendCmd(t, keys(t, m, "?"), keyPress("q"))
	if !quits(t, cmd) {
		t.Error("q does not quit from help")
	}
}

func TestHelpBarFollowsFocus(t *testing.T) {
	m := newTestApp(t, 160, 48)
	bar := func() string { lines := strings.Split(screenText(m), "\n"); return lines[len(lines)-1] }
	if !strings.Contains(bar(), "enter read") {
		t.Errorf("list: %q", bar())
	}
	m = keys(t, m, "t")
	if !strings.Contains(bar(), "enter/space toggle tag") || strings.Contains(bar(), "enter read") {
		t.Errorf("sidebar: %q", bar())
	}
	m = keys(t, m, "l", "l")
	if !strings.Contains(bar(), "space page down") || !strings.Contains(bar(), "n next article") {
		t.Errorf("reader: %q", bar())
	}
	m = keys(t, m, "/")
	if b := strings.TrimSpace(bar()); b != "enter keep search • esc clear search" {
		t.Errorf("search: %q", b)
	}
}

func TestMouse(t *testing.T) {
	m := newTestApp(t, 160, 48)
	l := m.lay
	listX := l.tagsW + 5
	rowY := func(i int) int { return l.bodyY + 1 + i } // inside the border
	m = send(t, m, tea.MouseClickMsg{X: listX, Y: rowY(3), Button: tea.MouseLeft})
	if m.focus != paneList || selectedIndex(m) != 26 {
		t.Fatalf("click row 3: focus %v selected %d", m.focus, selectedIndex(m))
	}
	if m.reader.have.id != fixtureID(26) {
		t.Errorf("reader does not follow the click")
	}
	m = send(t, m, tea.MouseClickMsg{X: listX, Y: rowY(3), Button: tea.MouseLeft})
	if m.focus != paneReader {
		t.Fatalf("second click does not open: focus %v", m.focus)
	}
	// Sidebar: click Go (row 1) moves there; clicking it again toggles it.
	m = send(t, m, tea.MouseClickMsg{X: 3, Y: rowY(1), Button: tea.MouseLeft})
	if m.focus != paneTags || m.tags.cursor != 1 || len(m.query.Tags) != 0 {
		t.Fatalf("click tag: focus %v cursor %d tags %v", m.focus, m.tags.cursor, m.query.Tags)
	}
	m = send(t, m, tea.MouseClickMsg{X: 3, Y: rowY(1), Button: tea.MouseLeft})
	if !slices.Equal(m.query.Tags, []string{"go"}) {
		t.Fatalf("second click on tag: %v", m.query.Tags)
	}
	// Clicking the reader focuses it.
	m = send(t, m, tea.MouseClickMsg{X: l.tagsW + l.listW + 5, Y: rowY(2), Button: tea.MouseLeft})
	if m.focus != paneReader {
		t.Fatalf("click reader: focus %v", m.focus)
	}
	// Clicks outside the panes do nothing.
	before := m.focus
	m = send(t, m, tea.MouseClickMsg{X: 5, Y: 0, Button: tea.MouseLeft})
	if m.focus != before {
		t.Error("click on the header changed focus")
	}
}

func TestMouseWheelScrollsPaneUnderPointer(t *testing.T) {
	m := newTestApp(t, 80, 16) // medium: the list shows 12 of 30 rows
	listX := m.lay.tagsW + 3
	m = keys(t, m, "t") // the wheel does not need focus
	m = send(t, m, tea.MouseWheelMsg{X: listX, Y: 5, Button: tea.MouseWheelDown})
	if m.list.offset != wheelLines || m.list.cursor != wheelLines {
		t.Fatalf("wheel down: offset %d cursor %d", m.list.offset, m.list.cursor)
	}
	if m.focus != paneTags {
		t.Errorf("wheel changed focus to %v", m.focus)
	}
	m = send(t, m, tea.MouseWheelMsg{X: listX, Y: 5, Button: tea.MouseWheelUp})
	if m.list.offset != 0 || m.list.cursor != wheelLines {
		t.Fatalf("wheel up: offset %d cursor %d", m.list.offset, m.list.cursor)
	}

	opts := fixtureOptions()
	long := strings.Repeat("A line.\n\n", 100)
	opts.Body = func(model.Article) (string, error) { return long, nil }
	m = New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles()}, done: true})
	readerX := m.lay.tagsW + m.lay.listW + 4
	m = send(t, m, tea.MouseWheelMsg{X: readerX, Y: 10, Button: tea.MouseWheelDown})
	if m.reader.vp.YOffset() != wheelLines || m.list.cursor != 0 {
		t.Errorf("wheel over reader: offset %d, list cursor %d", m.reader.vp.YOffset(), m.list.cursor)
	}
}
