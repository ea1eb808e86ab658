package model

import (
	"cmp"
	"slices"
	"strings"
)

// entry is an article with what the collection derives from it once. It
// keeps only what queries need on every call: the spellings an article
// counted for its tags are walked again from the article when it goes
// (untag), and the folded titles are made when the title order is built.
type entry struct {
	art  Article
	tags []int32 // indices into Collection.tags, one per distinct tag, in the article's order
	text string  // " " + Fold(title, tags, body) + " ": the search haystack; empty with ExternalSearch
}

// Collection is the set of loaded articles in collection order (path, then
// position in the file), with their tags and problems. Change it only through
// Apply and Remove; read it through the query methods. It is not safe for
// concurrent use.
type Collection struct {
	entries  []entry    // collection order
	pos      map[ID]int // ID → index in entries
	tags     []tagEntry // first-seen order; indices are stable
	tagIndex map[string]int32
	byCount  []int32 // tag indices, most used first (the sidebar order)
	problems []Problem
	progress Progress
	short    map[ID]int              // shortest unique hex prefix length, rebuilt lazily
	orders   [sortCount][]int32      // entry indices per sort, rebuilt lazily
	nums     [sortCount][]numKey     // while loading, the numeric keys of orders, in their order
	ranks    [sortCount][]int32      // each entry's place in orders, built lazily for small Only sets
	last     lastQuery               // the previous Visible call, to narrow it
	external bool                    // search happens elsewhere: no text, no bodies
	names    map[string]internedName // with external: one copy of each tag and folder name seen; never shrinks
}

// NewCollection returns an empty collection.
func NewCollection(opts ...CollectionOption) *Collection {
	c := &Collection{pos: map[ID]int{}, tagIndex: map[string]int32{}}
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
	return func(c *Collection) { c.external, c.names = true, map[string]internedName{} }
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
	defer c.loaded()
	if len(b.Articles) == 0 {
		return
	}
	fresh := make([]entry, 0, len(b.Articles))
	inBatch := make(map[ID]int, len(b.Articles)) // a batch can repeat an ID: the last one wins
	var prev *Article                            // the article before, whose file's path the next may share
	replaced := false                            // an entry changed in place: the orders are built again
	for _, a := range b.Articles {
		var slot *entry
		if i, ok := c.pos[a.ID]; ok {
			slot, replaced = &c.entries[i], true
		} else if j, ok := inBatch[a.ID]; ok {
			slot = &fresh[j]
		} else {
			inBatch[a.ID] = len(fresh)
			fresh = append(fresh, entry{})
			slot = &fresh[len(fresh)-1]
		}
		c.untag(slot) // the article replaced, if any
		*slot = c.newEntry(a, prev)
		prev = &slot.art
	}
	before, moved := len(c.entries), len(c.entries)
	if len(fresh) > 0 {
		slices.SortStableFunc(fresh, compareEntries)
		c.entries, moved = mergeEntries(c.entries, fresh)
		for i := moved; i < len(c.entries); i++ {
			c.pos[c.entries[i].art.ID] = i
		}
	}
	orders, nums := c.orders, c.nums
	c.changed()
	if !replaced && moved == before {
		c.extendOrders(orders, nums, before) // a load in collection order
	}
}

// loaded drops, once a load is done, the keys kept for extendOrders.
func (c *Collection) loaded() {
	if c.progress.Done {
		c.nums = [sortCount][]numKey{}
	}
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
			delete(c.pos, id)
		}
	}
	if len(gone) == 0 {
		return
	}
	c.entries = slices.DeleteFunc(c.entries, func(e entry) bool { return gone[e.art.ID] })
	for i := first; i < len(c.entries); i++ {
		c.pos[c.entries[i].art.ID] = i
	}
	c.changed()
}

func compareEntries(a, b entry) int {
	return cmp.Or(strings.Compare(a.art.Path, b.art.Path), cmp.Compare(a.art.Index, b.art.Index))
}

// mergeEntries merges fresh into old, both in collection order, and returns
// the result and the index from which its entries moved or are new: those
// before it kept their place. fresh goes into old's own memory, grown as
// append grows it, merged from the back so nothing is overwritten before it
// moved. In the common case, a warm start streaming the collection in order,
// every fresh entry sorts after the last old one and is appended as it is.
func mergeEntries(old, fresh []entry) ([]entry, int) {
	if len(fresh) == 0 {
		return old, len(old)
	}
	if len(old) == 0 {
		return fresh, 0
	}
	n := len(old)
	out := append(old, fresh...)
	if compareEntries(fresh[0], out[n-1]) >= 0 {
		return out, n
	}
	i, j := n-1, len(fresh)-1
	for k := len(out) - 1; j >= 0; k-- {
		if i >= 0 && compareEntries(fresh[j], out[i]) < 0 {
			out[k] = out[i]
			i--
		} else { // ties keep the old entry first
			out[k] = fresh[j]
			j--
		}
	}
	return out, i + 1
}

// newEntry counts the article's tags in and derives what queries need.
// prev is the article added just before it, or nil.
func (c *Collection) newEntry(a Article, prev *Article) entry {
	if c.external {
		a.Body = "" // read on demand
		c.detach(&a, prev)
	}
	var buf [8]int32
	tags := c.walkTags(&a, buf[:0], func(ti int32, spelling string, folder bool) {
		c.tags[ti].count(spelling, folder, 1)
	})
	e := entry{art: a}
	if len(tags) > 0 {
		e.tags = make([]int32, len(tags))
		copy(e.tags, tags)
	}
	if !c.external {
		e.text = paddedText(&a)
	}
	return e
}

// untag takes an entry's tags out of the counts before it is replaced or
// removed, walking its article as newEntry did to count them in.
func (c *Collection) untag(e *entry) {
	var buf [8]int32
	c.walkTags(&e.art, buf[:0], func(ti int32, spelling string, folder bool) {
		c.tags[ti].count(spelling, folder, -1)
	})
}

// detach copies the article's strings, which parsers and the index cut from
// a whole file or record: without the body, keeping them must not keep that.
// The copies share one allocation (an article's strings come and go
// together). Rel shares the copy of Path when Path ends with it, and an
// article of the same file as prev shares prev's. Tags take the
// collection's one copy of each spelling, as few spellings repeat over many
// articles.
func (c *Collection) detach(a *Article, prev *Article) {
	samePath := prev != nil && a.Path == prev.Path && a.Rel == prev.Rel
	relInPath := strings.HasSuffix(a.Path, a.Rel)
	var b strings.Builder
	b.Grow(len(a.Title) + len(a.Source) + len(a.URL) + len(a.Author) + len(a.Path) + len(a.Rel))
	fields := [...]*string{&a.Title, &a.Source, &a.URL, &a.Author, &a.Path, &a.Rel}
	n := len(fields)
	switch {
	case samePath:
		n -= 2
	case relInPath:
		n--
	}
	for _, f := range fields[:n] {
		b.WriteString(*f)
	}
	all := b.String()
	for _, f := range fields[:n] {
		*f, all = all[:len(*f)], all[len(*f):]
	}
	switch {
	case samePath:
		a.Path, a.Rel = prev.Path, prev.Rel
	case relInPath:
		a.Rel = a.Path[len(a.Path)-len(a.Rel):]
	}
	a.Tags = c.intern(a.Tags)
	a.FolderTags = c.intern(a.FolderTags)
}

// intern returns a copy of names whose strings are the collection's own.
func (c *Collection) intern(names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, s := range names {
		own, ok := c.names[s]
		if !ok {
			own.name = strings.Clone(s)
			own.key, own.spelling = TagKey(own.name), tagSpelling(own.name)
			c.names[own.name] = own
		}
		out[i] = own.name
	}
	return out
}

// internedName is the collection's copy of a tag or folder name, with what
// walkTags derives from it, worked out once.
type internedName struct {
	name, key, spelling string
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
	return c.entries[i].art, true
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
	for i := range c.entries {
		arts[i] = c.entries[i].art
	}
	return arts
}

// Problems returns every problem reported so far.
func (c *Collection) Problems() []Problem { return c.problems }

// Progress returns the progress of the latest batch.
func (c *Collection) Progress() Progress { return c.progress }
