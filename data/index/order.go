package index

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// sortKeys are an article's sort key columns (see schema): each orders
// the articles as model's sort of the same name does, ascending, with
// (rel, idx) — collection order inside a root — breaking ties, so that
// one index per sort is its order:
//
//	newest  -(Unix seconds), keyMissing without a date
//	oldest  Unix seconds, keyMissing without a date
//	reads   -reads, keyMissing without a read counter
//	title   model.Fold(title) as a BLOB (compared bytewise, as Go
//	        compares strings), titleMissing when it folds to nothing
//
// Only seconds count, as in model.
type sortKeys struct {
	newest, oldest, reads int64
	title                 []byte
}

// keyMissing sorts after every value: dates are years 1000 to 9999 and
// read counters are not negative.
const keyMissing = math.MaxInt64

// titleMissing sorts after every folded title: UTF-8, which Fold writes,
// has no byte 0xff.
var titleMissing = []byte{0xff}

func keysOf(a *model.Article) sortKeys {
	k := sortKeys{newest: keyMissing, oldest: keyMissing, reads: keyMissing, title: titleMissing}
	if a.HasDate() {
		k.oldest = a.Date.Unix()
		k.newest = -k.oldest
	}
	if a.HasReads() {
		k.reads = -int64(a.Reads)
	}
	if t := model.Fold(a.Title); t != "" {
		k.title = []byte(t)
	}
	return k
}

// sortIndexes are the indexes of the sort keys, one per sort: each is
// that sort's order.
var sortIndexes = []string{
	`CREATE INDEX IF NOT EXISTS articles_newest ON articles (newest, rel, idx)`,
	`CREATE INDEX IF NOT EXISTS articles_oldest ON articles (oldest, rel, idx)`,
	`CREATE INDEX IF NOT EXISTS articles_reads ON articles (reads, rel, idx)`,
	`CREATE INDEX IF NOT EXISTS articles_title ON articles (title, rel, idx)`,
}

// sortIndexNames are their names, as sqlite_schema has them.
const sortIndexNames = `'articles_newest', 'articles_oldest', 'articles_reads', 'articles_title'`

// StartBulkRows drops the sort indexes for a first indexing, a long run
// of Apply into an empty index: kept up row by row, at random places,
// they made writing the rows twice as slow as building them once at the
// end (EndBulkRows). Until then InOrder fails. The tags summary and
// article_tags wait for the end too: written with every Apply, at some
// 300 places of article_tags each time, they made the rows a fifth slower.
func (ix *Index) StartBulkRows(ctx context.Context) error {
	ix.bulk = true
	return ix.write(ctx, "start bulk rows", func(w *writer) error {
		for _, name := range []string{"articles_newest", "articles_oldest", "articles_reads", "articles_title"} {
			if err := w.exec(`DROP INDEX IF EXISTS ` + name); err != nil {
				return wrap(ctx, "start bulk rows", err)
			}
		}
		return nil
	})
}

// EndBulkRows builds the sort indexes that StartBulkRows dropped, in this
// process or in one that stopped before the end (Open calls it), and the
// tags summary and article_tags from every article; when the indexes are
// all there, it only looks.
func (ix *Index) EndBulkRows(ctx context.Context) error {
	defer func() { ix.bulk = false }()
	var have int
	if err := ix.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema
		WHERE type = 'index' AND name IN (`+sortIndexNames+`)`).Scan(&have); err != nil {
		return wrap(ctx, "end bulk rows", err)
	}
	if have == len(sortIndexes) {
		return nil
	}
	return ix.write(ctx, "end bulk rows", func(w *writer) error {
		for _, stmt := range sortIndexes {
			if err := w.exec(stmt); err != nil {
				return wrap(ctx, "end bulk rows", err)
			}
		}
		return wrap(ctx, "end bulk rows", w.retag())
	})
}

// retag makes the tags summary and article_tags again from every article.
func (w *writer) retag() error {
	if err := sqlitedb.Exec(w.ctx, w.tx, `DELETE FROM tags`, `DELETE FROM article_tags`); err != nil {
		return err
	}
	var rec sql.RawBytes
	var n int64
	err := sqlitedb.Each(w.ctx, w, `SELECT n, rec FROM articles`, nil, func(rows *sql.Rows) error {
		if err := rows.Scan(&n, &rec); err != nil {
			return err
		}
		a, _, err := decodeRecord(string(rec))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		model.EachTag(&a, func(key, spelling string, folder bool) {
			w.tags[tagSpelling{key, spelling, folder}]++
			w.tagged[tagRow{key, n}] = struct{}{}
		})
		return nil
	})
	if err != nil {
		return err
	}
	return w.writeTags()
}

// orderQueries read the records in the order of each sort, walking its
// index (INDEXED BY: without a LIMIT the planner would rather sort).
var orderQueries = [...]string{
	model.SortNewest: `SELECT rec FROM articles INDEXED BY articles_newest ORDER BY newest, rel, idx`,
	model.SortOldest: `SELECT rec FROM articles INDEXED BY articles_oldest ORDER BY oldest, rel, idx`,
	model.SortReads:  `SELECT rec FROM articles INDEXED BY articles_reads ORDER BY reads, rel, idx`,
	model.SortTitle:  `SELECT rec FROM articles INDEXED BY articles_title ORDER BY title, rel, idx`,
}

// errStop ends a walk that fn stopped.
var errStop = errors.New("stop")

// InOrder calls fn with the indexed articles in the order of s (an
// unknown sort is newest first, as in model), ties in collection order
// (Rel, then Index), until fn returns false or the articles end. They are
// as Articles gives them: no Body, no Path. Reading the first ones costs
// the same whatever the collection's size: a first page reads its rows
// and no more.
func (ix *Index) InOrder(ctx context.Context, s model.Sort, fn func(model.Article) bool) error {
	if int(s) >= len(orderQueries) {
		s = model.SortNewest
	}
	var rec sql.RawBytes
	err := sqlitedb.Each(ctx, ix.db, orderQueries[s], nil, func(rows *sql.Rows) error {
		if err := rows.Scan(&rec); err != nil {
			return err
		}
		a, _, err := decodeRecord(string(rec))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		if !fn(a) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return wrap(ctx, "in order", err)
}

// tagSpelling is a row of the tags summary.
type tagSpelling struct {
	key, spelling string
	folder        bool
}

// tag counts an article's tags into (sign 1) or out of (sign -1) the
// summary, and adds or deletes its rows of article_tags; n is the
// article's. Both are written at the end of the transaction (writeTags).
func (w *writer) tag(a *model.Article, n int64, sign int) error {
	if w.bulk {
		return nil // EndBulkRows counts every article at once
	}
	var err error
	model.EachTag(a, func(key, spelling string, folder bool) {
		w.tags[tagSpelling{key, spelling, folder}] += sign
		row := tagRow{key, n}
		switch _, pending := w.tagged[row]; {
		case sign > 0:
			w.tagged[row] = struct{}{}
		case pending: // added by this transaction: never written
			delete(w.tagged, row)
		case err == nil:
			err = w.exec(`DELETE FROM article_tags WHERE key = ? AND n = ?`, key, n)
		}
	})
	return err
}

// tagRow is a row of article_tags.
type tagRow struct {
	key string
	n   int64
}

// tagRowsPerInsert is how many rows of article_tags one INSERT writes:
// one statement per article's tag made the rows of a first indexing a
// fifth slower.
const tagRowsPerInsert = 256

// insertTagged writes the rows of article_tags this transaction added, in
// key order (each key's rows then go in at one place of the table).
func (w *writer) insertTagged() error {
	rows := slices.SortedFunc(maps.Keys(w.tagged), func(a, b tagRow) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.n, b.n))
	})
	clear(w.tagged)
	args := make([]any, 0, 2*tagRowsPerInsert)
	for chunk := range slices.Chunk(rows, tagRowsPerInsert) {
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r.key, r.n)
		}
		values := strings.Repeat("(?, ?), ", len(chunk))
		if err := w.exec(`INSERT INTO article_tags (key, n) VALUES `+values[:len(values)-2], args...); err != nil {
			return err
		}
	}
	return nil
}

// writeTags writes what tag gathered: the rows of article_tags, and the
// counts added to the summary, whose rows that fell to zero it deletes.
func (w *writer) writeTags() error {
	if err := w.insertTagged(); err != nil {
		return err
	}
	for t, n := range w.tags {
		if n == 0 {
			continue
		}
		if err := w.exec(`INSERT INTO tags (key, spelling, folder, n) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET n = n + excluded.n`, t.key, t.spelling, t.folder, n); err != nil {
			return err
		}
		if n < 0 {
			if err := w.exec(`DELETE FROM tags WHERE key = ? AND folder = ? AND spelling = ? AND n <= 0`,
				t.key, t.folder, t.spelling); err != nil {
				return err
			}
		}
	}
	clear(w.tags)
	return nil
}

// TagSpellings returns the tags summary: for every tag key and spelling
// (model.EachTag), how many indexed articles count it. With
// model.TagsFromSpellings it gives the tags a collection of the indexed
// articles has, without reading them.
func (ix *Index) TagSpellings(ctx context.Context) ([]model.TagSpelling, error) {
	out, err := sqlitedb.All(ctx, ix.db, `SELECT key, spelling, folder, n FROM tags`, nil,
		func(rows *sql.Rows) (t model.TagSpelling, err error) {
			err = rows.Scan(&t.Key, &t.Spelling, &t.Folder, &t.Count)
			return t, err
		})
	return out, wrap(ctx, "tags", err)
}

// ArticlesOf returns the indexed articles among ids, in collection order
// (Rel, then Index), as Articles gives them. IDs the index does not hold
// are left out. A few thousand cost a lookup each: for a small selection
// (a search result) it is cheaper than walking an order past the others.
func (ix *Index) ArticlesOf(ctx context.Context, ids []model.ID) ([]model.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list := make([]byte, 0, 21*len(ids)+2)
	list = append(list, '[')
	for i, id := range ids {
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, int64(id), 10)
	}
	list = append(list, ']')
	return recordsWhere(ctx, ix.db, "articles of", `id IN (SELECT value FROM json_each(?))`, string(list))
}

// ArticlesTagged returns the indexed articles that carry any of the tags
// (keys, see model.TagKey), in collection order, as Articles gives them.
// It reads those articles only: for a rare tag, cheaper than walking an
// order past the others.
func (ix *Index) ArticlesTagged(ctx context.Context, keys []string) ([]model.Article, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("index: articles tagged: %w", err)
	}
	return recordsWhere(ctx, ix.db, "articles tagged",
		`n IN (SELECT n FROM article_tags WHERE key IN (SELECT value FROM json_each(?)))`, string(list))
}

// TagCount returns how many indexed articles carry the tag (a key): what
// ArticlesTagged would read.
func (ix *Index) TagCount(ctx context.Context, key string) (int, error) {
	var n int
	err := ix.db.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM tags WHERE key = ?`, key).Scan(&n)
	return n, wrap(ctx, "tag count", err)
}

// recordsWhere returns the articles that match the condition, in
// collection order.
func recordsWhere(ctx context.Context, db *sql.DB, op, where string, args ...any) ([]model.Article, error) {
	var rec sql.RawBytes
	out, err := sqlitedb.All(ctx, db, `SELECT rec FROM articles WHERE `+where+` ORDER BY rel, idx`, args,
		func(rows *sql.Rows) (model.Article, error) {
			if err := rows.Scan(&rec); err != nil {
				return model.Article{}, err
			}
			a, _, err := decodeRecord(string(rec))
			if err != nil {
				return a, fmt.Errorf("%w: %w", ErrCorrupt, err)
			}
			return a, nil
		})
	return out, wrap(ctx, op, err)
}
