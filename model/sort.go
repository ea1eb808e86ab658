package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Sort is an order of the article list.
type Sort uint8

// The sort orders, in the order `s` cycles through them.
const (
	SortNewest Sort = iota // the default
	SortOldest
	SortReads
	SortTitle
	sortCount
)

// Sorts lists every sort order in cycling order.
var Sorts = []Sort{SortNewest, SortOldest, SortReads, SortTitle}

// String returns the name used on the command line (--sort).
func (s Sort) String() string {
	switch s {
	case SortNewest:
		return "newest"
	case SortOldest:
		return "oldest"
	case SortReads:
		return "reads"
	case SortTitle:
		return "title"
	case sortCount:
	}
	return "unknown"
}

// Label returns the name shown in the interface.
func (s Sort) Label() string {
	switch s {
	case SortNewest:
		return "newest first"
	case SortOldest:
		return "oldest first"
	case SortReads:
		return "most read"
	case SortTitle:
		return "by title"
	case sortCount:
	}
	return "unknown"
}

// Next returns the sort that follows s in the cycle.
func (s Sort) Next() Sort { return (s + 1) % sortCount }

// ParseSort parses a --sort value.
func ParseSort(name string) (Sort, error) {
	for _, s := range Sorts {
		if strings.EqualFold(name, s.String()) {
			return s, nil
		}
	}
	return SortNewest, fmt.Errorf("unknown sort %q: use newest, oldest, reads or title", name)
}

// order returns the indices of all entries in the order of s, computing it
// once per change of the collection. Articles without the sorted value go
// last, and ties keep collection order.
func (c *Collection) order(s Sort) []int32 {
	if s >= sortCount {
		s = SortNewest
	}
	if c.orders[s] == nil {
		var nums []numKey
		c.orders[s], nums = rows{c.entries, &c.store}.sorted(s, !c.progress.Done)
		if nums != nil {
			c.nums[s] = nums
		}
	}
	return c.orders[s]
}

// rows are the collection's entries with the store that holds their
// strings: what the orders are built from.
type rows struct {
	entries []entry
	st      *store
}

// sortKey is what an order compares of an entry.
type sortKey struct {
	missing bool
	num     int64
	text    string
	idx     int32
}

// numKey is the numeric part of a sortKey: what extendOrders keeps of an
// order by date or reads while a load streams in, so that merging new
// entries in reads it in order rather than every entry again.
type numKey struct {
	missing bool
	num     int64
}

// keyOf returns the key of entries[i] in the order of s.
func (rs rows) keyOf(s Sort, i int) sortKey {
	r := &rs.entries[i].art
	if s == SortTitle {
		k := titleKey(rs.st.title(r))
		k.idx = int32(i)
		return k
	}
	missing, num := numKeyOf(s, r.hasDate(), r.sec, r.reads)
	return sortKey{missing: missing, num: num, idx: int32(i)}
}

// numKeyOf is the key in a numeric order (by date or reads; an unknown
// sort is newest first) of an article with this date (hasDate, Unix
// seconds) and read counter (negative: unknown). The collection's orders
// and CompareIn both take their keys from it and titleKey.
func numKeyOf(s Sort, hasDate bool, sec, reads int64) (missing bool, num int64) {
	switch s {
	case SortOldest:
		return !hasDate, sec
	case SortReads:
		return reads < 0, -reads
	}
	return !hasDate, -sec
}

// titleKey is the key of a title in the title order: folded (here only:
// kept per article, it would cost memory), an empty one last.
func titleKey(title string) sortKey {
	text := Fold(title)
	return sortKey{text: text, missing: text == ""}
}

func compareKeys(a, b sortKey) int {
	if a.missing != b.missing {
		if a.missing {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.num, b.num), strings.Compare(a.text, b.text), cmp.Compare(a.idx, b.idx))
}

// sorted returns the indices of the entries in the order of s and, with
// keep (a load streams in) and a numeric sort, their numeric keys, for
// extendOrders.
func (rs rows) sorted(s Sort, keep bool) ([]int32, []numKey) {
	if s == SortTitle {
		keys := rs.sortedKeys(s, 0)
		order := make([]int32, len(keys))
		for i, k := range keys {
			order[i] = k.idx
		}
		return order, nil
	}
	keys := rs.sortedNums(s, 0)
	order := make([]int32, len(keys))
	for i, k := range keys {
		order[i] = k.idx
	}
	var nums []numKey
	if keep {
		nums = make([]numKey, len(keys))
		for i, k := range keys {
			nums[i] = numKey{k.missing, k.num}
		}
	}
	return order, nums
}

// sortedKeys returns the keys of entries from the index from on, in the
// order of s.
func (rs rows) sortedKeys(s Sort, from int) []sortKey {
	if s != SortTitle {
		nums := rs.sortedNums(s, from)
		keys := make([]sortKey, len(nums))
		for i, k := range nums {
			keys[i] = sortKey{missing: k.missing, num: k.num, idx: k.idx}
		}
		return keys
	}
	keys := make([]sortKey, len(rs.entries)-from)
	for i := range keys {
		keys[i] = rs.keyOf(s, from+i)
	}
	slices.SortFunc(keys, compareKeys)
	return keys
}

// numIdx is a numeric sort key with its entry: half the size of a
// sortKey, and compared without strings, for the sorts by date and reads.
type numIdx struct {
	num     int64
	idx     int32
	missing bool
}

// sortedNums is sortedKeys for a numeric sort.
func (rs rows) sortedNums(s Sort, from int) []numIdx {
	keys := make([]numIdx, len(rs.entries)-from)
	for i := range keys {
		k := rs.keyOf(s, from+i)
		keys[i] = numIdx{num: k.num, idx: k.idx, missing: k.missing}
	}
	return radixSortNums(keys)
}

// extendOrders keeps the orders built before Apply appended entries from
// the index from on (none moved, none replaced): the new entries are
// sorted alone and merged in, rather than the whole collection sorted
// again for every batch of a load. nums are the numeric keys kept with
// orders (nil when not kept), and loading says whether to keep them still.
// It returns the orders it kept, and their numeric keys.
func (rs rows) extendOrders(orders [sortCount][]int32, nums [sortCount][]numKey, from int, loading bool) (
	out [sortCount][]int32, outNums [sortCount][]numKey) {
	for s, old := range orders {
		if old == nil || len(old) != from {
			continue
		}
		if nums[s] != nil {
			out[s], outNums[s] = mergeNums(old, nums[s], rs.sortedNums(Sort(s), from), loading)
			continue
		}
		// Without numeric keys (by title, or a load that kept none): the
		// old entries' keys are read again, as long as fresh ones remain.
		fresh := rs.sortedKeys(Sort(s), from)
		merged := make([]int32, 0, len(rs.entries))
		j := 0
		for _, i := range old {
			if j < len(fresh) {
				k := rs.keyOf(Sort(s), int(i))
				for ; j < len(fresh) && compareKeys(fresh[j], k) < 0; j++ {
					merged = append(merged, fresh[j].idx)
				}
			}
			merged = append(merged, i)
		}
		for _, k := range fresh[j:] {
			merged = append(merged, k.idx)
		}
		out[s] = merged
	}
	return out, outNums
}

// inOrder returns the entries (by their place pos) of the IDs in the
// order of rank: for a search result of a few thousand articles, sorting
// them is cheaper than walking the whole collection past them.
func inOrder(only map[ID]struct{}, pos map[ID]int, rank []int32) []int32 {
	out := make([]int32, 0, len(only))
	for id := range only {
		if i, ok := pos[id]; ok {
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

// radixSortNums sorts keys, given in the order of idx, by their order:
// missing last, then by num, ties in the order given. A radix sort reads
// each key a few times where a comparison sort of 100,000 compares each
// some 17 times; bytes that all keys share cost one pass of counting.
func radixSortNums(keys []numIdx) []numIdx {
	src, dst := keys, make([]numIdx, len(keys))
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[radixByte(k.num, shift)]++
		}
		if len(src) == 0 || count[radixByte(src[0].num, shift)] == len(src) {
			continue // every key has this byte
		}
		at := 0
		for b, n := range count {
			count[b], at = at, at+n
		}
		for _, k := range src {
			b := radixByte(k.num, shift)
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	// The missing last, each part in the order it has.
	out := dst[:0]
	for _, k := range src {
		if !k.missing {
			out = append(out, k)
		}
	}
	for _, k := range src {
		if k.missing {
			out = append(out, k)
		}
	}
	return out
}

// radixByte is byte shift/8 of num in an order where unsigned bytes sort
// as the signed numbers do.
func radixByte(num int64, shift uint) byte { return byte((uint64(num) ^ 1<<63) >> shift) }

// mergeNums merges fresh, sorted, into an order by numbers whose keys are
// nums, and returns the merged order and, with keep, its keys.
func mergeNums(old []int32, nums []numKey, fresh []numIdx, keep bool) ([]int32, []numKey) {
	merged := make([]int32, 0, len(old)+len(fresh))
	var mergedNums []numKey
	if keep {
		mergedNums = make([]numKey, 0, len(old)+len(fresh))
	}
	j := 0
	for p, i := range old {
		k := numIdx{num: nums[p].num, idx: i, missing: nums[p].missing}
		for ; j < len(fresh) && compareNums(fresh[j], k) < 0; j++ {
			merged = append(merged, fresh[j].idx)
			if keep {
				mergedNums = append(mergedNums, numKey{fresh[j].missing, fresh[j].num})
			}
		}
		merged = append(merged, i)
		if keep {
			mergedNums = append(mergedNums, nums[p])
		}
	}
	for _, k := range fresh[j:] {
		merged = append(merged, k.idx)
		if keep {
			mergedNums = append(mergedNums, numKey{k.missing, k.num})
		}
	}
	return merged, mergedNums
}

// compareNums compares numeric keys as compareKeys does.
func compareNums(a, b numIdx) int {
	if a.missing != b.missing {
		if a.missing {
			return 1
		}
		return -1
	}
	if a.num != b.num {
		if a.num < b.num {
			return -1
		}
		return 1
	}
	return cmpInt(int(a.idx), int(b.idx))
}
