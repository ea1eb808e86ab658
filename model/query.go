package model

import (
	"cmp"
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
	// OnlyIDs, when not nil, is Only as a slice in any order: an index's
	// answer needs no map built for it. With both, an article must be in
	// both.
	OnlyIDs []ID
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
	search := ParseSearch(q.Search)
	if c.external {
		search = SearchQuery{} // answered elsewhere, through q.Only
	}
	candidates := c.order(q.Sort)
	var in []uint64 // with Only or OnlyIDs, the entries they let through
	switch {
	case c.last.narrows(q, search):
		candidates = c.last.result
	case q.Only != nil || q.OnlyIDs != nil:
		candidates, in = c.onlyIn(q, candidates)
	}
	result := make([]int32, 0, 64)
	if q.Keep == nil && search.Empty() && tags.none() {
		// All pass but what Only leaves out: read no entry.
		result = slices.Grow(result, len(candidates))
		for _, i := range candidates {
			if in == nil || in[i/64]&(1<<(i%64)) != 0 {
				result = append(result, i)
			}
		}
		candidates = nil
	}
	for _, i := range candidates {
		if in != nil && in[i/64]&(1<<(i%64)) == 0 {
			continue
		}
		e := &c.entries[i]
		// Cheapest first: tag indices, then the caller's Keep, then the text.
		if tags.admits(c.store.tagSet(&e.art)) && (q.Keep == nil || q.Keep(e.art.ID)) && search.matches(e.text) {
			result = append(result, i)
		}
	}
	ids := make([]ID, len(result))
	for k, i := range result {
		ids[k] = c.entries[i].art.ID
	}
	c.last = lastQuery{q: q, terms: search.Words, phrases: search.Phrases, exclude: search.Exclude, result: result, ids: ids, valid: true}
	return ids
}

// lastQuery remembers the previous Visible call, in entry indices.
type lastQuery struct {
	q Query
	// The parsed q.Search (see SearchQuery), empty when answered elsewhere.
	terms, phrases, exclude []string
	result                  []int32 // entry indices
	ids                     []ID    // what Visible returned: the same articles
	valid                   bool
}

// narrows reports whether every article matching q (with its folded terms)
// is in the remembered result: same tag filters and sort, and each
// remembered term a prefix of the term in its place (a word that starts with
// "harbo" starts with "harb"), with at most more terms after them, and the
// same phrases and exclusions.
func (l *lastQuery) narrows(q Query, search SearchQuery) bool {
	// What Only and Keep select cannot be compared (a map, a function):
	// with either, on either side, the whole order is walked again.
	if !l.valid || q.Only != nil || l.q.Only != nil || q.OnlyIDs != nil || l.q.OnlyIDs != nil || q.Keep != nil || l.q.Keep != nil {
		return false
	}
	if q.Sort != l.q.Sort || q.AnyTag != l.q.AnyTag || !slices.Equal(q.Tags, l.q.Tags) ||
		!slices.Equal(q.Exclude, l.q.Exclude) || len(search.Words) < len(l.terms) {
		return false
	}
	if !slices.Equal(search.Phrases, l.phrases) || !slices.Equal(search.Exclude, l.exclude) {
		return false
	}
	for i, old := range l.terms {
		if !strings.HasPrefix(search.Words[i], old) || HasCJK(search.Words[i]) != HasCJK(old) {
			return false
		}
	}
	return true
}

// onlyIn narrows order, the sort's, to what q.Only and q.OnlyIDs let
// through: a few articles (under one in eight) as their entries in the
// sort's order, else order itself with a bitmap of the entries that pass
// (no map looked up per entry, and the others never read).
func (c *Collection) onlyIn(q Query, order []int32) ([]int32, []uint64) {
	if q.OnlyIDs == nil && len(q.Only) < len(order)/8 {
		return inOrder(q.Only, c.pos, c.rank(q.Sort)), nil
	}
	var pos []int32
	if q.OnlyIDs == nil {
		pos = make([]int32, 0, len(q.Only))
		for id := range q.Only {
			if i, ok := c.pos[id]; ok {
				pos = append(pos, int32(i))
			}
		}
	} else {
		pos = make([]int32, 0, len(q.OnlyIDs))
		for _, id := range q.OnlyIDs {
			_, ok := q.Only[id]
			if i, in := c.pos[id]; in && (ok || q.Only == nil) {
				pos = append(pos, int32(i))
			}
		}
		if len(pos) < len(order)/8 {
			rank := c.rank(q.Sort)
			slices.SortFunc(pos, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
			return slices.Compact(pos), nil
		}
	}
	in := make([]uint64, (len(c.entries)+63)/64)
	for _, i := range pos {
		in[i/64] |= 1 << (i % 64)
	}
	return order, in
}
