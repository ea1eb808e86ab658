package ui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// foundOf makes a fake index of a function that returns a set of
// articles: its model.Found, with nothing to confirm.
func foundOf(search func(context.Context, string) (map[model.ID]struct{}, error)) func(context.Context, string) (model.Found, error) {
	return func(ctx context.Context, q string) (model.Found, error) {
		ids, err := search(ctx, q)
		if err != nil {
			return model.Found{}, err
		}
		return model.Found{IDs: slices.Collect(maps.Keys(ids))}, nil
	}
}

// titleSearch is a fake index: articles whose title contains every word.
func titleSearch(calls *atomic.Int32) func(context.Context, string) (model.Found, error) {
	arts := fixtureArticles()
	return foundOf(func(_ context.Context, q string) (map[model.ID]struct{}, error) {
		calls.Add(1)
		ids := map[model.ID]struct{}{}
		for _, a := range arts {
			ok := true
			for _, w := range strings.Fields(strings.ToLower(q)) {
				ok = ok && strings.Contains(strings.ToLower(a.Title), w)
			}
			if ok {
				ids[a.ID] = struct{}{}
			}
		}
		return ids, nil
	})
}

// runSearches executes cmd and delivers every searchedMsg it (and what
// follows from it) produces; other messages are ignored.
func runSearches(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for cmd != nil {
		var next tea.Cmd
		for _, msg := range collect(cmd) {
			if sm, ok := msg.(searchedMsg); ok {
				var c tea.Cmd
				m, c = sendCmd(t, m, sm)
				next = tea.Batch(next, c)
			}
		}
		cmd = next
	}
	return m
}

// typeSearched opens the search box and types ks, delivering each key's
// searches before the next key.
func typeSearched(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	m = keys(t, m, "/")
	for _, k := range ks {
		var cmd tea.Cmd
		m, cmd = sendCmd(t, m, keyPress(k))
		m = runSearches(t, m, cmd)
	}
	return m
}

// collect runs cmd, unpacking batches. Commands after a key press are
// searches and renders, which return at once (no load, no tick).
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, collect(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// newSearchApp is the fixture app at 160x48, loaded, searching through a
// fake index that counts its calls.
func newSearchApp(t *testing.T) (*atomic.Int32, Model) {
	t.Helper()
	calls := new(atomic.Int32)
	opts := fixtureOptions()
	opts.Search = titleSearch(calls)
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	return calls, m
}

func TestExternalSearchFiltersWithTags(t *testing.T) {
	calls, m := newSearchApp(t)
	m = runSearches(t, m, nil)
	m = typeSearched(t, m, "f", "o", "g")
	if m.found.query != "fog" || calls.Load() < 1 {
		t.Fatalf("found %q after %d calls", m.found.query, calls.Load())
	}
	for _, id := range m.visible {
		a, _ := m.coll.Article(id)
		if !strings.Contains(strings.ToLower(a.Title), "fog") {
			t.Errorf("visible %q does not match the search", a.Title)
		}
	}
	if len(m.visible) == 0 {
		t.Fatalf("no results for fog")
	}
	// The result keeps the list's sort order and intersects with tags.
	all := m.coll.Visible(model.Query{})
	var want []model.ID
	for _, id := range all {
		if slices.Contains(m.visible, id) {
			want = append(want, id)
		}
	}
	if !slices.Equal(m.visible, want) {
		t.Errorf("search results lost the sort order")
	}
	// esc clears the search and everything found.
	m = keys(t, m, "esc")
	if m.query.Search != "" || m.found.ids != nil || len(m.visible) != 30 {
		t.Errorf("after esc: search %q, found %v, %d visible", m.query.Search, m.found.ids != nil, len(m.visible))
	}
}

func TestExternalSearchAtMostTwoAtOnce(t *testing.T) {
	calls, m := newSearchApp(t)
	m = keys(t, m, "/")
	// Keystrokes before any result: "fo" (the first worth a search, two
	// letters) starts one; "fog" stops it and starts its own beside it;
	// "fogs" stops that one and waits, two being in flight.
	var cmds []tea.Cmd
	for _, k := range []string{"f", "o", "g", "s"} {
		var cmd tea.Cmd
		m, cmd = sendCmd(t, m, keyPress(k))
		cmds = append(cmds, cmd)
	}
	if m.found.running != 2 || m.found.inflight != "fog" || m.found.cancel != nil {
		t.Fatalf("%d searches running, the newest %q (stopped: %v); want fo and fog, both stopped",
			m.found.running, m.found.inflight, m.found.cancel == nil)
	}
	// Back to "fog": its search was stopped, so it is searched again
	// when one of the two returns; no stale result is listed meanwhile.
	m, cmd := sendCmd(t, m, keyPress("backspace"))
	cmds = append(cmds, cmd)
	m = runSearches(t, m, tea.Batch(cmds...))
	if m.found.query != "fog" || calls.Load() != 3 || m.found.running != 0 {
		t.Fatalf("found %q after %d searches (%d running), want fog after 3 (fo, fog stopped, fog)",
			m.found.query, calls.Load(), m.found.running)
	}
}

func TestExternalSearchStopsStaleSearch(t *testing.T) {
	started := make(chan context.Context, 4)
	opts := fixtureOptions()
	opts.Search = foundOf(func(ctx context.Context, q string) (map[model.ID]struct{}, error) {
		if q == "fo" { // a slow scan: runs until it is stopped
			started <- ctx
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return map[model.ID]struct{}{fixtureID(3): {}}, nil
	})
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	m = keys(t, m, "/", "f")
	m, cmd := sendCmd(t, m, keyPress("o"))
	results := make(chan []tea.Msg, 1)
	go func() { results <- collect(cmd) }()
	var first context.Context
	select {
	case first = <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("no search started for fo")
	}
	m, next := sendCmd(t, m, keyPress("g"))
	if first.Err() == nil {
		t.Fatal("typing on did not stop the search for the stale query")
	}
	if next == nil {
		t.Fatal("the search for fog waits for the stopped one to return")
	}
	select {
	case msgs := <-results:
		for _, msg := range msgs {
			if sm, ok := msg.(searchedMsg); ok {
				var again tea.Cmd
				if m, again = sendCmd(t, m, sm); again != nil {
					t.Error("the stopped search's return started another search")
				}
			}
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stopped search did not return")
	}
	if m.flash != "" {
		t.Errorf("a stopped search is not a failure, flash %q", m.flash)
	}
	m = runSearches(t, m, next)
	if m.found.query != "fog" || len(m.visible) != 1 || m.visible[0] != fixtureID(3) {
		t.Errorf("after the stale search: found %q, visible %v", m.found.query, m.visible)
	}
}

// TestExternalSearchEnterKeepsTheResult: enter on a query already
// searched while typing keeps its result and searches nothing again (a
// phrase's count would start over).
func TestExternalSearchEnterKeepsTheResult(t *testing.T) {
	calls, m := newSearchApp(t)
	m = typeSearched(t, m, "f", "o", "g")
	before, found := calls.Load(), slices.Clone(m.visible)
	m, cmd := sendCmd(t, m, keyPress("enter"))
	m = runSearches(t, m, cmd)
	if calls.Load() != before || m.query.Search != "fog" || !slices.Equal(m.visible, found) {
		t.Errorf("enter: %d more searches, search %q, %d visible (had %d)", calls.Load()-before, m.query.Search, len(m.visible), len(found))
	}
}

func TestExternalSearchWaitsForTheSecondLetter(t *testing.T) {
	calls, m := newSearchApp(t)
	m = runSearches(t, m, nil)
	m = keys(t, m, "/")
	m, cmd := sendCmd(t, m, keyPress("f"))
	m = runSearches(t, m, cmd)
	if calls.Load() != 0 || len(m.visible) != 30 {
		t.Fatalf("one letter typed: %d searches, %d visible; want 0 and the whole list", calls.Load(), len(m.visible))
	}
	m, cmd = sendCmd(t, m, keyPress("o"))
	m = runSearches(t, m, cmd)
	if calls.Load() != 1 || m.found.query != "fo" {
		t.Fatalf("two letters: %d searches, found %q", calls.Load(), m.found.query)
	}
	// Back to one letter: the whole list again, nothing searched.
	m, cmd = sendCmd(t, m, keyPress("backspace"))
	m = runSearches(t, m, cmd)
	if calls.Load() != 1 || len(m.visible) != 30 {
		t.Fatalf("back to one letter: %d searches, %d visible", calls.Load(), len(m.visible))
	}
	// Enter searches whatever was typed.
	m, cmd = sendCmd(t, m, keyPress("enter"))
	m = runSearches(t, m, cmd)
	if calls.Load() != 2 || m.found.query != "f" || len(m.visible) == 30 {
		t.Errorf("enter on one letter: %d searches, found %q, %d visible", calls.Load(), m.found.query, len(m.visible))
	}
	// A CJK character is worth searching at once.
	if !worthSearching("東") || worthSearching("a b") || !worthSearching("a bc") || worthSearching(" é ") {
		t.Errorf("worthSearching rules")
	}
}

func TestHeaderShowsIndexing(t *testing.T) {
	_, lib := newSearchApp(t)
	lib = New(lib.opts) // not loaded yet
	lib = send(t, lib, tea.WindowSizeMsg{Width: 160, Height: 48})
	plain := New(fixtureOptions())
	plain = send(t, plain, tea.WindowSizeMsg{Width: 160, Height: 48})
	arts := fixtureArticles()
	tests := []struct {
		name   string
		m      Model
		batch  model.Batch
		done   bool
		search string
		want   string
	}{
		{"nothing yet", lib, model.Batch{}, false, "", "Loading…"},
		{"walking", lib, model.Batch{Articles: arts[:5], Progress: model.Progress{Files: 5, Articles: 5}}, false, "", "Indexing 5…"},
		{"listed", lib, model.Batch{Articles: arts[:5], Progress: model.Progress{Files: 41200, Found: 100000, Listed: true, Articles: 5}}, false, "", "Indexing 41,200 / 100,000"},
		{"text", lib, model.Batch{Articles: arts, Progress: model.Progress{Done: true, Articles: 30, Indexed: 12000, ToIndex: 100000}}, false, "", "30 articles · Indexing text 12,000 / 100,000"},
		{"warm rows", lib, model.Batch{Articles: arts[:5], Progress: model.Progress{Articles: 5, Known: 100000}}, false, "", "Loading 5 / 100,000 articles"},
		{"warm check", lib, model.Batch{Articles: arts, Progress: model.Progress{Files: 41200, Found: 100000, Articles: 30, Known: 30}}, false, "", "30 articles · checking 41,200 / 100,000 files"},
		{"warm check starts", lib, model.Batch{Articles: arts, Progress: model.Progress{Articles: 30, Known: 30}}, false, "", "30 articles · checking the folders…"},
		{"warm, new files", lib, model.Batch{Articles: arts, Progress: model.Progress{Files: 12, Found: 40, Articles: 30, Known: 20}}, false, "", "30 articles · checking 12 / 40 files"},
		{"text while searching", lib, model.Batch{Articles: arts, Progress: model.Progress{Done: true, Articles: 30, Indexed: 99999, ToIndex: 100000}}, false, "fog", "text 99% indexed: search scans files"},
		{"indexed", lib, model.Batch{Articles: arts, Progress: model.Progress{Done: true, Articles: 30, Indexed: 100000, ToIndex: 100000}}, true, "", "30 articles"},
		{"no index", plain, model.Batch{Articles: arts[:7], Progress: model.Progress{Files: 7, Found: 30, Listed: true, Articles: 7}}, false, "", "Loading… 7 articles"},
		{"notice", lib, model.Batch{Notice: "rebuilding the index: it was corrupt", Progress: model.Progress{Files: 1}}, false, "", "rebuilding the index: it was corrupt"},
	}
	for _, tc := range tests {
		m := send(t, tc.m, batchMsg{batch: tc.batch, done: tc.done})
		if tc.search != "" {
			m = keys(t, m, "/")
			m = typeText(t, m, tc.search)
		}
		header := strings.SplitN(screenText(m), "\n", 2)[0]
		if !strings.HasSuffix(strings.TrimSpace(header), tc.want) && tc.name != "notice" || !strings.Contains(header, tc.want) {
			t.Errorf("%s: header %q, want it to end with %q", tc.name, header, tc.want)
		}
	}
}

func TestExternalSearchKeepsListUntilResults(t *testing.T) {
	_, m := newSearchApp(t)
	m = typeSearched(t, m, "f", "o")
	before := slices.Clone(m.visible)
	m, cmd := sendCmd(t, m, keyPress("g"))
	if !slices.Equal(m.visible, before) || m.query.Search != "fog" {
		t.Fatalf("before the result: %d visible (had %d), list query %q", len(m.visible), len(before), m.query.Search)
	}
	m = runSearches(t, m, cmd)
	if m.found.query != "fog" {
		t.Fatalf("found %q", m.found.query)
	}
	for _, id := range m.visible {
		if a, _ := m.coll.Article(id); !strings.Contains(strings.ToLower(a.Title), "fog") {
			t.Errorf("after the result, %q is visible", a.Title)
		}
	}
}

// TestRestoredSearchIsTheModels: the search of a restored place starts
// with the program (Init, a value method), and the model keeps what stops
// it: a new search cancels it rather than running beside it.
func TestRestoredSearchIsTheModels(t *testing.T) {
	started := make(chan context.Context, 4)
	opts := fixtureOptions()
	opts.Load = nil
	opts.Search = foundOf(func(ctx context.Context, q string) (map[model.ID]struct{}, error) {
		started <- ctx
		<-ctx.Done() // an index that takes its time
		return nil, ctx.Err()
	})
	opts.Place = &model.Place{Search: "fog"}
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	go collect(m.Init()) // the search blocks until it is stopped
	var first context.Context
	select {
	case first = <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("Init did not start the restored search")
	}
	m = keys(t, m, "/", "backspace") // another search: "fo"
	if first.Err() == nil {
		t.Fatal("a new search left the restored one running")
	}
	m = keys(t, m, "ctrl+c")
	if m.ctx.Err() == nil {
		t.Error("quit did not stop the searches")
	}
}
