package model

import "math/bits"

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
		set := c.store.tagSet(&e.art)
		for _, ti := range set {
			counts[ti]++
		}
		if keep != nil && keep(e.art.ID) {
			for _, ti := range set {
				keptCounts[ti]++
			}
		}
	}
	if l := &c.last; l.valid && len(ids) > 0 && len(ids) == len(l.ids) && &ids[0] == &l.ids[0] {
		// The entries are walked in collection order, not the result's:
		// counts do not depend on it, and memory read in order is faster.
		if len(l.result) == len(c.entries) {
			for i := range c.entries {
				add(i)
			}
		} else {
			in := make([]uint64, (len(c.entries)+63)/64)
			for _, i := range l.result {
				in[i/64] |= 1 << (i % 64)
			}
			for w, word := range in {
				for ; word != 0; word &= word - 1 {
					add(w*64 + bits.TrailingZeros64(word))
				}
			}
		}
	} else {
		for _, id := range ids {
			if i, ok := c.pos[id]; ok {
				add(i)
			}
		}
	}
	all = countsByKey(c.tags, counts)
	if keep != nil {
		kept = countsByKey(c.tags, keptCounts)
	}
	return all, kept
}

// countsByKey turns counts by tag index into counts by tag key, leaving
// out the zeros.
func countsByKey(tags []tagEntry, counts []int) map[string]int {
	out := make(map[string]int, len(tags))
	for ti, n := range counts {
		if n > 0 {
			out[tags[ti].Key] = n
		}
	}
	return out
}
