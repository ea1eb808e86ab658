package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// fakeMarks keeps marks in memory and records the changes.
type fakeMarks struct {
	mu      sync.Mutex
	marks   map[model.ID]model.Mark
	changes []string
}

func (f *fakeMarks) Get(context.Context, []model.Article) (map[model.ID]model.Mark, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[model.ID]model.Mark{}
	for id, mk := range f.marks {
		out[id] = mk
	}
	return out, nil
}

func (f *fakeMarks) Set(_ context.Context, c model.MarkChange, arts []model.Article) (func(context.Context) error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	before := map[model.ID]model.Mark{}
	for _, a := range arts {
		before[a.ID] = f.marks[a.ID]
		f.marks[a.ID] = c.Apply(f.marks[a.ID])
		f.changes = append(f.changes, a.Title)
	}
	return func(context.Context) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		for id, mk := range before {
			f.marks[id] = mk
		}
		f.changes = append(f.changes, "undo")
		return nil
	}, nil
}

// runAll runs cmd and delivers every message it makes (no load, no tick).
func runAll(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range cmdMsgs(t, cmd) {
		var next tea.Cmd
		m, next = sendCmd(t, m, msg)
		if _, ok := msg.(renderedMsg); !ok && next != nil {
			m = runAll(t, m, next)
		}
	}
	return m
}

func TestMarks(t *testing.T) {
	store := &fakeMarks{marks: map[model.ID]model.Mark{fixtureID(29): {Read: true}, fixtureID(28): {Starred: true}}}
	opts := fixtureOptions()
	opts.Marks, opts.MarkOnOpen = store, true
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	m = runAll(t, m, cmd)
	row := func(i int) string { return lineWith(screenText(m), fixtureTitles[i]) }
	// Markers: read shows none, starred ★, unread •.
	if r := row(29); strings.Contains(r, "•") || strings.Contains(r, "★") {
		t.Errorf("read article's row %q", r)
	}
	if r := row(28); !strings.Contains(r, "★") {
		t.Errorf("starred article's row %q", r)
	}
	if r := row(27); !strings.Contains(r, "•") {
		t.Errorf("unread article's row %q", r)
	}
	// Moving over an article does not mark it; opening it does.
	m = keys(t, m, "j")
	if m.marks.of[fixtureID(28)].Read {
		t.Fatal("moving the cursor marked an article read")
	}
	m, cmd = sendCmd(t, m, keyPress("enter"))
	m = runAll(t, m, cmd)
	if !m.marks.of[fixtureID(28)].Read || !store.marks[fixtureID(28)].Read {
		t.Fatalf("enter did not mark read: screen %v, store %v", m.marks.of[fixtureID(28)], store.marks[fixtureID(28)])
	}
	// n marks the next one read; * stars it; m makes it unread again.
	m, cmd = sendCmd(t, m, keyPress("n"))
	m = runAll(t, m, cmd)
	m, cmd = sendCmd(t, m, keyPress("*"))
	m = runAll(t, m, cmd)
	m, cmd = sendCmd(t, m, keyPress("m"))
	m = runAll(t, m, cmd)
	if got := store.marks[fixtureID(27)]; got != (model.Mark{Starred: true}) {
		t.Errorf("after n, * and m: %+v", got)
	}
	// U takes back m, then *, then the read mark of n, one by one.
	for _, want := range []model.Mark{{Read: true, Starred: true}, {Read: true}, {}} {
		m, cmd = sendCmd(t, m, keyPress("U"))
		m = runAll(t, m, cmd)
		if m.marks.of[fixtureID(27)] != want || store.marks[fixtureID(27)] != want {
			t.Errorf("after U: screen %+v, store %+v, want %+v", m.marks.of[fixtureID(27)], store.marks[fixtureID(27)], want)
		}
	}
	if want := []string{fixtureTitles[28], fixtureTitles[27], fixtureTitles[27], fixtureTitles[27], "undo", "undo", "undo"}; !slices.Equal(store.changes, want) {
		t.Errorf("changes %q, want %q", store.changes, want)
	}
}

func TestNoMarkOnOpenWhenTurnedOff(t *testing.T) {
	store := &fakeMarks{marks: map[model.ID]model.Mark{}}
	opts := fixtureOptions()
	opts.Marks = store // MarkOnOpen false
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles(), Progress: model.Progress{Done: true}}, done: true})
	m = runAll(t, m, cmd)
	m, cmd = sendCmd(t, m, keyPress("enter"))
	m = runAll(t, m, cmd)
	if len(store.changes) != 0 || m.marks.of[fixtureID(29)].Read {
		t.Errorf("marked on open although turned off: %q", store.changes)
	}
}
