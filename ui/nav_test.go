package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestNextPreviousSayWhenAtAnEnd: n on the last article and p on the
// first stay there and say so in the status line.
func TestNextPreviousSayWhenAtAnEnd(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "enter", "p")
	if selectedIndex(m) != 29 || m.flash != "First article" {
		t.Errorf("p on the first: selected %d, flash %q", selectedIndex(m), m.flash)
	}
	if !strings.Contains(screenText(m), "First article") {
		t.Errorf("status line lacks the message:\n%s", screenText(m))
	}
	m = keys(t, m, "n")
	if selectedIndex(m) != 28 || m.flash != "" {
		t.Errorf("n: selected %d, flash %q", selectedIndex(m), m.flash)
	}
	m = keys(t, m, "h", "G", "l", "n")
	if selectedIndex(m) != 0 || m.focus != paneReader || m.flash != "Last article" {
		t.Errorf("n on the last: selected %d, focus %v, flash %q", selectedIndex(m), m.focus, m.flash)
	}
}

// TestEditSaysWhyThereIsNoFile: e without an editor (the built-in demo)
// or on an article without a file says why, from the list and the reader.
func TestEditSaysWhyThereIsNoFile(t *testing.T) {
	m := newTestApp(t, 160, 48) // no Options.Edit
	m, cmd := sendCmd(t, m, keyPress("e"))
	if cmd != nil && len(cmdMsgs(t, cmd)) != 0 || !strings.Contains(m.flash, "No file to edit") {
		t.Errorf("e without an editor: flash %q", m.flash)
	}
	m = keys(t, m, "enter", "e")
	if !strings.Contains(m.flash, "No file to edit") {
		t.Errorf("e in the reader without an editor: flash %q", m.flash)
	}

	opts := fixtureOptions()
	asked := 0
	opts.Edit = func(model.Article) (tea.ExecCommand, error) { asked++; return fakeExec{}, nil }
	arts := fixtureArticles()
	arts[29].Path = ""
	m = loadedApp(t, opts, 160, 48, arts)
	m = drive(t, m, func() tea.Msg { return keyPress("e") })
	if asked != 0 || m.flash != "This article has no file to edit" {
		t.Errorf("e on an article without a file: editor asked %d times, flash %q", asked, m.flash)
	}
}

// markedFixture is the fixture at w×h with marks kept: read are the
// articles of read (the list shows 29 first, 0 last).
func markedFixture(t *testing.T, w, h int, opts Options, read ...int) (Model, *fakeMarks) {
	t.Helper()
	store := &fakeMarks{marks: map[model.ID]model.Mark{}}
	for _, i := range read {
		store.marks[fixtureID(i)] = model.Mark{Read: true}
	}
	opts.Marks = store
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	return runAll(t, m, cmd), store
}

// TestNextUnread: N and P go to the next and previous unread article in
// the list's order, from the list (the cursor moves, nothing is marked)
// and from the reader (which shows it, opened as n opens one), and say
// when there is none left rather than wrap.
func TestNextUnread(t *testing.T) {
	opts := fixtureOptions()
	opts.MarkOnOpen = true
	m, _ := markedFixture(t, 160, 48, opts, 29, 27, 26, 0)
	steps := []struct {
		key   string
		want  int
		flash string
	}{
		{"N", 28, ""}, {"N", 25, ""}, {"P", 28, ""}, {"P", 28, "No more unread articles"},
		{"G", 0, ""}, {"P", 1, ""}, {"N", 1, "No more unread articles"},
	}
	for i, st := range steps {
		m = press(t, m, st.key)
		if selectedIndex(m) != st.want || m.flash != st.flash {
			t.Fatalf("step %d (%s): selected %d, flash %q; want %d, %q", i, st.key, selectedIndex(m), m.flash, st.want, st.flash)
		}
	}
	if m.focus != paneList || m.marks.of[fixtureID(28)].Read || m.marks.of[fixtureID(25)].Read {
		t.Errorf("N in the list opened or marked an article: focus %v", m.focus)
	}
	m = press(t, m, "g", "N", "enter", "N")
	if selectedIndex(m) != 25 || m.focus != paneReader || m.reader.have.id != fixtureID(25) {
		t.Fatalf("N in the reader: selected %d, focus %v, reader on %v", selectedIndex(m), m.focus, m.reader.have.id)
	}
	if !m.marks.of[fixtureID(25)].Read {
		t.Error("N in the reader did not open the article as n does (mark_on_open)")
	}
	if !strings.Contains(screenText(m), "Body of article 25.") {
		t.Errorf("the reader does not show the article:\n%s", screenText(m))
	}
	// 28 was read as it was opened, 29 was read before.
	m = press(t, m, "P")
	if selectedIndex(m) != 25 || m.reader.have.id != fixtureID(25) || m.flash != "No more unread articles" {
		t.Errorf("P in the reader with none unread before: selected %d, flash %q", selectedIndex(m), m.flash)
	}
	m = press(t, m, "N")
	if selectedIndex(m) != 24 || m.reader.have.id != fixtureID(24) {
		t.Errorf("N in the reader: selected %d", selectedIndex(m))
	}
}

// TestMarkOnScrollEnd: with MarkOnScrollEnd, an article is marked read
// once its end has been shown in the reader with the focus — at once for
// one that fits, at G for a long one — and the preview beside the list
// never marks; m makes it unread again for good while it stays.
func TestMarkOnScrollEnd(t *testing.T) {
	opts := fixtureOptions()
	opts.MarkOnScrollEnd = true // MarkOnOpen false: marks come from the end only
	long := strings.Repeat("A line of the long article.\n\n", 80)
	opts.Body = func(a model.Article) (string, error) {
		if a.ID == fixtureID(29) {
			return long, nil
		}
		return a.Body, nil
	}
	m, store := markedFixture(t, 160, 48, opts)
	read := func(i int) bool { return m.marks.of[fixtureID(i)].Read }
	m = press(t, m, "j", "j") // the preview shows all of 27
	if _, atEnd := m.reader.endShown(); !atEnd || read(27) || len(store.changes) != 0 {
		t.Fatalf("the preview marked: at end %v, changes %q", atEnd, store.changes)
	}
	m = press(t, m, "enter")
	if !read(27) || !store.marks[fixtureID(27)].Read {
		t.Fatal("an article that fits was not marked when read with the focus")
	}
	m = press(t, m, "esc", "g", "enter") // 29, long
	if read(29) {
		t.Fatal("marked before its end was shown")
	}
	m = press(t, m, "j", "space")
	if read(29) {
		t.Fatal("marked before its end was shown")
	}
	m = press(t, m, "G")
	if !read(29) {
		t.Fatal("G in the reader did not mark at the end")
	}
	m = press(t, m, "m", "k", "G")
	if read(29) {
		t.Error("m at the end was undone by the end again")
	}
}

// TestNextUnreadRemapped: next_unread and prev_unread take other keys
// from the configuration, and a clash in their places is an error.
func TestNextUnreadRemapped(t *testing.T) {
	km, err := NewKeyMap([]KeyOverride{{Action: "next_unread", Keys: []string{"J"}, Line: 2}, {Action: "prev_unread", Keys: []string{"K"}, Line: 3}})
	if err != nil {
		t.Fatal(err)
	}
	opts := fixtureOptions()
	opts.Keys = &km
	m, _ := markedFixture(t, 160, 48, opts, 28)
	m = press(t, m, "J")
	if selectedIndex(m) != 27 {
		t.Errorf("J as next_unread: selected %d", selectedIndex(m))
	}
	m = press(t, m, "N", "K")
	if selectedIndex(m) != 29 {
		t.Errorf("N unbound, K as prev_unread: selected %d", selectedIndex(m))
	}
	if _, err := NewKeyMap([]KeyOverride{{Action: "next_unread", Keys: []string{"e"}, Line: 4}}); err == nil || !strings.Contains(err.Error(), "edit") {
		t.Errorf("next_unread on e (edit's key): %v", err)
	}
}
