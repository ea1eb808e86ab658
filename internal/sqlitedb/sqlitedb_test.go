package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	errCorrupt = errors.New("the test database is corrupt")
	errBusy    = errors.New("the test database is busy")
	testErrors = Errors{Name: "test", Corrupt: errCorrupt, Busy: errBusy}
)

// TestWrap: Wrap names the database and the operation, keeps the error
// it wraps, and marks what callers act on.
func TestWrap(t *testing.T) {
	ctx := context.Background()
	if err := testErrors.Wrap(ctx, "read", nil); err != nil {
		t.Errorf("Wrap(nil) = %v", err)
	}
	plain := errors.New("disk full")
	err := testErrors.Wrap(ctx, "write x", plain)
	if err.Error() != "test: write x: disk full" || !errors.Is(err, plain) || errors.Is(err, errCorrupt) || errors.Is(err, errBusy) {
		t.Errorf("a plain error: %v", err)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := testErrors.Wrap(done, "read", plain); !errors.Is(err, context.Canceled) || err.Error() != "test: read: context canceled" {
		t.Errorf("once the context is done: %v", err)
	}

	// A file that is not a database.
	path := filepath.Join(t.TempDir(), "garbage.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", DSN(path, time.Second, "NORMAL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	qerr := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n)
	if !IsCorrupt(qerr) || IsBusy(qerr) || IsUnwritable(qerr) {
		t.Fatalf("garbage: %v (code %d): want it corrupt only", qerr, Code(qerr))
	}
	err = testErrors.Wrap(ctx, "read", qerr)
	if !errors.Is(err, errCorrupt) || errors.Is(err, errBusy) || !strings.HasPrefix(err.Error(), "test: read: the test database is corrupt (") {
		t.Errorf("corrupt: %v", err)
	}
}
