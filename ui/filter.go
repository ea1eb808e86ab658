package ui

import (
	"strings"

	"github.com/newsline/newsline/model"
)

// The filter is the root's query (tags, excluded tags, search and sort)
// and the smart entries (smartFilter). This file holds the pure part:
// what a sidebar entry does to it, and how it is written in the list's
// title and empty state.

// toggled returns the filter after toggling the sidebar entry (kind, k):
// "All" clears the filter, Unread and Starred switch themselves, a tag is
// selected or unselected (an excluded one is let in again).
func toggled(q model.Query, s smartFilter, kind entryKind, k string) (model.Query, smartFilter) {
	switch kind {
	case entryAll:
		q.Tags, q.Exclude = nil, nil
		return q, smartFilter{}
	case entryUnread:
		s.unread = !s.unread
	case entryStarred:
		s.starred = !s.starred
	case entryTag:
		if q.Excludes(k) {
			return q.ToggleExclude(k), s
		}
		return q.ToggleTag(k), s
	}
	return q, s
}

// tagName is the display name of the tag with key k.
func tagName(coll *model.Collection, k string) string {
	if t, ok := coll.Tag(k); ok {
		return t.Name
	}
	return k
}

// filterText is the filter in short form for the list title:
// "Unread · #go + #rust · -#sport · “war”".
func filterText(coll *model.Collection, q model.Query, s smartFilter, withSearch bool) string {
	parts := make([]string, 0, 4)
	parts = append(parts, s.names()...)
	if len(q.Tags) > 0 {
		parts = append(parts, tagList(coll, q.Tags, q.AnyTag))
	}
	if len(q.Exclude) > 0 {
		parts = append(parts, "-"+tagList(coll, q.Exclude, false))
	}
	if withSearch && q.Search != "" {
		parts = append(parts, "“"+q.Search+"”")
	}
	return strings.Join(parts, " · ")
}

// filterDescription is the filter in words for the empty state:
// "tags #go + #rust + search “war”".
func filterDescription(coll *model.Collection, q model.Query, s smartFilter) string {
	parts := s.names()
	switch len(q.Tags) {
	case 0:
	case 1:
		parts = append(parts, "tag "+tagList(coll, q.Tags, false))
	default:
		parts = append(parts, "tags "+tagList(coll, q.Tags, q.AnyTag))
	}
	if len(q.Exclude) > 0 {
		parts = append(parts, "not "+tagList(coll, q.Exclude, true))
	}
	if q.Search != "" {
		parts = append(parts, "search “"+q.Search+"”")
	}
	if len(parts) == 0 {
		return "the filter"
	}
	return strings.Join(parts, " + ")
}

// tagList writes tag keys with their display names: "#Go + #rust", or
// "#Go / #rust" for any of them.
func tagList(coll *model.Collection, keys []string, any bool) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = "#" + tagName(coll, k)
	}
	if any {
		return strings.Join(names, " / ")
	}
	return strings.Join(names, " + ")
}
