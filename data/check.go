package data

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
)

// The check of a library: every file is stat'ed (check) and only new or
// changed ones are read; apply sends what changed at once and puts it into
// the indexes in the background. Load runs it after the warm start, and
// Refresh (and so Watch) on its own.

// indexBatch is how many changed files go into one index transaction:
// SQLite commits are expensive, rows are cheap.
const indexBatch = 512

// check is the worker of a library load: a file whose size and
// modification time are what the index holds is not read again.
func check(j job) result {
	info, err := fs.Stat(j.fsys, j.name)
	if err != nil {
		return read(j) // let read word the problem
	}
	st := index.FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if old, ok := j.root.lib.known[j.rel]; ok && old == st {
		return result{job: &j, stat: st, unchanged: true}
	}
	res := read(j)
	res.job, res.stat = &j, st
	return res
}

// apply sends the changes on as they come and has a writer goroutine put
// them into the indexes in large transactions, so the screen never waits for
// the full-text index. At the end it drops the files that are gone, sends
// the last batch (Progress.Done) and waits for the writer. Problems of the
// walk (folders, links) go into walkProbs when it is not nil (Watch keeps
// them apart), else into the batches.
func (l *Library) apply(ctx context.Context, results <-chan result, progress model.Progress, walkProbs *[]model.Problem, send func(model.Batch)) error {
	a := l.newApplier(ctx, progress, walkProbs, send)
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	for {
		select {
		case res, ok := <-results:
			if !ok {
				return a.finish(a.end())
			}
			if err := a.take(res); err != nil {
				drain(results)
				return a.finish(err)
			}
		case <-tick.C:
			a.flush(false)
		case <-ctx.Done():
			drain(results)
			return a.finish(ctx.Err())
		}
	}
}

// drain reads results to their end, unused: the workers and the walker
// can then finish.
func drain(results <-chan result) {
	for range results {
		// nothing to do with them
	}
}

// changeSet is what goes into the indexes in one transaction each.
type changeSet map[*libRoot][]index.FileChange

// applier is one run of apply: what the check found so far, what is not
// sent yet and what is not handed to the writer yet.
type applier struct {
	l         *Library
	ctx       context.Context
	send      func(model.Batch)
	walkProbs *[]model.Problem // see apply
	progress  model.Progress
	b         model.Batch                  // not sent yet
	pending   changeSet                    // not handed to the writer yet
	size      int                          // changes in pending
	seen      map[*libRoot]map[string]bool // the files the check found, by their rel
	sent      bool                         // a batch was sent
	writes    chan changeSet               // to the writer
	written   chan error                   // the writer's first error, once writes is closed
}

// newApplier starts the writer of one apply.
func (l *Library) newApplier(ctx context.Context, progress model.Progress, walkProbs *[]model.Problem, send func(model.Batch)) *applier {
	a := &applier{
		l: l, ctx: ctx, send: send, walkProbs: walkProbs, progress: progress,
		pending: changeSet{},
		seen:    make(map[*libRoot]map[string]bool, len(l.libs)),
		writes:  make(chan changeSet, 4),
		written: make(chan error, 1),
	}
	for _, lr := range l.libs {
		a.seen[lr] = map[string]bool{}
	}
	go func() { a.written <- writeIndexes(ctx, a.writes) }()
	return a
}

// take counts one result of the check and queues what it changed.
func (a *applier) take(res result) error {
	if res.counted(&a.progress) {
		return nil
	}
	if res.file {
		a.progress.Files++
	}
	if res.job == nil { // a problem found while walking
		if a.walkProbs != nil {
			*a.walkProbs = append(*a.walkProbs, res.probs...)
		} else {
			a.b.Problems = append(a.b.Problems, res.probs...)
		}
		return nil
	}
	lr := res.job.root.lib
	a.seen[lr][res.job.rel] = true
	if res.unchanged {
		a.progress.Files++
		return nil
	}
	if err := a.changed(lr, res); err != nil {
		return err
	}
	a.size++
	a.progress.Articles += len(res.arts)
	a.progress.ToIndex += len(res.arts) // their words wait for IndexText
	if a.size >= indexBatch {
		a.hand()
	}
	if len(a.b.Articles) >= a.batchLimit() {
		a.flush(false)
	}
	return nil
}

// batchLimit is how many articles fill a batch for the screen: batchSize
// until the first is sent, so that the first frame comes soon, then
// largeBatch. Each batch has the list sorted and counted again, and a
// first indexing sends one every flushEvery anyway: batches of 256 had
// the screen do that some 400 times for 100,000 articles (1.3 s of CPU
// that parsing wanted).
func (a *applier) batchLimit() int {
	if a.sent {
		return largeBatch
	}
	return batchSize
}

// largeBatch is the batchLimit after the first batch.
const largeBatch = 4096

// end drops the files that are gone once every result is in, and sends
// the last batch.
func (a *applier) end() error {
	if err := a.ctx.Err(); err != nil {
		return err
	}
	gone, err := a.removeGone()
	if err != nil {
		return err
	}
	a.size += gone
	a.progress.Done = true
	a.l.progress = a.progress
	a.flush(true)
	return nil
}

// flush sends the batch when it holds something (always, when done), and
// when done hands the last changes to the writer.
func (a *applier) flush(done bool) {
	if done && a.size > 0 {
		a.hand()
	}
	b := &a.b
	if len(b.Articles) > 0 || len(b.Removed) > 0 || len(b.Problems) > 0 || len(b.Reread) > 0 || done {
		b.Progress = a.progress
		a.send(*b)
		*b = model.Batch{}
		a.sent = true
	}
}

// hand gives the changes so far to the writer.
func (a *applier) hand() {
	select {
	case a.writes <- a.pending:
	case <-a.ctx.Done():
	}
	a.pending, a.size = changeSet{}, 0
}

// finish waits for the writer and returns err. A failed write is no error
// of the check: it is said in a notice, and the library writes no more.
func (a *applier) finish(err error) error {
	close(a.writes)
	werr := <-a.written
	if err == nil && werr != nil {
		if a.ctx.Err() != nil {
			return a.ctx.Err()
		}
		// The screen has it all; only the index missed it (a full disk,
		// a busy or damaged index): it is read again next time.
		a.l.unwritable = true
		a.send(model.Batch{Notice: notWritten(werr)})
	}
	return err
}

// notWritten is the notice for an index that could not be written: the
// session goes on without it.
func notWritten(err error) string {
	return fmt.Sprintf("Index not updated (%v): the files are read again next time", err)
}

// writeIndexes applies each set of changes to its index, one transaction
// per index and set, until writes is closed. After an error it drains.
func writeIndexes(ctx context.Context, writes <-chan changeSet) error {
	var first error
	for set := range writes {
		for lr, changes := range set {
			if first == nil {
				first = lr.ix.Apply(ctx, changes)
			}
		}
	}
	return first
}

// changed queues a new or changed file for its index (metadata only, and
// a web page's extracted bodies: its words wait for IndexText) and for
// the screen: its articles, without
// bodies, and the IDs it no longer has.
func (a *applier) changed(lr *libRoot, res result) error {
	rel := res.job.rel
	bodies := pageBodies(res.job.name, res.arts) // costly to extract again: stored
	for i := range res.arts {
		res.arts[i].Body = "" // read on demand, indexed by IndexText
	}
	a.pending[lr] = append(a.pending[lr], index.FileChange{
		Rel: rel, Size: res.stat.Size, ModTime: res.stat.ModTime,
		Articles: res.arts, Problems: res.probs, Bodies: bodies, TextLater: true,
	})
	b := &a.b
	b.Articles = append(b.Articles, res.arts...)
	b.Problems = append(b.Problems, res.probs...)
	if _, ok := lr.known[rel]; !ok {
		return nil // new: nothing to take away
	}
	b.Reread = append(b.Reread, res.job.path) // its old problems came from the index
	old, err := lr.ix.FileIDs(a.ctx, rel)     // not rewritten yet: pending holds the change
	if err != nil {
		return err
	}
	now := make(map[model.ID]struct{}, len(res.arts))
	for i := range res.arts {
		now[res.arts[i].ID] = struct{}{}
	}
	for _, id := range old {
		if _, ok := now[id]; !ok {
			b.Removed = append(b.Removed, id)
		}
	}
	return nil
}

// removeGone drops the files the index knows that the check did not find,
// and returns how many.
func (a *applier) removeGone() (int, error) {
	n := 0
	for i, lr := range a.l.libs {
		for rel := range lr.known {
			if a.seen[lr][rel] {
				continue
			}
			ids, err := lr.ix.FileIDs(a.ctx, rel)
			if err != nil {
				return n, err
			}
			a.pending[lr] = append(a.pending[lr], index.FileChange{Rel: rel, Deleted: true})
			a.b.Removed = append(a.b.Removed, ids...)
			a.b.Reread = append(a.b.Reread, model.SanitizeLine(displayPath(&a.l.roots[i], rel)))
			n++
		}
	}
	return n, nil
}
