package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// step moves the list's cursor to the next (forward) or previous article
// (n, p in the reader), or unread article (unread: N, P) in the list's
// order, without wrapping: at an end it says so, as newsboat does. From
// the reader, the reader shows that article, opened (and so marked read).
func (m *Model) step(forward, unread bool) tea.Cmd {
	d := 1
	if !forward {
		d = -1
	}
	ids := m.list.ids
	i := m.list.cursor + d
	for unread && i >= 0 && i < len(ids) && m.marks.of[ids[i]].Read {
		i += d
	}
	if i < 0 || i >= len(ids) {
		switch {
		case unread:
			m.flash = "No more unread articles"
		case forward:
			m.flash = "Last article"
		default:
			m.flash = "First article"
		}
		return nil
	}
	m.list.selectIndex(i)
	if m.focus != paneReader {
		return nil
	}
	after, store := m.marks.opened(m.list.article(m.coll))
	m.showMarks(after)
	return store
}

// selectIndex puts the cursor on row i of the list, as a move of the user's.
func (p *listPane) selectIndex(i int) {
	p.touched, p.want = true, nil
	p.cursor = i
	p.clamp()
}

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
	a, ok := m.coll.Article(id)
	if !ok {
		return nil // not loaded yet (the first screen): its end marks it once it is
	}
	m.endRead = id
	after, store := m.marks.change(model.MarkRead, []model.Article{a})
	m.showMarks(after)
	return store
}
