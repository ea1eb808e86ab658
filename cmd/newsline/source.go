package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/model"
)

// source is the collection newsline reads: paths from the command line or
// $NEWSLINE_DIR, or the embedded demo.
type source struct {
	paths []string // nil for the demo
	name  string   // shown in the reader's header
}

// resolveSource picks the collection: PATH arguments, else $NEWSLINE_DIR (a
// list separated like $PATH), else the embedded demo. Paths must exist.
func resolveSource(args []string) (source, error) {
	paths := args
	if len(paths) == 0 {
		if dir := os.Getenv("NEWSLINE_DIR"); dir != "" {
			for _, p := range filepath.SplitList(dir) {
				if p != "" {
					paths = append(paths, p)
				}
			}
		}
	}
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
	return source{paths: paths, name: name}, nil
}

// load streams the collection's articles to send.
func (s source) load(ctx context.Context, send func(model.Batch)) error {
	if s.paths == nil {
		return data.LoadFS(ctx, data.Demo(), "demo", send)
	}
	return data.Load(ctx, s.paths, send)
}

// readAll loads the whole collection, for the subcommands. Problems with
// files are kept in the collection; only a failure of the load itself (such
// as an interrupt) is an error.
func (s source) readAll(ctx context.Context) (*model.Collection, error) {
	c := model.NewCollection()
	if err := s.load(ctx, c.Apply); err != nil {
		return nil, err
	}
	return c, nil
}
