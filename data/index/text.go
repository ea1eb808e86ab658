package index

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// PendingFile is a file with articles whose words are not in the
// full-text index yet (they were stored with FileChange.TextLater).
type PendingFile struct {
	Rel      string
	Articles []PendingArticle // in the order they were stored
}

// PendingArticle is one article waiting for its full text.
type PendingArticle struct {
	Index int // position in the file
	ID    model.ID
}

// Pending returns the files whose articles wait for AddText, in the order
// they were stored (the order in which AddText writes fastest), and how
// many articles wait. Search does not find those articles: until AddText
// has them, the caller searches them itself (data.Library scans their
// files).
func (ix *Index) Pending(ctx context.Context) ([]PendingFile, int, error) {
	var p byFile
	err := sqlitedb.Each(ctx, ix.db, `SELECT rel, idx, id FROM articles WHERE fts = 0 ORDER BY n`, nil, p.scan)
	if err != nil {
		return nil, 0, wrap(ctx, "pending", err)
	}
	return p.files, p.n, nil
}

// byFile groups rows of articles (rel, idx, id) by their file, in the
// order the files first come.
type byFile struct {
	files []PendingFile
	index map[string]int // rel → its place in files
	n     int            // articles
}

// scan adds the article of one row.
func (p *byFile) scan(rows *sql.Rows) error {
	var rel string
	var idx int
	var id int64
	if err := rows.Scan(&rel, &idx, &id); err != nil {
		return err
	}
	k, ok := p.index[rel]
	if !ok {
		if p.index == nil {
			p.index = map[string]int{}
		}
		k = len(p.files)
		p.index[rel] = k
		p.files = append(p.files, PendingFile{Rel: rel})
	}
	p.files[k].Articles = append(p.files[k].Articles, PendingArticle{Index: idx, ID: model.ID(uint64(id))})
	p.n++
	return nil
}

// FileText is the text of a pending file's articles, read again from the
// file.
type FileText struct {
	Rel string
	// Bodies are the articles' bodies by their Index. An article without
	// one (the file changed or could not be read) is indexed by its title
	// and tags; the next check of the file re-indexes it.
	Bodies map[int]string
	// Folded are the articles' words by their Index, made by Fold from the
	// file read again (optional): AddText takes an article's when it was
	// made from the title and tags the index holds, and otherwise folds
	// the article itself, with its body from Bodies.
	Folded map[int]Folded

	waiting  []waitingArticle // set by Prepare
	prepared bool
}

// Folded is an article's text made ready for the full-text index by Fold.
// Folding costs about half as much as writing the words, and AddText
// writes them in one goroutine (SQLite has one writer): callers that fold
// on their own workers, while the previous AddText writes, keep both cores
// busy.
type Folded struct {
	title            string   // what it was folded from, besides the body
	tags, folderTags []string // (see matches)
	doc              ftsDoc
}

// Fold makes the words of a, body included, for FileText.Folded. It keeps
// copies of the title and tags: theirs are most often parts of the whole
// file's text, which thousands of Folded waiting to be written kept alive
// (40 MB of a first indexing's heap).
func Fold(a *model.Article) Folded {
	f := Folded{title: strings.Clone(a.Title), tags: cloneAll(a.Tags), folderTags: cloneAll(a.FolderTags)}
	f.doc.words, f.doc.grams = ftsArticle(a)
	return f
}

// cloneAll returns a copy of list and of its strings.
func cloneAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.Clone(s)
	}
	return out
}

// matches reports whether f was folded from a's title and tags, so that
// its words can stand for a's (whose body the index does not hold).
func (f *Folded) matches(a *model.Article) bool {
	return f.title == a.Title && slices.Equal(f.tags, a.Tags) && slices.Equal(f.folderTags, a.FolderTags)
}

// AddText puts the waiting articles of the files into the full-text index,
// in one transaction, and returns how many it added. Articles of those
// files that no longer wait (indexed meanwhile, or deleted) are left
// alone. Call it, like Apply, with hundreds of files at a time, Prepared
// or not.
func (ix *Index) AddText(ctx context.Context, files []FileText) (int, error) {
	if len(files) == 0 {
		return 0, nil
	}
	added := 0
	err := ix.write(ctx, "add text", func(w *writer) error {
		var arts []waitingArticle
		for k := range files {
			if !files[k].prepared {
				if err := prepare(ctx, w, &files[k]); err != nil {
					return err
				}
			}
			arts = append(arts, files[k].waiting...)
		}
		// A Prepared file's articles were read before this transaction:
		// one rewritten since has another n, and waits for the next run.
		s, err := w.stmt(`UPDATE articles SET fts = 1, grams = ? WHERE rel = ? AND idx = ? AND n = ? AND fts = 0`)
		if err != nil {
			return wrap(ctx, "add text", err)
		}
		for k := range arts {
			a := &arts[k]
			res, err := s.ExecContext(ctx, a.doc.grams != "", a.art.Rel, a.art.Index, a.n)
			if err != nil {
				return wrap(ctx, "add text "+a.art.Rel, err)
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				continue
			}
			w.add[a.n] = a.doc
			added++
		}
		return wrap(ctx, "add text", w.fullText())
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// Prepare readies f for ix.AddText: it reads the file's waiting articles
// from the index and gives each its words (from f.Folded when they match,
// else folded now), so that AddText, in SQLite's one writer, only writes
// them. Call it on the workers that read the files, alongside the writer:
// reading the records took a tenth of the writer's time.
func (f *FileText) Prepare(ctx context.Context, ix *Index) error {
	return prepare(ctx, &ix.reads, f)
}

// prepare is Prepare, reading through q.
func prepare(ctx context.Context, q sqlitedb.Querier, f *FileText) error {
	arts, err := waiting(ctx, q, *f)
	if err != nil {
		return wrap(ctx, "add text "+f.Rel, err)
	}
	foldWaiting(arts)
	f.waiting, f.prepared = arts, true
	f.Bodies, f.Folded = nil, nil
	return nil
}

// foldWaiting gives every article its words: those folded ahead
// (FileText.Folded), the others folded now, on every core.
func foldWaiting(arts []waitingArticle) {
	var todo []*model.Article
	var at []int
	for k := range arts {
		if !arts[k].folded {
			todo = append(todo, &arts[k].art)
			at = append(at, k)
		}
	}
	for i, doc := range foldArticles(todo) {
		arts[at[i]].doc = doc
	}
}

// waitingArticle is an article read back from its record, with its rowid
// and, when it came folded (FileText.Folded), its words.
type waitingArticle struct {
	art    model.Article
	n      int64
	doc    ftsDoc
	folded bool
}

// waiting reads the file's articles that wait for their text, with the
// bodies given.
func waiting(ctx context.Context, q sqlitedb.Querier, f FileText) ([]waitingArticle, error) {
	return sqlitedb.All(ctx, q, `SELECT rec FROM articles WHERE rel = ? AND fts = 0`, []any{f.Rel},
		func(rows *sql.Rows) (waitingArticle, error) {
			var rec sql.RawBytes
			if err := rows.Scan(&rec); err != nil {
				return waitingArticle{}, err
			}
			a, n, err := decodeRecord(string(rec))
			if err != nil {
				return waitingArticle{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
			}
			if t, ok := f.Folded[a.Index]; ok && t.matches(&a) {
				return waitingArticle{art: a, n: n, doc: t.doc, folded: true}, nil
			}
			a.Body = f.Bodies[a.Index]
			return waitingArticle{art: a, n: n}, nil
		})
}

// PendingCount returns how many articles wait for AddText: cheaper than
// Pending when only the number is wanted.
func (ix *Index) PendingCount(ctx context.Context) (int, error) {
	var n int
	err := ix.db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE fts = 0`).Scan(&n)
	return n, wrap(ctx, "pending", err)
}

// A first indexing writes the words of every article, some fifty large
// transactions at 100,000 articles. FTS5 merges its segments as they come
// (automerge: whenever 4 of one level pile up), which rewrote the words
// several times over and took a third of the writer's time. Between
// StartBulkText and EndBulkText it merges only when a level reaches
// bulkCrisis segments, and then once, all of them, at the end.

// automerge is FTS5's default, which EndBulkText restores; bulkCrisis the
// crisismerge of a bulk run (FTS5's default is 16).
const (
	automerge  = 4
	crisis     = 16
	bulkCrisis = 64
)

// StartBulkText stops the full-text tables' merges after each transaction,
// for a long run of AddText (a first indexing). A run cut short leaves at
// most bulkCrisis segments per level, quick enough to search; the next
// EndBulkText merges them.
func (ix *Index) StartBulkText(ctx context.Context) error {
	return ix.ftsConfig(ctx, "start bulk text",
		"INSERT INTO %[1]s (%[1]s, rank) VALUES ('automerge', 0)",
		"INSERT INTO %[1]s (%[1]s, rank) VALUES ('crisismerge', "+strconv.Itoa(bulkCrisis)+")")
}

// EndBulkText merges every segment of the full-text tables into one (the
// quickest to search) and has them merge as they go again. It does nothing
// unless StartBulkText came before (in this process or one that stopped
// before its end), so that it may be called after every run of AddText.
func (ix *Index) EndBulkText(ctx context.Context) error {
	var bulk bool
	err := ix.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM words_config WHERE k = 'automerge' AND v = 0)`).Scan(&bulk)
	if err != nil || !bulk {
		return wrap(ctx, "end bulk text", err)
	}
	return ix.ftsConfig(ctx, "end bulk text",
		"INSERT INTO %[1]s (%[1]s) VALUES ('optimize')",
		"INSERT INTO %[1]s (%[1]s, rank) VALUES ('automerge', "+strconv.Itoa(automerge)+")",
		"INSERT INTO %[1]s (%[1]s, rank) VALUES ('crisismerge', "+strconv.Itoa(crisis)+")")
}

// ftsConfig runs the statements, formatted with each full-text table's
// name, in one transaction.
func (ix *Index) ftsConfig(ctx context.Context, op string, stmts ...string) error {
	return ix.write(ctx, op, func(w *writer) error {
		for _, table := range []string{"words", "grams"} {
			for _, s := range stmts {
				if _, err := w.tx.ExecContext(ctx, fmt.Sprintf(s, table)); err != nil {
					return wrap(ctx, op, err)
				}
			}
		}
		return nil
	})
}
