package model

import (
	"cmp"
	"slices"
	"strings"
)

// Tag is one tag of a collection.
type Tag struct {
	Key   string // the compared form (TagKey)
	Name  string // the most common original spelling
	Count int    // articles that carry the tag
}

// entry is an article with what the collection derives from it once.
type entry struct {
	art      Article
	tags     []int32  // indices into Collection.tags, one per distinct tag
	spelled  []string // the spelling counted for each tag, parallel to tags
	folder   []bool   // whether that spelling came from a folder name
	text     string   // " " + Fold(title, tags, body) + " ": the search haystack
	titleKey string
}

type tagEntry struct {
	Tag
	spellings map[string]int // original spelling → articles using it
	folders   map[string]int // the same for folder names, the fallback
}

// count adds n (1 or -1) articles spelling the tag this way and picks the
// display name again.
func (t *tagEntry) count(spelling string, folder bool, n int) {
	t.Count += n
	m := t.spellings
	if folder {
		m = t.folders
	}
	if m[spelling] += n; m[spelling] <= 0 {
		delete(m, spelling)
	}
	if len(t.spellings) > 0 {
		t.Name = mostCommon(t.spellings)
	} else {
		t.Name = mostCommon(t.folders)
	}
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
	short    map[ID]int         // shortest unique hex prefix length, rebuilt lazily
	orders   [sortCount][]int32 // entry indices per sort, rebuilt lazily
	last     lastQuery          // the previous Visible call, to narrow it
	external bool               // search happens elsewhere: no text, no bodies
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
	return func(c *Collection) { c.external = true }
}

// Apply removes the batch's removed articles, adds its articles (replacing
// any article with the same ID), records its problems and progress, and
// keeps collection order.
func (c *Collection) Apply(b Batch) {
	c.Remove(b.Removed...)
	c.problems = append(c.problems, b.Problems...)
	if b.Progress != (Progress{}) {
		c.progress = b.Progress
	}
	if len(b.Articles) == 0 {
		return
	}
	fresh := make([]entry, 0, len(b.Articles))
	inBatch := map[ID]int{} // a batch can repeat an ID: the last one wins
	for _, a := range b.Articles {
		if i, ok := c.pos[a.ID]; ok {
			c.untag(&c.entries[i])
			c.entries[i] = c.newEntry(a)
			continue
		}
		if j, ok := inBatch[a.ID]; ok {
			c.untag(&fresh[j])
			fresh[j] = c.newEntry(a)
			continue
		}
		inBatch[a.ID] = len(fresh)
		fresh = append(fresh, c.newEntry(a))
	}
	slices.SortStableFunc(fresh, compareEntries)
	c.entries = mergeEntries(c.entries, fresh)
	for i := range c.entries {
		c.pos[c.entries[i].art.ID] = i
	}
	c.changed()
}

// Remove drops the articles with the given IDs.
func (c *Collection) Remove(ids ...ID) {
	gone := map[ID]bool{}
	for _, id := range ids {
		if i, ok := c.pos[id]; ok {
			gone[id] = true
			c.untag(&c.entries[i])
			delete(c.pos, id)
		}
	}
	if len(gone) == 0 {
		return
	}
	c.entries = slices.DeleteFunc(c.entries, func(e entry) bool { return gone[e.art.ID] })
	for i := range c.entries {
		c.pos[c.entries[i].art.ID] = i
	}
	c.changed()
}

func compareEntries(a, b entry) int {
	return cmp.Or(strings.Compare(a.art.Path, b.art.Path), cmp.Compare(a.art.Index, b.art.Index))
}

// mergeEntries merges two slices that are each in collection order.
func mergeEntries(old, fresh []entry) []entry {
	if len(old) == 0 {
		return fresh
	}
	out := make([]entry, 0, len(old)+len(fresh))
	i, j := 0, 0
	for i < len(old) && j < len(fresh) {
		if compareEntries(fresh[j], old[i]) < 0 {
			out = append(out, fresh[j])
			j++
		} else {
			out = append(out, old[i])
			i++
		}
	}
	out = append(out, old[i:]...)
	return append(out, fresh[j:]...)
}

func (c *Collection) newEntry(a Article) entry {
	if c.external {
		a.Body = "" // read on demand
		detach(&a)
	}
	e := entry{art: a, titleKey: Fold(a.Title)}
	add := func(name string, folder bool) {
		key := TagKey(name)
		if key == "" {
			return
		}
		ti, ok := c.tagIndex[key]
		if !ok {
			ti = int32(len(c.tags))
			c.tagIndex[key] = ti
			c.tags = append(c.tags, tagEntry{Tag: Tag{Key: key}, spellings: map[string]int{}, folders: map[string]int{}})
			c.byCount = append(c.byCount, ti)
		}
		if slices.Contains(e.tags, ti) {
			return
		}
		spelling := strings.TrimLeft(strings.TrimSpace(name), "#")
		e.tags = append(e.tags, ti)
		e.spelled = append(e.spelled, spelling)
		e.folder = append(e.folder, folder)
		c.tags[ti].count(spelling, folder, 1)
	}
	for _, name := range a.Tags {
		add(name, false)
	}
	for _, name := range a.FolderTags {
		add(name, true)
	}
	if !c.external {
		// Spaces at both ends: every word start follows a space.
		e.text = " " + SearchText(&a) + " "
	}
	return e
}

// detach copies the article's strings, which parsers cut from the whole
// file's text: without the body, keeping them must not keep the file.
func detach(a *Article) {
	a.Title, a.Source, a.URL, a.Author = strings.Clone(a.Title), strings.Clone(a.Source), strings.Clone(a.URL), strings.Clone(a.Author)
	a.Tags = cloneStrings(a.Tags)
	a.FolderTags = cloneStrings(a.FolderTags)
}

func cloneStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// untag takes an entry's tags out of the counts before it is replaced or removed.
func (c *Collection) untag(e *entry) {
	for k, ti := range e.tags {
		c.tags[ti].count(e.spelled[k], e.folder[k], -1)
	}
}

// mostCommon picks the spelling used by most articles; ties go to the
// spelling that sorts first, so the choice is deterministic.
func mostCommon(spellings map[string]int) string {
	best, n := "", 0
	for s, k := range spellings {
		if k > n || (k == n && s < best) {
			best, n = s, k
		}
	}
	return best
}

// changed drops what was derived from the entries and keeps the sidebar order.
func (c *Collection) changed() {
	c.sortTags()
	c.short = nil
	c.orders = [sortCount][]int32{}
	c.last = lastQuery{}
}

// sortTags keeps the sidebar order: most used first, then by name.
func (c *Collection) sortTags() {
	slices.SortStableFunc(c.byCount, func(a, b int32) int {
		ta, tb := &c.tags[a], &c.tags[b]
		return cmp.Or(cmp.Compare(tb.Count, ta.Count), strings.Compare(ta.Key, tb.Key))
	})
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

// Tags returns the tags with at least one article, most used first.
func (c *Collection) Tags() []Tag {
	out := make([]Tag, 0, len(c.byCount))
	for _, ti := range c.byCount {
		if c.tags[ti].Count > 0 {
			out = append(out, c.tags[ti].Tag)
		}
	}
	return out
}

// Tag returns the tag with the given key.
func (c *Collection) Tag(key string) (Tag, bool) {
	ti, ok := c.tagIndex[TagKey(key)]
	if !ok || c.tags[ti].Count == 0 {
		return Tag{}, false
	}
	return c.tags[ti].Tag, true
}

// ArticleTags returns the display names of an article's tags, deduplicated,
// in the article's own order.
func (c *Collection) ArticleTags(id ID) []string {
	i, ok := c.pos[id]
	if !ok {
		return nil
	}
	e := &c.entries[i]
	names := make([]string, len(e.tags))
	for k, ti := range e.tags {
		names[k] = c.tags[ti].Name
	}
	return names
}

// Problems returns every problem reported so far.
func (c *Collection) Problems() []Problem { return c.problems }

// Progress returns the progress of the latest batch.
func (c *Collection) Progress() Progress { return c.progress }
