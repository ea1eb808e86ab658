package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// fixtureTitles are the titles of the 30 fictional fixture articles; index
// 7 has q and j in it for the "letters are text while searching" tests.
var fixtureTitles = [30]string{
	"Harbour council opens new ferry line",
	"Lighthouse keepers vote to stay",
	"Marmot census finds record numbers",
	"Orchard frost spares late apples",
	"Tram line extension delayed again",
	"Compiler team ships faster builds",
	"Borrow checker puzzles new hires",
	"Quiet quasar jets over Jupiter",
	"Library lends out telescopes",
	"Garbage collector pauses shrink",
	"Crab migration closes coast road",
	"Memory safety audit finds little",
	"Cargo bikes outsell scooters",
	"Snowfall breaks a forty year mark",
	"Ferris wheel returns to the pier",
	"Bakery strike ends over croissants",
	"Village choir tours the valley",
	"Night market moves indoors",
	"Kite festival lifts off early",
	"Rain gauge network upgraded",
	"Notebook servers go serverless",
	"Indentation debate reaches council",
	"Snake exhibit draws families",
	"Data science course fills quickly",
	"Heatwave warnings for the weekend",
	"Package index tightens security",
	"Zoo welcomes twin pythons",
	"Typing hints become the norm",
	"Fog delays morning ferries",
	"Solo sailor rounds the cape",
}

// fixtureArticles returns 30 fictional articles with known tags, dates and
// read counts:
//   - Go on 0–9, rust on 5–14, python on 20–29, weather on every third
//     (0, 3, …, 27), solo on 29 only;
//   - dates 2026-01-02 … 2026-01-30 for 1–29 (29 newest), none for 0;
//   - reads i*37 % 1000, unknown for 3, 13 and 23.
func fixtureArticles() []model.Article {
	arts := make([]model.Article, 30)
	for i := range arts {
		rel := fmt.Sprintf("fixture/%02d.md", i)
		var tags []string
		if i < 10 {
			tags = append(tags, "Go")
		}
		if i >= 5 && i < 15 {
			tags = append(tags, "rust")
		}
		if i >= 20 {
			tags = append(tags, "python")
		}
		if i%3 == 0 {
			tags = append(tags, "weather")
		}
		if i == 29 {
			tags = append(tags, "solo")
		}
		a := model.Article{
			ID:     model.NewID(rel, 0),
			Path:   "/news/" + rel,
			Rel:    rel,
			Title:  fixtureTitles[i],
			Reads:  i * 37 % 1000,
			Tags:   tags,
			Format: model.FormatMarkdown,
			Body:   fmt.Sprintf("Body of article %d.\n\nIt is about %s.", i, strings.ToLower(fixtureTitles[i])),
		}
		if i > 0 {
			a.Date = time.Date(2026, 1, 1+i, 12, 0, 0, 0, time.UTC)
		}
		if i%10 == 3 {
			a.Reads = model.NoReads
		}
		arts[i] = a
	}
	return arts
}

// fixtureID returns the ID of fixture article i.
func fixtureID(i int) model.ID { return model.NewID(fmt.Sprintf("fixture/%02d.md", i), 0) }

// fixtureProblems are reported by the fixture load.
var fixtureProblems = []model.Problem{
	{Path: "/news/broken.json", Reason: "invalid JSON at line 3"},
	{Path: "/news/latin1.txt", Reason: "not UTF-8, decoded as Windows-1252", Loaded: true},
}

// fixtureLoad streams the fixture in three batches, problems in the second.
func fixtureLoad(ctx context.Context, send func(model.Batch)) error {
	arts := fixtureArticles()
	for i := 0; i < 30; i += 10 {
		b := model.Batch{Articles: arts[i : i+10], Progress: model.Progress{Files: i + 10, Articles: i + 10}}
		if i == 10 {
			b.Problems = fixtureProblems
		}
		send(b)
	}
	send(model.Batch{Progress: model.Progress{Files: 30, Articles: 30, Done: true}})
	return nil
}

func fixtureOptions() Options {
	return Options{
		Load:    fixtureLoad,
		Body:    func(a model.Article) (string, error) { return a.Body, nil },
		Name:    "fixture",
		NoColor: true,
	}
}

// loadedApp builds the model with opts at w×h with arts loaded (one batch,
// done); the commands it returns are not run.
func loadedApp(t testing.TB, opts Options, w, h int, arts []model.Article) Model {
	t.Helper()
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, batchMsg{batch: model.Batch{Articles: arts, Progress: model.Progress{Done: true}}, done: true})
}

// newTestApp builds the model at w×h with the whole fixture loaded (one
// batch, done), the reader settled.
func newTestApp(t testing.TB, w, h int) Model {
	t.Helper()
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, batchMsg{batch: model.Batch{
		Articles: fixtureArticles(),
		Problems: fixtureProblems,
		Progress: model.Progress{Files: 30, Articles: 30, Done: true},
	}, done: true})
	return m
}

// send delivers one message and then settles the reader: if it waits for a
// render, the render runs synchronously (as its command would) and the
// result is delivered. No command is executed, so nothing ticks or blocks.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	m = next.(Model)
	return settle(t, m)
}

// sendCmd is send returning the command, unsettled.
func sendCmd(t testing.TB, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

func settle(t testing.TB, m Model) Model {
	t.Helper()
	if !m.reader.pending() {
		return m
	}
	k := m.reader.want
	a, ok := m.coll.Article(k.id)
	if !ok {
		t.Fatalf("reader wants unknown article %v", k.id)
	}
	next, _ := m.Update(settleRender(m.cache.job(k, a, m.coll.ArticleTags(k.id))))
	return next.(Model)
}

// settleRender renders for settle: the real renderer, or fakeRender in the
// golden tests so that their screens do not depend on Glamour.
var settleRender = runRender

// fakeRender is a deterministic stand-in for the renderer: title, metadata
// and the body word-wrapped to the width.
func fakeRender(j renderJob) renderedMsg {
	a := j.article
	meta := []string{}
	if a.HasDate() {
		meta = append(meta, a.Date.Format("Jan 02 2006"))
	}
	if a.HasReads() {
		meta = append(meta, fmt.Sprintf("%d reads", a.Reads))
	}
	for _, t := range j.tags {
		meta = append(meta, "#"+t)
	}
	text := "# " + a.Title + "\n\n" + strings.Join(meta, " · ") + "\n\n" + a.Body
	return renderedMsg{key: j.key, out: ansi.Wordwrap(text, j.key.width, "")}
}

// keyPress builds the key event a terminal would send for s: "j", "G",
// "enter", "ctrl+d", "shift+tab", "space", "pgdown" …
func keyPress(s string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"backspace": tea.KeyBackspace,
	}
	var mod tea.KeyMod
	name := s
	if rest, ok := strings.CutPrefix(s, "ctrl+"); ok {
		mod, name = tea.ModCtrl, rest
	} else if rest, ok := strings.CutPrefix(s, "shift+"); ok {
		mod, name = tea.ModShift, rest
	}
	if c, ok := special[name]; ok {
		k := tea.KeyPressMsg{Code: c, Mod: mod}
		if c == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

// keys presses each key in turn.
func keys(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = send(t, m, keyPress(k))
	}
	return m
}

// typeText types s one character at a time.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			m = send(t, m, keyPress("space"))
			continue
		}
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// screenText is the view without escape sequences.
func screenText(m Model) string { return ansi.Strip(m.View().Content) }

// selectedIndex returns the fixture index of the selected article, or -1.
func selectedIndex(m Model) int {
	id, ok := m.list.selected()
	if !ok {
		return -1
	}
	for i := range 30 {
		if fixtureID(i) == id {
			return i
		}
	}
	return -1
}

// visibleIndexes maps the visible IDs to fixture indexes.
func visibleIndexes(m Model) []int {
	out := make([]int, len(m.visible))
	for k, id := range m.visible {
		out[k] = -1
		for i := range 30 {
			if fixtureID(i) == id {
				out[k] = i
			}
		}
	}
	return out
}

// cmdMsgs runs cmd and every command it batches, concurrently, and returns
// the messages they produce. Use it only on commands known not to tick.
func cmdMsgs(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("command did not return")
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, cmdMsgs(t, c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// quits reports whether cmd (after the load is done, so it cannot block)
// quits the program.
func quits(t testing.TB, cmd tea.Cmd) bool {
	t.Helper()
	for _, msg := range cmdMsgs(t, cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// lineWith returns the first screen line containing s.
func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// paneLines returns the inner lines of pane p as on screen (inside its
// border), right-trimmed; nil when the pane is not shown.
func paneLines(m Model, p paneID) []string {
	x := 0
	found := false
	for _, q := range m.lay.shown(m.reading, m.focus) {
		if q == p {
			found = true
			break
		}
		x += m.lay.paneWidth(q)
	}
	if !found {
		return nil
	}
	w := m.lay.paneWidth(p)
	lines := strings.Split(screenText(m), "\n")
	var out []string
	for _, l := range lines[m.lay.bodyY+1 : m.lay.bodyY+m.lay.bodyH-1] {
		out = append(out, strings.TrimRight(ansi.Cut(l, x+1, x+w-1), " "))
	}
	return out
}

// paneText is the text of pane p with all whitespace runs made one space,
// so wrapped messages read as one line.
func paneText(m Model, p paneID) string {
	return strings.Join(strings.Fields(strings.Join(paneLines(m, p), "\n")), " ")
}

// sidebarRow returns the sidebar line whose tag name is name.
func sidebarRow(m Model, name string) string {
	for _, l := range paneLines(m, paneTags) {
		if f := strings.Fields(strings.Trim(l, "▌● ")); len(f) > 0 && f[0] == name {
			return l
		}
	}
	return ""
}
