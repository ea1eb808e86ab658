package ui

import (
	tea "charm.land/bubbletea/v2"

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

// keep is the Query.Keep of the smart entries, nil when neither is on. An
// article whose marks changed while they were on stays (m.kept), dimmed,
// until they are switched off: nothing vanishes under the cursor.
func (m *Model) keep() func(model.ID) bool {
	if !m.smart.on() {
		return nil
	}
	s, marks, kept := m.smart, m.marks, m.kept
	return func(id model.ID) bool { return kept[id] || s.matches(marks[id]) }
}

// setSmart switches the smart entries; switching one off lets the
// articles kept for it go.
func (m *Model) setSmart(s smartFilter) {
	if s == m.smart {
		return
	}
	m.smart = s
	if !s.on() {
		clear(m.kept)
	}
	m.refilter()
}

// toggleUnread is u, and enter on the sidebar's Unread entry.
func (m *Model) toggleUnread() {
	s := m.smart
	s.unread = !s.unread
	m.setSmart(s)
}

// keepShown remembers, while a smart entry is on, the articles about to
// change marks, so that they stay in the list.
func (m *Model) keepShown(ids map[model.ID]model.Mark) {
	if !m.smart.on() {
		return
	}
	for id := range ids {
		if m.smart.matches(m.marks[id]) {
			m.kept[id] = true
		}
	}
}

// markAllRead asks, then marks every article of the list read (M).
func (m *Model) markAllRead() {
	n := m.tags.unreadN // of the list: the sidebar counts the visible set
	if n == 0 {
		m.flash = "Everything here is read"
		return
	}
	ids := append([]model.ID(nil), m.list.ids...)
	m.ask("Mark "+pluralize(n, "article", "articles")+" read?", func(m *Model) tea.Cmd {
		arts := make([]model.Article, 0, n)
		for _, id := range ids {
			if a, ok := m.coll.Article(id); ok && !m.marks[id].Read {
				arts = append(arts, a)
			}
		}
		return m.setMarks(model.MarkRead, arts)
	})
}

// sidebarCounts counts, within the visible set, the articles per tag and,
// with marks, the unread ones per tag and in all and the starred ones: the
// sidebar's numbers, in one pass.
func (m *Model) sidebarCounts() (tags, unreadTags map[string]int, unread, starred int) {
	if m.opts.Marks == nil {
		return m.coll.TagCounts(m.visible), nil, 0, 0
	}
	marks := m.marks
	tags, unreadTags = m.coll.TagCountsWhere(m.visible, func(id model.ID) bool {
		mk := marks[id]
		if mk.Starred {
			starred++
		}
		if !mk.Read {
			unread++
		}
		return !mk.Read
	})
	return tags, unreadTags, unread, starred
}
