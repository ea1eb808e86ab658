package ui

import (
	"slices"

	"github.com/newsline/newsline/model"
)

// Place returns where the reader is now.
func (m Model) Place() model.Place {
	p := model.Place{
		Tags:    slices.Clone(m.query.Tags),
		Exclude: slices.Clone(m.query.Exclude),
		Search:  m.query.Search,
		Sort:    m.query.Sort,
		Unread:  m.smart.unread,
		Starred: m.smart.starred,
		Reading: m.reading || m.focus == paneReader,
	}
	if id, ok := m.list.selected(); ok {
		p.Selected, p.HasSel = id, true
		p.Row = m.list.cursor - m.list.offset
		p.ReaderY = m.reader.vp.YOffset()
	}
	return p
}

// restorePlace applies a Place to a new model: the filters at once, the
// selection when its article arrives (list.want).
func (m *Model) restorePlace(p model.Place) {
	m.query.Tags = tagKeys(p.Tags)
	m.query.Exclude = tagKeys(p.Exclude)
	m.query.Search, m.query.Sort = p.Search, p.Sort
	if m.opts.Marks != nil {
		m.smart = smartFilter{unread: p.Unread, starred: p.Starred}
	}
	if p.HasSel {
		m.list.want = &wanted{id: p.Selected, row: p.Row}
		m.placed = &p
	}
}

// tagKeys normalizes tag names to keys, once each.
func tagKeys(names []string) []string {
	var keys []string
	for _, t := range names {
		if k := model.TagKey(t); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// wanted is an article the list's cursor stays on while the load goes on,
// unless the user moves.
type wanted struct {
	id  model.ID
	row int
}

// arrived ends a restore when the load is done: the restored article, if
// the cursor is still on it, opens again at its scroll line.
func (m *Model) arrived() {
	p := m.placed
	if p == nil {
		return
	}
	m.placed, m.list.want = nil, nil
	if id, ok := m.list.selected(); !ok || id != p.Selected {
		return // the user moved first, or it is gone
	}
	if p.Reading {
		m.setFocus(paneReader)
	}
	m.scrollTo = scrollTo{id: p.Selected, y: p.ReaderY}
}

// scrollTo is a reader scroll line to apply when an article is shown.
type scrollTo struct {
	id model.ID
	y  int
}
