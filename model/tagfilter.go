package model

import (
	"slices"
)

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

// none reports whether the filter admits every article.
func (f *tagFilter) none() bool { return len(f.want) == 0 && len(f.exclude) == 0 && !f.any }

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
