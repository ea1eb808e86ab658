package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// indexFirst answers Options.First as an index would: from every article,
// with the model's own order and counts. It gives at most firstPage rows,
// fewer than the fixture has, so that the first screen is a part.
func indexFirst(arts []model.Article, asked *[]model.Query) func(context.Context, model.Query, int) (FirstScreen, error) {
	return func(_ context.Context, q model.Query, n int) (FirstScreen, error) {
		if asked != nil {
			*asked = append(*asked, q)
		}
		c := model.NewCollection(model.ExternalSearch())
		c.Apply(model.Batch{Articles: arts})
		ids := c.Visible(q)
		var s FirstScreen
		for _, id := range ids[:min(n, firstPage, len(ids))] {
			a, _ := c.Article(id)
			s.Articles = append(s.Articles, a)
		}
		s.Total, s.Tags = c.Len(), c.Tags()
		return s, nil
	}
}

const firstPage = 12

// askFirst is the command Init starts for the first screen.
func askFirst(m Model) tea.Cmd { return firstCmd(m.ctx, m.opts, m.query, m.smart.on()) }

// firstApp is the fixture at 160x48 with Options.First, and the first
// screen delivered before any batch.
func firstApp(t *testing.T, q model.Query) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.Query = q
	opts.Search = func(context.Context, string) (model.Found, error) { return model.Found{}, nil }
	opts.First = indexFirst(fixtureArticles(), nil)
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	return send(t, m, askFirst(m)())
}

// streamIn sends the fixture in file order in batches of size, as a warm
// start does (Known set), calling each after every batch.
func streamIn(t *testing.T, m Model, size int, each func(Model, int)) Model {
	t.Helper()
	arts := fixtureArticles()
	for i := 0; i < len(arts); i += size {
		end := min(i+size, len(arts))
		m = send(t, m, batchMsg{batch: model.Batch{Articles: arts[i:end],
			Progress: model.Progress{Articles: end, Known: len(arts)}}})
		each(m, end)
	}
	return m
}

func TestFirstScreenComesBeforeTheStreamAndStays(t *testing.T) {
	m := firstApp(t, model.Query{})
	if !m.first.on {
		t.Fatal("the first screen is not up")
	}
	want := newest()
	if got := visibleIndexes(m); !slices.Equal(got, want[:firstPage]) {
		t.Fatalf("first screen rows %v, want %v", got, want[:firstPage])
	}
	s := screenText(m)
	if !strings.Contains(s, "30 articles · loading the list…") {
		t.Errorf("header does not give the whole collection's size:\n%s", lineWith(s, "articles"))
	}
	if !strings.Contains(s, "newest first · 1/30") || !strings.Contains(s, "Reader · 1/30") {
		t.Errorf("list footer does not count the whole list:\n%s", lineWith(s, "newest first"))
	}
	if row := sidebarRow(m, "weather"); !strings.Contains(row, "10") {
		t.Errorf("sidebar's weather row %q: want the index's count, 10", row)
	}
	m = keys(t, m, "j", "j") // the cursor moves on the first screen
	m = streamIn(t, m, 7, func(m Model, n int) {
		if n < 30 && !slices.Equal(visibleIndexes(m), want[:firstPage]) {
			t.Fatalf("after %d streamed articles the rows moved: %v", n, visibleIndexes(m))
		}
		if i := selectedIndex(m); i != 27 {
			t.Fatalf("after %d streamed articles the cursor is on %d, want 27", n, i)
		}
	})
	if m.first.on {
		t.Fatal("the first screen is still up with every article in")
	}
	if got := visibleIndexes(m); !slices.Equal(got, want) || m.coll.Len() != 30 {
		t.Fatalf("whole list %v (%d articles), want %v", got, m.coll.Len(), want)
	}
	if s := screenText(m); !strings.Contains(s, "30 articles · checking the folders…") {
		t.Errorf("header after the stream:\n%s", lineWith(s, "articles"))
	}
}

func TestFirstScreenOfAFilteredSortedPlace(t *testing.T) {
	q := model.Query{Tags: []string{"rust"}, Sort: model.SortTitle}
	m := firstApp(t, q)
	if !m.first.on {
		t.Fatal("the first screen is not up")
	}
	before := visibleIndexes(m)
	if s := screenText(m); !strings.Contains(s, "by title · 1/10+") {
		t.Errorf("list footer of a filtered first screen:\n%s", lineWith(s, "by title"))
	}
	m = streamIn(t, m, 30, func(Model, int) {})
	if got := visibleIndexes(m); !slices.Equal(got, before) || len(got) != 10 {
		t.Fatalf("rows %v after the stream, %v on the first screen (want the 10 rust articles by title)", got, before)
	}
	m = firstApp(t, model.Query{Exclude: []string{"solo"}, Sort: model.SortReads})
	before = visibleIndexes(m)
	if s := screenText(m); len(before) != firstPage || !strings.Contains(s, "most read · 1/12+") {
		t.Errorf("list footer of a filtered first screen of %d rows:\n%s", len(before), lineWith(s, "most read"))
	}
	m = streamIn(t, m, 5, func(Model, int) {})
	if got := visibleIndexes(m); len(got) != 29 || !slices.Equal(got[:firstPage], before) {
		t.Fatalf("all but solo by reads: %v after the stream, %v on the first screen", got, before)
	}
}

func TestChangingTheQueryEndsTheFirstScreen(t *testing.T) {
	m := firstApp(t, model.Query{})
	m = streamIn(t, m, 10, func(m Model, n int) {
		if n == 10 {
			// s sorts by the oldest: the first screen does not answer
			// that, so the list shows what has arrived.
			m = keys(t, m, "s")
			if m.first.on || m.coll.Len() != 10 {
				t.Errorf("after s: preview %v, %d articles listed", m.first.on, m.coll.Len())
			}
		}
	})
	if m.first.on {
		t.Fatal("first screen up after the stream")
	}
}

func TestFirstScreenThatComesTooLateIsDropped(t *testing.T) {
	opts := fixtureOptions()
	opts.Search = func(context.Context, string) (model.Found, error) { return model.Found{}, nil }
	opts.First = indexFirst(fixtureArticles(), nil)
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	late := askFirst(m)()
	m = streamIn(t, m, 30, func(Model, int) {})
	m = send(t, m, late)
	if m.first.on || m.coll.Len() != 30 {
		t.Fatalf("a late first screen replaced the list: preview %v, %d articles", m.first.on, m.coll.Len())
	}
}

func TestFirstScreenAsksWithTheSearchAndNotForSmartViews(t *testing.T) {
	var asked []model.Query
	opts := fixtureOptions()
	opts.Query = model.Query{Search: "weather"}
	opts.Search = func(context.Context, string) (model.Found, error) {
		return model.Found{IDs: []model.ID{fixtureID(3), fixtureID(6)}}, nil
	}
	opts.First = indexFirst(fixtureArticles(), &asked)
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(t, m, askFirst(m)())
	if len(asked) != 1 || len(asked[0].Only) != 2 {
		t.Fatalf("asked %+v: want one query with the search's two matches as Only", asked)
	}
	if got := visibleIndexes(m); !slices.Equal(got, []int{6, 3}) {
		t.Errorf("first screen of the search: %v, want [6 3]", got)
	}

	// A phrase's candidates are decided as the list shows them: no
	// first screen.
	opts.Query.Search = `"the weather"`
	opts.Search = func(context.Context, string) (model.Found, error) {
		return model.Found{Check: []model.ID{fixtureID(3)}}, nil
	}
	m = New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	if m = send(t, m, askFirst(m)()); m.first.on {
		t.Error("a first screen for a phrase search")
	}

	opts.Query.Search = ""
	opts.Place = &model.Place{Unread: true}
	opts.Marks = nopMarks{}
	m = New(opts)
	if !m.smart.on() || askFirst(m) != nil {
		t.Error("a smart view asked for a first screen: which articles are read is not known before the load")
	}
}
