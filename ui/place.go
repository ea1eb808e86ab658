package ui

import (
	"slices"

	"github.com/newsline/newsline/model"
)

// Place is where the reader was in a collection: its filters, sort,
// selected article and scroll positions. Model.Place gives it at the end of
// a session; Options.Place brings it back at the start of the next.
type Place struct {
	Tags    []string // selected tag keys
	Exclude []string // excluded tag keys
	Search  string
	Sort    model.Sort
	Unread  bool // the Unread smart entry is on
	Starred bool // the Starred smart entry is on
	// Selected is the article under the cursor; Row its line on screen
	// (from the top of the list), ReaderY the reader's scroll line, and
	// Reading whether it was open in the reader.
	Selected model.ID
	HasSel   bool
	Row      int
	ReaderY  int
	Reading  bool
}

// Place returns where the reader is now.
func (m Model) Place() Place {
	p := Place{
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

// restore applies p to q, the query of a new model: the filters at once
// (the smart entries only when marks are kept); the selection, if any, is
// an article to keep the cursor on as it arrives.
func (p Place) restore(q model.Query, marked bool) (model.Query, smartFilter, *wanted) {
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
