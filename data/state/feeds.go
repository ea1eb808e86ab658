package state

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
)

// The fetch bookkeeping (schema 3). feeds has one row per feed URL, as
// the subscription gives it: the validators for the next conditional GET,
// the last fetch's time and error, whether the server said the feed is
// gone (410) and when it may be asked again (429 and 503 with
// Retry-After). Its items column is no longer kept up to date nor read:
// the items of a feed are counted from the items table (FeedState.Items).
//
// items has one row per item of a feed ever put in place or about to be:
// its key in the feed (GUID, else link, else title and date: the
// caller's), the file's path and the SHA-256 of its content. A row with
// saved = 0 is an intent: the item's content was written, synced, to a
// temporary file of the folder before the row was recorded, and it is
// being put in place (the path is the name meant; a name taken gives the
// next free one); data/library settles intents on the next run (see its
// package comment). saved = 1 means the file was put in place once, and
// the item is never written again, even when the user has deleted the
// file.
const (
	feedsTable = `CREATE TABLE feeds (
		url           TEXT PRIMARY KEY,   -- the feed's URL, as subscribed
		etag          TEXT NOT NULL,      -- of the last fetch that saved everything, '' none
		last_modified TEXT NOT NULL,      -- likewise
		fetched       INTEGER NOT NULL,   -- Unix seconds of the last fetch, 0 never
		error         TEXT NOT NULL,      -- why the last fetch failed, '' it did not
		items         INTEGER NOT NULL,   -- items saved
		gone          INTEGER NOT NULL,   -- 1 after a 410 Gone
		retry_after   INTEGER NOT NULL    -- Unix seconds before which not to fetch, 0 none
	) WITHOUT ROWID`
	itemsTable = `CREATE TABLE items (
		feed    TEXT NOT NULL,      -- feeds.url
		key     TEXT NOT NULL,      -- the item's key in its feed
		path    TEXT NOT NULL,      -- the file, absolute
		hash    TEXT NOT NULL,      -- SHA-256 of its content, hex
		saved   INTEGER NOT NULL,   -- 0 an intent, 1 saved
		changed INTEGER NOT NULL,   -- Unix milliseconds of the last change
		PRIMARY KEY (feed, key)
	) WITHOUT ROWID`
	// pendingIndex finds the intents without reading every item.
	pendingIndex = `CREATE INDEX items_pending ON items (feed) WHERE saved = 0`
)

// FeedState is the fetch bookkeeping of one feed.
type FeedState struct {
	URL          string
	ETag         string    // for If-None-Match; "" none
	LastModified string    // for If-Modified-Since; "" none
	Fetched      time.Time // the last fetch; zero: never
	Error        string    // why the last fetch failed, as recorded; "" it did not
	Items        int       // items saved or being put in place (intents)
	Gone         bool      // the server said 410 Gone: skip it until added again
	RetryAfter   time.Time // not to be fetched before; zero: any time
}

// Fetch is what one fetch of a feed learnt, for Commit and RecordFetch.
type Fetch struct {
	At           time.Time // when it ended
	ETag         string    // the response's validators, stored when Err is "" and not Gone
	LastModified string
	Err          string    // why it failed; "" it did not
	Gone         bool      // 410 Gone
	RetryAfter   time.Time // from Retry-After (429, 503); zero: none
}

// Item is an item of a feed as the state keeps it: an intent, or saved.
type Item struct {
	Key   string // the item's key in its feed
	Path  string // the file, absolute
	Hash  string // SHA-256 of its content, hex
	Saved bool
}

// Feed returns the bookkeeping of the feed, and false when it has none.
func (s *Store) Feed(ctx context.Context, url string) (FeedState, bool, error) {
	all, err := s.feeds(ctx, `WHERE url = ?`, url)
	if err != nil || len(all) == 0 {
		return FeedState{}, false, err
	}
	return all[0], true, nil
}

// Feeds returns the bookkeeping of every feed, by URL.
func (s *Store) Feeds(ctx context.Context) ([]FeedState, error) {
	return s.feeds(ctx, `ORDER BY url`)
}

func (s *Store) feeds(ctx context.Context, where string, args ...any) ([]FeedState, error) {
	all, err := sqlitedb.All(ctx, s.db, `SELECT url, etag, last_modified, fetched, error,
		(SELECT count(*) FROM items WHERE items.feed = feeds.url), gone, retry_after
		FROM feeds `+where, args, func(rows *sql.Rows) (f FeedState, err error) {
		var fetched, retry int64
		err = rows.Scan(&f.URL, &f.ETag, &f.LastModified, &fetched, &f.Error, &f.Items, &f.Gone, &retry)
		f.Fetched, f.RetryAfter = fromUnix(fetched), fromUnix(retry)
		return f, err
	})
	return all, s.viewErr(ctx, "read the feeds of", err)
}

// RecordFetch records a fetch of the feed that saved nothing (a 304, a
// failure, a feed without new items), in one transaction.
func (s *Store) RecordFetch(ctx context.Context, url string, f Fetch) error {
	return s.Commit(ctx, url, Batch{Fetch: &f})
}

// ResetFeed forgets that the feed is gone, its last error and its
// Retry-After (a feed added again), and keeps its saved items, so that
// they are not saved again.
func (s *Store) ResetFeed(ctx context.Context, url string) error {
	return s.transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE feeds SET gone = 0, error = '', retry_after = 0 WHERE url = ?`, url)
		return s.viewErr(ctx, "reset the feed in", err)
	})
}

// FeedItems returns every item of the feed the state knows, by key.
func (s *Store) FeedItems(ctx context.Context, url string) (map[string]Item, error) {
	m, err := sqlitedb.Map(ctx, s.db, `SELECT key, path, hash, saved FROM items WHERE feed = ?`, []any{url},
		func(rows *sql.Rows) (k string, it Item, err error) {
			err = rows.Scan(&it.Key, &it.Path, &it.Hash, &it.Saved)
			return it.Key, it, err
		})
	return m, s.viewErr(ctx, "read the items of", err)
}

// Pending returns the intents of every feed (items recorded and not yet
// marked saved), by feed URL.
func (s *Store) Pending(ctx context.Context) (map[string][]Item, error) {
	out := map[string][]Item{}
	err := sqlitedb.Each(ctx, s.db, `SELECT feed, key, path, hash FROM items WHERE saved = 0 ORDER BY feed, key`, nil,
		func(rows *sql.Rows) error {
			var feed string
			var it Item
			err := rows.Scan(&feed, &it.Key, &it.Path, &it.Hash)
			out[feed] = append(out[feed], it)
			return err
		})
	if err != nil {
		return nil, s.viewErr(ctx, "read the intents of", err)
	}
	return out, nil
}

// Batch is what one write transaction records for a feed (Commit).
type Batch struct {
	// Saved are items now in place at their paths: marked saved. An item
	// saved before stays as it was.
	Saved []Item
	// Intended are items whose content is on the disk, in a temporary
	// file of the feed's folder, about to be put in place under their
	// paths (or the next free names): recorded, not yet saved. An item
	// saved before is left as it was; an intent recorded before is
	// replaced.
	Intended []Item
	// Dropped are the keys of intents given up: their files were not put
	// in place (a failure), so the item is fetched and written again.
	Dropped []string
	// Incomplete says that items of this fetch stay unsaved: the feed's
	// validators are cleared, so that the next fetch asks for the whole
	// feed and writes what is missing.
	Incomplete bool
	// Fetch, when not nil, is the fetch to record.
	Fetch *Fetch
}

// Commit records the batch for the feed in one transaction. The feed's
// validators (ETag, Last-Modified) are those of b.Fetch when it succeeded
// (Err is "", not Gone), and cleared when b is Incomplete.
func (s *Store) Commit(ctx context.Context, url string, b Batch) error {
	return s.CommitAll(ctx, map[string]Batch{url: b})
}

// CommitAll records the batches, by feed URL, in one transaction (none
// when there are none); see Commit.
func (s *Store) CommitAll(ctx context.Context, batches map[string]Batch) error {
	if len(batches) == 0 {
		return nil
	}
	now := time.Now().UnixMilli()
	return s.transact(ctx, func(tx *sql.Tx) error {
		for _, url := range slices.Sorted(maps.Keys(batches)) {
			if err := s.commit(ctx, tx, url, batches[url], now); err != nil {
				return err
			}
		}
		return nil
	})
}

// commit records b for the feed in tx.
func (s *Store) commit(ctx context.Context, tx *sql.Tx, url string, b Batch, now int64) error {
	if err := ensureFeed(ctx, tx, url); err != nil {
		return s.viewErr(ctx, "record items in", err)
	}
	if err := putItems(ctx, tx, url, b.Saved, 1, now); err != nil {
		return s.viewErr(ctx, "mark items saved in", err)
	}
	if err := putItems(ctx, tx, url, b.Intended, 0, now); err != nil {
		return s.viewErr(ctx, "record intents in", err)
	}
	for _, k := range b.Dropped {
		if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE feed = ? AND key = ? AND saved = 0`, url, k); err != nil {
			return s.viewErr(ctx, "drop intents in", err)
		}
	}
	if err := recordFetch(ctx, tx, url, b.Fetch, b.Incomplete); err != nil {
		return s.viewErr(ctx, "record a fetch in", err)
	}
	return nil
}

// putItems records items with saved (0 or 1), through one prepared
// statement; a saved row is never changed.
func putItems(ctx context.Context, tx *sql.Tx, url string, items []Item, saved int, now int64) error {
	if len(items) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO items (feed, key, path, hash, saved, changed)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (feed, key) DO UPDATE SET path = excluded.path, hash = excluded.hash,
			saved = excluded.saved, changed = excluded.changed
		WHERE saved = 0`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, it := range items {
		if _, err := stmt.ExecContext(ctx, url, it.Key, it.Path, it.Hash, saved, now); err != nil {
			return err
		}
	}
	return nil
}

// ensureFeed makes the feed's row, empty, when it has none.
func ensureFeed(ctx context.Context, tx *sql.Tx, url string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO feeds
		(url, etag, last_modified, fetched, error, items, gone, retry_after) VALUES (?, '', '', 0, '', 0, 0, 0)`, url)
	return err
}

// recordFetch records f (when not nil) and clears the validators when
// the fetch left items unsaved (incomplete).
func recordFetch(ctx context.Context, tx *sql.Tx, url string, f *Fetch, incomplete bool) error {
	if f != nil {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET fetched = ?, error = ?, gone = ?, retry_after = ? WHERE url = ?`,
			toUnix(f.At), f.Err, f.Gone, toUnix(f.RetryAfter), url); err != nil {
			return err
		}
		if f.Err == "" && !f.Gone && !incomplete {
			if _, err := tx.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?`,
				f.ETag, f.LastModified, url); err != nil {
				return err
			}
		}
	}
	if !incomplete {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE feeds SET etag = '', last_modified = '' WHERE url = ?`, url)
	return err
}

// toUnix is t in Unix seconds, 0 for the zero time.
func toUnix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// fromUnix is toUnix's inverse, in UTC.
func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
