package ui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// searchResult is what Options.Search found for one query.
type searchResult struct {
	query    string
	ids      map[model.ID]struct{}
	inflight string // the query being searched now, if any
	busy     bool
	cancel   context.CancelFunc // stops the search in flight
}

// searchedMsg carries the result of a searchCmd.
type searchedMsg struct {
	query string
	ids   map[model.ID]struct{}
	err   error
}

// external reports whether searching goes through Options.Search for q:
// while the search is typed, only once it is worth a trip to the index.
func (m *Model) external(q string) bool {
	return m.opts.Search != nil && strings.TrimSpace(q) != "" && (!m.searching || worthSearching(q))
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

// effectiveQuery is the query the collection answers: with an external
// search, the collection never sees the words (it keeps no text); the
// latest result of the search stands for them (until the first result
// arrives, or while the words are too short to search, nothing is
// filtered out).
func (m *Model) effectiveQuery() model.Query {
	q := m.query
	q.Keep = m.keep()
	if m.opts.Search == nil {
		return q
	}
	q.Search = ""
	if m.foundFilters() {
		q.Only = m.found.ids
	}
	return q
}

// foundFilters reports whether the latest result of the external search
// filters the list (effectiveQuery's Only).
func (m *Model) foundFilters() bool {
	return m.opts.Search != nil && m.external(m.query.Search) && m.found.ids != nil
}

// searchCmd runs Options.Search for the current query off the event loop.
func (m *Model) searchCmd() tea.Cmd {
	query := m.query.Search
	if !m.external(query) {
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.found.cancel = cancel
	search := m.opts.Search
	return func() tea.Msg {
		defer cancel()
		ids, err := search(ctx, query)
		return searchedMsg{query: query, ids: ids, err: err}
	}
}

// requestSearch starts a search for the current query unless one is on its
// way: one search runs at a time, and when it returns the newest query is
// searched next, so fast typing costs no pile of stale searches.
func (m *Model) requestSearch() tea.Cmd {
	if !m.external(m.query.Search) {
		if m.found.cancel != nil {
			m.found.cancel()
		}
		m.found = searchResult{}
		return nil
	}
	if m.found.busy {
		// The query changed: the search in flight is stale, so stop it
		// (a scan of files can take a while); the newest query goes next.
		if m.found.inflight != m.query.Search && m.found.cancel != nil {
			m.found.cancel()
		}
		return nil
	}
	m.found.busy, m.found.inflight = true, m.query.Search
	return m.searchCmd()
}

// handleSearched applies a search result and, if the query changed in the
// meantime, searches again for the newest one.
func (m *Model) handleSearched(msg searchedMsg) tea.Cmd {
	m.found.busy = false
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			m.flash = "Search failed: " + msg.err.Error()
		}
	} else if m.external(m.query.Search) {
		if msg.ids == nil {
			msg.ids = map[model.ID]struct{}{}
		}
		m.found.query, m.found.ids = msg.query, msg.ids
		m.refilter()
	}
	if msg.query != m.query.Search {
		return m.requestSearch()
	}
	return nil
}
