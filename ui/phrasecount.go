package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// phraseCount confirms a phrase search's candidates (model.Found.Check)
// in the order the list shows them: a screenful first, then the rest in
// growing steps while the count follows.
type phraseCount struct {
	gen     int // tells its confirmations from those of an older count
	confirm func(ctx context.Context, candidates []model.ID, want int) ([]model.ID, int, error)
	state   map[model.ID]candidate // the candidates; the sure matches are not in it
	left    int                    // candidates still undecided
	decided int                    // candidates decided so far
	shown   int                    // matches the list shows (cut)
	todo    []model.ID             // the visible candidates from the first undecided on (cut)
	busy    bool                   // a confirmation is in flight
	failed  bool                   // one failed: the count stops where it is
	cancel  context.CancelFunc
}

// candidate is what is known of a candidate.
type candidate uint8

const (
	undecided candidate = iota + 1
	matching
	failing
)

// confirmedMsg carries the result of a confirmation: the candidates it
// decided, and those of them that match.
type confirmedMsg struct {
	gen     int
	decided []model.ID
	matched []model.ID
	err     error
}

// newPhraseCount starts the count of f's candidates, none decided. A
// candidate that is also a sure match (an article whose words came into
// the index during the search) matches.
func newPhraseCount(f model.Found, gen int) phraseCount {
	p := phraseCount{gen: gen, confirm: f.Confirm, state: make(map[model.ID]candidate, len(f.Check))}
	for _, id := range f.Check {
		p.state[id] = undecided
	}
	for _, id := range f.IDs {
		if _, ok := p.state[id]; ok {
			p.state[id] = matching
		}
	}
	for _, st := range p.state {
		if st == undecided {
			p.left++
		}
	}
	return p
}

// on reports whether candidates are still being decided.
func (p *phraseCount) on() bool { return p.state != nil }

// stop stops the confirmation in flight, if any.
func (p *phraseCount) stop() {
	if p.cancel != nil {
		p.cancel()
	}
	p.busy = false
}

// cut returns what the list shows of visible, the candidates and sure
// matches in the list's order: the matches down to the first undecided
// candidate, so that the rows shown never move as more are decided, and
// keeps the rest to decide next (todo).
func (p *phraseCount) cut(visible []model.ID) []model.ID {
	kept := make([]model.ID, 0, min(len(visible), 1024))
	p.todo = nil
	for k, id := range visible {
		switch p.state[id] {
		case undecided:
			p.todo = visible[k:]
			p.shown = len(kept)
			return kept
		case failing:
			continue
		}
		kept = append(kept, id)
	}
	p.shown = len(kept)
	return kept
}

// next starts the next confirmation, if one is needed and none is in
// flight: of the next candidates in the list's order, twice as many as
// were decided so far (1,024 at least), so that the count arrives in a few
// steps; while the screen (rows) is not full, only until it is.
func (p *phraseCount) next(base context.Context, rows int) tea.Cmd {
	if !p.on() || p.busy || p.failed || len(p.todo) == 0 {
		return nil
	}
	want, limit := 0, max(1024, p.decided)
	if p.shown < rows {
		want = rows - p.shown
	}
	batch := make([]model.ID, 0, min(limit, len(p.todo)))
	for _, id := range p.todo {
		if len(batch) == limit {
			break
		}
		if p.state[id] == undecided {
			batch = append(batch, id)
		}
	}
	if len(batch) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(base)
	p.cancel, p.busy = cancel, true
	gen, confirm := p.gen, p.confirm
	return func() tea.Msg {
		defer cancel()
		matched, decided, err := confirm(ctx, batch, want)
		return confirmedMsg{gen: gen, decided: batch[:decided], matched: matched, err: err}
	}
}

// took takes in a confirmation: whether the list changes, and why it
// failed, if it did. Once every candidate is decided, the count is over.
func (s *searchState) took(msg confirmedMsg) (refilter bool, why string) {
	p := &s.count
	if !p.on() || msg.gen != p.gen {
		return false, ""
	}
	p.busy = false
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return false, ""
		}
		p.failed = true
		return false, "Search failed: " + msg.err.Error()
	}
	if len(msg.decided) == 0 {
		p.failed = true // it would be asked the same again
		return false, ""
	}
	for _, id := range msg.decided {
		if p.state[id] == undecided {
			p.state[id] = failing
			p.left--
			p.decided++
		}
	}
	for _, id := range msg.matched {
		p.state[id] = matching
	}
	if p.left == 0 {
		s.ids = p.matches(s.ids)
		s.count = phraseCount{}
	}
	return true, ""
}

// matches returns the articles of ids that match, every candidate
// decided.
func (p *phraseCount) matches(ids []model.ID) []model.ID {
	out := make([]model.ID, 0, len(ids))
	for _, id := range ids {
		if st, ok := p.state[id]; !ok || st == matching {
			out = append(out, id)
		}
	}
	return out
}
