package model

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// Query selects and orders articles: the tags of Tags (keys, see TagKey)
// must be on the article, all of them or, with AnyTag, at least one; none of
// Exclude may be; every word of Search must match, and the result is ordered
// by Sort.
type Query struct {
	Tags []string
	// Exclude lists the tags (keys) an article must not carry. Unlike in
	// Tags, a key no article carries changes nothing.
	Exclude []string
	// AnyTag makes one of Tags enough (tag_match = "any"). Without Tags it
	// filters nothing, as without it.
	AnyTag bool
	Search string
	Sort   Sort
	// Only, when not nil, keeps only these articles: the result of a search
	// done elsewhere (the on-disk full-text index), intersected here with
	// the tags and kept in the sort order.
	Only map[ID]struct{}
	// Keep, when not nil, keeps only the articles it returns true for: a
	// selection the caller holds (read and starred marks). It is called once
	// per article that passed Only and the tags, before the search words,
	// and never for the others.
	Keep func(ID) bool
}

// HasTag reports whether the query filters by the tag with the given key.
func (q Query) HasTag(key string) bool { return slices.Contains(q.Tags, key) }

// Excludes reports whether the query leaves out the tag with the given key.
func (q Query) Excludes(key string) bool { return slices.Contains(q.Exclude, key) }

// ToggleTag returns a copy of q with the tag added or removed. Added, it
// leaves Exclude: a tag is never both wanted and excluded.
func (q Query) ToggleTag(key string) Query {
	var added bool
	if q.Tags, added = toggled(q.Tags, key); added {
		q.Exclude = without(q.Exclude, key)
	}
	return q
}

// ToggleExclude returns a copy of q with the tag excluded or no longer
// excluded. Excluded, it leaves Tags, as ToggleTag does the other way.
func (q Query) ToggleExclude(key string) Query {
	var added bool
	if q.Exclude, added = toggled(q.Exclude, key); added {
		q.Tags = without(q.Tags, key)
	}
	return q
}

// toggled returns keys with key removed, or added when it was missing, and
// whether it was added. It copies: the caller's query keeps its slice, which
// it may share with other queries.
func toggled(keys []string, key string) ([]string, bool) {
	if slices.Contains(keys, key) {
		return without(keys, key), false
	}
	return append(slices.Clone(keys), key), true
}

// without returns keys without key: a copy when key is in it, else keys.
func without(keys []string, key string) []string {
	if i := slices.Index(keys, key); i >= 0 {
		return slices.Delete(slices.Clone(keys), i, i+1)
	}
	return keys
}

// searchTerms folds a search string into the words every article must match.
func searchTerms(search string) []string {
	return strings.Fields(Fold(search))
}

// matches reports whether every term matches the start of a word in the
// haystack, or anywhere inside it for terms written without spaces (CJK).
func matches(text string, terms []string) bool {
	for _, t := range terms {
		if !matchTerm(text, t) {
			return false
		}
	}
	return true
}

func matchTerm(text, term string) bool {
	if HasCJK(term) {
		return strings.Contains(text, term)
	}
	// text starts with a space and words are single-space separated, so a
	// term at a word start is always preceded by a space.
	for i := 0; ; {
		k := strings.Index(text[i:], term)
		if k < 0 {
			return false
		}
		at := i + k
		if at > 0 && text[at-1] == ' ' {
			return true
		}
		// Inside a word: a CJK run before the match counts as a word start,
		// since such text has no spaces between words.
		if at > 0 {
			r, _ := lastRune(text[:at])
			if IsCJK(r) {
				return true
			}
		}
		i = at + 1
	}
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return []rune(s[i:])[0], len(s) - i
		}
	}
	return 0, 0
}

// Visible returns the IDs of the articles the query selects, in its order.
// It walks the collection in the sort's precomputed order and keeps what
// matches, so a query costs one pass and no sorting. While a search is being
// typed, each query only narrows the previous one, so only the previous
// result is walked again.
func (c *Collection) Visible(q Query) []ID {
	tags, ok := c.tagFilter(q)
	if !ok {
		return nil // no article carries the wanted tags
	}
	terms := searchTerms(q.Search)
	if c.external {
		terms = nil // answered elsewhere, through q.Only
	}
	candidates := c.order(q.Sort)
	switch {
	case c.last.narrows(q, terms):
		candidates = c.last.result
	case q.Only != nil && len(q.Only) < len(candidates)/8:
		candidates = c.inOrder(q.Only, q.Sort)
	}
	result := make([]int32, 0, 64)
	for _, i := range candidates {
		e := &c.entries[i]
		if q.Only != nil {
			if _, ok := q.Only[e.art.ID]; !ok {
				continue
			}
		}
		// Cheapest first: tag indices, then the caller's Keep, then the text.
		if tags.admits(e.tags) && (q.Keep == nil || q.Keep(e.art.ID)) && matches(e.text, terms) {
			result = append(result, i)
		}
	}
	ids := make([]ID, len(result))
	for k, i := range result {
		ids[k] = c.entries[i].art.ID
	}
	c.last = lastQuery{q: q, terms: terms, result: result, ids: ids, valid: true}
	return ids
}

// inOrder returns the entries of the IDs in the sort's order: for a search
// result of a few thousand articles, sorting them is cheaper than walking
// the whole collection past them.
func (c *Collection) inOrder(only map[ID]struct{}, s Sort) []int32 {
	rank := c.rank(s)
	out := make([]int32, 0, len(only))
	for id := range only {
		if i, ok := c.pos[id]; ok {
			out = append(out, int32(i))
		}
	}
	slices.SortFunc(out, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
	return out
}

// rank returns each entry's place in the sort's order.
func (c *Collection) rank(s Sort) []int32 {
	if s >= sortCount {
		s = SortNewest
	}
	if c.ranks[s] == nil {
		order := c.order(s)
		r := make([]int32, len(order))
		for place, i := range order {
			r[i] = int32(place)
		}
		c.ranks[s] = r
	}
	return c.ranks[s]
}

// lastQuery remembers the previous Visible call, in entry indices.
type lastQuery struct {
	q      Query
	terms  []string
	result []int32 // entry indices
	ids    []ID    // what Visible returned: the same articles
	valid  bool
}

// narrows reports whether every article matching q (with its folded terms)
// is in the remembered result: same tag filters and sort, and each
// remembered term a prefix of the term in its place (a word that starts with
// "harbo" starts with "harb"), with at most more terms after them.
func (l *lastQuery) narrows(q Query, terms []string) bool {
	// What Only and Keep select cannot be compared (a map, a function):
	// with either, on either side, the whole order is walked again.
	if !l.valid || q.Only != nil || l.q.Only != nil || q.Keep != nil || l.q.Keep != nil {
		return false
	}
	if q.Sort != l.q.Sort || q.AnyTag != l.q.AnyTag || !slices.Equal(q.Tags, l.q.Tags) ||
		!slices.Equal(q.Exclude, l.q.Exclude) || len(terms) < len(l.terms) {
		return false
	}
	for i, old := range l.terms {
		if !strings.HasPrefix(terms[i], old) || HasCJK(terms[i]) != HasCJK(old) {
			return false
		}
	}
	return true
}

// tagFilter is a query's tag filters as indices into Collection.tags.
type tagFilter struct {
	want    []int32 // all of them, or with any at least one
	any     bool
	exclude []int32
}

// tagFilter resolves the query's tag keys. It reports false when no article
// can match: a wanted key the collection never saw, or with AnyTag every
// wanted key. An excluded key it never saw excludes nothing and is dropped.
func (c *Collection) tagFilter(q Query) (tagFilter, bool) {
	f := tagFilter{
		want: make([]int32, 0, len(q.Tags)),
		any:  q.AnyTag && len(q.Tags) > 1, // any of one tag is that tag
	}
	for _, key := range q.Tags {
		ti, ok := c.tagIndex[key]
		switch {
		case ok:
			f.want = append(f.want, ti)
		case !f.any:
			return tagFilter{}, false
		}
	}
	if f.any && len(f.want) == 0 {
		return tagFilter{}, false
	}
	for _, key := range q.Exclude {
		if ti, ok := c.tagIndex[key]; ok {
			f.exclude = append(f.exclude, ti)
		}
	}
	return f, true
}

// admits reports whether an article with these tags passes the filter.
func (f *tagFilter) admits(have []int32) bool {
	if hasAny(have, f.exclude) {
		return false
	}
	if f.any {
		return hasAny(have, f.want)
	}
	return hasAll(have, f.want)
}

func hasAll(have, want []int32) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func hasAny(have, want []int32) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

// TagCounts returns, for every tag key, how many of the given articles carry
// it: the sidebar's counts within the current filter.
func (c *Collection) TagCounts(ids []ID) map[string]int {
	all, _ := c.TagCountsWhere(ids, nil)
	return all
}

// TagCountsWhere is TagCounts, and in the same pass the counts of the
// articles keep returns true for (nil without keep): the sidebar's unread
// counts beside its totals.
// Counting the result of the last Visible call (the sidebar's case) walks
// its entries directly, without looking IDs up.
func (c *Collection) TagCountsWhere(ids []ID, keep func(ID) bool) (all, kept map[string]int) {
	counts := make([]int, len(c.tags))
	var keptCounts []int
	if keep != nil {
		keptCounts = make([]int, len(c.tags))
	}
	add := func(i int) {
		e := &c.entries[i]
		for _, ti := range e.tags {
			counts[ti]++
		}
		if keep != nil && keep(e.art.ID) {
			for _, ti := range e.tags {
				keptCounts[ti]++
			}
		}
	}
	if l := &c.last; l.valid && len(ids) > 0 && len(ids) == len(l.ids) && &ids[0] == &l.ids[0] {
		for _, i := range l.result {
			add(int(i))
		}
	} else {
		for _, id := range ids {
			if i, ok := c.pos[id]; ok {
				add(i)
			}
		}
	}
	all = c.countsByKey(counts)
	if keep != nil {
		kept = c.countsByKey(keptCounts)
	}
	return all, kept
}

// countsByKey turns counts by tag index into counts by tag key, leaving
// out the zeros.
func (c *Collection) countsByKey(counts []int) map[string]int {
	out := make(map[string]int, len(c.tags))
	for ti, n := range counts {
		if n > 0 {
			out[c.tags[ti].Key] = n
		}
	}
	return out
}

// ShortID returns the shortest hex prefix of id, at least 6 digits, that no
// other article in the collection shares, as git abbreviates commits.
func (c *Collection) ShortID(id ID) string {
	if c.short == nil {
		c.short = shortLengths(c.IDs())
	}
	n, ok := c.short[id]
	if !ok {
		n = 6
	}
	return id.Hex()[:n]
}

// shortLengths computes the unique prefix length of every ID: one more than
// the longest prefix it shares with its neighbours in sorted order (hex
// order is numeric order, and shared hex digits are leading zero bits of the
// XOR, four to a digit).
func shortLengths(ids []ID) map[ID]int {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	out := make(map[ID]int, len(sorted))
	for i, id := range sorted {
		n := 0
		if i > 0 {
			n = max(n, sharedHexDigits(id, sorted[i-1]))
		}
		if i+1 < len(sorted) {
			n = max(n, sharedHexDigits(id, sorted[i+1]))
		}
		out[id] = min(max(6, n+1), 16)
	}
	return out
}

func sharedHexDigits(a, b ID) int { return bits.LeadingZeros64(uint64(a^b)) / 4 }

// Resolve finds the article whose hex ID starts with prefix. It fails when
// no article or more than one matches.
func (c *Collection) Resolve(prefix string) (ID, error) {
	p := strings.ToLower(strings.TrimSpace(prefix))
	if p == "" {
		return 0, fmt.Errorf("empty article ID")
	}
	var found []ID
	for i := range c.entries {
		id := c.entries[i].art.ID
		if strings.HasPrefix(id.Hex(), p) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 0:
		return 0, fmt.Errorf("no article with ID %q: run `newsline list` to see the IDs", prefix)
	case 1:
		return found[0], nil
	}
	return 0, fmt.Errorf("article ID %q is ambiguous (%d articles match): give more digits", prefix, len(found))
}
