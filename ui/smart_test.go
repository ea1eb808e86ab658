package ui

import (
	"context"
	"errors"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// newMarkedApp is the fixture at w×h with marks kept: article 29 read, 28
// starred, the rest unread.
func newMarkedApp(t *testing.T, w, h int) (Model, *fakeMarks) {
	t.Helper()
	store := &fakeMarks{marks: map[model.ID]model.Mark{fixtureID(29): {Read: true}, fixtureID(28): {Starred: true}}}
	opts := fixtureOptions()
	opts.Marks, opts.MarkOnOpen = store, true
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	return runAll(t, m, cmd), store
}

// press sends keys one by one and delivers what their commands make.
func press(t *testing.T, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		var cmd tea.Cmd
		m, cmd = sendCmd(t, m, keyPress(k))
		m = runAll(t, m, cmd)
	}
	return m
}

func TestSidebarSmartEntriesAndUnreadCounts(t *testing.T) {
	m, _ := newMarkedApp(t, 160, 48)
	lines := paneLines(m, paneTags)
	if !strings.Contains(lines[0], "All") || !strings.Contains(lines[1], "Unread") || !strings.Contains(lines[2], "Starred") {
		t.Fatalf("sidebar does not start with All, Unread, Starred:\n%s", strings.Join(lines[:4], "\n"))
	}
	if f := strings.Fields(sidebarRow(m, "Unread")); f[len(f)-1] != "29" {
		t.Errorf("Unread row %q, want 29", sidebarRow(m, "Unread"))
	}
	if f := strings.Fields(sidebarRow(m, "Starred")); f[len(f)-1] != "1" {
		t.Errorf("Starred row %q, want 1", sidebarRow(m, "Starred"))
	}
	// python is on 20–29, and 29 is read: 9 of 10 unread.
	if f := strings.Fields(sidebarRow(m, "python")); f[len(f)-1] != "9/10" {
		t.Errorf("python row %q, want 9/10", sidebarRow(m, "python"))
	}
	// Reading one lowers the counts at once (29 is read already).
	m = press(t, m, "j", "enter")
	if f := strings.Fields(sidebarRow(m, "Unread")); f[len(f)-1] != "28" {
		t.Errorf("after reading one, Unread row %q, want 28", sidebarRow(m, "Unread"))
	}
}

func TestUnreadViewKeepsWhatIsReadInItDimmed(t *testing.T) {
	m, store := newMarkedApp(t, 160, 48)
	m = press(t, m, "u")
	if !m.smart.unread || slices.Contains(m.visible, fixtureID(29)) || len(m.visible) != 29 {
		t.Fatalf("u: smart %+v, %d visible, read one in: %v", m.smart, len(m.visible), slices.Contains(m.visible, fixtureID(29)))
	}
	if !strings.Contains(screenText(m), "Articles · Unread") {
		t.Errorf("list title does not say Unread:\n%s", screenText(m))
	}
	first, _ := m.list.selected()
	// Opening marks it read; it stays, dimmed, and the cursor stays on it.
	m = press(t, m, "enter", "esc")
	if !store.marks[first].Read {
		t.Fatal("enter did not mark read")
	}
	if id, _ := m.list.selected(); id != first || !slices.Contains(m.visible, first) {
		t.Fatalf("the article read vanished or moved: selected %v, visible %v", id, slices.Contains(m.visible, first))
	}
	// Off the cursor, its row is dim (plain theme: faint).
	m = keys(t, m, "j")
	if row := lineWith(m.View().Content, fixtureTitles[28]); !strings.Contains(row, "\x1b[2m") {
		t.Errorf("the article read is not dimmed: %q", row)
	}
	// Through a change of tags too.
	m = press(t, m, "s")
	if !slices.Contains(m.visible, first) {
		t.Error("sorting dropped the article read in the view")
	}
	// Leaving the view lets it go; coming back, it is not there.
	m = press(t, m, "u", "u")
	if slices.Contains(m.visible, first) {
		t.Error("the article read stays after leaving the Unread view")
	}
	// c clears the smart entries with the tags.
	m = press(t, m, "c")
	if m.smart.on() || len(m.visible) != 30 {
		t.Errorf("c: smart %+v, %d visible", m.smart, len(m.visible))
	}
}

func TestStarredEntryCombinesWithTags(t *testing.T) {
	m, _ := newMarkedApp(t, 160, 48)
	m = press(t, m, "t", "j", "j", "enter") // the Starred entry
	if !m.smart.starred || !slices.Equal(m.visible, []model.ID{fixtureID(28)}) {
		t.Fatalf("Starred: smart %+v, visible %v", m.smart, m.visible)
	}
	if !strings.Contains(sidebarRow(m, "Starred"), "●") {
		t.Errorf("Starred row not marked on: %q", sidebarRow(m, "Starred"))
	}
	// With a tag the starred article does not have: nothing, with a hint.
	m.query.Tags = []string{"go"}
	m.refilter()
	if len(m.visible) != 0 || !strings.Contains(paneText(m, paneList), "press c") {
		t.Errorf("Starred + #Go: %v\n%s", m.visible, paneText(m, paneList))
	}
}

func TestMarkAllReadAsksFirst(t *testing.T) {
	m, store := newMarkedApp(t, 160, 48)
	m.query.Tags = []string{"python"}
	m.refilter()
	m = press(t, m, "M")
	if m.question == nil || !strings.Contains(screenText(m), "Mark 9 articles read?") || !strings.Contains(screenText(m), "y yes") {
		t.Fatalf("M did not ask:\n%s", screenText(m))
	}
	m = press(t, m, "n")
	if m.question != nil || store.marks[fixtureID(20)].Read {
		t.Fatal("n did not cancel")
	}
	m = press(t, m, "M", "y")
	for i := 20; i < 30; i++ {
		if !store.marks[fixtureID(i)].Read || !m.marks.of[fixtureID(i)].Read {
			t.Errorf("article %d not read after M y", i)
		}
	}
	if store.marks[fixtureID(19)].Read {
		t.Error("M marked an article outside the list")
	}
	// One U takes the whole change back.
	m = press(t, m, "U")
	if store.marks[fixtureID(20)].Read || !store.marks[fixtureID(29)].Read {
		t.Errorf("U after M: 20 %+v, 29 %+v", store.marks[fixtureID(20)], store.marks[fixtureID(29)])
	}
	// Nothing unread: nothing to ask.
	m = press(t, m, "M", "y", "M")
	if m.question != nil || m.flash != "Everything here is read" {
		t.Errorf("M with all read: question %v, flash %q", m.question, m.flash)
	}
}

func TestExcludeTag(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "t")
	for k, _ := m.tags.current(); ; k, _ = m.tags.current() {
		if _, key := m.tags.current(); key == "python" || k == entryTag && m.tags.cursor > 20 {
			break
		}
		m = keys(t, m, "j")
	}
	m = keys(t, m, "x")
	if !slices.Equal(m.query.Exclude, []string{"python"}) || len(m.visible) != 20 {
		t.Fatalf("x on python: exclude %v, %d visible", m.query.Exclude, len(m.visible))
	}
	if row := sidebarRow(m, "-python"); row == "" {
		t.Errorf("the excluded tag is not shown as -python:\n%s", strings.Join(paneLines(m, paneTags), "\n"))
	}
	if !strings.Contains(screenText(m), "-#python") {
		t.Errorf("list title does not show the exclusion:\n%s", screenText(m))
	}
	// enter on an excluded tag lets it in again; so does x.
	m = keys(t, m, "enter")
	if len(m.query.Exclude) != 0 || len(m.visible) != 30 {
		t.Errorf("enter on -python: exclude %v, %d visible", m.query.Exclude, len(m.visible))
	}
	// x on All says what x is for.
	m = keys(t, m, "g", "x")
	if len(m.query.Exclude) != 0 || !strings.Contains(m.flash, "Only a tag") {
		t.Errorf("x on All: exclude %v, flash %q", m.query.Exclude, m.flash)
	}
}

func TestAnyTagMatching(t *testing.T) {
	opts := fixtureOptions()
	opts.AnyTag = true
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	m.query.Tags = []string{"go", "python"}
	m.refilter()
	if len(m.visible) != 20 { // 0–9 and 20–29
		t.Errorf("any of #Go, #python: %d visible, want 20", len(m.visible))
	}
	if !strings.Contains(screenText(m), "#Go / #python") {
		t.Errorf("title does not say any:\n%s", screenText(m))
	}
}

func TestTagPicker(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "T")
	if m.overlay != overlayPicker || !strings.Contains(screenText(m), "#weather") {
		t.Fatalf("T did not open the tag picker:\n%s", screenText(m))
	}
	m = typeText(t, m, "pyth")
	m = keys(t, m, "enter")
	if m.overlay != overlayNone || !slices.Equal(m.query.Tags, []string{"python"}) || len(m.visible) != 10 {
		t.Fatalf("picking python: overlay %v, tags %v, %d visible", m.overlay, m.query.Tags, len(m.visible))
	}
	if _, k := m.tags.current(); k != "python" {
		t.Errorf("the sidebar cursor is on %q, not the tag picked", k)
	}
	// esc closes without a change; keys under it are not run.
	m = keys(t, m, "T", "q", "esc", "esc")
	if m.overlay != overlayNone || !slices.Equal(m.query.Tags, []string{"python"}) {
		t.Errorf("esc: overlay %v, tags %v", m.overlay, m.query.Tags)
	}
}

func TestLinkPicker(t *testing.T) {
	opts := fixtureOptions()
	var opened []string
	var mu sync.Mutex
	opts.OpenURL = func(u string) error { mu.Lock(); opened = append(opened, u); mu.Unlock(); return nil }
	arts := fixtureArticles()
	arts[29].Body = "See [the harbour plan](https://example.com/harbour) and [minutes](https://example.org/minutes.pdf).\n\nAlso [a script](javascript:alert(1))."
	m := loadedApp(t, opts, 160, 48, arts)
	m = press(t, m, "enter", "L")
	if m.overlay != overlayPicker || !strings.Contains(screenText(m), "https://example.org/minutes.pdf") {
		t.Fatalf("L did not list the links:\n%s", screenText(m))
	}
	m = press(t, m, "down", "enter")
	if !slices.Equal(opened, []string{"https://example.org/minutes.pdf"}) || m.flash != "Opened https://example.org/minutes.pdf" {
		t.Fatalf("enter on the second link: opened %q, flash %q", opened, m.flash)
	}
	// Not a web address: shown, not opened.
	m = press(t, m, "L", "end", "enter")
	if len(opened) != 1 || !strings.Contains(m.flash, "javascript:alert(1)") {
		t.Errorf("javascript link: opened %q, flash %q", opened, m.flash)
	}
	// An article without links says so.
	m = press(t, m, "n", "L")
	if m.overlay != overlayNone || m.flash != "This article has no links" {
		t.Errorf("no links: overlay %v, flash %q", m.overlay, m.flash)
	}
}

// switchLoad serves the fixture, without the articles listed in gone.
type switchLoad struct {
	mu   sync.Mutex
	gone map[model.ID]bool
	runs int
}

func (s *switchLoad) load(_ context.Context, send func(model.Batch)) error {
	s.mu.Lock()
	s.runs++
	var arts []model.Article
	for _, a := range fixtureArticles() {
		if !s.gone[a.ID] {
			arts = append(arts, a)
		}
	}
	s.mu.Unlock()
	send(model.Batch{Articles: arts, Progress: model.Progress{Done: true}})
	return nil
}

// drive runs cmd's messages through m until nothing is left, the load's
// included.
func drive(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range cmdMsgs(t, cmd) {
		var next tea.Cmd
		m, next = sendCmd(t, m, msg)
		m = drive(t, m, next)
	}
	return m
}

func TestReloadKeepsTheCursorAndDropsWhatIsGone(t *testing.T) {
	src := &switchLoad{gone: map[model.ID]bool{}}
	opts := fixtureOptions()
	opts.Load = src.load
	opts.Body = nil
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = drive(t, m, m.Init())
	m = keys(t, m, "j", "j", "j")
	at, _ := m.list.selected()
	src.mu.Lock()
	src.gone[fixtureID(29)] = true // the newest, above the cursor
	src.mu.Unlock()
	m, cmd := sendCmd(t, m, keyPress("r"))
	if h := lineWith(screenText(m), "newsline"); !strings.Contains(h, "Reloading… 30 articles") {
		t.Errorf("r: header %q", h)
	}
	m = drive(t, m, cmd)
	if src.runs != 2 || m.coll.Len() != 29 || m.flash != "Reloaded" {
		t.Fatalf("after r: %d runs, %d articles, flash %q", src.runs, m.coll.Len(), m.flash)
	}
	if id, _ := m.list.selected(); id != at {
		t.Errorf("reload moved the cursor off its article")
	}
}

// fakeExec stands for the editor.
type fakeExec struct{}

func (fakeExec) Run() error          { return nil }
func (fakeExec) SetStdin(io.Reader)  {}
func (fakeExec) SetStdout(io.Writer) {}
func (fakeExec) SetStderr(io.Writer) {}

func TestEditOpensTheFileThenReloads(t *testing.T) {
	src := &switchLoad{gone: map[model.ID]bool{}}
	opts := fixtureOptions()
	opts.Load = src.load
	var edited []string
	opts.Edit = func(a model.Article) (tea.ExecCommand, error) {
		edited = append(edited, a.Path)
		if a.ID == fixtureID(28) {
			return nil, errors.New("no file for this one")
		}
		return fakeExec{}, nil
	}
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = drive(t, m, m.Init())
	m, cmd := sendCmd(t, m, keyPress("e"))
	if len(edited) != 0 {
		t.Fatal("Update asked for the editor: finding the file reads the disk")
	}
	// The editor's command is made off the event loop, then run.
	for _, msg := range cmdMsgs(t, cmd) {
		m, cmd = sendCmd(t, m, msg)
	}
	if cmd == nil || !slices.Equal(edited, []string{"/news/fixture/29.md"}) {
		t.Fatalf("e: command %v, edited %q", cmd != nil, edited)
	}
	// The editor ends: the collection is read again.
	m = drive(t, m, func() tea.Msg { return editedMsg{} })
	if src.runs != 2 {
		t.Errorf("after the editor: %d loads, want 2", src.runs)
	}
	m = drive(t, m, func() tea.Msg { return editedMsg{err: errors.New("exit status 1")} })
	if !strings.Contains(m.flash, "exit status 1") || src.runs != 2 {
		t.Errorf("a failed editor: flash %q, %d loads", m.flash, src.runs)
	}
	m = keys(t, m, "j")
	m, cmd = sendCmd(t, m, keyPress("e"))
	m = drive(t, m, cmd)
	if !strings.Contains(m.flash, "no file for this one") {
		t.Errorf("Edit's error: flash %q", m.flash)
	}
}

// TestDimmedRowsFollowTheView: a row dimmed in the Unread view is drawn
// plain again once the view is left (c), not from a stale drawing.
func TestDimmedRowsFollowTheView(t *testing.T) {
	m, _ := newMarkedApp(t, 160, 48)
	m = press(t, m, "u", "m", "j")
	dim := func() bool { return strings.Contains(lineWith(m.View().Content, fixtureTitles[28]), "\x1b[2m") }
	if !dim() {
		t.Fatal("the article read in the Unread view is not dimmed")
	}
	m = press(t, m, "c")
	if dim() {
		t.Error("the row stays dimmed after leaving the Unread view")
	}
}

// TestMarkCountsMoveWithTheChange: after any sequence of mark changes and
// undos, the sidebar's counts, moved change by change, are what counting
// them all again gives.
func TestMarkCountsMoveWithTheChange(t *testing.T) {
	m, _ := newMarkedApp(t, 160, 48)
	m = press(t, m, "t", "j", "j", "j", "enter", "tab") // #Go, in the list
	r := rand.New(rand.NewPCG(3, 4))
	keys := []string{"m", "*", "U", "j", "k", "enter", "esc", "u"}
	for i := range 300 {
		k := keys[r.IntN(len(keys))]
		m = press(t, m, k)
		moved := m.tags
		full := m
		full.updateSidebar()
		if !maps.Equal(moved.unread, full.tags.unread) || moved.unreadN != full.tags.unreadN || moved.starredN != full.tags.starredN {
			t.Fatalf("after key %d (%s): moved %v %d %d, counted %v %d %d", i, k,
				moved.unread, moved.unreadN, moved.starredN, full.tags.unread, full.tags.unreadN, full.tags.starredN)
		}
	}
}
