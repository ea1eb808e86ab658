package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
)

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
	// What the indexes hold, counted first, so that the first frame knows
	// the whole: Progress.Known. A count that fails is left to warm.
	known := make([]int, len(l.libs))
	all := 0
	for i, lr := range l.libs {
		known[i], _ = lr.ix.Count(ctx)
		all += known[i]
	}
	total, waiting := 0, 0
	for i, lr := range l.libs {
		n, err := lr.warm(ctx, &l.roots[i], model.Progress{Articles: total, Known: all}, send)
		if errors.Is(err, index.ErrCorrupt) {
			all -= known[i]
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
	cold := l.startBulkRows(ctx, known)
	err := pipeline(ctx, l.roots, check, func(ctx context.Context, results <-chan result) error {
		return l.apply(ctx, results, model.Progress{Articles: total, Known: all, ToIndex: waiting}, nil, send)
	})
	if err != nil || l.unwritable {
		return err // Open builds the sort indexes next time
	}
	for _, lr := range cold {
		if err := lr.ix.EndBulkRows(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// As a failed write of the check (applier.finish): the list
			// is whole; the index is finished by the next start (Open).
			l.unwritable = true
			send(model.Batch{Notice: notWritten(err)})
			return nil
		}
	}
	return nil
}

// startBulkRows readies the empty indexes for a first indexing (see
// index.StartBulkRows) and returns them. An index that cannot be written
// fails its first Apply, which says so: it is left as it is here.
func (l *Library) startBulkRows(ctx context.Context, known []int) []*libRoot {
	var cold []*libRoot
	for i, lr := range l.libs {
		if known[i] == 0 && !l.unwritable && lr.ix.StartBulkRows(ctx) == nil {
			cold = append(cold, lr)
		}
	}
	return cold
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

// warm sends what the index holds and remembers it for the check; the
// batches' progress counts on from start.
func (lr *libRoot) warm(ctx context.Context, r *root, start model.Progress, send func(model.Batch)) (int, error) {
	lr.sent = nil
	b := model.Batch{Articles: make([]model.Article, 0, 512)}
	n := 0
	paths := pathMaker{root: r}
	err := lr.ix.Articles(ctx, func(a model.Article) error {
		lr.sent = append(lr.sent, a.ID)
		b.Articles = append(b.Articles, a)
		// A small first batch draws the first frame sooner; then large ones.
		limit := 4096
		if n < 512 {
			limit = 512
		}
		if n++; len(b.Articles) >= limit {
			paths.set(b.Articles)
			b.Progress = start
			b.Progress.Articles += n
			send(b)
			b = model.Batch{Articles: make([]model.Article, 0, 4096)}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	probs, err := lr.ix.Problems(ctx) // stored with the path as it was shown
	if err != nil {
		return 0, err
	}
	paths.set(b.Articles)
	b.Problems = probs
	b.Progress = start
	b.Progress.Articles += n
	send(b)
	// Only now what the check needs: the list does not wait for it.
	if lr.known, err = lr.ix.Files(ctx); err != nil {
		return 0, err
	}
	return n, nil
}

// displayPath is the path of rel inside the root as the user would type it.
func displayPath(r *root, rel string) string {
	if r.file {
		return r.display
	}
	return filepath.Join(r.display, filepath.FromSlash(rel))
}

// pathMaker sets the Path of a warm start's articles: displayPath,
// sanitized, as the loader would show it, but the paths of a batch built
// in one string (filepath.Join cleans and allocates each one).
type pathMaker struct {
	root *root
	base string // the cleaned root with its separator, once made
	made bool
}

// set sets the Path of every article.
func (m *pathMaker) set(arts []model.Article) {
	if !m.made {
		m.base, m.made = joinBase(m.root.display), true
	}
	if m.root.file {
		for i := range arts {
			arts[i].Path = model.SanitizeLine(m.root.display)
		}
		return
	}
	size := 0
	for i := range arts {
		size += len(m.base) + len(arts[i].Rel)
	}
	var b strings.Builder
	b.Grow(size)
	for i := range arts {
		b.WriteString(m.base)
		b.WriteString(arts[i].Rel)
	}
	all := b.String()
	for i := range arts {
		rel := arts[i].Rel
		p := all[:len(m.base)+len(rel)]
		all = all[len(p):]
		if !plainRel(rel) {
			p = displayPath(m.root, rel)
		}
		arts[i].Path = model.SanitizeLine(p)
	}
}

// joinBase is what filepath.Join(display, rel) puts before a plain rel.
func joinBase(display string) string {
	switch d := filepath.Clean(display); {
	case d == ".":
		return ""
	case strings.HasSuffix(d, string(filepath.Separator)):
		return d
	default:
		return d + string(filepath.Separator)
	}
}

// plainRel reports whether filepath.Join keeps rel as it is after the
// root: a clean relative path, not leaving the root, in this system's
// separators.
func plainRel(rel string) bool {
	return rel != "" && filepath.Separator == '/' && !filepath.IsAbs(rel) &&
		filepath.Clean(rel) == rel && rel != ".." && !strings.HasPrefix(rel, "../")
}
