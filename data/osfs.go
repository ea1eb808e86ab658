package data

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// osFS is the operating system's file tree rooted at a folder, as an fs.FS
// that follows symbolic links anywhere (os.DirFS does too) and opens files
// read-only and without blocking (see openFlags).
type osFS string

func (dir osFS) path(op, name string) (string, error) {
	if !validPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(string(dir), filepath.FromSlash(name)), nil
}

// validPath is fs.ValidPath without its demand for UTF-8: a name on disk
// may be any bytes but '/' and NUL, and a file so named must load like any
// other (its name is shown sanitized, see model.SanitizeLine). Elements may not
// be empty, "." or "..", and the path may not start or end with '/'.
func validPath(name string) bool {
	if name == "." {
		return true
	}
	for {
		elem, rest, more := strings.Cut(name, "/")
		if elem == "" || elem == "." || elem == ".." || strings.IndexByte(elem, 0) >= 0 {
			return false
		}
		if !more {
			return true
		}
		name = rest
	}
}

// Open opens the named file for reading.
func (dir osFS) Open(name string) (fs.File, error) {
	p, err := dir.path("open", name)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(p, openFlags, 0)
}

// Stat describes the named file, following symbolic links.
func (dir osFS) Stat(name string) (fs.FileInfo, error) {
	p, err := dir.path("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// ReadDir lists the named folder, sorted by name.
func (dir osFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := dir.path("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}
