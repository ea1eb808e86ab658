package index

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsline/newsline/internal/sqlitedb"
)

// schema creates the tables of schemaVersion. Every change to it, or to
// the record format (record.go), must raise schemaVersion, which makes
// newsline rebuild older indexes.
//
// files holds one row per file (or per anything else the caller keys by a
// path: a folder that could not be listed); articles one row per article
// of a file, without its body; problems the problems found in a file. All
// three are keyed by the file's rel and clustered by it (WITHOUT ROWID), so
// that reading every article in collection order is one sequential scan,
// with no join and no sort.
//
// An article's metadata is one compact binary record (rec, see record.go)
// rather than a column per field: database/sql fetches a column for some
// 80 ns, and twelve of them made the warm start of 100,000 articles 90 ms
// slower. Articles also have a small number n, which is their rowid in the
// full-text tables: FTS5 delta-encodes rowids, and random 64-bit IDs made
// the index seven times larger and five times slower to build. n only
// grows (meta's next_n), so that FTS5 always receives rising rowids.
//
// Each sort of the list has a column whose index, with (rel, idx) after
// it, is that sort's order (order.go): a first page is an index walk of
// its length, with no sort. tags counts, per tag key and spelling, the
// articles that count it (model.EachTag), kept by Apply in its
// transactions: a collection's sidebar without reading every article;
// article_tags lists the articles of each tag key, so that the first page
// of a rare tag reads its articles rather than walking past the others.
//
// Full text can come later than the metadata (FileChange.TextLater): fts
// marks the articles whose words are in the full-text tables, and the
// partial index articles_pending finds the others, in n order, for
// Pending and AddText.
//
// words and grams are the contentless full-text tables described in
// fts.go. words keeps no positions (detail=none: prefix queries need none,
// and it makes the table four times smaller than detail=full) and has
// prefix indexes for one and two characters, so that the shortest
// prefixes — the first keystrokes of a search, which start thousands of
// words — are answered from the index rather than by merging every term
// that starts with them. Longer prefixes are merged: a prefix index costs
// the first indexing a write per distinct prefix of each article, and the
// one for three characters was a third of its writes (at 100,000 articles,
// "mar" took 20 ms with it, 35 ms without, as long as a whole word). grams
// keeps positions for its phrase queries; only articles with CJK text have
// a row in it.
var schema = []string{
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) WITHOUT ROWID`,
	`CREATE TABLE files (
		rel   TEXT PRIMARY KEY,       -- slash-separated path inside the root
		size  INTEGER NOT NULL,       -- bytes
		mtime INTEGER NOT NULL        -- Unix nanoseconds
	) WITHOUT ROWID`,
	`CREATE TABLE articles (
		rel   TEXT NOT NULL,          -- the file's
		idx   INTEGER NOT NULL,       -- position in the file
		id    INTEGER NOT NULL UNIQUE, -- model.ID, as a signed 64-bit integer
		n     INTEGER NOT NULL,       -- rowid in words and grams
		grams INTEGER NOT NULL,       -- 1 when the article has a row in grams
		fts   INTEGER NOT NULL,       -- 1 when it is in words (and grams); 0 while waiting for AddText
		rec   BLOB NOT NULL,          -- everything else (record.go)
		newest INTEGER NOT NULL,      -- the sort keys (order.go)
		oldest INTEGER NOT NULL,
		reads  INTEGER NOT NULL,
		title  BLOB NOT NULL,
		PRIMARY KEY (rel, idx)
	) WITHOUT ROWID`,
	`CREATE UNIQUE INDEX articles_n ON articles (n, id)`,
	`CREATE INDEX articles_pending ON articles (n) WHERE fts = 0`,
	`CREATE TABLE tags (
		key      TEXT NOT NULL,    -- model.TagKey
		spelling TEXT NOT NULL,    -- as model.EachTag counts it
		folder   INTEGER NOT NULL, -- 1 for a folder name
		n        INTEGER NOT NULL, -- articles counting it; rows of 0 are deleted
		PRIMARY KEY (key, folder, spelling)
	) WITHOUT ROWID`,
	`CREATE TABLE article_tags (
		key TEXT NOT NULL,    -- model.TagKey of one of the article's tags (model.EachTag)
		n   INTEGER NOT NULL, -- the article's
		PRIMARY KEY (key, n)
	) WITHOUT ROWID`,
	`CREATE TABLE problems (
		rel    TEXT NOT NULL,     -- the file's
		seq    INTEGER NOT NULL,  -- order within the file
		path   TEXT NOT NULL,     -- model.Problem.Path, as it was when found
		reason TEXT NOT NULL,
		loaded INTEGER NOT NULL,
		line   INTEGER NOT NULL,  -- model.Problem.Line, 0 for none
		PRIMARY KEY (rel, seq)
	) WITHOUT ROWID`,
	`CREATE TABLE bodies (
		rel  TEXT NOT NULL,       -- the file's
		idx  INTEGER NOT NULL,    -- the article's position in it
		body TEXT NOT NULL,
		PRIMARY KEY (rel, idx)
	)`,
	`CREATE VIRTUAL TABLE words USING fts5 (text,
		content='', contentless_delete=1, tokenize='ascii', detail=none, prefix='1 2')`,
	`CREATE VIRTUAL TABLE grams USING fts5 (text,
		content='', contentless_delete=1, tokenize='ascii', detail=full)`,
}

// ftsHashSize is the words table's hashsize (see create).
const ftsHashSize = 16 << 20

// tables are the tables a complete index has.
var tables = []string{"meta", "files", "articles", "problems", "words", "grams", "tags", "article_tags", "bodies"}

// Reasons a file is set aside, completing "rebuilding the index: ".
const (
	reasonCorrupt = "it was corrupt"
	reasonForeign = "the file belonged to another application"
	reasonOlder   = "it was made by an older newsline"
	reasonNewer   = "it was made by a newer newsline"
)

// check looks at the database and creates the schema in an empty one. It
// returns why the file is not a usable index, or an error when it could
// not be looked at.
func (ix *Index) check(ctx context.Context) (reason string, err error) {
	conn, err := ix.db.Conn(ctx)
	if err != nil {
		return classify(ctx, err)
	}
	defer conn.Close()
	for range 2 {
		app, version, objects, err := sqlitedb.Identity(ctx, conn)
		if err != nil {
			return classify(ctx, err)
		}
		switch {
		case app == applicationID && version == schemaVersion:
			return ix.complete(ctx, conn)
		case app == applicationID && version < schemaVersion:
			return reasonOlder, nil
		case app == applicationID:
			return reasonNewer, nil
		case app != 0 || objects > 0:
			return reasonForeign, nil
		}
		if err := create(ctx, conn); err != nil {
			return classify(ctx, err)
		}
		// Look again: this or another process has created it.
	}
	return "", fmt.Errorf("index: %s: could not create the schema", ix.path)
}

// classify turns an error met while checking into a reason (the file is
// not a database, or is damaged) or an error.
func classify(ctx context.Context, err error) (string, error) {
	if sqlitedb.IsCorrupt(err) {
		return reasonCorrupt, nil
	}
	return "", wrap(ctx, "open", err)
}

// complete checks an index of the current schema cheaply (it must not cost
// a warm start anything): every table is there, and the file is as long as
// its header says — a truncated file is otherwise only found when a query
// reaches a missing page. The length is only comparable while the
// write-ahead log is empty, as it is after every newsline has closed.
func (ix *Index) complete(ctx context.Context, conn *sql.Conn) (string, error) {
	var have int
	var pages, pageSize int64
	names := make([]any, len(tables))
	for i, t := range tables {
		names[i] = t
	}
	err := conn.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (?`+strings.Repeat(`, ?`, len(tables)-1)+`)),
		(SELECT page_count FROM pragma_page_count),
		(SELECT page_size FROM pragma_page_size)`,
		names...).Scan(&have, &pages, &pageSize)
	if err != nil {
		return classify(ctx, err)
	}
	if have != len(tables) {
		return reasonCorrupt, nil
	}
	switch cut, err := sqlitedb.Truncated(ix.path, pages, pageSize); {
	case err != nil:
		return "", fmt.Errorf("index: %w", err)
	case cut:
		return reasonCorrupt, nil
	}
	return "", nil
}

// create makes an empty database a newsline index. It runs in an IMMEDIATE
// transaction and looks again inside it, so that two processes creating
// the same index at once create it once.
func create(ctx context.Context, conn *sql.Conn) error {
	return sqlitedb.Create(ctx, conn, busyTimeout, func(tx *sql.Tx) error {
		stmts := append(append(schema[:len(schema):len(schema)], sortIndexes...),
			// FTS5 writes a segment whenever its in-memory terms pass
			// hashsize (1 MB by default): a larger one means fewer
			// segments to merge while a first indexing adds its thousands
			// of files per transaction (see data's textBatch).
			"INSERT INTO words (words, rank) VALUES ('hashsize', "+strconv.Itoa(ftsHashSize)+")",
			"PRAGMA application_id = "+strconv.Itoa(applicationID),
			"PRAGMA user_version = "+strconv.Itoa(schemaVersion))
		if err := sqlitedb.Exec(ctx, tx, stmts...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES
			('application', 'newsline index'), ('schema', ?), ('created', ?), ('next_n', '1')`,
			strconv.Itoa(schemaVersion), time.Now().UTC().Format(time.RFC3339))
		return err
	})
}
