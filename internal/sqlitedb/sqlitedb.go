// Package sqlitedb is what newsline's SQLite databases — the index (a
// cache) and the state (precious) — share: how a file is named to the
// driver, how it is switched to write-ahead logging, how errors are told
// apart and wrapped (Errors), and how rows are read (Each) and changes
// written (Errors.Write). Each database keeps its own schema and its own
// rules for a file it cannot use.
package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DSN is the driver's name for the database at path: a file: URI (so that
// any character may appear in the path) with the settings of every
// connection: the busy timeout, synchronous (OFF for a cache, which is
// rebuilt when a power loss damages it; FULL for what must survive one),
// and transactions that begin IMMEDIATE — a writer takes the lock when it
// starts, waiting for another writer, instead of failing half-way.
func DSN(path string, busy time.Duration, synchronous string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" {
		p = "/" + p // file:///C:/...
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "synchronous("+synchronous+")")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: p}).EscapedPath() + "?" + q.Encode()
}

// WALMode puts the database in WAL mode, which lets readers read while a
// writer writes, in this process and in others; it is a property of the
// file, set before any table exists. Switching needs a lock that SQLite
// does not wait for while another connection reads (it would deadlock),
// so a busy database is tried again until busy has passed.
func WALMode(ctx context.Context, conn *sql.Conn, busy time.Duration) error {
	deadline := time.Now().Add(busy)
	for {
		var mode string
		err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		if err == nil || Code(err) != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// Code returns the primary SQLite result code of err, or 0.
func Code(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// IsCorrupt reports whether SQLite found the file damaged, or not a
// database at all.
func IsCorrupt(err error) bool {
	c := Code(err)
	return c == sqlite3.SQLITE_CORRUPT || c == sqlite3.SQLITE_NOTADB
}

// IsBusy reports whether the database stayed locked by another connection
// or process for longer than the busy timeout.
func IsBusy(err error) bool {
	c := Code(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// IsUnwritable reports whether SQLite may not write the file or its folder
// (even to read it, SQLite in WAL mode writes beside it).
func IsUnwritable(err error) bool {
	switch Code(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// Errors are the errors of one database that its callers tell apart with
// errors.Is, each in that database's own words.
type Errors struct {
	Name    string // what every message starts with: "index", "state"
	Corrupt error  // the database was found damaged (IsCorrupt)
	Busy    error  // another process held it locked too long (IsBusy)
}

// NewErrors returns the errors of the database called name in messages
// ("index", "state"), whose Corrupt and Busy errors say what, such as
// "the index", is corrupt or busy in another newsline.
func NewErrors(name, what string) Errors {
	return Errors{
		Name:    name,
		Corrupt: errors.New(what + " is corrupt"),
		Busy:    errors.New(what + " is busy in another newsline"),
	}
}

// Wrap adds the operation to an error of the database and marks the errors
// callers may act on: Corrupt, Busy, and the context's own error (which
// explains any error met once the context is done). A nil err is nil.
func (e Errors) Wrap(ctx context.Context, op string, err error) error {
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("%s: %s: %w", e.Name, op, ctx.Err())
	case IsCorrupt(err):
		return fmt.Errorf("%s: %s: %w (%w)", e.Name, op, e.Corrupt, err)
	case IsBusy(err):
		return fmt.Errorf("%s: %s: %w (%w)", e.Name, op, e.Busy, err)
	}
	return fmt.Errorf("%s: %s: %w", e.Name, op, err)
}

// Create makes an empty database one of newsline's: in WAL mode, then in
// an IMMEDIATE transaction that looks again inside it, fill writes the
// schema. A database that is not empty by then (another process was
// faster) is left alone: the caller looks at it again.
func Create(ctx context.Context, conn *sql.Conn, busy time.Duration, fill func(*sql.Tx) error) error {
	if err := WALMode(ctx, conn, busy); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var app, objects int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&app, &objects); err != nil {
		return err
	}
	if app != 0 || objects > 0 {
		return nil
	}
	if err := fill(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Exec runs the statements in tx, in order, up to the first error.
func Exec(ctx context.Context, tx *sql.Tx, stmts ...string) error {
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// Identity reads what says whose a database is: its application id and
// schema version (the header's user_version), and how many objects its
// schema has (none: a new, empty file).
func Identity(ctx context.Context, conn *sql.Conn) (app, version, objects int64, err error) {
	err = conn.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&app, &version, &objects)
	return app, version, objects, err
}

// Truncated reports whether the file at path is shorter than the pages its
// header counts: a truncated file is otherwise only found when a query
// reaches a missing page. The length is comparable only while the
// write-ahead log is empty, as it is after every process has closed the
// database; otherwise Truncated says false.
func Truncated(path string, pages, pageSize int64) (bool, error) {
	db, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	wal, err := os.Stat(path + "-wal")
	return (errors.Is(err, os.ErrNotExist) || err == nil && wal.Size() == 0) && db.Size() < pages*pageSize, nil
}
