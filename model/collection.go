package model

import (
	"slices"
	"strings"
)

// entry is an article as the collection keeps it: compactly (see store),
// with the search haystack when the collection searches itself.
type entry struct {
	art  stored
	text string // " " + Fold(title, tags, body) + " ": the search haystack; empty with ExternalSearch
}

// Collection is the set of loaded articles in collection order (path, then
// position in the file), with their tags and problems. Change it only through
// Apply and Remove; read it through the query methods. It is not safe for
// concurrent use.
type Collection struct {
	entries  []entry    // collection order
	pos      map[ID]int // ID → index in entries
	store    store      // the entries' strings and tag sets
	tags     []tagEntry // first-seen order; indices are stable
	tagIndex map[string]int32
	byCount  []int32 // tag indices, most used first (the sidebar order)
	names    []name  // every tag and folder name seen, once; never shrinks
	nameIdx  map[string]int32
	counts   nameCounts // tag counts by name, until Apply or Remove ends
	problems []Problem
	progress Progress
	short    map[ID]int          // shortest unique hex prefix length, rebuilt lazily
	orders   [sortCount][]int32  // entry indices per sort, rebuilt lazily
	nums     [sortCount][]numKey // while loading, the numeric keys of orders, in their order
	ranks    [sortCount][]int32  // each entry's place in orders, built lazily for small Only sets
	last     lastQuery           // the previous Visible call, to narrow it
	external bool                // search happens elsewhere: no text, no bodies
}

// NewCollection returns an empty collection.
func NewCollection(opts ...CollectionOption) *Collection {
	c := &Collection{pos: map[ID]int{}, tagIndex: map[string]int32{}, nameIdx: map[string]int32{}, store: newStore()}
	for _, o := range opts {
		o(c)
	}
	return c
}

// CollectionOption configures a new collection.
type CollectionOption func(*Collection)

// ExternalSearch makes a collection for large collections whose search is
// answered elsewhere (a full-text index, through Query.Only): it keeps no
// search text and no bodies in memory, only what the list and sidebar need.
// Query.Search is then ignored.
func ExternalSearch() CollectionOption {
	return func(c *Collection) { c.external = true }
}

// Apply removes the batch's removed articles, adds its articles (replacing
// any article with the same ID), records its problems and progress, and
// keeps collection order.
func (c *Collection) Apply(b Batch) {
	c.Remove(b.Removed...)
	c.problems = append(DropProblems(c.problems, b.Reread), b.Problems...)
	if b.Progress != (Progress{}) {
		c.progress = b.Progress
	}
	defer func() {
		if c.progress.Done {
			c.nums = [sortCount][]numKey{} // the keys kept for extendOrders
		}
	}()
	if len(b.Articles) == 0 {
		return
	}
	c.entries, c.pos = reserve(c.entries, c.pos, max(c.progress.Known, c.progress.Articles)-len(c.entries))
	before := len(c.entries)
	fresh := make([]entry, 0, len(b.Articles))
	replaced := false // an entry changed in place: the orders are built again
	var file fileKey  // the file of the article before, whose record the next may share
	for k := range b.Articles {
		a := &b.Articles[k]
		// A new article's place is where it goes if the batch comes in
		// collection order after the entries (a load): then it is final.
		i, ok := c.pos[a.ID]
		var slot *entry
		switch {
		case !ok:
			c.pos[a.ID] = before + len(fresh)
			fresh = append(fresh, entry{})
			slot = &fresh[len(fresh)-1]
		case i >= before: // repeated in this batch: the last one wins
			slot = &fresh[i-before]
		default:
			slot, replaced = &c.entries[i], true
		}
		if ok {
			c.untag(slot) // the article replaced
			c.store.drop(&slot.art)
		}
		*slot = c.newEntry(a, &file)
	}
	c.store.finish()
	c.counts.flush(c)
	moved := before
	if len(fresh) > 0 {
		compare := c.store.compareEntries
		inOrder := slices.IsSortedFunc(fresh, compare)
		if !inOrder {
			slices.SortStableFunc(fresh, compare)
		}
		c.entries, moved = mergeEntries(c.entries, fresh, compare)
		if !inOrder || moved != before {
			for i := moved; i < len(c.entries); i++ {
				c.pos[c.entries[i].art.ID] = i
			}
		}
	}
	c.store.compact(c.entries)
	orders, nums := c.orders, c.nums
	c.changed()
	if !replaced && moved == before {
		// A load in collection order.
		c.orders, c.nums = rows{c.entries, &c.store}.extendOrders(orders, nums, before, !c.progress.Done)
	}
}

// reserve makes room for n more entries (and their places) at once, when a load says how many
// are coming (Progress.Known): growing 100,000 step by step copies them
// over and over.
func reserve(entries []entry, pos map[ID]int, n int) ([]entry, map[ID]int) {
	if n <= cap(entries)-len(entries) || n <= 0 {
		return entries, pos
	}
	if len(pos) == 0 {
		pos = make(map[ID]int, n)
	}
	return slices.Grow(entries, n), pos
}

// DropProblems removes the problems of the given paths (Batch.Reread).
func DropProblems(probs []Problem, paths []string) []Problem {
	if len(paths) == 0 {
		return probs
	}
	gone := make(map[string]bool, len(paths))
	for _, p := range paths {
		gone[p] = true
	}
	kept := make([]Problem, 0, len(probs)) // a new slice: callers may hold the old one
	for _, p := range probs {
		if !gone[p.Path] {
			kept = append(kept, p)
		}
	}
	return kept
}

// Remove drops the articles with the given IDs.
func (c *Collection) Remove(ids ...ID) {
	gone := map[ID]bool{}
	first := len(c.entries) // entries before the first removed one keep their place
	for _, id := range ids {
		if i, ok := c.pos[id]; ok {
			gone[id] = true
			first = min(first, i)
			c.untag(&c.entries[i])
			c.store.drop(&c.entries[i].art)
			delete(c.pos, id)
		}
	}
	c.counts.flush(c)
	if len(gone) == 0 {
		return
	}
	c.entries = slices.DeleteFunc(c.entries, func(e entry) bool { return gone[e.art.ID] })
	for i := first; i < len(c.entries); i++ {
		c.pos[c.entries[i].art.ID] = i
	}
	c.store.compact(c.entries)
	c.changed()
}

// compareEntries compares entries in collection order: path, then
// position in the file.
func (s *store) compareEntries(a, b entry) int {
	if a.art.chunk != b.art.chunk || a.art.file != b.art.file {
		if k := s.comparePaths(&a.art, &b.art); k != 0 {
			return k
		}
	}
	return cmpInt(s.index(&a.art), s.index(&b.art))
}

// mergeEntries merges fresh into old, both in collection order, and returns
// the result and the index from which its entries moved or are new: those
// before it kept their place. fresh goes into old's own memory, grown as
// append grows it, merged from the back so nothing is overwritten before it
// moved. In the common case, a warm start streaming the collection in order,
// every fresh entry sorts after the last old one and is appended as it is.
func mergeEntries(old, fresh []entry, compare func(a, b entry) int) ([]entry, int) {
	if len(fresh) == 0 {
		return old, len(old)
	}
	if len(old) == 0 && cap(old) < len(fresh) {
		return fresh, 0
	}
	n := len(old)
	out := append(old, fresh...)
	if n == 0 || compare(fresh[0], out[n-1]) >= 0 {
		return out, n
	}
	i, j := n-1, len(fresh)-1
	for k := len(out) - 1; j >= 0; k-- {
		if i >= 0 && compare(fresh[j], out[i]) < 0 {
			out[k] = out[i]
			i--
		} else { // ties keep the old entry first
			out[k] = fresh[j]
			j--
		}
	}
	return out, i + 1
}

// newEntry writes the article into the store, counts its tags in and
// derives what queries need. file is the file of the article written
// before it in this batch, whose record it shares if it has the same.
func (c *Collection) newEntry(a *Article, file *fileKey) entry {
	var tagBuf, setBuf, folderBuf [8]int32
	tags := c.internNames(a.Tags, tagBuf[:0])
	folders := c.internNames(a.FolderTags, folderBuf[:0])
	set := c.walkNames(tags, folders, setBuf[:0], func(ni int32, folder bool) { c.counts.add(ni, folder, 1) })
	if !file.same(a) {
		*file = fileKey{path: a.Path, rel: a.Rel, folders: a.FolderTags, off: c.store.writeFile(a, folders), ok: true}
	}
	e := entry{art: c.store.writeArticle(a, tags, file.off)}
	e.art.tags = c.store.addTagSet(set)
	if !c.external {
		e.text = paddedText(a)
		if a.Body != "" {
			c.store.bodies[a.ID] = a.Body
		}
	}
	return e
}

// untag takes an entry's tags out of the counts before it is replaced or
// removed, walking its names as newEntry did to count them in.
func (c *Collection) untag(e *entry) {
	var tagBuf, setBuf, folderBuf [8]int32
	tags, folders := c.namesOf(&e.art, tagBuf[:0], folderBuf[:0])
	c.walkNames(tags, folders, setBuf[:0], func(ni int32, folder bool) { c.counts.add(ni, folder, -1) })
}

// changed drops what was derived from the entries and keeps the sidebar order.
func (c *Collection) changed() {
	sortTags(c.byCount, c.tags)
	c.short = nil
	c.orders = [sortCount][]int32{}
	c.nums = [sortCount][]numKey{}
	c.ranks = [sortCount][]int32{}
	c.last = lastQuery{}
}

// Len returns the number of articles.
func (c *Collection) Len() int { return len(c.entries) }

// Article returns the article with the given ID.
func (c *Collection) Article(id ID) (Article, bool) {
	i, ok := c.pos[id]
	if !ok {
		return Article{}, false
	}
	return c.article(&c.entries[i], nil), true
}

// IDs returns every article's ID in collection order.
func (c *Collection) IDs() []ID {
	ids := make([]ID, len(c.entries))
	for i := range c.entries {
		ids[i] = c.entries[i].art.ID
	}
	return ids
}

// Articles returns every article, in collection order.
func (c *Collection) Articles() []Article {
	arts := make([]Article, len(c.entries))
	var ar arena
	for i := range c.entries {
		arts[i] = c.article(&c.entries[i], &ar)
	}
	return arts
}

// Problems returns every problem reported so far.
func (c *Collection) Problems() []Problem { return c.problems }

// Progress returns the progress of the latest batch.
func (c *Collection) Progress() Progress { return c.progress }

// article puts the article of an entry together again from the store,
// its lists and joined strings from ar (nil: allocated each).
func (c *Collection) article(e *entry, ar *arena) Article {
	s, r := &c.store, &e.art
	a := Article{ID: r.ID, Title: s.title(r), Reads: int(r.reads), Date: s.date(r)}
	d := reader{s: s.chunk(r.chunk), i: int(r.off + r.title)}
	a.Index = int(d.varint())
	a.Format = Format(d.uvarint())
	a.Offset, a.Length = int(d.varint()), int(d.varint())
	a.Source, a.URL, a.Author = d.string(), d.string(), d.string()
	a.Tags = nameList(&d, ar, c.names)
	if ar != nil && ar.file.ok && ar.file.chunk == r.chunk && ar.file.off == r.file {
		a.Path, a.Rel, a.FolderTags = ar.file.path, ar.file.rel, ar.file.folders
	} else {
		var f reader
		a.Path, a.Rel, f = s.fileOf(r, ar)
		a.FolderTags = nameList(&f, ar, c.names)
		if ar != nil {
			ar.file = madeFile{ok: true, chunk: r.chunk, off: r.file, path: a.Path, rel: a.Rel, folders: a.FolderTags}
		}
	}
	if !c.external {
		a.Body = s.bodies[r.ID]
	}
	return a
}

// nameList reads a list of indices into names as the names.
func nameList(d *reader, ar *arena, names []name) []string {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	out := ar.list(int(n - 1))
	for i := range out {
		out[i] = names[d.uvarint()].name
	}
	return out
}

// arena hands out the lists and joined strings of many articles put
// together at once (Articles) from few allocations, and the file of the
// last one, which the next often shares. A nil arena allocates each.
type arena struct {
	lists []string
	text  strings.Builder
	file  madeFile
}

// madeFile is a file record as article put it together.
type madeFile struct {
	ok         bool
	chunk, off uint32
	path, rel  string
	folders    []string
}

// list returns a list of n strings to fill.
func (ar *arena) list(n int) []string {
	if ar == nil || n == 0 {
		return make([]string, n) // not nil when empty; allocates nothing then
	}
	if cap(ar.lists)-len(ar.lists) < n {
		ar.lists = make([]string, 0, max(4096, n))
	}
	start := len(ar.lists)
	ar.lists = ar.lists[:start+n]
	return ar.lists[start : start+n : start+n] // an append to it cannot reach the next list
}

// join returns a+b.
func (ar *arena) join(a, b string) string {
	if ar == nil {
		return a + b
	}
	n := len(a) + len(b)
	if ar.text.Cap()-ar.text.Len() < n {
		ar.text.Reset() // the strings handed out keep the old buffer
		ar.text.Grow(max(64<<10, n))
	}
	start := ar.text.Len()
	ar.text.WriteString(a)
	ar.text.WriteString(b)
	return ar.text.String()[start:]
}
