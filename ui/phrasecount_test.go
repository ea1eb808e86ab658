package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// confirmCall is one call of a fake index's Confirm.
type confirmCall struct {
	candidates []model.ID
	want       int
}

// confirmBy is a fake model.Found.Confirm deciding by match: it reads the
// candidates in the order given until want of them match, as
// data.Library does.
func confirmBy(match func(model.ID) bool) func(context.Context, []model.ID, int) ([]model.ID, int, error) {
	return func(_ context.Context, cands []model.ID, want int) ([]model.ID, int, error) {
		var matched []model.ID
		for k, id := range cands {
			if want > 0 && len(matched) == want {
				return matched, k, nil
			}
			if match(id) {
				matched = append(matched, id)
			}
		}
		return matched, len(cands), nil
	}
}

// phraseIndex is a fake index for phrases: every article is a candidate,
// and Confirm finds the even fixture articles, reading its candidates in
// the order given until it has what it wants, as data.Library does. It
// records its calls on calls.
func phraseIndex(calls chan<- confirmCall) func(context.Context, string) (model.Found, error) {
	even := map[model.ID]bool{}
	var all []model.ID
	for i := range 30 {
		even[fixtureID(i)] = i%2 == 0
		all = append(all, fixtureID(i))
	}
	decide := confirmBy(func(id model.ID) bool { return even[id] })
	confirm := func(ctx context.Context, cands []model.ID, want int) ([]model.ID, int, error) {
		calls <- confirmCall{slices.Clone(cands), want}
		matched, decided, _ := decide(ctx, cands, want)
		return matched, decided, ctx.Err()
	}
	return func(context.Context, string) (model.Found, error) {
		return model.Found{Check: all, Confirm: confirm}, nil
	}
}

// deliver runs cmd and delivers what it sends of searches and
// confirmations, one level deep: it returns the model and the commands
// that follow.
func deliver(tb testing.TB, m Model, cmd tea.Cmd) (Model, tea.Cmd) {
	tb.Helper()
	return deliverSeen(tb, m, cmd, nil)
}

// deliverSeen is deliver, calling seen (if not nil) after each message.
func deliverSeen(tb testing.TB, m Model, cmd tea.Cmd, seen func(Model)) (Model, tea.Cmd) {
	tb.Helper()
	var next tea.Cmd
	for _, msg := range collect(cmd) {
		switch msg.(type) {
		case searchedMsg, confirmedMsg:
			var c tea.Cmd
			m, c = sendCmd(tb, m, msg)
			next = tea.Batch(next, c)
			if seen != nil {
				seen(m)
			}
		}
	}
	return m, next
}

// TestPhraseCountFirstScreenFirst: a phrase's candidates are confirmed in
// the list's order, a screenful first: the list shows it with its count
// marked as counting, then grows below, rows on screen unmoved, until the
// count is final.
func TestPhraseCountFirstScreenFirst(t *testing.T) {
	calls := make(chan confirmCall, 16)
	opts := fixtureOptions()
	opts.Search = phraseIndex(calls)
	m := loadedApp(t, opts, 100, 12, fixtureArticles())
	order := m.coll.Visible(model.Query{})
	var want []model.ID // the even articles, in the list's order
	for _, id := range order {
		if slices.Index(fixtureIDs(), id)%2 == 0 {
			want = append(want, id)
		}
	}
	m = keys(t, m, "/")
	m, cmd := sendCmd(t, m, tea.PasteMsg{Content: `"the fog`})
	m, cmd = deliver(t, m, cmd) // the search: candidates only
	if len(m.visible) != 0 || !m.found.counting() {
		t.Fatalf("before any confirmation: %d visible, counting %v", len(m.visible), m.found.counting())
	}
	if s := screenText(m); !strings.Contains(s, "Searching the articles' text…") || strings.Contains(s, "No articles match") {
		t.Errorf("before any confirmation, the list says %q", s)
	}
	m, cmd = deliver(t, m, cmd) // the first screen
	first := <-calls
	rows := m.list.rows()
	if first.want != rows || !slices.Equal(first.candidates, order) {
		t.Fatalf("first confirmation: want %d of %d candidates, want %d of the list's %d in its order", first.want, len(first.candidates), rows, len(order))
	}
	if !slices.Equal(m.visible, want[:rows]) || !m.found.counting() {
		t.Fatalf("first screen: %d visible (counting %v), want the first %d matches", len(m.visible), m.found.counting(), rows)
	}
	if footer := screenText(m); !strings.Contains(footer, "1/"+strconv.Itoa(rows)+" · counting…") {
		t.Errorf("while counting, the footer says %q", lastLines(footer, 2))
	}
	top := slices.Clone(m.visible)
	for cmd != nil {
		m, cmd = deliver(t, m, cmd)
		if !slices.Equal(m.visible[:len(top)], top) {
			t.Fatalf("the rows shown moved as the count came")
		}
	}
	if !slices.Equal(m.visible, want) || m.found.counting() {
		t.Fatalf("final: %d visible (counting %v), want %d", len(m.visible), m.found.counting(), len(want))
	}
	if s := screenText(m); strings.Contains(s, "counting") || !strings.Contains(s, "/"+strconv.Itoa(len(want))) {
		t.Errorf("final footer %q", lastLines(s, 2))
	}
	if len(calls) == 0 {
		t.Errorf("the count came in one step: nothing followed the first screen")
	}
}

// TestPhraseCountStopsOnNewKey: a keystroke stops the confirmation in
// flight, and a confirmation that arrives late changes nothing.
func TestPhraseCountStopsOnNewKey(t *testing.T) {
	started := make(chan context.Context, 4)
	opts := fixtureOptions()
	found := phraseIndex(make(chan confirmCall, 64))
	opts.Search = func(ctx context.Context, q string) (model.Found, error) {
		f, err := found(ctx, q)
		confirm := f.Confirm
		f.Confirm = func(ctx context.Context, c []model.ID, want int) ([]model.ID, int, error) {
			if want == 0 { // after the first screen: a slow count
				started <- ctx
				<-ctx.Done()
			}
			return confirm(ctx, c, want)
		}
		return f, err
	}
	m := loadedApp(t, opts, 100, 12, fixtureArticles())
	m = keys(t, m, "/")
	m, cmd := sendCmd(t, m, tea.PasteMsg{Content: `"the fog`})
	m, cmd = deliver(t, m, cmd)
	m, cmd = deliver(t, m, cmd) // the first screen; the count goes on
	shown := slices.Clone(m.visible)
	late := make(chan []tea.Msg, 1)
	go func() { late <- collect(cmd) }()
	var ctx context.Context
	select {
	case ctx = <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the count did not go on after the first screen")
	}
	m = keys(t, m, "backspace") // a new search: `"the fo`
	if ctx.Err() == nil {
		t.Fatal("a new keystroke left the count of the old search running")
	}
	for _, msg := range <-late {
		m = send(t, m, msg)
	}
	if !slices.Equal(m.visible, shown) || m.flash != "" {
		t.Errorf("a stopped confirmation changed the list (%d visible, had %d) or flashed %q", len(m.visible), len(shown), m.flash)
	}
}

// TestStaleSearchResultDropped: the result of an older query that comes
// after a newer keystroke is not listed; the newest query is searched.
func TestStaleSearchResultDropped(t *testing.T) {
	calls, m := newSearchApp(t)
	m = typeSearched(t, m, "f", "o")
	before := slices.Clone(m.visible)
	m, cmd := sendCmd(t, m, keyPress("g")) // "fog" goes next
	m, next := sendCmd(t, m, searchedMsg{query: "f", found: model.Found{IDs: fixtureIDs()}})
	if !slices.Equal(m.visible, before) || m.found.query != "fo" {
		t.Fatalf("a stale result was listed: %d visible, found %q", len(m.visible), m.found.query)
	}
	m = runSearches(t, m, tea.Batch(cmd, next))
	if m.found.query != "fog" || calls.Load() < 2 {
		t.Errorf("after the stale result: found %q after %d searches", m.found.query, calls.Load())
	}
}

// fixtureIDs are the fixture's articles' IDs, in their order.
func fixtureIDs() []model.ID {
	ids := make([]model.ID, 30)
	for i := range ids {
		ids[i] = fixtureID(i)
	}
	return ids
}

// lastLines is the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// TestPhraseCountCut: what the list shows of the candidates in its order,
// and whether it is still counting, by what is decided.
func TestPhraseCountCut(t *testing.T) {
	id := fixtureID
	s := searchState{search: phraseIndex(make(chan confirmCall, 1)), ctx: context.Background()}
	f := model.Found{IDs: []model.ID{id(0), id(3)}, Check: []model.ID{id(1), id(2), id(3), id(4), id(5)}, Confirm: func(context.Context, []model.ID, int) ([]model.ID, int, error) {
		return nil, 0, nil
	}}
	s.request(`"a b"`, false) // started, not run: its result is given here
	s.done(searchedMsg{gen: s.gen, query: `"a b"`, found: f}, `"a b"`, false)
	s.took(confirmedMsg{gen: s.count.gen, decided: []model.ID{id(1), id(2)}, matched: []model.ID{id(2)}})
	tests := []struct {
		name     string
		visible  []model.ID // candidates and sure matches in the list's order
		want     []model.ID
		counting bool
	}{
		{"sure and decided, then undecided", []model.ID{id(0), id(1), id(2), id(4), id(3)}, []model.ID{id(0), id(2)}, true},
		{"a sure candidate is a match", []model.ID{id(3), id(2), id(5)}, []model.ID{id(3), id(2)}, true},
		{"the filter leaves out the undecided: final", []model.ID{id(2), id(1), id(0)}, []model.ID{id(2), id(0)}, false},
		{"none", nil, []model.ID{}, false},
	}
	for _, tc := range tests {
		got := s.cut(tc.visible)
		if !slices.Equal(got, tc.want) || s.counting() != tc.counting {
			t.Errorf("%s: cut %v (counting %v), want %v (%v)", tc.name, got, s.counting(), tc.want, tc.counting)
		}
	}
	// Every candidate decided: the count is over, the result final.
	s.took(confirmedMsg{gen: s.count.gen, decided: []model.ID{id(4), id(5)}, matched: []model.ID{id(5)}})
	if s.count.on() || !slices.Equal(s.ids, []model.ID{id(0), id(3), id(2), id(3), id(5)}) {
		t.Errorf("after the last confirmation: counting %v, ids %v", s.count.on(), s.ids)
	}
	// A late confirmation of an older count changes nothing.
	if refilter, _ := s.took(confirmedMsg{gen: s.count.gen - 1, decided: []model.ID{id(0)}}); refilter {
		t.Errorf("a stale confirmation refilters")
	}
}
