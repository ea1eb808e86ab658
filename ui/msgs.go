package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// batchMsg is one change to the collection: the batches the loader sent
// since the last message, merged. done marks the end of the load (err is
// what Load returned); no waitLoad is armed after it.
type batchMsg struct {
	gen   int // the load run (loadRun.gen)
	batch model.Batch
	done  bool
	err   error
	// added is a batch of files a fetch wrote (Options.AddFiles), of no
	// load run: it neither ends nor re-arms the load.
	added bool
}

// renderedMsg is the output of a renderCmd for key. It is applied only when
// the reader still wants that key; it is cached either way.
type renderedMsg struct {
	key renderKey
	out string
	err error
}

// openedMsg is the end of opening an address in the browser.
type openedMsg struct {
	url string
	err error
}

// move is a movement: a pane resolves it from the movement keys
// (KeyMap.moveOf), and the root sends one to a pane as a message when it
// moves it for another (n and p in the reader move the list).
type move uint8

const (
	moveUp move = iota + 1
	moveDown
	moveTop
	moveBottom
	moveHalfDown
	moveHalfUp
	movePageDown
	movePageUp
)

// loadItem is what the loader goroutine puts on the channel.
type loadItem struct {
	batch model.Batch
	done  bool
	err   error
}

// loadBuffer is how many batches the loader may run ahead of the program:
// a few, so that it never waits for a frame, but not so many that a warm
// start of 100,000 articles sits in the channel as well as in the
// collection (batches are up to 4,096 articles).
const loadBuffer = 4

// loadCmd runs load until it returns, putting every batch on ch and a final
// done item. It gives up when ctx is cancelled (the program quit).
// It runs inside the command startLoad returns.
func loadCmd(ctx context.Context, load func(context.Context, func(model.Batch)) error, ch chan<- loadItem) func() tea.Msg {
	return func() tea.Msg {
		var err error
		if load != nil {
			err = load(ctx, func(b model.Batch) {
				select {
				case ch <- loadItem{batch: b}:
				case <-ctx.Done():
				}
			})
		}
		select {
		case ch <- loadItem{done: true, err: err}:
		case <-ctx.Done():
		}
		return nil
	}
}

// waitLoad waits for the next batch of run gen and turns it, and whatever else is
// already queued, into one batchMsg: a fast loader costs one visible-set
// computation per frame, not one per batch. The root re-arms it after every
// message until done.
func waitLoad(gen int, ch <-chan loadItem) tea.Cmd {
	return func() tea.Msg {
		it, ok := <-ch
		if !ok {
			return batchMsg{gen: gen, done: true}
		}
		msg := batchMsg{gen: gen, batch: it.batch, done: it.done, err: it.err}
	drain:
		for !msg.done {
			select {
			case it, ok := <-ch:
				if !ok {
					msg.done = true
					break drain
				}
				merge(&msg.batch, it.batch)
				msg.done, msg.err = it.done, it.err
			default:
				break drain
			}
		}
		return msg
	}
}

// merge appends b to into, keeping the latest progress. Removals apply
// before additions, so an article that into adds and b removes is dropped
// from into's additions.
func merge(into *model.Batch, b model.Batch) {
	if len(b.Removed) > 0 {
		gone := make(map[model.ID]bool, len(b.Removed))
		for _, id := range b.Removed {
			gone[id] = true
		}
		into.Articles = slices.DeleteFunc(into.Articles, func(a model.Article) bool { return gone[a.ID] })
		into.Removed = append(into.Removed, b.Removed...)
	}
	into.Articles = append(into.Articles, b.Articles...)
	if len(b.Reread) > 0 {
		into.Problems = model.DropProblems(into.Problems, b.Reread)
		into.Reread = append(into.Reread, b.Reread...)
	}
	into.Problems = append(into.Problems, b.Problems...)
	if b.Progress != (model.Progress{}) {
		into.Progress = b.Progress
	}
	if b.Notice != "" {
		into.Notice = b.Notice
	}
}
