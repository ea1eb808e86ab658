package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// placedApp starts the fixture at a place, with marks, loaded in three
// batches as fixtureLoad sends them.
func placedApp(t *testing.T, h int, p model.Place, moves ...string) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.Marks = &fakeMarks{marks: map[model.ID]model.Mark{fixtureID(29): {Read: true}}}
	opts.Place = &p
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: h})
	m = keys(t, m, moves...)
	arts := fixtureArticles()
	for i := 0; i < 30; i += 10 {
		m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[i : i+10]}})
	}
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Progress: model.Progress{Done: true}}, done: true})
	return runAll(t, m, cmd)
}

func TestPlaceComesBack(t *testing.T) {
	p := model.Place{
		Tags: []string{"Weather"}, Exclude: []string{"solo"}, Search: "", Sort: model.SortOldest,
		Unread: true, Selected: fixtureID(24), HasSel: true, Row: 3, Reading: true,
	}
	// #weather is on every third article: 0, 3 … 27 (29 left out); 24 is
	// the ninth of ten, and the list shows 6 rows.
	m := placedApp(t, 10, p)
	if !slices.Equal(m.query.Tags, []string{"weather"}) || !slices.Equal(m.query.Exclude, []string{"solo"}) ||
		m.query.Sort != model.SortOldest || !m.smart.unread {
		t.Fatalf("filters not restored: %+v, smart %+v", m.query, m.smart)
	}
	if id, _ := m.list.selected(); id != fixtureID(24) {
		t.Fatalf("selected %v, want article 24", id)
	}
	if m.list.cursor-m.list.offset != 3 {
		t.Errorf("row on screen %d, want 3", m.list.cursor-m.list.offset)
	}
	if m.focus != paneReader || !m.reading {
		t.Errorf("the article is not open again: focus %v", m.focus)
	}
	// What Place gives back is what came in (tag keys normalized).
	got := m.Place()
	p.Tags = []string{"weather"}
	if !slices.Equal(got.Tags, p.Tags) || !slices.Equal(got.Exclude, p.Exclude) || got.Sort != p.Sort ||
		got.Unread != p.Unread || got.Selected != p.Selected || got.Row != p.Row || got.Reading != p.Reading {
		t.Errorf("Place() = %+v, want %+v", got, p)
	}
}

func TestPlaceGivesWayToTheUser(t *testing.T) {
	// The user moves before the article arrives: the cursor is theirs.
	m := placedApp(t, 48, model.Place{Selected: fixtureID(5), HasSel: true, Reading: true}, "j")
	if id, _ := m.list.selected(); id == fixtureID(5) || m.focus == paneReader {
		t.Errorf("the restore overrode the user's move: selected %v, focus %v", id, m.focus)
	}
	// An article that is gone: the top of the list, nothing open.
	m = placedApp(t, 48, model.Place{Selected: model.ID(12345), HasSel: true, Reading: true})
	if m.list.cursor != 0 || m.focus == paneReader {
		t.Errorf("gone article: cursor %d, focus %v", m.list.cursor, m.focus)
	}
}
