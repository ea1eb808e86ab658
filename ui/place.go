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

// restorePlace applies p to q, the query of a new model: the filters at
// once (the smart entries only when marks are kept); the selection, if
// any, is an article to keep the cursor on as it arrives.
func restorePlace(p model.Place, q model.Query, marked bool) (model.Query, smartFilter, *wanted) {
	q.Tags = tagKeys(p.Tags)
	q.Exclude = tagKeys(p.Exclude)
	q.Search, q.Sort = p.Search, p.Sort
	var s smartFilter
	if marked {
		s = smartFilter{unread: p.Unread, starred: p.Starred}
	}
	if !p.HasSel {
		return q, s, nil
	}
	return q, s, &wanted{id: p.Selected, row: p.Row}
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

// scrollTo is a reader scroll line to apply when an article is shown.
type scrollTo struct {
	id model.ID
	y  int
}
