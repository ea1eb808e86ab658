package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey routes a key: to the question, the picker or the search box
// when one has the keys, else to the global bindings first, then to the
// overlay or the focused pane only. What the pane asks of the others comes
// back as an intent, applied at once.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.flash = ""
	in := keyIn{key: msg, keys: &m.keys}
	var out tea.Msg
	var cmd tea.Cmd
	switch {
	case m.question != nil:
		q := *m.question
		m.question = nil // any key answers it
		_, out, cmd = q.Update(in)
	case key.Matches(msg, m.keys.Interrupt):
		return quit(m.cancel)
	case m.overlay == overlayPicker:
		m.picker, out, cmd = m.picker.Update(in)
	case m.list.searching():
		m.list, out, cmd = m.list.Update(in)
	default:
		if cmd, ok := m.globalKey(msg); ok {
			return cmd
		}
		switch {
		case m.overlay == overlayProblems:
			m.problems, out, cmd = m.problems.Update(in)
		case m.overlay == overlayHelp:
			m.help = m.help.Update(in)
		case m.overlay != overlayNone:
		case m.focus == paneTags:
			m.tags, out, cmd = m.tags.Update(in)
		case m.focus == paneList:
			m.list, out, cmd = m.list.Update(in)
		case m.focus == paneReader:
			m.reader, out, cmd = m.reader.Update(in)
		}
	}
	return tea.Batch(cmd, m.update(out))
}

// globalKey handles the bindings that do not belong to one pane; ok is
// false for a key it leaves to the overlay or the focused pane.
func (m *Model) globalKey(msg tea.KeyPressMsg) (_ tea.Cmd, ok bool) {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return quit(m.cancel), true
	case key.Matches(msg, k.Back):
		// One level, as backAction says: an overlay, the reader, a search.
		switch {
		case m.overlay != overlayNone:
			m.overlay = overlayNone
		case m.reading || m.focus == paneReader:
			m.reading, m.focus = false, paneList
		default:
			return m.editSearch(""), true
		}
	case key.Matches(msg, k.Help):
		m.overlay = overlayToggled(m.overlay, overlayHelp)
		m.help.offset = 0 // it opens at the top
	case key.Matches(msg, k.Problems):
		m.overlay = overlayToggled(m.overlay, overlayProblems)
		m.problems.setProblems(m.coll.Problems())
	case m.overlay != overlayNone:
		return nil, false // the overlay's own keys
	case key.Matches(msg, k.NextPane, k.PrevPane, k.PaneLeft, k.PaneRight):
		m.setFocus(nextPane(k, msg, focusOrder(m.lay, m.reading), m.focus))
	case key.Matches(msg, k.FocusTags):
		if m.noSidebar { // t asks for the sidebar: it shows again
			m.noSidebar = false
			m.handleResize(m.lay.width, m.lay.height)
		}
		m.focus = paneTags
	case key.Matches(msg, k.ToggleSidebar):
		m.noSidebar = !m.noSidebar
		m.handleResize(m.lay.width, m.lay.height)
	case key.Matches(msg, k.ClearTags):
		m.setFilter(toggled(m.query, m.smart, entryAll, ""))
	case key.Matches(msg, k.ToggleUnread):
		m.setFilter(toggled(m.query, m.smart, entryUnread, ""))
	case key.Matches(msg, k.Reload):
		return m.reload(), true
	case key.Matches(msg, k.Fetch):
		cmd, why := m.fetch.start(m.ctx, false)
		m.flash = why
		return cmd, true
	case key.Matches(msg, k.PickTag):
		p, ok := newTagPicker(m.theme, m.coll.Tags(), m.query, m.tags.counts)
		if !ok {
			m.flash = "No tags in this collection"
			break
		}
		m.picker, m.overlay = p.opened(m.lay, m.keys), overlayPicker
	case key.Matches(msg, k.Search):
		if m.lay.mode != modeWide {
			m.reading = false
		}
		m.focus = paneList
		return m.list.startSearch(m.query.Search), true
	case key.Matches(msg, k.Sort):
		m.query.Sort = m.query.Sort.Next()
		m.filterChanged()
		m.flash = "Sorted " + m.query.Sort.Label()
	default:
		return nil, false
	}
	return nil, true
}

// moveOf resolves the movement bindings.
func (k *KeyMap) moveOf(msg tea.KeyPressMsg) move {
	mv, _ := meaningOf(msg, []meaning[move]{
		{k.Up, moveUp}, {k.Down, moveDown}, {k.Top, moveTop}, {k.Bottom, moveBottom},
		{k.HalfDown, moveHalfDown}, {k.HalfUp, moveHalfUp}, {k.PageDown, movePageDown}, {k.PageUp, movePageUp},
	})
	return mv
}

// handleMouse routes pastes and the mouse: to the picker when one is
// open, else pastes to the search box, the wheel to the pane under the
// pointer (focus stays) and a click to the pane under the pointer, which
// it focuses: on a row, it selects it, and clicking the selected row again
// toggles the tag or opens the article (the pane's intent).
func (m *Model) handleMouse(msg tea.Msg) tea.Cmd {
	var out tea.Msg
	var cmd tea.Cmd
	if m.overlay == overlayPicker {
		m.picker, out, cmd = m.picker.Update(msg)
		return tea.Batch(cmd, m.update(out))
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if m.list.searching() {
			m.list, out, cmd = m.list.Update(msg)
		}
	case tea.MouseWheelMsg:
		if m.overlay == overlayProblems {
			m.problems, out, cmd = m.problems.Update(msg)
			break
		}
		p, _, ok := paneAt(m.lay, m.lay.shown(m.reading, m.focus), msg.X, msg.Y)
		switch {
		case !ok || m.overlay != overlayNone:
		case p == paneTags:
			m.tags, out, cmd = m.tags.Update(msg)
		case p == paneList:
			m.list, out, cmd = m.list.Update(msg)
		case p == paneReader:
			m.reader, out, cmd = m.reader.Update(msg)
		}
	case tea.MouseClickMsg:
		ev := msg.Mouse()
		p, y, ok := paneAt(m.lay, m.lay.shown(m.reading, m.focus), ev.X, ev.Y)
		if !ok || m.overlay != overlayNone || m.list.searching() || ev.Button != tea.MouseLeft {
			return nil
		}
		hit := false
		switch p {
		case paneTags:
			m.tags, hit, out = m.tags.click(y, m.focus == paneTags)
		case paneList:
			m.list, hit, out = m.list.click(y, m.focus == paneList)
		case paneReader:
		}
		if !hit {
			m.setFocus(p)
		} else {
			m.focus = p
		}
	}
	return tea.Batch(cmd, m.update(out))
}
