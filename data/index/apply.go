package index

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// FileChange is what became of one file since it was indexed: its new
// state, or its deletion.
type FileChange struct {
	// Rel is the file's slash-separated path inside the collection root:
	// the key of its rows. It may name anything the caller keeps problems
	// for, such as a folder that could not be listed.
	Rel     string
	Size    int64 // bytes, as stat reported them when the file was read
	ModTime int64 // modification time, Unix nanoseconds
	// Deleted removes the file and everything stored with it; the other
	// fields are then ignored. A renamed file is a deletion and an addition.
	Deleted bool
	// Articles are all the file's articles, with their bodies: a body is
	// folded into the full-text index, not stored. Their Rel and Path are
	// not stored (Rel is the change's); everything else is.
	Articles []model.Article
	// Problems are the problems found in the file, stored with it so that
	// Problems returns them after a warm start.
	Problems []model.Problem
	// Bodies are bodies to store, by the article's Index, for a file
	// whose bodies cost too much to read again (a saved web page's
	// extracted article): Stored returns them while the file is as it
	// was. Most files have none; their articles' bodies are not stored.
	Bodies map[int]string
	// TextLater stores the articles' metadata only (their bodies may be
	// empty): their words wait for AddText (see Pending), which a first
	// indexing runs as a second pass, so that the list is complete long
	// before the full-text index.
	TextLater bool
}

// Apply writes the changes in one transaction: for every file its old rows
// (articles, problems, full-text entries) are deleted and its new ones
// inserted, or, for a deleted file, only deleted. Either every change is
// written or, on error, none.
//
// Call it with large batches — hundreds of files — from one goroutine:
// SQLite has one writer, each transaction costs a commit, and while one
// process writes, another's Apply waits (up to about 5 s, then ErrBusy).
// Folding the bodies for the full-text index uses every core.
//
// An article whose ID is already stored for another file (a hash
// collision, or a file that moved without its deletion being applied)
// replaces it, as model.Collection does.
func (ix *Index) Apply(ctx context.Context, changes []FileChange) error {
	if len(changes) == 0 {
		return nil
	}
	texts := foldChanges(changes)
	return ix.write(ctx, "apply", func(w *writer) error {
		if err := w.tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_n'`).Scan(&w.next); err != nil {
			return wrap(ctx, "apply", err)
		}
		if err := w.findHeld(changes); err != nil {
			return wrap(ctx, "apply", err)
		}
		for i := range changes {
			if err := w.change(&changes[i], texts[i]); err != nil {
				return wrap(ctx, "apply "+changes[i].Rel, err)
			}
		}
		if err := w.fullText(); err != nil {
			return wrap(ctx, "apply", err)
		}
		if err := w.writeTags(); err != nil {
			return wrap(ctx, "apply", err)
		}
		_, err := w.tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'next_n'`, w.next)
		return wrap(ctx, "apply", err)
	})
}

// write runs fn with the writer of one transaction, holding ix.apply,
// and commits it when fn succeeds (see sqlitedb.Errors.Write); an error of
// beginning or committing it is wrapped with op. fn wraps its own errors.
func (ix *Index) write(ctx context.Context, op string, fn func(*writer) error) error {
	return errs.Write(ctx, ix.db, &ix.apply, op, op, func(tx *sql.Tx) error {
		w := &writer{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, add: map[int64]ftsDoc{},
			tags: map[tagSpelling]int{}, tagged: map[tagRow]struct{}{}, bulk: ix.bulk}
		defer w.close()
		return fn(w)
	})
}

// ftsDoc is an article's text for the full-text tables (see ftsText).
type ftsDoc struct{ words, grams string }

// foldChanges folds the articles of every change whose text goes in now
// (see foldArticles); the others get no texts.
func foldChanges(changes []FileChange) [][]ftsDoc {
	texts := make([][]ftsDoc, len(changes))
	var arts []*model.Article
	for c := range changes {
		if changes[c].Deleted || changes[c].TextLater {
			continue
		}
		for a := range changes[c].Articles {
			arts = append(arts, &changes[c].Articles[a])
		}
	}
	docs := foldArticles(arts)
	for c := range changes {
		if changes[c].Deleted || changes[c].TextLater {
			continue
		}
		texts[c], docs = docs[:len(changes[c].Articles)], docs[len(changes[c].Articles):]
	}
	return texts
}

// foldArticles makes the full-text documents of the articles, on every
// core when there are enough of them to pay for the goroutines.
func foldArticles(arts []*model.Article) []ftsDoc {
	docs := make([]ftsDoc, len(arts))
	fold := func(k int) { docs[k].words, docs[k].grams = ftsArticle(arts[k]) }
	workers := min(runtime.GOMAXPROCS(0), len(arts)/16)
	if workers < 2 {
		for k := range arts {
			fold(k)
		}
		return docs
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(arts); k += workers {
				fold(k)
			}
		})
	}
	wg.Wait()
	return docs
}

// writer runs the statements of one Apply (or AddText), each prepared
// once.
//
// It writes the full-text tables last, deletions first, each in rowid
// order: FTS5 gathers a transaction's entries in memory and writes them
// out as one segment at commit, but it writes them out at once — a new
// segment, and soon a merge — whenever a statement opens a savepoint (as
// an INSERT with a UNIQUE constraint or RETURNING does) or a rowid comes
// that is not above the last one. Interleaved with the other writes, the
// full-text entries made a segment per article and indexing five times
// slower.
type writer struct {
	ctx    context.Context
	tx     *sql.Tx
	stmts  map[string]*sql.Stmt
	next   int64               // the next article's n
	del    []ftsRow            // entries of articles that were in the index
	add    map[int64]ftsDoc    // entries of new articles, by rowid
	rec    []byte              // buffer for records
	tags   map[tagSpelling]int // changes of the tags summary (see tag)
	tagged map[tagRow]struct{} // rows of article_tags to add (see tag)
	bulk   bool                // a first indexing: tag does nothing (see Index.bulk)
	held   map[string]bool     // the files of the changes the index holds (see findHeld)
}

// ftsRow is an article's entry in the full-text tables.
type ftsRow struct {
	n       int64 // rowid
	grams   bool  // it has a row in grams too
	indexed bool  // it is in the tables at all (articles.fts)
}

func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = s
	return s, nil
}

// QueryContext runs the query's statement, prepared once: it makes the
// writer a sqlitedb.Querier.
func (w *writer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (w *writer) exec(query string, args ...any) error {
	s, err := w.stmt(query)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(w.ctx, args...)
	return err
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

func (w *writer) change(c *FileChange, texts []ftsDoc) error {
	if err := w.clear(c.Rel); err != nil {
		return err
	}
	w.held[c.Rel] = !c.Deleted
	if c.Deleted {
		return w.exec(`DELETE FROM files WHERE rel = ?`, c.Rel)
	}
	if err := w.exec(`INSERT INTO files (rel, size, mtime) VALUES (?, ?, ?)
		ON CONFLICT (rel) DO UPDATE SET size = excluded.size, mtime = excluded.mtime`,
		c.Rel, c.Size, c.ModTime); err != nil {
		return err
	}
	for k := range c.Articles {
		var text *ftsDoc
		if !c.TextLater {
			text = &texts[k]
		}
		if err := w.article(c.Rel, &c.Articles[k], text); err != nil {
			return err
		}
	}
	for seq, p := range c.Problems {
		if err := w.exec(`INSERT INTO problems (rel, seq, path, reason, loaded, line) VALUES (?, ?, ?, ?, ?, ?)`,
			c.Rel, seq, p.Path, p.Reason, p.Loaded, p.Line); err != nil {
			return err
		}
	}
	for idx, body := range c.Bodies {
		if err := w.exec(`INSERT OR REPLACE INTO bodies (rel, idx, body) VALUES (?, ?, ?)`, c.Rel, idx, body); err != nil {
			return err
		}
	}
	return nil
}

// clear deletes the rows of a file's articles, problems and stored
// bodies, and their full-text entries (see fullText).
//
// A file the index does not hold (see findHeld) has nothing to delete:
// its articles and problems are only ever written with its row in files.
// That spares a first indexing two deletions and a query per file.
func (w *writer) clear(rel string) error {
	if !w.held[rel] {
		return nil
	}
	gone, err := w.leaving(`rel = ?`, rel)
	if err != nil {
		return err
	}
	for _, r := range gone {
		w.unindex(r)
	}
	if err := w.exec(`DELETE FROM articles WHERE rel = ?`, rel); err != nil {
		return err
	}
	if err := w.exec(`DELETE FROM bodies WHERE rel = ?`, rel); err != nil {
		return err
	}
	return w.exec(`DELETE FROM problems WHERE rel = ?`, rel)
}

// findHeld looks up which files of the changes the index holds (w.held),
// a few hundred a query: a query for each cost a first indexing of
// 100,000 files 0.6 s of the writer's time.
func (w *writer) findHeld(changes []FileChange) error {
	w.held = make(map[string]bool, len(changes))
	for chunk := range slices.Chunk(changes, 500) {
		q := `SELECT rel FROM files WHERE rel IN (?` + strings.Repeat(`, ?`, len(chunk)-1) + `)`
		args := make([]any, len(chunk))
		for i := range chunk {
			args[i] = chunk[i].Rel
		}
		err := sqlitedb.Each(w.ctx, w, q, args, func(rows *sql.Rows) error {
			var rel string
			err := rows.Scan(&rel)
			w.held[rel] = true
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// unindex deletes an article's full-text entries (see fullText).
func (w *writer) unindex(r ftsRow) {
	if !r.indexed {
		return
	}
	if _, ok := w.add[r.n]; ok {
		delete(w.add, r.n) // added by this Apply: never written
		return
	}
	w.del = append(w.del, r)
}

// fullText writes the full-text entries this Apply deleted and added.
func (w *writer) fullText() error {
	slices.SortFunc(w.del, func(a, b ftsRow) int { return cmp.Compare(a.n, b.n) })
	for _, r := range w.del {
		if err := w.exec(`DELETE FROM words WHERE rowid = ?`, r.n); err != nil {
			return err
		}
		if r.grams {
			if err := w.exec(`DELETE FROM grams WHERE rowid = ?`, r.n); err != nil {
				return err
			}
		}
	}
	for _, n := range slices.Sorted(maps.Keys(w.add)) {
		if err := w.exec(`INSERT INTO words (rowid, text) VALUES (?, ?)`, n, w.add[n].words); err != nil {
			return err
		}
	}
	for _, n := range slices.Sorted(maps.Keys(w.add)) {
		if g := w.add[n].grams; g != "" {
			if err := w.exec(`INSERT INTO grams (rowid, text) VALUES (?, ?)`, n, g); err != nil {
				return err
			}
		}
	}
	return nil
}

// article stores an article, and its full text unless text is nil (it
// waits for AddText).
func (w *writer) article(rel string, a *model.Article, text *ftsDoc) error {
	s, err := w.stmt(`INSERT INTO articles (rel, idx, id, n, grams, fts, rec, newest, oldest, reads, title)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	w.rec = encodeRecord(w.rec[:0], rel, w.next, a)
	k := keysOf(a)
	args := []any{rel, a.Index, int64(a.ID), w.next, text != nil && text.grams != "", text != nil, w.rec,
		k.newest, k.oldest, k.reads, k.title}
	res, err := s.ExecContext(w.ctx, args...)
	if err != nil {
		return err
	}
	if added, err := res.RowsAffected(); err != nil {
		return err
	} else if added == 0 {
		// The ID is taken (by another file: a hash collision, or a move
		// whose deletion was not applied), or the file repeats an Index:
		// the stored article gives way to this one, as in model.
		if err := w.drop(a.ID, rel, a.Index); err != nil {
			return err
		}
		if _, err := s.ExecContext(w.ctx, args...); err != nil {
			return err
		}
	}
	if text != nil {
		w.add[w.next] = *text
	}
	if err := w.tag(a, w.next, 1); err != nil {
		return err
	}
	w.next++
	return nil
}

// drop deletes the articles with the given ID or key.
func (w *writer) drop(id model.ID, rel string, index int) error {
	gone, err := w.leaving(`id = ? OR (rel = ? AND idx = ?)`, int64(id), rel, index)
	if err != nil {
		return err
	}
	for _, r := range gone {
		w.unindex(r)
		if err := w.exec(`DELETE FROM articles WHERE n = ?`, r.n); err != nil {
			return err
		}
	}
	return nil
}

// leaving reads the full-text entries of the articles that match the
// condition, which the caller deletes, and takes their tags out of the
// summary and article_tags.
func (w *writer) leaving(where string, args ...any) ([]ftsRow, error) {
	var rec sql.RawBytes
	var gone []model.Article
	rows, err := sqlitedb.All(w.ctx, w, `SELECT n, grams, fts, rec FROM articles WHERE `+where, args,
		func(rows *sql.Rows) (r ftsRow, err error) {
			if err = rows.Scan(&r.n, &r.grams, &r.indexed, &rec); err != nil {
				return r, err
			}
			a, _, err := decodeRecord(string(rec))
			if err != nil {
				return r, fmt.Errorf("%w: %w", ErrCorrupt, err)
			}
			gone = append(gone, a)
			return r, nil
		})
	if err != nil {
		return nil, err
	}
	for i := range gone {
		if err := w.tag(&gone[i], rows[i].n, -1); err != nil {
			return nil, err
		}
	}
	return rows, nil
}
