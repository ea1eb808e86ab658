package index

import (
	"context"
	"slices"
	"strings"

	"github.com/newsline/newsline/model"
)

// Search returns the IDs of the articles that match every word of query,
// exactly as model.Collection's Visible matches them: the query and the
// text are folded with model.Fold (case, accents, ł→l, ß→ss …), and every
// query word must be the start of a word of the title, the tags or the body
// — every word, not only the last, is a prefix, so "harb coun" finds
// "Harbour Council" — while a word holding CJK characters matches anywhere
// inside a word. Nothing the user types is query syntax: `a AND`, `foo"`,
// `-x`, `NEAR(`, `*` are words like any other (or nothing, once folded).
//
// A query with no words matches every article. Search fails only when the
// database does (or ctx ends), whatever the query.
func (ix *Index) Search(ctx context.Context, query string) (map[model.ID]struct{}, error) {
	words, grams := searchTerms(query)
	var matches []string
	for chunk := range slices.Chunk(words, maxTerms) {
		matches = append(matches, matchWords(chunk))
	}
	for chunk := range slices.Chunk(grams, maxTerms) {
		matches = append(matches, matchGrams(chunk))
	}
	var result map[model.ID]struct{}
	// One statement answers up to a few dozen terms; the rare longer query
	// is answered in parts, intersected here.
	for part := range slices.Chunk(matches, maxParts) {
		ids, err := ix.searchPart(ctx, part)
		if err != nil {
			return nil, err
		}
		if result == nil {
			result = ids
			continue
		}
		for id := range result {
			if _, ok := ids[id]; !ok {
				delete(result, id)
			}
		}
	}
	if result == nil { // no words
		return ix.searchPart(ctx, nil)
	}
	return result, nil
}

// Terms per MATCH expression (FTS5 limits the depth of an expression) and
// MATCH expressions per statement.
const (
	maxTerms = 32
	maxParts = 8
)

// searchPart returns the articles matching every expression; each starts
// with "w" for the words table or "g" for grams.
func (ix *Index) searchPart(ctx context.Context, matches []string) (map[model.ID]struct{}, error) {
	q := `SELECT id FROM articles`
	args := make([]any, len(matches))
	for i, m := range matches {
		table := "words"
		if m[0] == 'g' {
			table = "grams"
		}
		if i == 0 {
			q += ` WHERE n IN (`
		} else {
			q += ` INTERSECT `
		}
		q += `SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ?`
		args[i] = m[1:]
	}
	if len(matches) > 0 {
		q += `)`
	}
	rows, err := ix.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(ctx, "search", err)
	}
	defer rows.Close()
	ids := map[model.ID]struct{}{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap(ctx, "search", err)
		}
		ids[model.ID(uint64(id))] = struct{}{}
	}
	return ids, wrap(ctx, "search", rows.Err())
}

// searchTerms folds the query into its words, split into those matched at
// word starts and those holding CJK, matched anywhere. Terms that another
// term implies are dropped (a word starting with "harbo" starts with
// "harb"; text containing "東京都" contains "東京").
func searchTerms(query string) (words, grams []string) {
	for _, t := range strings.Fields(model.Fold(query)) {
		if hasCJK(t) {
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

// matchWords is the words-table expression (prefixed "w") for all of the
// words: each a quoted prefix query.
func matchWords(words []string) string {
	var b strings.Builder
	b.WriteByte('w')
	for i, w := range words {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString(quote(w))
		b.WriteByte('*')
	}
	return b.String()
}

// matchGrams is the grams-table expression (prefixed "g") for all of the
// terms (see fts.go): a one-character term is the prefix of a gram, a
// two-character term a gram, a longer one the phrase of its grams.
func matchGrams(terms []string) string {
	var b strings.Builder
	b.WriteByte('g')
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		r := []rune(t)
		switch len(r) {
		case 1:
			b.WriteString(quote(t))
			b.WriteByte('*')
		case 2:
			b.WriteString(quote(t))
		default:
			grams := make([]string, len(r)-1)
			for k := range grams {
				grams[k] = string(r[k : k+2])
			}
			b.WriteString(quote(strings.Join(grams, " ")))
		}
	}
	return b.String()
}

// quote makes s an FTS5 string: a double-quoted run of text in which only
// a doubled quote is special, so nothing in it is query syntax. Folded
// text holds no quotes; they are doubled all the same.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
