package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// newest is the fixture's order under the default sort: 29 … 1, then 0
// (no date) last.
func newest() []int {
	out := make([]int, 0, 30)
	for i := 29; i >= 0; i-- {
		out = append(out, i)
	}
	return out
}

func TestNewDoesNoIOAndShowsLoading(t *testing.T) {
	called := false
	opts := fixtureOptions()
	opts.Load = func(context.Context, func(model.Batch)) error { called = true; return nil }
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if called {
		t.Fatal("New or Update called Load")
	}
	s := screenText(m)
	if !strings.Contains(s, "Loading…") || !strings.Contains(s, "Loading… 0 articles") {
		t.Errorf("first frame does not show loading:\n%s", s)
	}
	v := m.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("view: alt screen %v, mouse mode %v", v.AltScreen, v.MouseMode)
	}
}

// TestInitStreamsBatches runs the real load pipeline: Init's commands, the
// loader goroutine and the re-armed waitLoad, feeding every message back.
func TestInitStreamsBatches(t *testing.T) {
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	// As Bubble Tea does: every command in its own goroutine, every
	// message back through Update, until no command runs.
	msgs := make(chan tea.Msg)
	running := 0
	var start func(cmd tea.Cmd)
	start = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		running++
		go func() { msgs <- cmd() }()
	}
	start(m.Init())
	batches := 0
	for running > 0 {
		var msg tea.Msg
		select {
		case msg = <-msgs:
			running--
		case <-time.After(5 * time.Second):
			t.Fatal("a command did not return")
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				start(c)
			}
			continue
		}
		if _, ok := msg.(batchMsg); ok {
			batches++
		}
		if msg != nil {
			var next tea.Cmd
			m, next = sendCmd(t, m, msg)
			start(next)
		}
	}
	if batches == 0 {
		t.Fatal("no batch arrived")
	}
	if m.loading || m.coll.Len() != 30 || len(m.visible) != 30 {
		t.Fatalf("after load: loading %v, %d articles, %d visible", m.loading, m.coll.Len(), len(m.visible))
	}
	if got := len(m.Problems()); got != 2 {
		t.Errorf("Problems() = %d, want 2", got)
	}
	if m.LoadErr() != nil {
		t.Errorf("LoadErr() = %v", m.LoadErr())
	}
	s := screenText(m)
	for _, want := range []string{"30 articles", "⚠ 2 problems (!)", fixtureTitles[29]} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Loading") {
		t.Errorf("still loading on screen:\n%s", s)
	}
	// The reader got its render through a command, not the test helper.
	if m.reader.have.id != fixtureID(29) {
		t.Errorf("reader shows %v, want the first article", m.reader.have.id)
	}
}

func TestLoadErrorIsShownAndReturned(t *testing.T) {
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = send(t, m, batchMsg{done: true, err: errors.New("disk on fire")})
	if m.LoadErr() == nil || m.loading {
		t.Fatalf("LoadErr %v, loading %v", m.LoadErr(), m.loading)
	}
	s := screenText(m)
	if !strings.Contains(s, "load failed: disk on fire") || !strings.Contains(s, "No articles in this collection.") {
		t.Errorf("screen:\n%s", s)
	}
}

func TestListShowsArticlesInSortOrder(t *testing.T) {
	m := newTestApp(t, 200, 50) // wide enough for the tags column

	if got := visibleIndexes(m); !slices.Equal(got, newest()) {
		t.Fatalf("visible %v", got)
	}
	if m.focus != paneList || selectedIndex(m) != 29 {
		t.Fatalf("focus %v, selected %d", m.focus, selectedIndex(m))
	}
	s := screenText(m)
	row := lineWith(s, "Solo sailor rounds the cape")
	for _, want := range []string{"▌", "2026-01-30", "#python"} {
		if !strings.Contains(row, want) {
			t.Errorf("selected row %q lacks %q", row, want)
		}
	}
	if !strings.Contains(s, "newest first · 1/30") {
		t.Errorf("no position/sort in footer:\n%s", s)
	}
}

func TestStartKeepsTopWhileLoading(t *testing.T) {
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	arts := fixtureArticles()
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[:10]}})
	if selectedIndex(m) != 9 {
		t.Fatalf("selected %d, want 9 (newest so far)", selectedIndex(m))
	}
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[10:]}})
	if selectedIndex(m) != 29 || m.list.cursor != 0 {
		t.Fatalf("untouched list: selected %d at %d, want the new top", selectedIndex(m), m.list.cursor)
	}
	if !strings.Contains(screenText(m), "Loading… 30 articles") {
		t.Errorf("progress not shown:\n%s", screenText(m))
	}
}

func TestCursorStaysOnSameArticleWhenBatchArrives(t *testing.T) {
	m := New(fixtureOptions())
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	arts := fixtureArticles()
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[:20]}})
	m = keys(t, m, "j", "j")
	if selectedIndex(m) != 17 || m.list.cursor != 2 {
		t.Fatalf("selected %d at %d, want 17 at 2", selectedIndex(m), m.list.cursor)
	}
	// Ten newer articles arrive: they sort above; the cursor follows 17.
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[20:]}})
	if selectedIndex(m) != 17 || m.list.cursor != 12 {
		t.Fatalf("after batch: selected %d at %d, want 17 at 12", selectedIndex(m), m.list.cursor)
	}
	if m.reader.want.id != fixtureID(17) {
		t.Errorf("reader switched to %v", m.reader.want.id)
	}
	// Replacing the article (same ID) keeps it selected too.
	changed := arts[17]
	changed.Title = "Night market moves outdoors again"
	m = send(t, m, batchMsg{batch: model.Batch{Articles: []model.Article{changed}}, done: true})
	if selectedIndex(m) != 17 || !strings.Contains(screenText(m), "Night market moves outdoors again") {
		t.Errorf("after replacement: selected %d", selectedIndex(m))
	}
}

// TestCursorGoesToTopWhenFilterHidesSelected: a filter without the
// selected article puts the cursor at the top, not at its old position
// (an article the user never chose). A removed article leaves the cursor
// nearby instead: TestRemovedArticleLeavesCursorNearby.
func TestCursorGoesToTopWhenFilterHidesSelected(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "j", "j", "j", "j", "j") // index 5 → article 24 (python)
	if selectedIndex(m) != 24 {
		t.Fatalf("selected %d", selectedIndex(m))
	}
	// Filter by Go: 24 is gone; the cursor goes to the top (article 9).
	m = keys(t, m, "t", "j", "enter")
	if !slices.Equal(m.query.Tags, []string{"go"}) {
		t.Fatalf("tags %v", m.query.Tags)
	}
	if m.list.cursor != 0 || selectedIndex(m) != 9 {
		t.Errorf("cursor %d on %d, want 0 on 9", m.list.cursor, selectedIndex(m))
	}
}

func TestOpenAndNextPrevious(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "enter")
	if m.focus != paneReader || m.reader.have.id != fixtureID(29) {
		t.Fatalf("enter: focus %v reader %v", m.focus, m.reader.have.id)
	}
	if !strings.Contains(screenText(m), "Body of article 29.") {
		t.Errorf("reader does not show the body:\n%s", screenText(m))
	}
	m = keys(t, m, "n", "n")
	if selectedIndex(m) != 27 || m.reader.have.id != fixtureID(27) || m.focus != paneReader {
		t.Fatalf("n n: selected %d reader %v focus %v", selectedIndex(m), m.reader.have.id, m.focus)
	}
	s := screenText(m)
	if !strings.Contains(s, "Reader · 3/30") || !strings.Contains(s, "Body of article 27.") {
		t.Errorf("reader after n:\n%s", s)
	}
	m = keys(t, m, "p")
	if selectedIndex(m) != 28 || m.reader.have.id != fixtureID(28) {
		t.Fatalf("p: selected %d", selectedIndex(m))
	}
	// n at the end stays on the last article.
	m = keys(t, m, "h", "G", "l", "n")
	if selectedIndex(m) != 0 || m.focus != paneReader {
		t.Errorf("n at the end: selected %d focus %v", selectedIndex(m), m.focus)
	}
}

func TestSortCycles(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "j", "j") // article 27 stays selected across sorts
	steps := []struct {
		sort  model.Sort
		first int
		label string
	}{
		{model.SortOldest, 1, "oldest first"},
		{model.SortReads, 27, "most read"}, // 27*37 % 1000 = 999
		{model.SortTitle, 15, "by title"},  // "Bakery strike …"
		{model.SortNewest, 29, "newest first"},
	}
	for _, st := range steps {
		m = keys(t, m, "s")
		if m.query.Sort != st.sort {
			t.Fatalf("s: sort %v, want %v", m.query.Sort, st.sort)
		}
		if got := visibleIndexes(m)[0]; got != st.first {
			t.Errorf("%v: first %d, want %d", st.sort, got, st.first)
		}
		if selectedIndex(m) != 27 {
			t.Errorf("%v: selection moved to %d", st.sort, selectedIndex(m))
		}
		if !strings.Contains(screenText(m), st.label+" · ") {
			t.Errorf("%v: footer lacks %q", st.sort, st.label)
		}
	}
}

func TestListMovementKeys(t *testing.T) {
	m := newTestApp(t, 80, 24) // 20 rows on screen
	rows := m.list.rows()
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0},
		{"G", 29}, {"g", 0}, {"end", 29}, {"home", 0},
		{"ctrl+d", rows / 2}, {"ctrl+u", 0},
		{"pgdown", rows}, {"pgup", 0}, {"pgdown", rows}, {"pgdown", 29},
	}
	for _, st := range steps {
		m = keys(t, m, st.key)
		if m.list.cursor != st.want {
			t.Fatalf("%s: cursor %d, want %d", st.key, m.list.cursor, st.want)
		}
		if m.list.cursor < m.list.offset || m.list.cursor >= m.list.offset+rows {
			t.Fatalf("%s: cursor %d off screen (offset %d)", st.key, m.list.cursor, m.list.offset)
		}
	}
	if !strings.Contains(screenText(m), "30/30") {
		t.Errorf("position not shown:\n%s", screenText(m))
	}
}

func TestReaderScrollKeys(t *testing.T) {
	opts := fixtureOptions()
	long := strings.Repeat("A line of the long article.\n\n", 80)
	opts.Body = func(model.Article) (string, error) { return long, nil }
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	m = keys(t, m, "enter")
	h := m.reader.vp.Height()
	y := func() int { return m.reader.vp.YOffset() }
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0},
		{"space", h}, {"pgup", 0}, {"pgdown", h}, {"ctrl+u", h - h/2}, {"ctrl+d", h - h/2 + h/2},
		{"g", 0}, {"home", 0},
	}
	for _, st := range steps {
		m = keys(t, m, st.key)
		if y() != st.want {
			t.Fatalf("%s: offset %d, want %d", st.key, y(), st.want)
		}
	}
	m = keys(t, m, "G")
	if !m.reader.vp.AtBottom() || !strings.Contains(screenText(m), "100%") {
		t.Errorf("G: not at the bottom")
	}
	m = keys(t, m, "end", "g")
	if !strings.Contains(screenText(m), " 0% ") {
		t.Errorf("scroll percentage not shown:\n%s", screenText(m))
	}
	if selectedIndex(m) != 29 {
		t.Errorf("scrolling moved the list to %d", selectedIndex(m))
	}
}

func TestQuitKeys(t *testing.T) {
	m := newTestApp(t, 160, 48)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := sendCmd(t, m, keyPress(k))
		if !quits(t, cmd) {
			t.Errorf("%s does not quit", k)
		}
	}
	if m.ctx.Err() == nil {
		t.Error("quitting does not cancel the load")
	}
	_, cmd := sendCmd(t, m, keyPress("j"))
	if quits(t, cmd) {
		t.Error("j quits")
	}
}

func TestRemovedArticleLeavesCursorNearby(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "j", "j") // position 2: article 27
	if selectedIndex(m) != 27 {
		t.Fatalf("selected %d", selectedIndex(m))
	}
	m = send(t, m, batchMsg{batch: model.Batch{Removed: []model.ID{fixtureID(27), fixtureID(0)}}})
	if m.coll.Len() != 28 || len(m.visible) != 28 {
		t.Fatalf("after removal: %d articles, %d visible", m.coll.Len(), len(m.visible))
	}
	if m.list.cursor != 2 || selectedIndex(m) != 26 {
		t.Errorf("cursor %d on %d, want 2 on 26", m.list.cursor, selectedIndex(m))
	}
	if strings.Contains(screenText(m), "28/30") || !strings.Contains(screenText(m), "3/28") {
		t.Errorf("position indicator not updated:\n%s", screenText(m))
	}
}

func TestMergeAppliesRemovalsInOrder(t *testing.T) {
	arts := fixtureArticles()
	var into model.Batch
	merge(&into, model.Batch{Articles: arts[:3]})
	merge(&into, model.Batch{Removed: []model.ID{arts[1].ID}})
	merge(&into, model.Batch{Articles: arts[3:4], Removed: []model.ID{arts[2].ID}})
	c := model.NewCollection()
	c.Apply(into)
	got := c.IDs()
	if len(got) != 2 {
		t.Fatalf("merged batch gives %d articles, want 2 (0 and 3)", len(got))
	}
	if _, ok := c.Article(arts[1].ID); ok {
		t.Errorf("an article added then removed survived the merge")
	}
}

func TestOpenAndCopyTheAddress(t *testing.T) {
	var opened []string
	opts := fixtureOptions()
	opts.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	arts := fixtureArticles()
	arts[29].URL = "https://example.org/a?b=1&c=$(x)"
	arts[28].URL = "javascript:alert(1)"
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts}, done: true})
	m.setFocus(paneList)

	// o: the web address, through OpenURL, as one string.
	m, cmd := sendCmd(t, m, keyPress("o"))
	for _, msg := range cmdMsgs(t, cmd) {
		m, _ = sendCmd(t, m, msg)
	}
	if !slices.Equal(opened, []string{arts[29].URL}) || !strings.Contains(m.flash, "Opened https://example.org/a") {
		t.Fatalf("o: opened %q, flash %q", opened, m.flash)
	}
	// y: the address goes to the clipboard.
	m, cmd = sendCmd(t, m, keyPress("y"))
	if cmd == nil || !strings.Contains(m.flash, "Copied the address") {
		t.Errorf("y: cmd %v, flash %q", cmd != nil, m.flash)
	}
	// Not a web address: o refuses, y copies the file's path.
	m = keys(t, m, "j")
	m, cmd = sendCmd(t, m, keyPress("o"))
	if cmd != nil || len(opened) != 1 || !strings.Contains(m.flash, "no web address") {
		t.Errorf("o on javascript: opened %q, flash %q", opened, m.flash)
	}
	m, _ = sendCmd(t, m, keyPress("y"))
	if !strings.Contains(m.flash, "Copied the file path") {
		t.Errorf("y without an address: flash %q", m.flash)
	}
	// A browser that fails says so.
	m.opts.OpenURL = func(string) error { return errors.New("no browser found") }
	m = keys(t, m, "k")
	m, cmd = sendCmd(t, m, keyPress("o"))
	for _, msg := range cmdMsgs(t, cmd) {
		m, _ = sendCmd(t, m, msg)
	}
	if !strings.Contains(m.flash, "Could not open the browser: no browser found") {
		t.Errorf("failed open: flash %q", m.flash)
	}
}
