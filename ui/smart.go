package ui

import (
	"maps"
	"slices"

	"github.com/newsline/newsline/model"
)

// smartFilter is the sidebar's smart entries, Unread and Starred: they
// filter by marks, together with the tags and the search.
type smartFilter struct{ unread, starred bool }

func (s smartFilter) on() bool { return s.unread || s.starred }

// names are the entries on, as the list's title shows them.
func (s smartFilter) names() []string {
	var out []string
	if s.unread {
		out = append(out, "Unread")
	}
	if s.starred {
		out = append(out, "Starred")
	}
	return out
}

// matches reports whether an article with these marks belongs in the view.
func (s smartFilter) matches(mk model.Mark) bool {
	return (!s.unread || !mk.Read) && (!s.starred || mk.Starred)
}

// shifted returns the sidebar's mark counts moved by a change of a few
// articles (before: their marks before it, now: every mark after it),
// rather than counted again over the whole visible set as a large change
// (M) is. tagKeys gives an article's tags.
func (c sidebarCounts) shifted(before, now map[model.ID]model.Mark, visible []model.ID, tagKeys func(model.ID) []string) sidebarCounts {
	unread := maps.Clone(c.unread) // older copies of the model share the map
	for id, old := range before {
		if !slices.Contains(visible, id) {
			continue
		}
		mk := now[id]
		c.starredN += oneIf(mk.Starred) - oneIf(old.Starred)
		d := oneIf(!mk.Read) - oneIf(!old.Read)
		if d == 0 {
			continue
		}
		c.unreadN += d
		for _, k := range tagKeys(id) {
			if unread[k] += d; unread[k] == 0 {
				delete(unread, k)
			}
		}
	}
	c.unread = unread
	return c
}

func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}
