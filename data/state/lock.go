package state

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/newsline/newsline/internal/filelock"
)

// LockName is the lock file's name inside the state folder.
const LockName = "fetch.lock"

// ErrFetchRunning is returned (wrapped, naming the lock file) by LockFetch
// when another fetch holds the lock.
var ErrFetchRunning = errors.New("a fetch is already running")

// FetchLock is the lock one fetch holds while it runs, so that two
// fetches (two processes, or two in one) never write the library at once.
// The operating system releases it when the process ends, even by kill -9:
// a lock is never left behind.
type FetchLock struct {
	once    sync.Once
	release func() error
}

// LockFetch takes the fetch lock in the state folder dir (the file
// fetch.lock, created when missing; mode 0600) without waiting: when
// another fetch holds it, the error wraps ErrFetchRunning and is one line
// saying what to do. The lock file is never deleted (deleting it would let
// two fetches lock two files).
func LockFetch(dir string) (*FetchLock, error) {
	if err := makeFolder(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockName)
	release, err := filelock.TryLock(path)
	switch {
	case errors.Is(err, filelock.ErrLocked):
		return nil, fmt.Errorf("state: %w (another newsline holds %s): wait for it to finish, then try again", ErrFetchRunning, path)
	case err != nil:
		return nil, fmt.Errorf("state: cannot lock %s: %w", path, err)
	}
	return &FetchLock{release: release}, nil
}

// Unlock releases the lock. A second Unlock does nothing.
func (l *FetchLock) Unlock() error {
	var err error
	l.once.Do(func() { err = l.release() })
	return err
}
