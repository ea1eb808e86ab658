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

// next starts the run that reads the collection again (r, and after the
// editor), once this one has ended: this one is cancelled, and the new one
// records what it sends (seen) so that what it did not send can go at the
// end (sweep). n is the collection's size.
func (r *loadRun) next(parent context.Context, load func(context.Context, func(model.Batch)) error, n int) (*loadRun, tea.Cmd) {
	r.cancel()
	var after <-chan struct{}
	if r.started.Load() {
		after = r.done
	}
	next := newLoadRun(parent, r.gen+1)
	next.seen = make(map[model.ID]struct{}, n)
	return next, next.start(load, after)
}

// saw records the articles a batch of the run brought.
func (r *loadRun) saw(arts []model.Article) {
	if r.seen == nil {
		return
	}
	for i := range arts {
		r.seen[arts[i].ID] = struct{}{}
	}
}

// sweep removes from coll, at the end of a reload, the articles the run
// did not send (replaced is told of each, so that its renders are stale if
// it comes back), and reports whether it removed any and whether the run
// was a reload. It ends the bookkeeping.
func (r *loadRun) sweep(coll *model.Collection, replaced func(model.ID)) (swept, reloaded bool) {
	seen := r.seen
	r.seen = nil
	if seen == nil {
		return false, false
	}
	var gone []model.ID
	for _, id := range coll.IDs() {
		if _, ok := seen[id]; !ok {
			gone = append(gone, id)
		}
	}
	if len(gone) > 0 {
		coll.Apply(model.Batch{Removed: gone})
		for _, id := range gone {
			replaced(id)
		}
	}
	return len(gone) > 0, true
}

// reloading reports whether the run is a reload (the list stays as it was
// meanwhile).
func (r *loadRun) reloading() bool { return r.seen != nil }

// editorMsg brings the command that opens an article's file in the editor
// (Options.Edit), made off the event loop: finding the file reads the disk.
type editorMsg struct {
	cmd tea.ExecCommand
	err error
}

// editedMsg ends the editor started by e.
type editedMsg struct{ err error }

// editCmd asks Options.Edit for the editor of article a (e).
func editCmd(a model.Article, edit func(model.Article) (tea.ExecCommand, error)) tea.Cmd {
	return func() tea.Msg {
		c, err := edit(a)
		return editorMsg{cmd: c, err: err}
	}
}

// runEditor runs the editor in the terminal; the program waits for it and
// then reloads (editedMsg).
func runEditor(c tea.ExecCommand) tea.Cmd {
	return tea.Exec(c, func(err error) tea.Msg { return editedMsg{err: err} })
}

// editProblem opens the file of problem p in the editor, at its line
// (enter in the problems overlay), or says why it cannot.
func editProblem(edit func(model.Problem) (tea.ExecCommand, error), p model.Problem) (_ tea.Cmd, why string) {
	switch {
	case edit == nil:
		return nil, "No file to edit here"
	case p.Path == "":
		return nil, "This problem names no file"
	}
	return func() tea.Msg { // off the event loop: finding the file reads the disk
		c, err := edit(p)
		return editorMsg{cmd: c, err: err}
	}, ""
}
