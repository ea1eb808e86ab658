package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// readAtEnd marks the article in the reader read once its end has been
// shown while the reader has the focus (Options.MarkOnScrollEnd): the
// preview of the three-pane layout, without focus, marks nothing by itself.
// It marks each article once while it stays in the reader, so that m can
// make it unread again at its end.
func (m *Model) readAtEnd() tea.Cmd {
	if !m.opts.MarkOnScrollEnd || !m.marks.on() {
		return nil
	}
	id, atEnd := m.reader.endShown()
	if id != m.endRead {
		m.endRead = 0 // another article: shown again later, its end marks it again
	}
	if !atEnd || id == m.endRead || m.focus != paneReader || m.overlay != overlayNone || m.lay.mode == modeTooSmall {
		return nil
	}
	m.endRead = id
	a, ok := m.coll.Article(id)
	if !ok {
		return nil
	}
	after, store := m.marks.change(model.MarkRead, []model.Article{a})
	m.showMarks(after)
	return store
}
