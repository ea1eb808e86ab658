package model

import (
	"cmp"
	"slices"
	"strings"
)

// Admits reports whether Visible would keep the article for the query,
// apart from the search words (answered elsewhere, through Only): its tags
// pass Tags, AnyTag and Exclude, it is in Only when Only is set, and Keep
// keeps it. As in Visible, Keep is called only for an article that passed
// Only and the tags. A caller that selects articles outside a collection
// (the on-disk index's first page) filters by it.
func (q Query) Admits(a *Article) bool {
	if q.Only != nil {
		if _, ok := q.Only[a.ID]; !ok {
			return false
		}
	}
	var buf [8]string
	keys := buf[:0]
	EachTag(a, func(key, _ string, _ bool) { keys = append(keys, key) })
	if slices.ContainsFunc(q.Exclude, func(k string) bool { return slices.Contains(keys, k) }) {
		return false
	}
	has := func(k string) bool { return slices.Contains(keys, k) }
	// Any of one tag is that tag (see tagFilter); any of none filters nothing.
	if q.AnyTag && len(q.Tags) > 1 {
		if !slices.ContainsFunc(q.Tags, has) {
			return false
		}
	} else {
		for _, k := range q.Tags {
			if !has(k) {
				return false
			}
		}
	}
	return q.Keep == nil || q.Keep(a.ID)
}

// EachTag calls fn once for every distinct tag of the article, as a
// collection counts it: Tags first, then FolderTags, by key (see TagKey),
// with the spelling that counts for the tag's display name and whether it
// is a folder name. Names whose key is empty are no tag.
func EachTag(a *Article, fn func(key, spelling string, folder bool)) {
	var buf [8]string
	seen := buf[:0]
	for k, names := range [2][]string{a.Tags, a.FolderTags} {
		for _, name := range names {
			key := TagKey(name)
			if key == "" || slices.Contains(seen, key) {
				continue
			}
			seen = append(seen, key)
			fn(key, tagSpelling(name), k == 1)
		}
	}
}

// CompareIn compares two articles in the order of s as Visible returns
// them: by the sorted value, articles without it last, then in collection
// order (Path, then Index). It merges lists selected outside a collection,
// such as the first pages of several indexes.
func CompareIn(s Sort, a, b *Article) int {
	key := func(a *Article) sortKey {
		if s == SortTitle {
			return titleKey(a.Title)
		}
		missing, num := numKeyOf(s, a.HasDate(), a.Date.Unix(), int64(a.Reads))
		return sortKey{missing: missing, num: num}
	}
	return cmp.Or(compareKeys(key(a), key(b)), strings.Compare(a.Path, b.Path), cmp.Compare(a.Index, b.Index))
}
