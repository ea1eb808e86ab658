package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
)

// indexBatch is how many changed files go into one index transaction:
// SQLite commits are expensive, rows are cheap.
const indexBatch = 512

// Library reads collection roots through their on-disk indexes (one per
// root, see package index): a start draws from the index without reading
// any article file, then checks the folders and parses only new or changed
// files, and search and bodies come from the index and the files on demand.
type Library struct {
	roots      []root
	libs       []*libRoot
	progress   model.Progress // the end of the last Load, for IndexText
	unwritable bool           // an index could not be written: no more tries this session
}

// libRoot is one root's index and, during a load, what the warm start
// learnt from it.
type libRoot struct {
	ix    *index.Index
	known map[string]index.FileStat // rel → stat when indexed
	sent  []model.ID                // the articles the warm start sent
}

// OpenLibrary opens (or creates) the index of every path in cacheDir. The
// notices say, one line each, what was rebuilt and why (a corrupt or old
// index). An error means an index could not be opened or created at all
// (an unwritable cache folder, a full disk): then run without one (Load).
func OpenLibrary(ctx context.Context, paths []string, cacheDir string) (*Library, []string, error) {
	if err := CheckPaths(paths); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("cache folder %s: %w", cacheDir, err)
	}
	lib := &Library{}
	var notices []string
	for _, p := range paths {
		ix, notice, err := index.Open(ctx, index.Path(cacheDir, p))
		if err != nil {
			lib.Close()
			return nil, nil, err
		}
		if notice != "" {
			notices = append(notices, notice)
		}
		lr := &libRoot{ix: ix}
		lib.libs = append(lib.libs, lr)
		r := rootOf(p)
		r.lib = lr
		lib.roots = append(lib.roots, r)
	}
	return lib, notices, nil
}

// rootOf makes the root for a path the user gave: a folder, or one file.
func rootOf(p string) root {
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		return root{fsys: osFS(p), name: ".", display: p}
	}
	p = filepath.Clean(p)
	return root{fsys: osFS(filepath.Dir(p)), name: filepath.Base(p), display: p, file: true}
}

// Close closes every index.
func (l *Library) Close() error {
	var errs []error
	for _, lr := range l.libs {
		errs = append(errs, lr.ix.Close())
	}
	return errors.Join(errs...)
}

// Load streams the collection to send like data.Load, but first everything
// the indexes hold (the warm start), then the changes found by checking the
// folders: new and changed files parsed and indexed, deleted ones dropped
// (Batch.Removed). Bodies are not sent: read them with Body.
//
// Load indexes the metadata only, so that the list is complete at the
// speed of parsing; the words of new and changed articles wait for
// IndexText. An index found corrupt on the way is rebuilt, with a notice.
func (l *Library) Load(ctx context.Context, send func(model.Batch)) error {
	total, waiting := 0, 0
	for i, lr := range l.libs {
		n, err := lr.warm(ctx, &l.roots[i], total, send)
		if errors.Is(err, index.ErrCorrupt) {
			err = lr.reset(ctx, send)
		}
		if err != nil {
			return err
		}
		total += n
		w, err := lr.ix.PendingCount(ctx) // left by a start that quit early
		if err != nil {
			return err
		}
		waiting += w
	}
	defer l.forget()
	return pipeline(ctx, l.roots, check, func(ctx context.Context, results <-chan result) error {
		return l.apply(ctx, results, model.Progress{Articles: total, ToIndex: waiting}, nil, send)
	})
}

// forget drops what a check kept of each index's files.
func (l *Library) forget() {
	for _, lr := range l.libs {
		lr.known, lr.sent = nil, nil
	}
}

// reset rebuilds an index that reading found corrupt: the articles it
// already sent are taken back, and the check parses every file again.
func (lr *libRoot) reset(ctx context.Context, send func(model.Batch)) error {
	notice, err := lr.ix.Reset(ctx)
	if err != nil {
		return err
	}
	send(model.Batch{Notice: notice, Removed: lr.sent})
	lr.known, lr.sent = map[string]index.FileStat{}, nil
	return nil
}

// warm sends what the index holds and remembers it for the check.
func (lr *libRoot) warm(ctx context.Context, r *root, before int, send func(model.Batch)) (int, error) {
	lr.sent = nil
	var b model.Batch
	n := 0
	err := lr.ix.Articles(ctx, func(a model.Article) error {
		a.Path = model.SanitizeLine(displayPath(r, a.Rel))
		lr.sent = append(lr.sent, a.ID)
		b.Articles = append(b.Articles, a)
		// A small first batch draws the first frame sooner; then large ones.
		limit := 4096
		if n < 512 {
			limit = 512
		}
		if n++; len(b.Articles) >= limit {
			b.Progress = model.Progress{Articles: before + n}
			send(b)
			b = model.Batch{}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// Only now what the check needs: the first frame does not wait for it.
	if lr.known, err = lr.ix.Files(ctx); err != nil {
		return 0, err
	}
	probs, err := lr.ix.Problems(ctx) // stored with the path as it was shown
	if err != nil {
		return 0, err
	}
	b.Problems = probs
	b.Progress = model.Progress{Articles: before + n}
	send(b)
	return n, nil
}

// displayPath is the path of rel inside the root as the user would type it.
func displayPath(r *root, rel string) string {
	if r.file {
		return r.display
	}
	return filepath.Join(r.display, filepath.FromSlash(rel))
}

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
	writes := make(chan map[*libRoot][]index.FileChange, 4)
	written := make(chan error, 1)
	go func() { written <- writeIndexes(ctx, writes) }()

	pending := map[*libRoot][]index.FileChange{}
	size := 0 // changes in pending
	seen := map[*libRoot]map[string]bool{}
	for _, lr := range l.libs {
		seen[lr] = map[string]bool{}
	}
	var b model.Batch
	flush := func(done bool) {
		if size >= indexBatch || done && size > 0 {
			select {
			case writes <- pending:
			case <-ctx.Done():
			}
			pending, size = map[*libRoot][]index.FileChange{}, 0
		}
		if len(b.Articles) > 0 || len(b.Removed) > 0 || len(b.Problems) > 0 || len(b.Reread) > 0 || done {
			b.Progress = progress
			send(b)
			b = model.Batch{}
		}
	}
	finish := func(err error) error {
		close(writes)
		werr := <-written
		if err == nil && werr != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// The screen has it all; only the index missed it (a full disk,
			// a busy or damaged index): it is read again next time.
			l.unwritable = true
			send(model.Batch{Notice: notWritten(werr)})
		}
		return err
	}
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	for {
		select {
		case res, ok := <-results:
			if !ok {
				if err := ctx.Err(); err != nil {
					return finish(err)
				}
				gone, err := l.removeGone(ctx, seen, pending, &b)
				if err != nil {
					return finish(err)
				}
				size += gone
				progress.Done = true
				l.progress = progress
				flush(true)
				return finish(nil)
			}
			if res.counted(&progress) {
				continue
			}
			if res.file {
				progress.Files++
			}
			if res.job == nil { // a problem found while walking
				if walkProbs != nil {
					*walkProbs = append(*walkProbs, res.probs...)
				} else {
					b.Problems = append(b.Problems, res.probs...)
				}
				continue
			}
			lr := res.job.root.lib
			seen[lr][res.job.rel] = true
			if res.unchanged {
				progress.Files++
				continue
			}
			if err := l.changed(ctx, lr, res, pending, &b); err != nil {
				for range results {
					// let the workers and the walker finish
				}
				return finish(err)
			}
			size++
			progress.Articles += len(res.arts)
			progress.ToIndex += len(res.arts) // their words wait for IndexText
			if size >= indexBatch || len(b.Articles) >= batchSize {
				flush(false)
			}
		case <-tick.C:
			flush(false)
		case <-ctx.Done():
			for range results {
				// let the workers and the walker finish
			}
			return finish(ctx.Err())
		}
	}
}

// notWritten is the notice for an index that could not be written: the
// session goes on without it.
func notWritten(err error) string {
	return fmt.Sprintf("Index not updated (%v): the files are read again next time", err)
}

// writeIndexes applies each set of changes to its index, one transaction
// per index and set, until writes is closed. After an error it drains.
func writeIndexes(ctx context.Context, writes <-chan map[*libRoot][]index.FileChange) error {
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

// changed queues a new or changed file for its index (metadata only: its
// words wait for IndexText) and for the screen: its articles, without
// bodies, and the IDs it no longer has.
func (l *Library) changed(ctx context.Context, lr *libRoot, res result, pending map[*libRoot][]index.FileChange, b *model.Batch) error {
	rel := res.job.rel
	for i := range res.arts {
		res.arts[i].Body = "" // read on demand, indexed by IndexText
	}
	pending[lr] = append(pending[lr], index.FileChange{
		Rel: rel, Size: res.stat.Size, ModTime: res.stat.ModTime,
		Articles: res.arts, Problems: res.probs, TextLater: true,
	})
	b.Articles = append(b.Articles, res.arts...)
	b.Problems = append(b.Problems, res.probs...)
	if _, ok := lr.known[rel]; !ok {
		return nil // new: nothing to take away
	}
	b.Reread = append(b.Reread, res.job.path) // its old problems came from the index
	old, err := lr.ix.FileIDs(ctx, rel)       // not rewritten yet: pending holds the change
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
func (l *Library) removeGone(ctx context.Context, seen map[*libRoot]map[string]bool, pending map[*libRoot][]index.FileChange, b *model.Batch) (int, error) {
	n := 0
	for i, lr := range l.libs {
		for rel := range lr.known {
			if seen[lr][rel] {
				continue
			}
			ids, err := lr.ix.FileIDs(ctx, rel)
			if err != nil {
				return n, err
			}
			pending[lr] = append(pending[lr], index.FileChange{Rel: rel, Deleted: true})
			b.Removed = append(b.Removed, ids...)
			b.Reread = append(b.Reread, model.SanitizeLine(displayPath(&l.roots[i], rel)))
			n++
		}
	}
	return n, nil
}

// Search returns the articles matching every word of query in any root:
// from the full-text index, and for the articles whose words are not in it
// yet (see IndexText) from a scan of their files.
func (l *Library) Search(ctx context.Context, query string) (map[model.ID]struct{}, error) {
	var out map[model.ID]struct{}
	for i, lr := range l.libs {
		// Pending first: an article whose words come in between is then
		// found twice rather than missed.
		pending, _, err := lr.ix.Pending(ctx)
		if err != nil {
			return nil, err
		}
		ids, err := lr.ix.Search(ctx, query)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = ids
		} else {
			for id := range ids {
				out[id] = struct{}{}
			}
		}
		if err := scan(ctx, &l.roots[i], pending, model.NewMatcher(query), out); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = map[model.ID]struct{}{}
	}
	return out, nil
}

// Body reads an article's body from its file, sanitized like everything
// read from disk. A record of a file of many (Article.Length) is parsed
// alone, unless the file has changed under it.
func (l *Library) Body(a model.Article) (string, error) {
	b, reason := readFile(l.fileOf(a))
	if reason != "" {
		return "", fmt.Errorf("%s: %s", a.Path, reason)
	}
	if body, ok := recordBody(a, b); ok {
		return body, nil
	}
	arts, _, err := Parse(a.Path, b)
	for _, x := range arts {
		if x.Index == a.Index {
			return x.Body, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Path, err)
	}
	return "", fmt.Errorf("%s: the article is no longer in the file (reload with r)", a.Path)
}

// File returns the path on disk of the file an article was read from, for
// an editor; an error when it is not in a file on disk.
func (l *Library) File(a model.Article) (string, error) {
	fsys, name := l.fileOf(a)
	dir, ok := fsys.(osFS)
	if !ok {
		return "", fmt.Errorf("%s is not a file on disk", a.Path)
	}
	return filepath.Join(string(dir), filepath.FromSlash(name)), nil
}

// fileOf returns where the article's file is: by its root and Rel, its
// name on disk, which its Path shows sanitized; by its Path when no root
// gives that Path (an article not of this library).
func (l *Library) fileOf(a model.Article) (fs.FS, string) {
	for i := range l.roots {
		r := &l.roots[i]
		if model.SanitizeLine(displayPath(r, a.Rel)) != a.Path {
			continue
		}
		j := r.jobOf(a.Rel)
		return j.fsys, j.name
	}
	return osFS(filepath.Dir(a.Path)), filepath.Base(a.Path)
}

// recordBody reads the body of a's record alone from its span of the
// file's text b: a 16 MiB JSON Lines file is decoded, not parsed whole.
// false when the article has no span or the span no longer holds it.
func recordBody(a model.Article, b []byte) (string, bool) {
	if a.Length <= 0 {
		return "", false
	}
	text, _, err := decode(b)
	if err != nil || a.Offset < 0 || a.Offset+a.Length > len(text) {
		return "", false
	}
	arts, _, err := ParseJSON(a.Path, text[a.Offset:a.Offset+a.Length])
	if err != nil || len(arts) != 1 || arts[0].Title != a.Title {
		return "", false
	}
	return arts[0].Body, true
}
