package data

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsline/newsline/model"
)

// Watching: the folders of a Library are watched with fsnotify (inotify,
// kqueue, ReadDirectoryChangesW, FEN), which does not recurse: every
// folder the walk would read gets a watch of its own, folders that appear
// get one when they appear, and folders that go lose theirs. An event only
// says that something changed; what changed is found the way a start finds
// it, by the check of Library.Load (a stat of every file, and only new or
// changed files read), once events have stopped (watchOptions.quiet).

// watchOptions tune Watch; tests shorten them.
type watchOptions struct {
	quiet   time.Duration // a refresh waits until events have stopped this long
	maxWait time.Duration // ... but never longer than this after the first
	poll    time.Duration // the shortest interval between checks when polling
	slower  int           // ... which is at least this many times what a check takes
	// add starts watching one folder (fsnotify's Add; a test makes it fail).
	add func(w *fsnotify.Watcher, dir string) error
	// ready, when set, is called once the folders are watched (or polled)
	// and the first check is done: from then on every change is an event.
	ready func()
}

var defaultWatch = watchOptions{
	quiet:   250 * time.Millisecond,
	maxWait: time.Second,
	poll:    5 * time.Second,
	slower:  10,
	add:     func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) },
}

// Watch keeps what Load sent up to date until ctx is done: it watches every
// folder of the collection (hidden ones skipped as Load skips them,
// symbolic links to folders followed, each real folder once; for a file
// given as a path, its folder) and, once events have stopped for a quarter
// of a second (a second at most after the first), sends the changes: new
// and changed files' articles (a changed one keeps its ID), the IDs of
// articles gone (Batch.Removed; a renamed file's articles go under their
// old IDs and come back under new ones), and problems. Then it completes
// the full-text index of the changed articles (IndexText). It sends only
// changes — nothing at all while nothing changes — and every batch it sends
// has Progress.Done set.
//
// Call it after Load (and IndexText): it first checks the folders once, for
// what changed while Load ran, but without sending that check's problems of
// folders and links (Load sent them). Permission changes (chmod) are not
// events. When the system cannot watch so many folders (inotify's
// fs.inotify.max_user_watches), or cannot watch at all, Watch says so once
// in a Batch.Notice and checks every 5 seconds instead (less often on a
// collection whose check takes longer than half a second).
//
// Watch, Load, IndexText and Refresh must not run at the same time. Watch
// returns nil when ctx is done, and an error only when the index cannot be
// read at the start.
func (l *Library) Watch(ctx context.Context, send func(model.Batch)) error {
	return l.watch(ctx, send, defaultWatch)
}

// Refresh sends the changes to the collection since the last Load or
// Refresh, as Watch does after events: new and changed files' articles,
// the IDs of those gone and the problems of the files it read (not those
// of folders and links: they would repeat), every batch with Progress.Done
// set, nothing when nothing changed. It does not run IndexText.
func (l *Library) Refresh(ctx context.Context, send func(model.Batch)) error {
	_, _, err := l.refresh(ctx, send)
	return err
}

// refresh runs Load's check and apply without the warm start. It reports
// whether it sent anything, and returns the problems found without a file
// to read (of folders, links, files that vanished): the caller compares
// them with the last ones, as they are not kept in the index.
func (l *Library) refresh(ctx context.Context, send func(model.Batch)) (bool, []model.Problem, error) {
	waiting := 0
	for _, lr := range l.libs {
		known, err := lr.ix.Files(ctx)
		if err != nil {
			return false, nil, err
		}
		n, err := lr.ix.PendingCount(ctx)
		if err != nil {
			return false, nil, err
		}
		lr.known, waiting = known, waiting+n
	}
	defer l.forget()
	sent := false
	changes := func(b model.Batch) {
		if len(b.Articles) == 0 && len(b.Removed) == 0 && len(b.Problems) == 0 && len(b.Reread) == 0 && b.Notice == "" {
			return // progress only: nothing changed
		}
		b.Progress.Done = true // the list is complete: the UI must not go back to loading
		sent = true
		send(b)
	}
	// Articles: an upper bound (replaced articles count twice), which is
	// what the memory budget needs.
	progress := model.Progress{Articles: l.progress.Articles, ToIndex: waiting}
	var walkProbs []model.Problem
	err := pipeline(ctx, l.roots, check, func(ctx context.Context, results <-chan result) error {
		return l.apply(ctx, results, progress, &walkProbs, changes)
	})
	return sent, walkProbs, err
}

// watch is Watch with its timings.
func (l *Library) watch(ctx context.Context, send func(model.Batch), opt watchOptions) error {
	u := &updater{l: l, ctx: ctx, send: send, first: true}
	fw, err := newFolderWatch(l.watchRoots(), opt)
	if err != nil {
		send(model.Batch{Notice: pollNotice(err, opt.poll)})
		return l.poll(ctx, u.update, opt)
	}
	defer fw.close()
	// What changed between Load's walk and the watches.
	if !u.update() {
		return nil
	}
	if opt.ready != nil {
		opt.ready()
	}
	return l.follow(ctx, fw, u.update, opt, send)
}

// watchRoots are the folders to watch: the roots on disk, with the folders
// below them, and the folders of the files given as paths.
func (l *Library) watchRoots() []watchRoot {
	var dirs []watchRoot
	for i := range l.roots {
		r := &l.roots[i]
		dir, ok := r.fsys.(osFS)
		if !ok {
			continue
		}
		dirs = append(dirs, watchRoot{dir: string(dir), tree: !r.file})
	}
	return dirs
}

// follow runs update once the events of fw have stopped for opt.quiet (at
// most opt.maxWait after the first), until ctx is done or update says to
// stop. When the system gives no more watches it polls instead.
func (l *Library) follow(ctx context.Context, fw *folderWatch, update func() bool, opt watchOptions, send func(model.Batch)) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var since time.Time // the first event not yet applied; zero when none
	pend := func() {
		now := time.Now()
		if since.IsZero() {
			since = now
		}
		timer.Reset(min(opt.quiet, since.Add(opt.maxWait).Sub(now)))
	}
	fallBack := func(err error) error {
		fw.close()
		send(model.Batch{Notice: pollNotice(err, opt.poll)})
		return l.poll(ctx, update, opt) // which checks at once
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.w.Events:
			if !ok {
				return nil
			}
			relevant, err := fw.event(ev)
			if err != nil { // no more watches to be had
				return fallBack(err)
			}
			if relevant {
				pend()
			}
		case err, ok := <-fw.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: folders may have come or gone unseen.
				if err := fw.resync(); err != nil {
					return fallBack(err)
				}
			}
			pend()
		case <-timer.C:
			since = time.Time{}
			if !update() {
				return nil
			}
		}
	}
}

// updater applies the changes a watch or a poll finds, and remembers what
// the next update compares with.
type updater struct {
	l       *Library
	ctx     context.Context
	send    func(model.Batch)
	first   bool            // no update yet: the walk's problems were sent by Load
	last    []model.Problem // the problems of the walk, as last sent
	lastErr string          // the failure last said, to say it once
}

// update applies the changes and completes the full-text index of what
// changed; false when watching must stop.
func (u *updater) update() bool {
	sent, walk, err := u.l.refresh(u.ctx, u.send)
	if u.ctx.Err() != nil {
		return false
	}
	if err != nil {
		// A busy or damaged index: the next change tries again.
		if msg := err.Error(); msg != u.lastErr {
			u.send(model.Batch{Notice: "Live update failed: " + msg})
			u.lastErr = msg
		}
		return true
	}
	u.lastErr = ""
	if !u.first && !sameProblems(u.last, walk) {
		reread := make([]string, 0, len(u.last)+len(walk))
		for _, p := range append(u.last, walk...) {
			reread = append(reread, p.Path)
		}
		u.send(model.Batch{Problems: walk, Reread: reread})
	}
	u.first, u.last = false, walk
	if sent { // (without an index to write, it only says so in the progress)
		if err := u.l.IndexText(u.ctx, u.send); err != nil && u.ctx.Err() == nil {
			u.send(model.Batch{Notice: "Indexing text failed: " + err.Error()})
		}
	}
	if u.l.unwritable {
		// Each check would find the same changes again.
		u.send(model.Batch{Notice: "Live updates stopped: the index cannot be written (r reloads)"})
		return false
	}
	return u.ctx.Err() == nil
}

// poll checks the collection every opt.poll, or opt.slower times as long
// as the last check took, until ctx is done.
func (l *Library) poll(ctx context.Context, update func() bool, opt watchOptions) error {
	ready := opt.ready
	for {
		start := time.Now()
		if !update() {
			return nil
		}
		if ready != nil {
			ready()
			ready = nil
		}
		wait := max(opt.poll, time.Duration(opt.slower)*time.Since(start))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// pollNotice says, once, that changes are found by polling and why.
func pollNotice(err error, every time.Duration) string {
	reason := reasonOf(err)
	switch {
	case errors.Is(err, syscall.ENOSPC): // inotify's word for no more watches
		reason = "more folders than the system watches: fs.inotify.max_user_watches"
	case errors.Is(err, syscall.EMFILE):
		reason = "too many watchers: fs.inotify.max_user_instances"
	}
	return fmt.Sprintf("Cannot watch the folders (%s): checking for changes every %s", reason, every)
}

// sameProblems reports whether a and b hold the same problems, in any order.
func sameProblems(a, b []model.Problem) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[model.Problem]int{}
	for _, p := range a {
		count[p]++
	}
	for _, p := range b {
		if count[p]--; count[p] < 0 {
			return false
		}
	}
	return true
}
