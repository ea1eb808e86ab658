package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockFetch: while a fetch holds the lock, another is refused at once
// with one line naming the lock file and what to do; once it is released
// (or released twice), the next one takes it. The operating system's
// lock and the portable one behave alike (internal/filelock's tests).
func TestLockFetch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	first, err := LockFetch(dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := LockFetch(dir)
	if err == nil {
		second.Unlock()
		t.Fatal("a second fetch took the lock")
	}
	path := filepath.Join(dir, LockName)
	if msg := err.Error(); !errors.Is(err, ErrFetchRunning) || !strings.Contains(msg, "a fetch is already running") ||
		!strings.Contains(msg, path) || !strings.Contains(msg, "wait") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want ErrFetchRunning naming %s and saying what to do", msg, path)
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	first.Unlock()
	third, err := LockFetch(dir)
	if err != nil {
		t.Fatalf("after Unlock: %v", err)
	}
	third.Unlock()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the lock file: %v", err)
	}
}

// TestLockFetchFolder: a state folder that cannot be used is an error
// naming it.
func TestLockFetchFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o600)
	if _, err := LockFetch(file); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("LockFetch(a file): %v", err)
	}
	if _, err := LockFetch(""); err == nil {
		t.Error("LockFetch(\"\") succeeded")
	}
}
