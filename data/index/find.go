package index

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

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

// Find answers a parsed search (see model.ParseSearch). The words of the
// query and of its phrases find the candidates through the full-text
// tables, as Search describes; an excluded word removes what it finds
// (the index answers a word exactly); the candidates that hold every word
// of an excluded phrase, and all of them when the query has a phrase, go
// to Check. A query of exclusions only starts from every article with its
// words in the index: the others are the caller's (see Pending).
func (ix *Index) Find(ctx context.Context, q model.SearchQuery) (Found, error) {
	if q.Empty() {
		ids, err := ix.allIDs(ctx)
		return Found{IDs: ids}, err
	}
	var base map[int64]struct{}
	var err error
	if t := termsOf(q.Words, q.Phrases); !t.empty() {
		base, err = ix.rowids(ctx, t)
	} else {
		base, err = ix.indexedRowids(ctx)
	}
	if err != nil {
		return Found{}, err
	}
	check := map[int64]struct{}{}
	if slices.ContainsFunc(q.Phrases, isPhrase) {
		check, base = base, map[int64]struct{}{}
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
			return Found{}, err
		}
		for n := range found {
			if _, ok := base[n]; ok && isPhrase(e) {
				check[n] = struct{}{}
			}
			delete(base, n)
			if !isPhrase(e) {
				delete(check, n)
			}
		}
	}
	ids, err := ix.ids.lookup(ctx, ix, slices.Collect(maps.Keys(base)))
	if err != nil {
		return Found{}, err
	}
	files, err := ix.filesOf(ctx, check)
	return Found{IDs: ids, Check: files}, err
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

// isPhrase reports whether a folded phrase has more than one word: one
// word alone the index answers exactly.
func isPhrase(p string) bool { return len(strings.Fields(p)) > 1 }

// indexedRowids returns the rowids of every article whose words are in the
// full-text tables: all of them but the pending ones, each list read from
// an index (a scan of the table reads every record).
func (ix *Index) indexedRowids(ctx context.Context) (map[int64]struct{}, error) {
	ns, err := ix.ints(ctx, `SELECT group_concat(n) FROM articles INDEXED BY articles_n`)
	if err != nil {
		return nil, err
	}
	pending, err := ix.ints(ctx, `SELECT group_concat(n) FROM articles INDEXED BY articles_pending WHERE fts = 0`)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]struct{}, len(ns))
	for _, n := range ns {
		out[n] = struct{}{}
	}
	for _, n := range pending {
		delete(out, n)
	}
	return out, nil
}

// filesOf groups the articles with the rowids ns by file; rowids of deleted articles are left out.
func (ix *Index) filesOf(ctx context.Context, ns map[int64]struct{}) ([]PendingFile, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	list := slices.Sorted(maps.Keys(ns))
	var p byFile
	for chunk := range slices.Chunk(list, 500) {
		in := make([]string, len(chunk))
		for i, n := range chunk {
			in[i] = strconv.FormatInt(n, 10)
		}
		q := `SELECT rel, idx, id FROM articles WHERE n IN (` + strings.Join(in, ",") + `)`
		err := sqlitedb.Each(ctx, ix.db, q, nil, p.scan)
		if err != nil {
			return nil, wrap(ctx, "search", err)
		}
	}
	return p.files, nil
}
