package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/model"
	"github.com/newsline/newsline/ui"
)

// cacheFlags choose where the on-disk index lives, or that there is none.
type cacheFlags struct {
	dir     string
	noCache bool
}

// source is the collection newsline reads: paths from the command line or
// $NEWSLINE_DIR, or the embedded demo; through an index when it has one.
type source struct {
	paths  []string      // nil for the demo
	name   string        // shown in the reader's header
	lib    *data.Library // the on-disk index, nil without one
	notice string        // one line about the index, for the status bar
}

// checkConfigPaths checks the configuration's paths when they are the ones
// used (no PATH argument, no $NEWSLINE_DIR): one that does not exist is an
// error of the file, at its entry's line (config.Config.CheckPaths).
func checkConfigPaths(args []string, cfg config.Config) error {
	switch _, from := config.ResolvePaths(args, os.Getenv("NEWSLINE_DIR"), cfg); from {
	case config.SourceArgs, config.SourceEnv, config.SourceDefault:
		return nil
	}
	if err := cfg.CheckPaths(); err != nil {
		return usageError{err}
	}
	return nil
}

// resolveSource picks the collection: PATH arguments, else $NEWSLINE_DIR (a
// list separated like $PATH), else the configuration file's paths, else the
// embedded demo (see config.ResolvePaths); callers pass collectionArgs,
// which adds the library when there are no PATH arguments. Paths must exist. Folders are
// read through their index in the cache folder unless --no-cache; an index
// that cannot be opened means running without one.
func resolveSource(ctx context.Context, args []string, cache cacheFlags, configPaths ...string) (source, error) {
	paths, _ := config.ResolvePaths(args, os.Getenv("NEWSLINE_DIR"), config.Config{Paths: configPaths})
	if len(paths) == 0 {
		return source{name: "demo collection"}, nil
	}
	if err := data.CheckPaths(paths); err != nil {
		return source{}, usageError{err}
	}
	name := strings.Join(paths, ", ")
	if len(paths) > 2 {
		name = paths[0] + " and " + strconv.Itoa(len(paths)-1) + " more"
	}
	src := source{paths: paths, name: name}
	if cache.noCache {
		return src, nil
	}
	dir := cache.dir
	if dir == "" {
		d, err := index.DefaultCacheDir()
		if err != nil {
			src.notice = "Running without an index: " + err.Error()
			return src, nil
		}
		dir = d
	}
	lib, notices, err := data.OpenLibrary(ctx, paths, dir)
	if err != nil {
		src.notice = fmt.Sprintf("Running without an index (%v)", err)
		return src, nil
	}
	src.lib = lib
	src.notice = strings.Join(notices, "; ")
	return src, nil
}

// close releases the index.
func (s source) close() {
	if s.lib != nil {
		s.lib.Close()
	}
}

// load streams the collection's articles to send.
func (s source) load(ctx context.Context, send func(model.Batch)) error {
	switch {
	case s.lib != nil:
		return s.lib.Load(ctx, send)
	case s.paths == nil:
		return data.LoadFS(ctx, data.Demo(), "demo", send)
	}
	return data.Load(ctx, s.paths, send)
}

// loadAndIndex is load for the reader: through an index, the full-text
// index is then completed (data.Library.IndexText), with progress, while
// the reader is in use. The subcommands do not wait for it: their
// searches scan what is not indexed yet. It returns when the index is
// complete (tests rely on that); loadIndexAndWatch goes on watching.
func (s source) loadAndIndex(ctx context.Context, send func(model.Batch)) error {
	if err := s.load(ctx, send); err != nil || s.lib == nil {
		return err
	}
	return s.lib.IndexText(ctx, send)
}

// loadIndexAndWatch is loadAndIndex, then, through an index, a watch on
// the folders until ctx is done (data.Library.Watch): files added, changed
// or deleted while the reader runs reach it as batches. Without an index
// (the demo, --no-cache) it returns after the load.
func (s source) loadIndexAndWatch(ctx context.Context, send func(model.Batch)) error {
	if err := s.loadAndIndex(ctx, send); err != nil || s.lib == nil {
		return err
	}
	return s.lib.Watch(ctx, send)
}

// first answers the reader's first screen from the indexes, before the
// load streams the collection in (data.Library.FirstPage and Summary); nil
// without an index.
func (s source) first() func(context.Context, model.Query, int) (ui.FirstScreen, error) {
	if s.lib == nil {
		return nil
	}
	return func(ctx context.Context, q model.Query, n int) (ui.FirstScreen, error) {
		arts, err := s.lib.FirstPage(ctx, q, n)
		if err != nil {
			return ui.FirstScreen{}, err
		}
		total, tags, err := s.lib.Summary(ctx)
		return ui.FirstScreen{Articles: arts, Total: total, Tags: tags}, err
	}
}

// file returns the path of the file an article was read from.
func (s source) file(a model.Article) (string, error) {
	if s.lib != nil {
		return s.lib.File(a)
	}
	// Read without an index: the path as shown, if it is the file's.
	if fi, err := os.Stat(a.Path); err != nil || !fi.Mode().IsRegular() {
		return "", fmt.Errorf("cannot find the file of %s", a.Path)
	}
	return a.Path, nil
}

// body returns an article's body: from its file when bodies are not kept.
func (s source) body(a model.Article) (string, error) {
	if s.lib != nil {
		return s.lib.Body(a)
	}
	return data.Body(a)
}

// search is the full-text search of the index, or nil to search in memory.
func (s source) search() func(context.Context, string) (model.Found, error) {
	if s.lib != nil {
		return s.lib.Find
	}
	return nil
}

// readAll loads the whole collection, for the subcommands. Problems with
// files are kept in the collection; only a failure of the load itself (such
// as an interrupt) is an error. An index that fails on the way (the disk
// fills up while it is written) is dropped: the collection is read again
// without it, and the notice says so.
func (s *source) readAll(ctx context.Context) (*model.Collection, error) {
	c := model.NewCollection()
	if s.lib != nil {
		c = model.NewCollection(model.ExternalSearch())
	}
	err := s.load(ctx, func(b model.Batch) {
		if b.Notice != "" { // such as an index that could not be written
			s.notice = joinNotice(s.notice, b.Notice)
		}
		c.Apply(b)
	})
	if err != nil && s.lib != nil && ctx.Err() == nil {
		s.lib.Close()
		s.lib = nil
		s.notice = fmt.Sprintf("Running without an index (%v)", err)
		c = model.NewCollection()
		err = s.load(ctx, c.Apply)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// visible is the query's result in the collection, searching through the
// index when there is one.
func (s source) visible(ctx context.Context, c *model.Collection, q model.Query) ([]model.ID, error) {
	if s.lib != nil && strings.TrimSpace(q.Search) != "" {
		ids, err := s.lib.Search(ctx, q.Search)
		if err != nil {
			return nil, err
		}
		q.Only = ids
	}
	return c.Visible(q), nil
}

// joinNotice adds a notice to a line of them: "a; b".
func joinNotice(line, notice string) string {
	if line == "" {
		return notice
	}
	return line + "; " + notice
}
