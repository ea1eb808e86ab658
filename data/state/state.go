// Package state keeps what the user did with articles — read, starred
// (model.Mark) — and where the reader was in each collection when it quit
// (model.Place), in an embedded SQLite database (modernc.org/sqlite), one
// per user, in $XDG_STATE_HOME/newsline/state.db.
//
// Unlike data/index, which is a disposable cache, this is precious data:
// Open never deletes, rebuilds or overwrites a file it does not recognise
// (corrupt, foreign, made by a newer newsline); it returns an error naming
// the file and saying what to do. Every change is one transaction, and the
// database runs in WAL mode with synchronous=FULL, so that a crash (even a
// kill -9 in the middle of a write) never loses what was committed before.
// Several newsline processes share the database.
//
// An article is identified by Key: its URL when it has one, else its path
// inside its collection (see Key). Reconcile, called after a collection is
// loaded, moves the state of an article whose file was moved or renamed.
//
// It also keeps the fetch bookkeeping of feed subscriptions (feeds.go):
// per feed its validators, last fetch, error, items saved, 410 and
// Retry-After; per item whether it was saved or is being put in place
// (an intent, which data/library settles on the feed's next transaction
// or the next run). A fetch records a feed's items and its bookkeeping
// in one transaction (Commit; Writes counts them). LockFetch keeps two
// fetches from running at once.
//
// And it records the web pages saved into the library (pages.go): each
// address of a page with the file it was saved to, so that a page is
// saved once (SavePage's transaction keeps two savers apart).
//
// The typical use:
//
//	st, err := state.Open(dir)                     // dir from DefaultDir or --state-dir
//	defer st.Close()
//	st.Reconcile(ctx, state.Scope(paths...), articles)
//	marks, _ := st.Marks(ctx, articles)            // map[model.ID]model.Mark, one query
//	undo, _ := st.Set(ctx, model.MarkRead, picked) // one transaction
//	redo, _ := st.Undo(ctx, undo)                  // and back
//	place, ok, _ := st.LoadView(ctx, scope)        // where the reader left off
//	st.SaveView(ctx, scope, place)                 // when it quits
package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/internal/xdg"
)

// FileName is the database's name inside the state folder.
const FileName = "state.db"

// The database's identity: PRAGMA application_id marks a newsline state
// database ("NLST"), PRAGMA user_version its schema.
const (
	applicationID = 0x4E4C5354
	schemaVersion = 4
)

// schema creates the tables of schemaVersion. A change to it raises
// schemaVersion and adds the statements that bring the previous version
// up to it to migrations: state is never thrown away.
//
// marks has one row per article that is read or starred (a row with
// neither is deleted), keyed by Key. title and date are the article's when
// it was last seen, so that Reconcile can recognise it after a move; scope
// is the collection it was last seen in (Scope), so that a move is only
// looked for among the articles of the collection it disappeared from.
//
// views (schema 2) has one row per collection, keyed by Scope: the place
// the reader quit with, as JSON (see SaveView).
//
// feeds and items (schema 3) are the fetch bookkeeping (see feeds.go).
//
// pages (schema 4) are the web pages saved into the library (pages.go).
var schema = []string{
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) WITHOUT ROWID`,
	`CREATE TABLE marks (
		key     TEXT PRIMARY KEY,   -- Key(article)
		read    INTEGER NOT NULL,   -- 0 or 1
		starred INTEGER NOT NULL,   -- 0 or 1
		title   TEXT NOT NULL,      -- as last seen
		date    TEXT NOT NULL,      -- RFC 3339, '' when unknown
		scope   TEXT NOT NULL,      -- Scope of the collection it was last seen in
		changed INTEGER NOT NULL    -- Unix milliseconds of the last change
	) WITHOUT ROWID`,
	viewsTable,
	feedsTable,
	itemsTable,
	pendingIndex,
	pagesTable,
}

// viewsTable is in schema and in the migration from schema 1, so that a
// migrated database is the same as a new one.
const viewsTable = `CREATE TABLE views (
		scope TEXT PRIMARY KEY,   -- Scope of the collection
		view  TEXT NOT NULL,      -- the View as JSON
		saved INTEGER NOT NULL    -- Unix seconds of the save
	) WITHOUT ROWID`

// migrations[v] are the statements that bring a database of schema v to
// v+1, run in one transaction with the new user_version.
var migrations = map[int][]string{
	1: {viewsTable},
	2: {feedsTable, itemsTable, pendingIndex},
	3: {pagesTable},
}

// busyTimeout is how long a statement waits for a lock another process
// holds before it fails with ErrBusy.
var busyTimeout = 5 * time.Second

// Errors callers may tell apart (with errors.Is).
var (
	// ErrUnusable is returned (wrapped, with the file and what to do) by
	// Open when the database file is corrupt, belongs to another
	// application or to a newer newsline. The file is left as it was.
	ErrUnusable = errors.New("unusable state database")
	// ErrCorrupt ("the state database is corrupt") is returned (wrapped)
	// by a method that found the database damaged after Open accepted it.
	ErrCorrupt = errs.Corrupt
	// ErrBusy ("the state database is busy in another newsline") is
	// returned (wrapped) when another process held the database locked
	// for longer than the busy timeout.
	ErrBusy = errs.Busy
)

// errs are the state database's errors: "state: …", ErrCorrupt, ErrBusy.
var errs = sqlitedb.NewErrors("state", "the state database")

// wrap adds the operation to an error of the database and marks the errors
// callers may act on: ErrCorrupt, ErrBusy, and the context's own error.
var wrap = errs.Wrap

// Store is an open state database. Its methods are safe for concurrent use,
// except Close.
type Store struct {
	db     *sql.DB
	path   string
	write  sync.Mutex   // serializes this process's writers
	writes atomic.Int64 // write transactions committed (Writes)

	mu    sync.Mutex
	scope string // of the last Reconcile: stamped on rows Set creates
}

// DefaultDir returns the folder of the state database:
// $XDG_STATE_HOME/newsline when that is an absolute path, else
// ~/.local/state/newsline. It does not create it.
func DefaultDir() (string, error) {
	dir, err := xdg.Dir("XDG_STATE_HOME", func() (string, error) {
		home, err := os.UserHomeDir()
		return filepath.Join(home, ".local", "state"), err
	})
	if err != nil {
		return "", fmt.Errorf("state: no state folder: %w", err)
	}
	return dir, nil
}

// makeFolder creates the state folder dir (mode 0700) when missing; an
// error names it.
func makeFolder(dir string) error {
	if dir == "" {
		return errors.New("state: no state folder given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("state: cannot use the folder %s: %w", dir, err)
	}
	return nil
}

// Open opens the state database in dir (dir/state.db), creating the folder
// (mode 0700) and an empty database when there is none. An older schema is
// migrated. A file that is not a newsline state database of this or an
// older schema is an error wrapping ErrUnusable that names the file and
// says what to do; the file is never modified, moved or deleted. Other
// errors mean the folder cannot be used.
func Open(dir string) (*Store, error) {
	if err := makeFolder(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	if reason, err := sniff(path); err != nil {
		return nil, fmt.Errorf("state: cannot read %s: %w", path, err)
	} else if reason != "" {
		return nil, unusable(path, reason)
	}
	db, err := sql.Open("sqlite", sqlitedb.DSN(path, busyTimeout, "FULL"))
	if err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(2)
	s := &Store{db: db, path: path}
	if err := s.check(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database. A second Close does nothing.
func (s *Store) Close() error { return s.db.Close() }

// unusable is Open's error for a file it will not touch.
func unusable(path, reason string) error {
	return unusableError(fmt.Sprintf("state: %s %s: newsline leaves it as it is; move it away (newsline then starts an empty one) or choose another state folder (--state-dir)",
		path, reason))
}

// unusableError is an error that is ErrUnusable (errors.Is) with its own
// message.
type unusableError string

func (e unusableError) Error() string        { return string(e) }
func (e unusableError) Is(target error) bool { return target == ErrUnusable }

// sniff looks at the file's header before SQLite opens it, so that a file
// that is not an SQLite database, or is another application's, is never
// opened for writing. A missing or empty file is fine (a new database).
func sniff(path string) (reason string, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "is not a regular file", nil
	}
	var h [100]byte
	n, err := io.ReadFull(f, h[:])
	if n == 0 && (err == io.EOF) {
		return "", nil
	}
	if err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return "is not a newsline state database (not an SQLite database, or damaged)", nil
	}
	if app := int64(h[68])<<24 | int64(h[69])<<16 | int64(h[70])<<8 | int64(h[71]); app != 0 && app != applicationID {
		return "belongs to another application (it is not a newsline state database)", nil
	}
	return "", nil
}

// check looks at the opened database: creates the schema in an empty one,
// migrates an older one, and refuses anything else without writing to it.
func (s *Store) check(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.openErr(ctx, err)
	}
	defer conn.Close()
	// Each pass creates, migrates by one version or returns.
	for range schemaVersion + 1 {
		app, version, objects, err := sqlitedb.Identity(ctx, conn)
		if err != nil {
			return s.openErr(ctx, err)
		}
		switch {
		case app == applicationID && version == schemaVersion:
			return s.complete(ctx, conn)
		case app == applicationID && version > schemaVersion:
			return unusable(s.path, fmt.Sprintf("was made by a newer newsline (schema %d, this one knows %d)", version, schemaVersion))
		case app == applicationID:
			if err := migrate(ctx, conn, int(version)); err != nil {
				return fmt.Errorf("state: %s: cannot update it from schema %d: %w (the file is unchanged)", s.path, version, err)
			}
			continue
		case app != 0 || objects > 0:
			return unusable(s.path, "belongs to another application (it is not a newsline state database)")
		}
		if err := create(ctx, conn); err != nil {
			return s.openErr(ctx, err)
		}
		// Look again: this or another process has created it.
	}
	return fmt.Errorf("state: %s: could not create the database", s.path)
}

// openErr turns an error met while opening into Open's error.
func (s *Store) openErr(ctx context.Context, err error) error {
	switch {
	case sqlitedb.IsCorrupt(err):
		return unusable(s.path, "is damaged")
	case sqlitedb.IsUnwritable(err):
		return fmt.Errorf("state: open %s: %w: %s", s.path, err, writeAdvice)
	}
	return wrap(ctx, "open "+s.path, err)
}

// writeAdvice says what to do about a database newsline may not write
// (even to read it, SQLite in WAL mode writes beside it).
const writeAdvice = "newsline must be able to write it and its folder: check their owner and permissions, or choose another state folder (--state-dir)"

// complete checks a database of the current schema cheaply: its tables
// are there, it is in WAL mode, and the file is as long as its header says
// (a truncated file is otherwise only found when a query reaches a missing
// page; the length is comparable only while the log is empty).
func (s *Store) complete(ctx context.Context, conn *sql.Conn) error {
	var tables string
	var pages, pageSize int64
	var mode string
	err := conn.QueryRowContext(ctx, `SELECT
		(SELECT group_concat(name, ',') FROM sqlite_schema WHERE type = 'table'),
		(SELECT page_count FROM pragma_page_count),
		(SELECT page_size FROM pragma_page_size),
		(SELECT journal_mode FROM pragma_journal_mode)`).Scan(&tables, &pages, &pageSize, &mode)
	if err != nil {
		return s.openErr(ctx, err)
	}
	for _, name := range []string{"marks", "views", "feeds", "items", "pages"} {
		if !slices.Contains(strings.Split(tables, ","), name) {
			return unusable(s.path, "is damaged (its "+name+" table is missing)")
		}
	}
	switch cut, err := sqlitedb.Truncated(s.path, pages, pageSize); {
	case err != nil:
		return fmt.Errorf("state: %w", err)
	case cut:
		return unusable(s.path, "is damaged (truncated)")
	}
	if mode != "wal" {
		if err := sqlitedb.WALMode(ctx, conn, busyTimeout); err != nil {
			return s.openErr(ctx, err)
		}
	}
	return nil
}

// create makes an empty database a newsline state database, in an
// IMMEDIATE transaction that looks again inside it, so that two processes
// creating it at once create it once.
func create(ctx context.Context, conn *sql.Conn) error {
	return sqlitedb.Create(ctx, conn, busyTimeout, func(tx *sql.Tx) error {
		stmts := append(schema[:len(schema):len(schema)],
			"PRAGMA application_id = "+strconv.Itoa(applicationID),
			"PRAGMA user_version = "+strconv.Itoa(schemaVersion))
		if err := sqlitedb.Exec(ctx, tx, stmts...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES
			('application', 'newsline state'), ('created', ?)`, time.Now().UTC().Format(time.RFC3339))
		return err
	})
}

// migrate brings a database of schema version up by one version, in one
// transaction.
func migrate(ctx context.Context, conn *sql.Conn, version int) error {
	stmts, ok := migrations[version]
	if !ok {
		return fmt.Errorf("no migration from schema %d", version)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var now int64
	if err := tx.QueryRowContext(ctx, "SELECT user_version FROM pragma_user_version").Scan(&now); err != nil {
		return err
	}
	if now != int64(version) {
		return nil // another process migrated it; the caller looks again
	}
	if err := sqlitedb.Exec(ctx, tx, append(stmts[:len(stmts):len(stmts)], "PRAGMA user_version = "+strconv.Itoa(version+1))...); err != nil {
		return err
	}
	return tx.Commit()
}
