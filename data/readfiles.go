package data

import (
	"context"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsline/newsline/model"
)

// ReadFiles sends the articles and problems of just the given files —
// the ones a fetch wrote into the library — without walking the rest of
// the collection, in one batch (nothing when none of them is an article
// file). A path outside every root, hidden or in a hidden folder, or of a
// format newsline does not read is skipped, as the walk skips it. The
// articles get the IDs, paths and folder tags a walk gives them, so the
// next check (Watch, or the next start) replaces them rather than adding
// them twice; it is that check that indexes them, their words too. As
// Load, it sends no bodies (read them with Body).
//
// It reads only the files and the roots given to OpenLibrary, never the
// indexes, so it may run while Watch does.
func (l *Library) ReadFiles(ctx context.Context, paths []string, send func(model.Batch)) error {
	var b model.Batch
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		j, ok := l.jobFor(p)
		if !ok {
			continue
		}
		res := read(j)
		for i := range res.arts {
			res.arts[i].Body = ""
		}
		b.Articles = append(b.Articles, res.arts...)
		b.Problems = append(b.Problems, res.probs...)
	}
	if len(b.Articles) > 0 || len(b.Problems) > 0 {
		send(b)
	}
	return nil
}

// jobFor is the job of reading the file p as the walk would: in the first
// root that holds it.
func (l *Library) jobFor(p string) (job, bool) {
	abs, err := filepath.Abs(p)
	if err != nil || !Supported(abs) {
		return job{}, false
	}
	for i := range l.roots {
		r := &l.roots[i]
		top, err := filepath.Abs(r.display)
		if err != nil {
			continue
		}
		var rel string
		switch {
		case r.file && top == abs:
			rel = path.Base(filepath.ToSlash(r.name)) // as the walk names a root file
		case r.file:
			continue
		default:
			if rel, err = filepath.Rel(top, abs); err != nil || !inside(filepath.ToSlash(rel)) {
				continue
			}
			rel = filepath.ToSlash(rel)
		}
		j := r.jobOf(rel)
		j.path = model.SanitizeLine(displayPath(r, rel))
		return j, true
	}
	return job{}, false
}

// inside reports whether rel is a path below its root that the walk
// reads: not above it, and nothing hidden on the way.
func inside(rel string) bool {
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return false
	}
	return !slices.ContainsFunc(strings.Split(rel, "/"), hidden)
}
