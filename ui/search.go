package ui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// searchState is the search controller for Options.Search (the on-disk
// full-text index): the latest result and the searches in flight. A newer
// keystroke stops the search in flight and starts its own at once, beside
// it: SQLite notices a stop only between the steps of a query, and one
// step of the full-text index can be all of it (the 2-letter prefix of a
// word typed at once: tens of milliseconds that the new search waited
// for). At most two run; a keystroke beyond waits, and when one returns
// the newest query is searched next, so fast typing costs no pile of
// stale searches. Only the newest search's result is listed. Without Options.Search the collection
// searches in memory and this stays empty.
//
// A phrase's candidates (model.Found.Check) are confirmed against their
// text in the list's order, a screenful first: the list shows the matches
// down to the first candidate not decided yet, and grows below as the
// confirmations come, with its count marked as counting until they are
// all in.
type searchState struct {
	search func(ctx context.Context, query string) (model.Found, error)
	ctx    context.Context

	query    string             // the query ids were found for
	ids      []model.ID         // nil: no result to filter by; while counting, every candidate
	inflight string             // the newest query searched, until its result comes
	gen      int                // searches started: the newest's number
	running  int                // searches started that have not returned
	cancel   context.CancelFunc // stops the newest search; nil once stopped or returned

	count  phraseCount // the candidates being confirmed, if any
	counts int         // counts started: the gen of the next
}

// searchedMsg carries the result of a search command.
type searchedMsg struct {
	gen   int // the search's (searchState.gen)
	query string
	found model.Found
	err   error
}

func newSearchState(ctx context.Context, search func(context.Context, string) (model.Found, error)) searchState {
	return searchState{search: search, ctx: ctx}
}

// external reports whether searching q goes through Options.Search: while
// it is being typed, only once it is worth a trip to the index.
func (s *searchState) external(q string, typing bool) bool {
	return s.search != nil && strings.TrimSpace(q) != "" && (!typing || worthSearching(q))
}

// worthSearching reports whether a query being typed narrows the list
// enough to search the index for it: any word of two letters or more, or
// any CJK character. A single letter is the prefix of nearly every
// article's words (99.8% of 100,000 generated ones for "j"), costs the
// index most, and is a step on the way to the second letter; the list
// stays whole until then. Enter searches whatever was typed.
func worthSearching(q string) bool {
	for _, w := range strings.Fields(model.Fold(q)) {
		if utf8.RuneCountInString(w) >= 2 || model.HasCJK(w) {
			return true
		}
	}
	return false
}

// narrow is the query the collection answers for q: with an external
// search, the collection never sees the words (it keeps no text); the
// latest result of the search stands for them (until the first result
// arrives, or while the words are too short to search, nothing is
// filtered out).
func (s *searchState) narrow(q model.Query, typing bool) model.Query {
	if s.search == nil {
		return q
	}
	if s.filters(q.Search, typing) {
		q.OnlyIDs = s.ids
	}
	q.Search = ""
	return q
}

// filters reports whether the latest result filters the list for the
// search q (narrow's OnlyIDs).
func (s *searchState) filters(q string, typing bool) bool {
	return s.search != nil && s.external(q, typing) && s.ids != nil
}

// start runs Options.Search for q off the event loop, keeping the cancel
// function of its context.
func (s *searchState) start(q string) tea.Cmd {
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	s.gen++
	search, gen := s.search, s.gen
	return func() tea.Msg {
		defer cancel()
		found, err := search(ctx, q)
		return searchedMsg{gen: gen, query: q, found: found, err: err}
	}
}

// request starts a search for q unless one is on its way (then q goes
// next); a q that is not searched externally stops the search in flight
// and forgets the result.
func (s *searchState) request(q string, typing bool) tea.Cmd {
	if !s.external(q, typing) {
		s.stop()
		s.clear()
		return nil
	}
	if q != s.query {
		s.count.stop() // confirming a phrase of an older query
	}
	if s.inflight == q && s.cancel != nil {
		return nil // on its way
	}
	// The query changed: the search in flight is stale, so stop it (a
	// scan of files can take a while).
	s.stop()
	if s.running >= maxSearches {
		return nil // q goes next
	}
	s.running++
	s.inflight = q
	return s.start(q)
}

// holds reports whether q's result is listed, or its search on its way.
func (s *searchState) holds(q string) bool {
	return s.query == q && s.ids != nil || s.inflight == q && s.cancel != nil
}

// maxSearches is how many searches run at once: the newest, and one
// stopped that has not returned yet.
const maxSearches = 2

// stop stops the search for inflight, if one runs.
func (s *searchState) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// clear forgets the result and the search in flight (the search was
// cleared).
func (s *searchState) clear() {
	s.count.stop()
	*s = searchState{search: s.search, ctx: s.ctx, counts: s.counts, running: s.running, gen: s.gen}
}

// done takes in the result of a search for the current query q: whether
// it changes what is listed (refilter), and why it failed, if it did. A
// result of a search stopped, or for an older query, is dropped: the
// newest one is searched next, and listing the stale one would cost a
// pass for nothing.
func (s *searchState) done(msg searchedMsg, q string, typing bool) (refilter bool, why string) {
	s.running = max(0, s.running-1)
	if msg.gen != s.gen || s.cancel == nil {
		return false, "" // stopped
	}
	s.inflight, s.cancel = "", nil
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			return false, "Search failed: " + msg.err.Error()
		}
		return false, ""
	}
	if !s.external(q, typing) || msg.query != q {
		return false, ""
	}
	s.count.stop()
	s.query, s.count = msg.query, phraseCount{}
	s.ids = append(make([]model.ID, 0, len(msg.found.IDs)), msg.found.IDs...)
	if msg.found.Confirm != nil && len(msg.found.Check) > 0 {
		s.counts++
		s.count = newPhraseCount(msg.found, s.counts)
		s.ids = append(s.ids, msg.found.Check...)
	}
	return true, ""
}

// counting reports whether the list shows a phrase's matches while their
// count is still coming: candidates in the list wait to be decided (one
// that the filter leaves out changes nothing the list shows).
func (s *searchState) counting() bool {
	return s.count.on() && !s.count.failed && len(s.count.todo) > 0
}

// cut is what the list shows of visible (see phraseCount.cut).
func (s *searchState) cut(visible []model.ID) []model.ID {
	if !s.count.on() {
		return visible
	}
	return s.count.cut(visible)
}

// more starts the next confirmation of a phrase's candidates, if one is
// needed, for a list of rows rows.
func (s *searchState) more(rows int) tea.Cmd { return s.count.next(s.ctx, rows) }
