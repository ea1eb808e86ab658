package filelock

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// bothKinds runs test with the system's lock and with the portable one.
func bothKinds(t *testing.T, test func(t *testing.T)) {
	for _, tc := range []struct {
		name string
		lock func(string) (func() error, error)
	}{{"the system's", systemLock}, {"the portable one", sqliteLock}} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(old func(string) (func() error, error)) { tryLock = old }(tryLock)
			tryLock = tc.lock
			test(t)
		})
	}
}

// TestTryLock: a held lock is refused at once with ErrLocked; released,
// it is taken again; the file stays.
func TestTryLock(t *testing.T) {
	bothKinds(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.lock")
		release, err := TryLock(path)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := TryLock(path); !errors.Is(err, ErrLocked) {
			if r != nil {
				r()
			}
			t.Fatalf("second TryLock: %v, want ErrLocked", err)
		}
		if err := release(); err != nil {
			t.Fatal(err)
		}
		again, err := TryLock(path)
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		again()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("the lock file: %v", err)
		}
	})
}

// TestLockWaits: Lock waits for a held lock and takes it once released;
// its holders never overlap; a context that ends first is ErrLocked.
func TestLockWaits(t *testing.T) {
	bothKinds(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.lock")
		var mu sync.Mutex
		holders, most := 0, 0
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				release, err := Lock(context.Background(), path)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				holders++
				most = max(most, holders)
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				holders--
				mu.Unlock()
				release()
			})
		}
		wg.Wait()
		if most != 1 {
			t.Errorf("%d holders at once", most)
		}
		release, err := TryLock(path)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Lock(ctx, path); !errors.Is(err, ErrLocked) || !errors.Is(err, context.Canceled) {
			t.Errorf("Lock with an ended context: %v", err)
		}
	})
}
