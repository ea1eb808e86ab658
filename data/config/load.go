package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	toml "github.com/pelletier/go-toml/v2"
)

// Size limits: a configuration file is a few hundred bytes (and go-toml's
// check for duplicate keys is quadratic in the keys of a table); a Glamour
// style is a few kilobytes.
const (
	maxFileSize  = 64 << 10
	maxStyleSize = 1 << 20
)

// unreachable reports whether the folder cannot even be looked at.
func unreachable(dir string) bool {
	_, err := os.Stat(dir)
	return err != nil
}

// Load reads the configuration file at path over the defaults and checks
// it. An empty path means DefaultPath(). A missing file gives the defaults
// unless explicit (the path came from --config), when it is an error.
//
// Every error is an *Error, whose message is one line naming the file, the
// line and the key.
func Load(path string, explicit bool) (Config, Sources, error) {
	cfg, src := Default(), Sources{}
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			// No home folder: there is no file to read.
			return cfg, src, nil
		}
		path, explicit = p, false
	}
	data, err := readLimited(path, maxFileSize)
	if err != nil {
		// The default file may be missing, or out of reach (a folder of
		// another user's, when run as someone else with their $HOME).
		if !explicit && (errors.Is(err, fs.ErrNotExist) || unreachable(filepath.Dir(path))) {
			return cfg, src, nil
		}
		e := &Error{File: path, Err: err}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			e.Msg, e.Hint = "no such file", "check the path given with --config"
		case errors.Is(err, errTooLarge), errors.Is(err, errNotRegular), errors.Is(err, errFolder):
			e.Msg, e.Hint = err.Error(), "give the path of a TOML file"
		default:
			e.Msg, e.Hint = "cannot read it: "+unwrapPathError(err), "check the file's permissions"
		}
		return cfg, src, e
	}
	cfg.File = path
	cfg, src, err = parse(path, data)
	return cfg, src, err
}

var (
	errTooLarge   = errors.New("too large")
	errNotRegular = errors.New("not a regular file")
	errFolder     = errors.New("a folder, not a file")
)

// readLimited reads a regular file of at most limit bytes.
// A FIFO or a device is never opened (opening a FIFO blocks).
func readLimited(path string, limit int) ([]byte, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := regular(st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%w: over %d KiB", errTooLarge, limit>>10)
	}
	return data, nil
}

func regular(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return errFolder
	case !st.Mode().IsRegular():
		return errNotRegular
	}
	return nil
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// parse decodes and checks the file's content; file names it in errors
// and sources.
func parse(file string, data []byte) (Config, Sources, error) {
	cfg, src := Default(), Sources{}
	cfg.File = file
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var fc fileConfig
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return cfg, src, decodeError(file, err)
	}
	l := &loader{file: file, dir: absDir(file), lines: keyLines(data), entries: pathLines(data), cfg: &cfg, src: src}
	l.apply(&fc)
	if len(l.errs) > 0 {
		// One error: the first in the file.
		slices.SortStableFunc(l.errs, func(a, b *Error) int {
			return cmp.Compare(lineOrder(a.Line), lineOrder(b.Line))
		})
		return cfg, src, l.errs[0]
	}
	return cfg, src, nil
}

// lineOrder puts an unknown line (0) after every known one.
func lineOrder(n int) int {
	if n == 0 {
		return int(^uint(0) >> 1)
	}
	return n
}

// absDir returns the absolute folder of file, for paths relative to it.
func absDir(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.Dir(file)
	}
	return filepath.Dir(abs)
}
