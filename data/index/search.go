package index

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// Search returns the IDs of the articles that match query (see
// model.ParseSearch) exactly as model.Collection's Visible matches them:
// the query and the text are folded with model.Fold (case, accents, ł→l,
// ß→ss …), and every query word must be the start of a word of the title,
// the tags or the body — every word, not only the last, is a prefix, so
// "harb coun" finds "Harbour Council" — while a word holding CJK
// characters matches anywhere inside a word; -word leaves out what word
// finds. Apart from phrases and exclusions (a leading '-', a quote at the
// start of a word), nothing the user types is query syntax: `a AND`,
// `foo"`, `NEAR(`, `*` are words like any other (or nothing, once folded).
//
// A phrase of two words or more needs the articles' text, which the index
// does not keep: Search leaves out the articles that only their text can
// tell (Find lists them), so it is exact for queries without such a
// phrase. A query with nothing to match matches every article. Search
// fails only when the database does (or ctx ends), whatever the query.
func (ix *Index) Search(ctx context.Context, query string) (map[model.ID]struct{}, error) {
	found, err := ix.Find(ctx, model.ParseSearch(query))
	return found.IDs, err
}

// rowids returns the full-text rowids (n) of the articles holding every
// term (at least one), sorted.
func (ix *Index) rowids(ctx context.Context, t terms) ([]int64, error) {
	// Prefixes and whole words in one expression: FTS5 intersects its
	// terms' lists itself, far cheaper than an INTERSECT of statements
	// (a phrase of common words: 2 × 100,000 rowids).
	var matches []string
	terms := make([]string, 0, len(t.words)+len(t.exact))
	for _, w := range t.words {
		terms = append(terms, quote(w)+"*")
	}
	for _, w := range t.exact {
		terms = append(terms, quote(w))
	}
	for chunk := range slices.Chunk(terms, maxTerms) {
		matches = append(matches, matchAll('w', chunk, func(e string) string { return e }))
	}
	grams := t.grams
	for chunk := range slices.Chunk(grams, maxTerms) {
		matches = append(matches, matchGrams(chunk))
	}
	// One statement answers up to a few dozen terms; the rare longer query
	// is answered in parts, intersected here.
	var result []int64
	for k, part := range slices.Collect(slices.Chunk(matches, maxParts)) {
		ns, err := searchPart(ctx, ix.db, part)
		if err != nil {
			return nil, err
		}
		slices.Sort(ns) // as it comes, most often: then a pass
		if k == 0 {
			result = ns
			continue
		}
		result = intersect(result, ns)
	}
	return result, nil
}

// Terms per MATCH expression (FTS5 limits the depth of an expression) and
// MATCH expressions per statement.
const (
	maxTerms = 32
	maxParts = 8
)

// searchPart returns the rowids (n) of the articles matching every
// expression; each starts with "w" for the words table or "g" for grams.
//
// The index's idMap turns rowids into IDs: looking each up in the articles
// table took three quarters of the time of a search that matches most
// articles.
func searchPart(ctx context.Context, db *sql.DB, matches []string) ([]int64, error) {
	q := `SELECT group_concat(rowid) FROM (`
	args := make([]any, len(matches))
	for i, m := range matches {
		table := "words"
		if m[0] == 'g' {
			table = "grams"
		}
		if i > 0 {
			q += ` INTERSECT `
		}
		q += `SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ?`
		args[i] = m[1:]
	}
	q += `)`
	return ints(ctx, db, q, args...)
}

// allIDs returns the ID of every article.
func allIDs(ctx context.Context, db *sql.DB) ([]model.ID, error) {
	list, err := ints(ctx, db, `SELECT group_concat(id) FROM articles`)
	if err != nil {
		return nil, err
	}
	ids := make([]model.ID, len(list))
	for i, id := range list {
		ids[i] = model.ID(uint64(id))
	}
	return ids, nil
}

// ints runs a query whose one row is a comma-separated list of integers
// (group_concat), or NULL for none: one row parsed in Go takes 30% less
// time than as many rows through database/sql.
func ints(ctx context.Context, db *sql.DB, q string, args ...any) ([]int64, error) {
	var list sql.NullString
	if err := db.QueryRowContext(ctx, q, args...).Scan(&list); err != nil {
		return nil, wrap(ctx, "search", err)
	}
	s := list.String
	out := make([]int64, 0, strings.Count(s, ",")+1)
	for len(s) > 0 {
		field, rest, _ := strings.Cut(s, ",")
		n, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("index: search: %w", err)
		}
		out = append(out, n)
		s = rest
	}
	return out, nil
}

// idMap maps the full-text rowid n of articles to their IDs. An n is
// given to one article only, ever (meta's next_n only grows), so an entry
// never becomes wrong, and the map only grows: from the rows Articles
// reads, and from the articles table when a search meets an n it does not
// know (new articles, written since by this process or another). Rowids
// are dense, so it is a slice by n: a search that matches most articles
// looks up as many.
type idMap struct {
	mu   sync.Mutex
	byN  []model.ID
	has  []bool // byN[n] is known
	next int64  // every article with a lower n is in byN (or deleted)
}

// idOf is an article's rowid and ID.
type idOf struct {
	n  int64
	id model.ID
}

// learn adds what a reader saw.
func (m *idMap) learn(seen []idOf) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range seen {
		m.set(s.n, s.id)
	}
}

// set records the ID of rowid n; m.mu is held.
func (m *idMap) set(n int64, id model.ID) {
	if n < 0 {
		return // not a rowid this index gives
	}
	if n >= int64(len(m.byN)) {
		size := max(n+1, int64(len(m.byN))*5/4)
		m.byN = append(m.byN, make([]model.ID, size-int64(len(m.byN)))...)
		m.has = append(m.has, make([]bool, size-int64(len(m.has)))...)
	}
	m.byN[n], m.has[n] = id, true
}

// get returns the ID of rowid n, if known; m.mu is held.
func (m *idMap) get(n int64) (model.ID, bool) {
	if n < 0 || n >= int64(len(m.byN)) || !m.has[n] {
		return 0, false
	}
	return m.byN[n], true
}

// reset forgets everything, for a new database.
func (m *idMap) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.byN, m.has, m.next = nil, nil, 0
}

// knownBelow records that every article with a lower n has been learnt.
func (m *idMap) knownBelow(n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next = max(m.next, n)
}

// lookup returns the IDs of the rowids ns, reading those it does not know
// from the articles table. A rowid that is still unknown then belongs to
// an article deleted since: it is left out.
func (m *idMap) lookup(ctx context.Context, ix *Index, ns []int64) ([]model.ID, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]model.ID, 0, len(ns))
	var missing []int64
	for _, n := range ns {
		if id, ok := m.get(n); ok {
			ids = append(ids, id)
		} else {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return ids, nil
	}
	if err := m.load(ctx, ix); err != nil {
		return nil, err
	}
	for _, n := range missing {
		if id, ok := m.get(n); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// load reads the articles with an n the map has not seen; m.mu is held.
func (m *idMap) load(ctx context.Context, ix *Index) error {
	next := m.next
	err := sqlitedb.Each(ctx, ix.db, `SELECT n, id FROM articles WHERE n >= ?`, []any{m.next}, func(rows *sql.Rows) error {
		var n, id int64
		if err := rows.Scan(&n, &id); err != nil {
			return err
		}
		m.set(n, model.ID(uint64(id)))
		next = max(next, n+1)
		return nil
	})
	if err != nil {
		return wrap(ctx, "search", err)
	}
	m.next = next
	return nil
}

// searchTerms folds the query into its words, split into those matched at
// word starts and those holding CJK, matched anywhere. Terms that another
// term implies are dropped (a word starting with "harbo" starts with
// "harb"; text containing "東京都" contains "東京").
func searchTerms(query string) (words, grams []string) {
	return splitTerms(strings.Fields(model.Fold(query)))
}

// splitTerms splits folded words as searchTerms does.
func splitTerms(terms []string) (words, grams []string) {
	for _, t := range terms {
		if t == "" {
			continue
		}
		if model.HasCJK(t) {
			grams = append(grams, t)
		} else {
			words = append(words, t)
		}
	}
	return implied(words, false), implied(grams, true)
}

// implied sorts and deduplicates terms and drops those another term
// implies: its prefixes, or for CJK terms (anywhere) its substrings.
func implied(terms []string, anywhere bool) []string {
	slices.Sort(terms)
	terms = slices.Compact(terms)
	kept := make([]string, 0, len(terms))
	for i, t := range terms {
		switch {
		case !anywhere:
			// Sorted, the terms starting with t follow t directly.
			if i+1 < len(terms) && strings.HasPrefix(terms[i+1], t) {
				continue
			}
		case len(terms) <= 64: // quadratic; a longer list is only slower to answer
			if slices.ContainsFunc(terms, func(u string) bool { return u != t && strings.Contains(u, t) }) {
				continue
			}
		}
		kept = append(kept, t)
	}
	return kept
}

// matchGrams is the grams-table expression (prefixed "g") for all of the
// terms (see fts.go): a one-character term is the prefix of a gram, a
// two-character term a gram, a longer one the phrase of its grams.
func matchGrams(terms []string) string {
	return matchAll('g', terms, func(t string) string {
		r := []rune(t)
		switch len(r) {
		case 1:
			return quote(t) + "*"
		case 2:
			return quote(t)
		}
		grams := make([]string, len(r)-1)
		for k := range grams {
			grams[k] = string(r[k : k+2])
		}
		return quote(strings.Join(grams, " "))
	})
}

// matchAll is the expression, after its table's prefix, that matches all
// of the terms: each term's own expression, joined by AND.
func matchAll(prefix byte, terms []string, expr func(string) string) string {
	var b strings.Builder
	b.WriteByte(prefix)
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString(expr(t))
	}
	return b.String()
}

// quote makes s an FTS5 string: a double-quoted run of text in which only
// a doubled quote is special, so nothing in it is query syntax. Folded
// text holds no quotes; they are doubled all the same.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
