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
	switched := !folder && len(t.spellings) == 0 // the first own spelling outranks folder names
	if m[spelling] += n; m[spelling] <= 0 {
		delete(m, spelling)
	}
	switch {
	case n > 0 && folder && len(t.spellings) > 0:
		// A folder name counted while articles spell the tag: the name stands.
	case n > 0 && !switched:
		// Only this spelling's count grew: it takes the name if it now
		// passes the name, as mostCommon would pick (a load need not walk
		// every spelling for every article).
		if k, best := m[spelling], m[t.Name]; k > best || (k == best && spelling < t.Name) {
			t.Name = spelling
		}
	case len(t.spellings) > 0:
		t.Name = mostCommon(t.spellings)
	default:
		t.Name = mostCommon(t.folders)
	}
}

// name is a tag or folder name as articles spell it, with what the
// collection derives from it, worked out once.
type name struct {
	name, key, spelling string
	tag                 int32 // the index in Collection.tags of key; -1 when key is empty
}

// internNames appends the indices of the names to out, adding the names
// not seen before.
func (c *Collection) internNames(names []string, out []int32) []int32 {
	for _, s := range names {
		ni, ok := c.nameIdx[s]
		if !ok {
			own := strings.Clone(s) // s may be cut from a whole file or record
			ni = int32(len(c.names))
			c.names = append(c.names, name{name: own, key: TagKey(own), spelling: tagSpelling(own), tag: c.tagOf(TagKey(own))})
			c.nameIdx[own] = ni
		}
		out = append(out, ni)
	}
	return out
}

// namesOf appends the name indices of a stored article's tags and of its
// file's folder names to tags and folders.
func (c *Collection) namesOf(r *stored, tags, folders []int32) ([]int32, []int32) {
	d := c.store.tagsOf(r)
	d.indices(func(ni int32) { tags = append(tags, ni) })
	f := c.store.folderNames(r)
	f.indices(func(ni int32) { folders = append(folders, ni) })
	return tags, folders
}

// tagOf returns the index of the tag with the given key, adding it when
// it is new; -1 for the empty key, which is no tag.
func (c *Collection) tagOf(key string) int32 {
	if key == "" {
		return -1
	}
	ti, ok := c.tagIndex[key]
	if !ok {
		ti = int32(len(c.tags))
		c.tagIndex[key] = ti
		c.tags = append(c.tags, tagEntry{Tag: Tag{Key: key}, spellings: map[string]int{}, folders: map[string]int{}})
		c.byCount = append(c.byCount, ti)
	}
	return ti
}

// walkNames calls fn once for every distinct tag of an article's names,
// Tags first, then FolderTags, with the name that the article counts for
// it and whether that name is a folder's. It returns seen with the tags'
// indices appended, in that order. newEntry and untag both walk an
// article with it, so what one counts in the other takes out.
func (c *Collection) walkNames(tags, folders []int32, seen []int32, fn func(ni int32, folder bool)) []int32 {
	for k, names := range [2][]int32{tags, folders} {
		for _, ni := range names {
			ti := c.names[ni].tag
			if ti < 0 || slices.Contains(seen, ti) {
				continue
			}
			seen = append(seen, ti)
			fn(ni, k == 1)
		}
	}
	return seen
}

// nameCounts gathers how many articles came and went by name during one
// Apply or Remove, so that each tag's spellings are counted once per
// name rather than once per article (tagEntry.count keeps the display
// name right in any order of counts).
type nameCounts struct {
	delta   [2][]int32 // by name index: as a tag, as a folder name
	touched []int32    // name index << 1 | folder
}

func (n *nameCounts) add(ni int32, folder bool, d int32) {
	k := 0
	if folder {
		k = 1
	}
	for int(ni) >= len(n.delta[k]) {
		n.delta[k] = append(n.delta[k], 0)
	}
	if n.delta[k][ni] == 0 {
		n.touched = append(n.touched, ni<<1|int32(k))
	}
	n.delta[k][ni] += d
}

// flush counts what add gathered into the collection's tags.
func (n *nameCounts) flush(c *Collection) {
	for _, t := range n.touched {
		ni, k := t>>1, t&1
		if d := n.delta[k][ni]; d != 0 {
			nm := &c.names[ni]
			c.tags[nm.tag].count(nm.spelling, k == 1, int(d))
			n.delta[k][ni] = 0
		}
	}
	n.touched = n.touched[:0]
}

// tagSpelling is the spelling of a tag name that counts for its display.
func tagSpelling(name string) string { return strings.TrimLeft(strings.TrimSpace(name), "#") }

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

// sortTags puts byCount (indices into tags) in the sidebar order: most
// used first, then by name.
func sortTags(byCount []int32, tags []tagEntry) {
	slices.SortStableFunc(byCount, func(a, b int32) int {
		ta, tb := &tags[a], &tags[b]
		return cmp.Or(cmp.Compare(tb.Count, ta.Count), strings.Compare(ta.Key, tb.Key))
	})
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
	return c.articleTags(id, func(t *Tag) string { return t.Name })
}

// ArticleTagKeys returns the keys of an article's tags, as ArticleTags
// returns their names.
func (c *Collection) ArticleTagKeys(id ID) []string {
	return c.articleTags(id, func(t *Tag) string { return t.Key })
}

// articleTags returns one string of each of an article's tags, in the
// article's order; nil for an unknown article.
func (c *Collection) articleTags(id ID, field func(*Tag) string) []string {
	i, ok := c.pos[id]
	if !ok {
		return nil
	}
	set := c.store.tagSet(&c.entries[i].art)
	out := make([]string, len(set))
	for k, ti := range set {
		out[k] = field(&c.tags[ti].Tag)
	}
	return out
}
