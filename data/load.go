package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsline/newsline/model"
)

// MaxFileSize is the size above which a file is skipped unread.
const MaxFileSize = 16 << 20

// Streaming: a batch goes out when it holds batchSize articles, or when
// flushEvery has passed with something new to tell.
const (
	batchSize  = 256
	flushEvery = 50 * time.Millisecond
)

// CheckPaths reports the paths that do not exist (or cannot be looked at)
// as one error, or an error when no path is given. Load calls it first.
func CheckPaths(paths []string) error {
	if len(paths) == 0 {
		return errors.New("no folder or file given (give a folder or file of articles)")
	}
	var errs []error
	for _, p := range paths {
		_, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			errs = append(errs, fmt.Errorf("no such file or folder: %s (give a folder or file of articles)", model.SanitizeLine(p)))
		case err != nil:
			errs = append(errs, fmt.Errorf("cannot read %s: %s", model.SanitizeLine(p), reasonOf(err)))
		}
	}
	return errors.Join(errs...)
}

// Load reads the articles of every path, a file or a folder walked
// recursively, and streams them to send, which is called from the calling
// goroutine only: batches of about 256 articles with problems and the
// progress so far, and last a batch with Progress.Done set. Batch order
// varies from run to run; model.Collection keeps its own order.
//
// In folders, hidden files and folders (names starting with '.') are
// skipped, files of other formats are ignored, and symbolic links are
// followed, each real folder walked once. The names of the folders between
// a root and a file become tags of its articles (sport/0123.txt is tagged
// sport). A file given as a path has no folder tags. Files that are not
// regular are never opened, files over 16 MiB are not read, and nothing is
// ever written. Whatever cannot be read is a model.Problem, not an error.
//
// Article.Rel is the file's slash-separated path inside its root (for a
// file given as a path, its name), Article.Path is the root as given
// joined with Rel, and Article.ID is model.NewID(Rel, Index) (for an
// item of a feed file, derived from Rel and the item's key instead, see
// ParseFeed). When a file
// of a later root has the same Rel as one already loaded, its IDs derive
// from its Path instead, so they stay distinct and stable.
//
// Load returns an error when a path does not exist (before reading
// anything, see CheckPaths) or when ctx is cancelled (then without a Done
// batch).
func Load(ctx context.Context, paths []string, send func(model.Batch)) error {
	if err := CheckPaths(paths); err != nil {
		return err
	}
	roots := make([]root, 0, len(paths))
	for _, p := range paths {
		roots = append(roots, rootOf(p))
	}
	return load(ctx, roots, send)
}

// LoadFS is Load for the file system fsys, walked from its top folder,
// such as Demo(); name is what the folder is shown as, which Article.Path
// starts with.
func LoadFS(ctx context.Context, fsys fs.FS, name string, send func(model.Batch)) error {
	return load(ctx, []root{{fsys: fsys, name: ".", display: name}}, send)
}

// ReadAll loads the paths into a collection, for commands that need them
// all before they start.
func ReadAll(ctx context.Context, paths []string) (*model.Collection, error) {
	c := model.NewCollection()
	if err := Load(ctx, paths, c.Apply); err != nil {
		return nil, err
	}
	return c, nil
}

// ReadAllFS is ReadAll for a file system (see LoadFS).
func ReadAllFS(ctx context.Context, fsys fs.FS, name string) (*model.Collection, error) {
	c := model.NewCollection()
	if err := LoadFS(ctx, fsys, name, c.Apply); err != nil {
		return nil, err
	}
	return c, nil
}

// Body returns the body of an article. For now bodies are read with their
// articles and kept in memory, so this returns a.Body; it is the one place
// the rest of newsline asks for a body, so that bodies can later be read
// from disk on demand (and sanitized then) without changing callers.
func Body(a model.Article) (string, error) { return a.Body, nil }

// load walks the roots in one goroutine, reads and parses files in a few
// workers, and gathers their results into batches in the caller's.
func load(ctx context.Context, roots []root, send func(model.Batch)) error {
	return pipeline(ctx, roots, read, func(ctx context.Context, results <-chan result) error {
		return gather(ctx, results, send)
	})
}

// pipeline walks the roots in one goroutine, runs work on every file in a
// few workers, and hands the results to sink in the caller's goroutine.
// sink must read results until it is closed, or until ctx is done.
func pipeline(ctx context.Context, roots []root, work func(job) result, sink func(context.Context, <-chan result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, 64)
	results := make(chan result, 64)
	w := &walker{ctx: ctx, jobs: jobs, results: results, visited: map[any]bool{}, ids: map[string]bool{}}
	go w.walk(roots)
	var workers sync.WaitGroup
	for range max(2, runtime.NumCPU()) {
		workers.Go(func() {
			for j := range jobs {
				if ctx.Err() != nil {
					continue // drain
				}
				select {
				case results <- work(j):
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		workers.Wait() // the walker closed jobs: it sends nothing more
		close(results)
	}()
	return sink(ctx, results)
}

// parallel runs work on every item in a few workers and hands the results
// to sink in the caller's goroutine, in no particular order. sink reads
// results until it is closed, or returns early (the workers then stop).
// It clears each item as a worker takes it, so that what the item holds
// can be collected while the rest are worked on (100,000 files to index
// again held 5 MB until the end).
func parallel[T, R any](ctx context.Context, items []T, work func(T) R, sink func(context.Context, <-chan R) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan R, 64)
	var next atomic.Int64
	var workers sync.WaitGroup
	for range max(2, runtime.NumCPU()) {
		workers.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(items) || ctx.Err() != nil {
					return
				}
				item := items[k]
				clear(items[k : k+1])
				select {
				case results <- work(item):
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		workers.Wait()
		close(results)
	}()
	return sink(ctx, results)
}

// gather turns results into batches until results is closed.
func gather(ctx context.Context, results <-chan result, send func(model.Batch)) error {
	ticker := time.NewTicker(flushEvery)
	defer ticker.Stop()
	var b model.Batch
	var progress model.Progress
	dirty := false
	flush := func() {
		b.Progress = progress
		send(b)
		b, dirty = model.Batch{}, false
	}
	for {
		select {
		case res, ok := <-results:
			if !ok {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress.Done = true
				flush()
				return nil
			}
			if res.counted(&progress) {
				continue
			}
			if res.file {
				progress.Files++
			}
			progress.Articles += len(res.arts)
			b.Articles = append(b.Articles, res.arts...)
			b.Problems = append(b.Problems, res.probs...)
			dirty = true
			if len(b.Articles) >= batchSize {
				flush()
			}
		case <-ticker.C:
			if dirty {
				flush()
			}
		case <-ctx.Done():
			drain(results)
			return ctx.Err()
		}
	}
}

// read reads and parses one file.
func read(j job) result {
	res := result{file: true}
	b, reason := readFile(j.fsys, j.name)
	if reason != "" {
		res.probs = []model.Problem{{Path: j.path, Reason: reason}}
		return res
	}
	arts, probs, err := Parse(j.name, b)
	if errors.Is(err, errNotFeed) && !j.root.file {
		err = nil // an .xml file of another kind, in a folder: not ours
	}
	if err != nil {
		probs = append(probs, model.Problem{Reason: model.SanitizeLine(err.Error()), Loaded: len(arts) > 0, Line: errLine(err)})
	}
	for i := range probs {
		probs[i].Path = j.path
	}
	for i := range arts {
		a := &arts[i]
		if a.ID != 0 { // an item of a feed file
			a.ID = feedID(j.idKey, a.ID)
		} else {
			a.ID = model.NewID(j.idKey, a.Index)
		}
		a.Path, a.Rel = j.path, j.rel
		a.FolderTags = appendTags(nil, j.tags...)
	}
	res.arts, res.probs = arts, probs
	return res
}

// Reasons for files skipped unread.
const (
	reasonIrregular = "not a regular file: skipped"
	reasonTooLarge  = "larger than 16 MiB: skipped"
)

// readFile reads a regular file of at most MaxFileSize bytes, or says why
// it did not.
func readFile(fsys fs.FS, name string) ([]byte, string) {
	if dir, ok := fsys.(osFS); ok {
		p, err := dir.path("open", name)
		if err != nil {
			return nil, reasonOf(err)
		}
		return readOSFile(p)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, reasonOf(err)
	}
	defer f.Close()
	return readOpen(f)
}

// readOpen reads an open file if it is regular and not too large.
func readOpen(f fs.File) ([]byte, string) {
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, reasonOf(err)
	case !info.Mode().IsRegular():
		return nil, reasonIrregular
	}
	return readAll(f, info.Size())
}

// maxEmptyReads is how many reads in a row may give nothing, and no error,
// before a file is given up (as bufio gives up, io.ErrNoProgress).
const maxEmptyReads = 100

// readAll reads a file whose size was size when it was opened. It stops
// when it has read that many bytes (saving the read that would find the
// end; a file that grows meanwhile is read as it was), and reads on to the
// end when size is 0, as it is for files whose size the system does not
// know, up to MaxFileSize. A file that shrank is read to its new end.
func readAll(r io.Reader, size int64) ([]byte, string) {
	if size > MaxFileSize {
		return nil, reasonTooLarge
	}
	b := make([]byte, 0, max(size, 512))
	for empty := 0; size == 0 || int64(len(b)) < size; {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if n > 0 || err != nil {
			empty = 0
		} else if empty++; empty >= maxEmptyReads {
			return nil, reasonOf(io.ErrNoProgress)
		}
		if len(b) > MaxFileSize {
			return nil, reasonTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, reasonOf(err)
		}
	}
	return b, ""
}
