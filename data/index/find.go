package index

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/internal/sqlitedb"
	"github.com/newsline/newsline/model"
)

// Found is the index's answer to a search.
type Found struct {
	// IDs are the articles that match.
	IDs map[model.ID]struct{}
	// Check are the articles that may match, grouped by file: only their
	// text can tell (a phrase of two words or
	// more, wanted or excluded; the index keeps no positions). The caller
	// reads them and keeps those model.MatcherOf(q) matches.
	Check []PendingFile
}

// Candidates is Found in the compact form a search of the whole
// collection hands on: lists, not a map, and the articles to check by ID
// (FilesOf finds their files, for those the caller reads, in its order).
type Candidates struct {
	IDs   []model.ID // match
	Check []model.ID // may match: only their text can tell
}

// Find answers a parsed search (see model.ParseSearch) as Candidates
// does, with the articles to check grouped by file.
func (ix *Index) Find(ctx context.Context, q model.SearchQuery) (Found, error) {
	c, err := ix.Candidates(ctx, q)
	if err != nil {
		return Found{}, err
	}
	ids := make(map[model.ID]struct{}, len(c.IDs))
	for _, id := range c.IDs {
		ids[id] = struct{}{}
	}
	files, err := ix.FilesOf(ctx, c.Check)
	return Found{IDs: ids, Check: files}, err
}

// Candidates answers a parsed search. The words of the query and of its
// phrases find the candidates through the full-text tables, as Search
// describes; an excluded word removes what it finds (the index answers a
// word exactly); the candidates that hold every word of an excluded
// phrase, and all of them when the query has a phrase, go to Check. A
// query of exclusions only starts from every article with its words in
// the index: the others are the caller's (see Pending). Rowids stay
// sorted lists throughout: intersections and differences are merges.
func (ix *Index) Candidates(ctx context.Context, q model.SearchQuery) (Candidates, error) {
	if q.Empty() {
		ids, err := allIDs(ctx, ix.db)
		return Candidates{IDs: ids}, err
	}
	var base, check []int64
	var err error
	hasPhrase := slices.ContainsFunc(q.Phrases, isPhrase)
	if t := termsOf(q.Words, q.Phrases); !t.empty() {
		if hasPhrase { // every candidate is checked: see loosened
			t.words = loosened(t.words)
		}
		base, err = ix.rowids(ctx, t)
	} else {
		base, err = indexedRowids(ctx, ix.db)
	}
	if err != nil {
		return Candidates{}, err
	}
	if hasPhrase {
		check, base = base, nil
	}
	for _, e := range q.Exclude {
		if len(base)+len(check) == 0 {
			break
		}
		t := termsOf(nil, []string{e})
		if t.empty() {
			continue // not from ParseSearch, which leaves out what folds to nothing
		}
		found, err := ix.rowids(ctx, t)
		if err != nil {
			return Candidates{}, err
		}
		if isPhrase(e) {
			check = union(check, intersect(base, found))
		} else {
			check = minus(check, found)
		}
		base = minus(base, found)
	}
	ids, err := ix.ids.lookup(ctx, ix, base)
	if err != nil {
		return Candidates{}, err
	}
	checkIDs, err := ix.ids.lookup(ctx, ix, check)
	return Candidates{IDs: ids, Check: checkIDs}, err
}

// terms are what the full-text tables are asked for: words as prefixes,
// whole words, and CJK terms (anywhere).
type terms struct{ words, exact, grams []string }

func (t terms) empty() bool { return len(t.words)+len(t.exact)+len(t.grams) == 0 }

// termsOf returns the terms every article holding the words and the
// phrases holds. A phrase's words but the last are whole words (a space
// follows each); without CJK each is then a whole token of the words
// table, which narrows the candidates ("the" but not "them"). The last is
// a prefix, as a word is.
func termsOf(words, phrases []string) terms {
	var t terms
	for _, p := range phrases {
		fields := strings.Fields(p)
		last := len(fields) - 1
		if last < 0 {
			continue
		}
		for _, w := range fields[:last] {
			if model.HasCJK(w) {
				t.grams = append(t.grams, w)
			} else {
				t.exact = append(t.exact, w)
			}
		}
		words = append(slices.Clip(words), fields[last])
	}
	prefix, grams := splitTerms(words)
	t.words, t.grams = prefix, implied(append(grams, t.grams...), true)
	slices.Sort(t.exact)
	t.exact = slices.Compact(t.exact)
	return t
}

// indexedPrefix is the longest prefix the words table has an index for
// (schema.go).
const indexedPrefix = 2

// loosened returns the prefix terms with each one of three letters cut to
// its first two, for candidates that are all checked against their text
// (a query with a phrase): a few more candidates cost less than merging
// every word that three letters start, which the index has no prefix
// index for — "the" took the first screen of the phrase "of the" from
// about 100 ms to 150–330 ms at 100,000 articles — where the prefix index
// of two answers at once.
func loosened(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if utf8.RuneCountInString(w) == indexedPrefix+1 {
			_, n := utf8.DecodeLastRuneInString(w)
			w = w[:len(w)-n]
		}
		out = append(out, w)
	}
	return implied(out, false)
}

// isPhrase reports whether a folded phrase has more than one word: one
// word alone the index answers exactly.
func isPhrase(p string) bool { return len(strings.Fields(p)) > 1 }

// indexedRowids returns the rowids, sorted, of every article whose words
// are in the full-text tables: all of them but the pending ones, each
// list read from an index (a scan of the table reads every record).
func indexedRowids(ctx context.Context, db *sql.DB) ([]int64, error) {
	ns, err := ints(ctx, db, `SELECT group_concat(n) FROM articles INDEXED BY articles_n`)
	if err != nil {
		return nil, err
	}
	pending, err := ints(ctx, db, `SELECT group_concat(n) FROM articles INDEXED BY articles_pending WHERE fts = 0`)
	if err != nil {
		return nil, err
	}
	slices.Sort(ns)
	slices.Sort(pending)
	return minus(ns, pending), nil
}

// FilesOf groups the articles with these IDs by file (files and articles
// in no set order); IDs the index does not hold (deleted since) are left
// out.
func (ix *Index) FilesOf(ctx context.Context, ids []model.ID) ([]PendingFile, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var p byFile
	for chunk := range slices.Chunk(ids, 500) {
		in := make([]string, len(chunk))
		for i, id := range chunk {
			in[i] = strconv.FormatInt(int64(id), 10)
		}
		q := `SELECT rel, idx, id FROM articles WHERE id IN (` + strings.Join(in, ",") + `)`
		err := sqlitedb.Each(ctx, ix.db, q, nil, p.scan)
		if err != nil {
			return nil, wrap(ctx, "search", err)
		}
	}
	return p.files, nil
}

// intersect returns the rowids in both sorted lists.
func intersect(a, b []int64) []int64 {
	var out []int64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// minus returns the rowids of sorted a that are not in sorted b.
func minus(a, b []int64) []int64 {
	out := make([]int64, 0, len(a))
	j := 0
	for _, n := range a {
		for j < len(b) && b[j] < n {
			j++
		}
		if j == len(b) || b[j] != n {
			out = append(out, n)
		}
	}
	return out
}

// union returns the rowids in either sorted list, sorted.
func union(a, b []int64) []int64 {
	out := make([]int64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
