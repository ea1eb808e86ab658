// Package filelock takes exclusive locks on files, which the operating
// system releases when the process ends, even by kill -9: a lock is never
// left behind. TryLock takes one at once or not at all; Lock waits for
// it. Two opens of one file conflict, in one process as in two.
package filelock

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
)

// ErrLocked is TryLock's error when another holds the lock, and Lock's
// (wrapped) when its context ended first.
var ErrLocked = errors.New("locked")

// tryLock is the lock TryLock takes (the system's; a test swaps in the
// portable one).
var tryLock = systemLock

// TryLock takes an exclusive lock on path (the file is created when
// missing, mode 0600, and never deleted: deleting it would let two
// holders lock two files) without waiting. release gives it back.
func TryLock(path string) (release func() error, err error) { return tryLock(path) }

// pollEvery is how often Lock tries again.
const pollEvery = 20 * time.Millisecond

// Lock takes the lock on path as TryLock does, waiting for it until ctx
// ends (then an error wrapping ErrLocked and ctx's).
func Lock(ctx context.Context, path string) (release func() error, err error) {
	for {
		release, err := tryLock(path)
		if !errors.Is(err, ErrLocked) {
			return release, err
		}
		select {
		case <-ctx.Done():
			return nil, errors.Join(ErrLocked, ctx.Err())
		case <-time.After(pollEvery):
		}
	}
}

// sqliteLock locks path with SQLite's own file locking (an EXCLUSIVE
// transaction held open on an empty database): the portable lock, where
// flock is missing.
func sqliteLock(path string) (release func() error, err error) {
	db, err := sql.Open("sqlite", sqlitedb.DSN(path, 0, "OFF"))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err == nil {
		if _, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
			conn.Close()
		}
	}
	if err != nil {
		db.Close()
		if sqlitedb.IsBusy(err) {
			return nil, ErrLocked
		}
		return nil, err
	}
	return func() error {
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		return db.Close()
	}, nil
}
