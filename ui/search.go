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
// full-text index): the latest result and the search in flight. One
// search runs at a time; when it returns, the newest query is searched
// next, so fast typing costs no pile of stale searches. Without
// Options.Search the collection searches in memory and this stays empty.
type searchState struct {
	search func(ctx context.Context, query string) (map[model.ID]struct{}, error)
	ctx    context.Context

	query    string                // the query ids were found for
	ids      map[model.ID]struct{} // nil: no result to filter by
	inflight string                // the query being searched now, if any
	busy     bool
	cancel   context.CancelFunc // stops the search in flight
}

// searchedMsg carries the result of a search command.
type searchedMsg struct {
	query string
	ids   map[model.ID]struct{}
	err   error
}

func newSearchState(ctx context.Context, search func(context.Context, string) (map[model.ID]struct{}, error)) searchState {
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
		q.Only = s.ids
	}
	q.Search = ""
	return q
}

// filters reports whether the latest result filters the list for the
// search q (narrow's Only).
func (s *searchState) filters(q string, typing bool) bool {
	return s.search != nil && s.external(q, typing) && s.ids != nil
}

// start runs Options.Search for q off the event loop, keeping the cancel
// function of its context.
func (s *searchState) start(q string) tea.Cmd {
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	search := s.search
	return func() tea.Msg {
		defer cancel()
		ids, err := search(ctx, q)
		return searchedMsg{query: q, ids: ids, err: err}
	}
}

// request starts a search for q unless one is on its way (then q goes
// next); a q that is not searched externally stops the search in flight
// and forgets the result.
func (s *searchState) request(q string, typing bool) tea.Cmd {
	if !s.external(q, typing) {
		if s.cancel != nil {
			s.cancel()
		}
		s.clear()
		return nil
	}
	if s.busy {
		// The query changed: the search in flight is stale, so stop it
		// (a scan of files can take a while); the newest query goes next.
		if s.inflight != q && s.cancel != nil {
			s.cancel()
		}
		return nil
	}
	s.busy, s.inflight = true, q
	return s.start(q)
}

// clear forgets the result and the search in flight (the search was
// cleared).
func (s *searchState) clear() { *s = searchState{search: s.search, ctx: s.ctx} }

// done takes in the result of a search for the current query q: whether
// it changes what is listed (refilter), and why it failed, if it did.
func (s *searchState) done(msg searchedMsg, q string, typing bool) (refilter bool, why string) {
	s.busy = false
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			return false, "Search failed: " + msg.err.Error()
		}
		return false, ""
	}
	if !s.external(q, typing) {
		return false, ""
	}
	if msg.ids == nil {
		msg.ids = map[model.ID]struct{}{}
	}
	s.query, s.ids = msg.query, msg.ids
	return true, ""
}
