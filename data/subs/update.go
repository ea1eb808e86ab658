package subs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsline/newsline/internal/filelock"
)

// lockWait bounds how long Update waits for another newsline's change of
// the same file.
const lockWait = 30 * time.Second

// ReadError is Update's error when the file cannot be read or parsed:
// Read's, the file left as it is.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// Update changes the subscriptions file at path, holding its lock (the
// hidden file .feeds.opml.lock beside it) from the read to the write, so
// that two feed commands at once change it one after the other: neither
// writes over the other's change. It reads the list (an unreadable file is
// a *ReadError), hands it to change, and writes it back (Write; its error
// names the file) when change says so; change's error stops it, returned
// as it is, with nothing written.
func Update(ctx context.Context, path string, change func(l *List) (write bool, err error)) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, lockWait)
	defer cancel()
	lock := filepath.Join(dir, "."+filepath.Base(path)+".lock")
	release, err := filelock.Lock(ctx, lock)
	if err != nil {
		return fmt.Errorf("%s is being changed by another newsline (%s held): try again when it is done: %w", path, lock, err)
	}
	defer release()
	l, err := Read(path)
	if err != nil {
		return &ReadError{err}
	}
	write, err := change(&l)
	if err != nil || !write {
		return err
	}
	if err := Write(path, l); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
