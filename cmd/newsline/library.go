package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsline/newsline/data"
	"github.com/newsline/newsline/data/config"
)

// collectionArgs are the paths to read: the PATH arguments when there are
// some, and just those; else $NEWSLINE_DIR or the configuration's paths,
// plus the library when it holds an article (and is not inside one of
// them already). nil: none of them, the embedded demo.
func collectionArgs(args []string, cfg config.Config) []string {
	if len(args) > 0 {
		return args
	}
	paths, _ := config.ResolvePaths(nil, os.Getenv("NEWSLINE_DIR"), cfg)
	if lib := cfg.Library; lib != "" && !insideAny(lib, paths) && holdsArticle(lib) {
		paths = append(paths, lib)
	}
	return paths
}

// insideAny reports whether dir is one of paths or inside one: reading it
// again would show its articles twice.
func insideAny(dir string, paths []string) bool {
	dir = absPath(dir)
	for _, p := range paths {
		p = absPath(p)
		if rel, err := filepath.Rel(p, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

// errFound stops the walk of holdsArticle at the first article.
var errFound = errors.New("found")

// holdsArticle reports whether the folder dir holds a file newsline reads
// (data.Supported), outside hidden files and folders; false when it does
// not exist or cannot be read.
func holdsArticle(dir string) bool {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fs.SkipDir
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && data.Supported(d.Name()) {
			return errFound
		}
		return nil
	})
	return errors.Is(err, errFound)
}
