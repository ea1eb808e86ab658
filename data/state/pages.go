package state

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
)

// Saved web pages (schema 4). pages has one row per address of a page
// saved into the library (newsline save, ctrl+s in the links list): the
// address asked for and, when a redirect led elsewhere, the address the
// page came from, each with the path of the one file they were saved to.
// A page is saved again only when its file is gone (the user deleted it):
// the row then takes the new file's path.
const pagesTable = `CREATE TABLE pages (
		url   TEXT PRIMARY KEY,   -- an address of the page, without its #fragment
		path  TEXT NOT NULL,      -- the file it was saved to, absolute
		saved INTEGER NOT NULL    -- Unix milliseconds of the save
	) WITHOUT ROWID`

// The saved pages are kept by functions rather than Store methods: Store
// has as many methods as a type of this project may.

// SavedPages returns the paths the state s records for the addresses, by
// address (those it knows only). The file at a path may be gone.
func SavedPages(ctx context.Context, s *Store, urls ...string) (map[string]string, error) {
	known, err := savedPages(ctx, s.db, urls)
	return known, s.viewErr(ctx, "read the saved pages of", err)
}

// SavePage saves a web page known by the addresses urls in one write
// transaction of s, which keeps two savers of the same page apart, in this
// process and in others. put runs inside it: it is given the paths the
// state records for the addresses (as SavedPages), and returns the path of
// the page's file — one of those when its file is still there, or one it
// has just put in place. Every address is then recorded with that path,
// and the transaction committed. When put fails nothing is recorded and
// its error is returned.
func SavePage(ctx context.Context, s *Store, urls []string, put func(known map[string]string) (string, error)) error {
	return s.transact(ctx, func(tx *sql.Tx) error {
		known, err := savedPages(ctx, tx, urls)
		if err != nil {
			return s.viewErr(ctx, "read the saved pages of", err)
		}
		path, err := put(known)
		if err != nil {
			return err
		}
		now := time.Now().UnixMilli()
		for _, u := range urls {
			if u == "" || known[u] == path {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO pages (url, path, saved) VALUES (?, ?, ?)
				ON CONFLICT (url) DO UPDATE SET path = excluded.path, saved = excluded.saved`, u, path, now); err != nil {
				return s.viewErr(ctx, "record a saved page in", err)
			}
		}
		return nil
	})
}

// savedPages reads the rows of the addresses (empty ones skipped).
func savedPages(ctx context.Context, q sqlitedb.Querier, urls []string) (map[string]string, error) {
	var args []any
	for _, u := range urls {
		if u != "" {
			args = append(args, u)
		}
	}
	if len(args) == 0 {
		return map[string]string{}, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	return sqlitedb.Map(ctx, q, `SELECT url, path FROM pages WHERE url IN (`+marks+`)`, args,
		func(rows *sql.Rows) (u, path string, err error) {
			err = rows.Scan(&u, &path)
			return u, path, err
		})
}
