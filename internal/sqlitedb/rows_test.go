package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// openTest opens a new database with a table of three numbers.
func openTest(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", DSN(filepath.Join(t.TempDir(), "test.db"), time.Second, "NORMAL"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestNewErrors: the errors say what is corrupt or busy, and Wrap marks
// them.
func TestNewErrors(t *testing.T) {
	e := NewErrors("index", "the index")
	if e.Name != "index" || e.Corrupt.Error() != "the index is corrupt" || e.Busy.Error() != "the index is busy in another newsline" {
		t.Errorf("NewErrors = %q, %q, %q", e.Name, e.Corrupt, e.Busy)
	}
	if NewErrors("index", "the index").Corrupt == e.Corrupt {
		t.Error("two calls share an error: errors.Is could not tell the databases apart")
	}
}

// TestRows: Each, All and Map see every row, in order, and stop at the
// first error.
func TestRows(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	scan := func(rows *sql.Rows) (n int, err error) {
		err = rows.Scan(&n)
		return n, err
	}
	got, err := All(ctx, db, `SELECT n FROM t WHERE n >= ? ORDER BY n`, []any{2}, scan)
	if err != nil || !slices.Equal(got, []int{2, 3}) {
		t.Errorf("All = %v, %v", got, err)
	}
	squares, err := Map(ctx, db, `SELECT n, n*n FROM t`, nil, func(rows *sql.Rows) (n, sq int, err error) {
		err = rows.Scan(&n, &sq)
		return n, sq, err
	})
	if err != nil || len(squares) != 3 || squares[3] != 9 {
		t.Errorf("Map = %v, %v", squares, err)
	}
	if none, err := Map(ctx, db, `SELECT n, n FROM t WHERE n > 3`, nil, func(rows *sql.Rows) (n, m int, err error) {
		err = rows.Scan(&n, &m)
		return n, m, err
	}); err != nil || none == nil || len(none) != 0 {
		t.Errorf("Map of no rows = %#v, %v: want an empty map", none, err)
	}
	stop := errors.New("stop")
	seen := 0
	err = Each(ctx, db, `SELECT n FROM t`, nil, func(*sql.Rows) error {
		seen++
		return stop
	})
	if !errors.Is(err, stop) || seen != 1 {
		t.Errorf("Each after an error: %v, %d rows", err, seen)
	}
	if got, err := All(ctx, db, `SELECT n FROM t`, nil, func(*sql.Rows) (int, error) { return 0, stop }); got != nil || !errors.Is(err, stop) {
		t.Errorf("All after an error = %v, %v", got, err)
	}
	if _, err := All(ctx, db, `SELECT nothing FROM t`, nil, scan); err == nil {
		t.Error("All of a bad query: no error")
	}
}

// TestWrite: Write commits what fn did when it succeeds, rolls it back
// when it fails (returning its error as it is), and wraps an error of
// beginning with its operation.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var mu sync.Mutex
	count := func() (n int) {
		if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert := func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO t VALUES (4)`)
		return err
	}
	if err := testErrors.Write(ctx, db, &mu, "begin", "commit", insert); err != nil || count() != 4 {
		t.Errorf("Write: %v, %d rows", err, count())
	}
	failed := errors.New("failed")
	err := testErrors.Write(ctx, db, &mu, "begin", "commit", func(tx *sql.Tx) error {
		if err := insert(tx); err != nil {
			return err
		}
		return failed
	})
	if err != failed || count() != 4 {
		t.Errorf("Write of a failing fn: %v, %d rows", err, count())
	}
	if !mu.TryLock() {
		t.Fatal("Write kept the lock")
	}
	mu.Unlock()
	done, cancel := context.WithCancel(ctx)
	cancel()
	err = testErrors.Write(done, db, &mu, "start", "end", insert)
	if err == nil || err.Error() != "test: start: context canceled" || count() != 4 {
		t.Errorf("Write once the context is done: %v, %d rows", err, count())
	}
}
