// Package index is newsline's persistent index of a collection: one SQLite
// database per collection root, in the user's cache folder, holding what
// newsline knows of every file (size, modification time, the metadata of
// its articles, its problems) and a full-text index of the articles' title,
// tags and body, so that a collection of 100,000 articles opens and
// searches without reading its files.
//
// The index is a cache: whatever is wrong with the file — missing, corrupt,
// written by another application or by another version of newsline — Open
// sets it aside and starts an empty one, with a one-line notice for the
// status bar. Several newsline processes share one index (SQLite in WAL
// mode: readers never wait, writers take turns, a locked index is waited
// for, never rebuilt). Bodies are not stored: they are folded into the
// full-text index and read from their files when shown, but for the few
// that cost too much to read again (a saved web page's extracted article:
// FileChange.Bodies, Stored).
//
// The package imports model only. The typical use:
//
//	ix, notice, err := index.Open(ctx, index.Path(cacheDir, root))
//	if err != nil { /* run without a cache */ }
//	defer ix.Close()
//	known, _ := ix.Files(ctx)      // stat the folder, compare, parse what changed
//	ix.Articles(ctx, func(a model.Article) error { a.Path = ...; return nil })
//	ix.Apply(ctx, changes)         // hundreds of files per call, from one goroutine
//	ids, _ := ix.Search(ctx, "harb łódź")
package index

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/internal/xdg"
)

// The database's identity: PRAGMA application_id marks a newsline index
// ("NLIX"), PRAGMA user_version its schema. A file with another
// application_id is foreign; one with ours and another user_version is from
// an older (or newer) newsline. Both are set aside and rebuilt.
const (
	applicationID = 0x4E4C4958
	schemaVersion = 8 // 8: no prefix index for three characters; 7: bodies of saved web pages (FileChange.Bodies); 6: feed files (.rss, .atom, .rdf, and .xml and .json holding a feed) are read as feeds; 5: problems have a line, titles and words have character references decoded; 4: sort key columns and their indexes, the tags summary; 3: full text may come later (articles.fts); 2: clustered tables and one record per article; 1 had a column per field
)

// busyTimeout is how long a statement waits for a lock another connection
// or process holds before it fails with ErrBusy. Tests shorten it.
var busyTimeout = 5 * time.Second

// errs are the index's errors: "index: …", ErrCorrupt, ErrBusy.
var errs = sqlitedb.NewErrors("index", "the index")

// Errors that callers may want to tell apart (test with errors.Is).
var (
	// ErrCorrupt ("the index is corrupt") is returned (wrapped) by a
	// method that found the database damaged after Open had accepted it.
	// The caller can Reset the index.
	ErrCorrupt = errs.Corrupt
	// ErrBusy ("the index is busy in another newsline") is returned
	// (wrapped) when another process held the index locked for longer
	// than the busy timeout (about 5 s).
	ErrBusy = errs.Busy
)

// wrap adds the operation to an error of the database and marks the errors
// callers may act on: ErrCorrupt, ErrBusy, and the context's own error.
var wrap = errs.Wrap

// Index is an open index. Its methods are safe for concurrent use, except
// Close and Reset, which must not run alongside any other; Apply calls are
// serialized (SQLite has one writer), reads run alongside them.
type Index struct {
	db   *sql.DB
	path string
	// apply serializes writers of this process, so that they queue here
	// rather than time out on SQLite's lock.
	apply sync.Mutex
	ids   idMap     // full-text rowid → ID, for Search
	reads stmtCache // for the queries run once per file (Prepare)
	// bulk is set between StartBulkRows and EndBulkRows in this process:
	// Apply leaves the tags summary and article_tags alone, and
	// EndBulkRows makes them from every row at once.
	bulk bool
}

// FileStat is what the index knows of a file on disk, to tell whether it
// changed since it was indexed.
type FileStat struct {
	Size    int64 // bytes
	ModTime int64 // modification time, Unix nanoseconds
}

// Path returns the index file for the collection root (a folder, or a file
// given alone) inside cacheDir: one index per root, named from a hash of the
// root's absolute path, symbolic links resolved, after a readable base name
// (cacheDir/news-1f2e3d4c5b6a7980.db), so that every spelling of one folder
// shares one index.
func Path(cacheDir, root string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = filepath.Clean(root)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	sum := sha256.Sum256([]byte(abs))
	base := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, filepath.Base(abs))
	base = strings.Trim(base, "._")
	if len(base) > 40 {
		base = base[:40]
	}
	if base == "" {
		base = "root"
	}
	return filepath.Join(cacheDir, base+"-"+hex.EncodeToString(sum[:8])+".db")
}

// DefaultCacheDir returns the folder for newsline's indexes:
// $XDG_CACHE_HOME/newsline when that is set to an absolute path (on every
// system), else os.UserCacheDir()/newsline. It does not create it.
func DefaultCacheDir() (string, error) {
	dir, err := xdg.Dir("XDG_CACHE_HOME", os.UserCacheDir)
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w", err)
	}
	return dir, nil
}

// Open opens the index at path, creating it and its folder if needed.
//
// A file that cannot serve as this version's index — not a database,
// truncated, garbage, another application's database, an index of an older
// or newer schema — is set aside (renamed to path+".broken-<unix time>",
// replacing an earlier one, or removed if it cannot be renamed) and a fresh,
// empty index is created; notice then says so in one line for the status
// bar, such as "rebuilding the index: it was corrupt". A missing file is
// created without a notice (the caller sees an empty index).
//
// An index that another newsline process is writing is waited for (up to
// about 5 s per statement) and shared, never rebuilt under it. An error
// means there is no usable index — the folder or file cannot be written,
// the disk is full, the index stayed locked (ErrBusy) — and the caller runs
// without a cache.
func Open(ctx context.Context, path string) (ix *Index, notice string, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, "", fmt.Errorf("index: %w", err)
	}
	removeOrphans(path)
	ix, reason, err := open(ctx, path)
	if err != nil || reason == "" {
		return ix, "", err
	}
	if err := setAside(path); err != nil {
		return nil, "", fmt.Errorf("index: cannot set aside %s (%s): %w", path, reason, err)
	}
	ix, again, err := open(ctx, path)
	if err != nil {
		return nil, "", err
	}
	if again != "" { // another process put something odd there meanwhile
		ix.Close()
		return nil, "", fmt.Errorf("index: %s: %s", path, again)
	}
	return ix, "rebuilding the index: " + reason, nil
}

// Reset sets the index's file aside and starts a fresh, empty index at the
// same path, for a caller that got ErrCorrupt from a method. It returns the
// notice for the status bar. It must not run alongside other methods; after
// an error the Index is closed (its methods fail).
func (ix *Index) Reset(ctx context.Context) (notice string, err error) {
	ix.reads.reset(nil)
	ix.db.Close()
	ix.ids.reset() // rowids start again
	if err := setAside(ix.path); err != nil {
		return "", fmt.Errorf("index: cannot set aside %s: %w", ix.path, err)
	}
	fresh, reason, err := open(ctx, ix.path)
	if err != nil {
		return "", err
	}
	if reason != "" {
		fresh.Close()
		return "", fmt.Errorf("index: %s: %s", ix.path, reason)
	}
	ix.db = fresh.db
	ix.reads.reset(fresh.db)
	return "rebuilding the index: " + reasonCorrupt, nil
}

// Close closes the index; a second Close does nothing. The last connection
// to the database checkpoints the write-ahead log into its file.
func (ix *Index) Close() error {
	ix.reads.reset(ix.db)
	return ix.db.Close()
}

// open opens the database at path and checks it. A non-empty reason means
// the file is not a usable index (the database is then closed); an error
// means it could not be looked at.
//
// The index is a cache, and is written as one: synchronous=OFF (SQLite
// never waits for the disk; in WAL mode a killed process still leaves the
// old or the new content, while a power loss or a system crash may leave a
// damaged file, which Open or Reset then sets aside and rebuilds).
func open(ctx context.Context, path string) (*Index, string, error) {
	db, err := sql.Open("sqlite", sqlitedb.DSN(path, busyTimeout, "OFF"))
	if err != nil {
		return nil, "", fmt.Errorf("index: %w", err)
	}
	db.SetMaxOpenConns(max(2, min(4, runtime.GOMAXPROCS(0))))
	db.SetMaxIdleConns(2)
	ix := &Index{db: db, path: path}
	ix.reads.reset(db)
	reason, err := ix.check(ctx)
	if err == nil && reason == "" {
		err = ix.EndBulkRows(ctx) // a first indexing cut short left them out
	}
	if err != nil || reason != "" {
		db.Close()
		return nil, reason, err
	}
	return ix, "", nil
}

// removeOrphans removes a write-ahead log (and its shared-memory index)
// left without its database — a crash, then the database deleted by hand —
// so that SQLite does not replay it into a new database. A log touched in
// the last minute may belong to a process creating the database right now
// and is left alone.
func removeOrphans(path string) {
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		return
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if fi, err := os.Lstat(path + suffix); err == nil && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(path + suffix)
		}
	}
}

// setAside moves a broken index out of the way with its write-ahead log:
// renamed to path.broken-<unix time> (earlier broken copies of the same
// index are removed, so they never pile up), or removed if renaming fails.
// The shared-memory file is removed. A missing file is not an error.
func setAside(path string) error {
	old, _ := filepath.Glob(globEscape(path) + ".broken-*")
	for _, f := range old {
		os.Remove(f)
	}
	dst := fmt.Sprintf("%s.broken-%d", path, time.Now().Unix())
	var gone []string
	if os.Rename(path, dst) == nil {
		if os.Rename(path+"-wal", dst+"-wal") != nil {
			gone = append(gone, path+"-wal")
		}
	} else {
		gone = append(gone, path, path+"-wal")
	}
	for _, f := range append(gone, path+"-shm") {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// globEscape escapes the pattern characters of filepath.Match in s.
func globEscape(s string) string {
	if runtime.GOOS == "windows" { // backslash is the separator there
		return strings.NewReplacer("*", "[*]", "?", "[?]", "[", "[[]").Replace(s)
	}
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}
