package ui

import (
	"context"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// loadRun is one run of Options.Load: the first at start, another for
// every reload. Only the latest run's messages are applied.
type loadRun struct {
	gen     int
	ctx     context.Context
	cancel  context.CancelFunc
	ch      chan loadItem
	started atomic.Bool   // its command has begun
	done    chan struct{} // closed when its command has ended
	// seen is, during a reload, every article the run sent: those it did
	// not send are gone when it completes. Nil for the first run.
	seen map[model.ID]struct{}
}

func newLoadRun(parent context.Context, gen int) *loadRun {
	ctx, cancel := context.WithCancel(parent)
	return &loadRun{gen: gen, ctx: ctx, cancel: cancel, ch: make(chan loadItem, loadBuffer), done: make(chan struct{})}
}

// start returns the commands that run load once after has closed (Load,
// IndexText and Watch must not overlap) and bring its batches.
func (r *loadRun) start(load func(context.Context, func(model.Batch)) error, after <-chan struct{}) tea.Cmd {
	run := loadCmd(r.ctx, load, r.ch)
	return tea.Batch(func() tea.Msg {
		r.started.Store(true)
		defer close(r.done)
		defer close(r.ch) // its waitLoad then ends too
		if after != nil {
			<-after
		}
		if r.ctx.Err() != nil {
			return nil
		}
		return run()
	}, waitLoad(r.gen, r.ch))
}

// reload reads the collection again (r, and after the editor): the list
// stays as it is while the run replaces every article, keeps the cursor on
// its article, and drops at the end what the run did not find.
func (m *Model) reload() tea.Cmd {
	if m.opts.Load == nil {
		return nil
	}
	prev := m.load
	prev.cancel()
	var after <-chan struct{}
	if prev.started.Load() {
		after = prev.done
	}
	m.load = newLoadRun(m.ctx, prev.gen+1)
	m.load.seen = make(map[model.ID]struct{}, m.coll.Len())
	cmd := m.load.start(m.opts.Load, after)
	m.loading, m.list.loading = true, true
	// The run sends the problems it still finds.
	paths := make([]string, 0, len(m.coll.Problems()))
	for _, p := range m.coll.Problems() {
		paths = append(paths, p.Path)
	}
	m.coll.Apply(model.Batch{Reread: paths})
	m.problems.setProblems(m.coll.Problems())
	return cmd
}

// sweep removes, at the end of a reload, the articles it did not send,
// and reports whether it removed any.
func (m *Model) sweep() bool {
	seen := m.load.seen
	m.load.seen = nil
	if seen == nil {
		return false
	}
	var gone []model.ID
	for _, id := range m.coll.IDs() {
		if _, ok := seen[id]; !ok {
			gone = append(gone, id)
		}
	}
	if len(gone) > 0 {
		m.coll.Apply(model.Batch{Removed: gone})
		for _, id := range gone {
			m.cache.revs[id]++
		}
	}
	m.flash = "Reloaded"
	return len(gone) > 0
}

// editedMsg ends the editor started by e.
type editedMsg struct{ err error }

// edit opens the selected article's file in the user's editor (e), then
// reloads.
func (m *Model) edit() tea.Cmd {
	a, ok := m.selectedArticle()
	if !ok || m.opts.Edit == nil {
		return nil
	}
	c, err := m.opts.Edit(a)
	if err != nil {
		m.flash = "Cannot edit: " + err.Error()
		return nil
	}
	return tea.Exec(c, func(err error) tea.Msg { return editedMsg{err: err} })
}

// handleEdited reloads after the editor, or says why it failed.
func (m *Model) handleEdited(msg editedMsg) tea.Cmd {
	if msg.err != nil {
		m.flash = "The editor failed: " + msg.err.Error()
		return nil
	}
	return m.reload()
}
