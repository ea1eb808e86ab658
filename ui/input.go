package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// handleKey routes a key: to the search box while it is open, else the
// global bindings first, then the overlay or the focused pane only.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.flash = ""
	k := &m.keys
	if m.question != nil {
		return m.answer(msg)
	}
	if m.overlay == overlayPicker {
		if key.Matches(msg, k.Interrupt) {
			return m.quit()
		}
		return m.updatePicker(msg)
	}
	if m.searching {
		switch {
		case key.Matches(msg, k.Interrupt):
			return m.quit()
		case key.Matches(msg, k.Accept):
			m.endSearch(true)
			// A search too short to run while typing runs now.
			return m.requestSearch()
		case key.Matches(msg, k.Cancel):
			m.endSearch(false)
		default:
			return m.typeSearch(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit, k.Interrupt):
		return m.quit()
	case key.Matches(msg, k.Back):
		m.back()
		return nil
	case key.Matches(msg, k.Help):
		m.toggleOverlay(overlayHelp)
		return nil
	case key.Matches(msg, k.Problems):
		m.toggleOverlay(overlayProblems)
		return nil
	}
	mv := k.moveOf(msg)
	if m.overlay == overlayProblems && mv != 0 {
		m.problems, _ = m.problems.Update(mv)
	}
	if m.overlay != overlayNone {
		return nil
	}

	switch {
	case key.Matches(msg, k.NextPane):
		m.cyclePane(1)
	case key.Matches(msg, k.PrevPane):
		m.cyclePane(-1)
	case key.Matches(msg, k.PaneLeft):
		m.stepPane(-1)
	case key.Matches(msg, k.PaneRight):
		m.stepPane(1)
	case key.Matches(msg, k.FocusTags):
		m.focus = paneTags
	case key.Matches(msg, k.ClearTags):
		m.clearFilters()
	case key.Matches(msg, k.ToggleUnread):
		m.toggleUnread()
	case key.Matches(msg, k.ExcludeTag):
		m.excludeTag()
	case key.Matches(msg, k.MarkAllRead):
		m.markAllRead()
	case key.Matches(msg, k.Reload):
		return m.reload()
	case key.Matches(msg, k.Edit):
		return m.edit()
	case key.Matches(msg, k.Links):
		return m.openLinks()
	case key.Matches(msg, k.PickTag):
		return m.openTagPicker()
	case key.Matches(msg, k.Search):
		return m.startSearch()
	case key.Matches(msg, k.Sort):
		m.query.Sort = m.query.Sort.Next()
		m.refilter()
		m.flash = "Sorted " + m.query.Sort.Label()
	case key.Matches(msg, k.Toggle):
		m.toggleTag()
	case key.Matches(msg, k.Open):
		m.open()
		return m.readSelected()
	case key.Matches(msg, k.ToggleRead):
		return m.toggleMark(false)
	case key.Matches(msg, k.ToggleStar):
		return m.toggleMark(true)
	case key.Matches(msg, k.UndoMark):
		return m.undoMarks()
	case key.Matches(msg, k.OpenURL):
		return m.openURL()
	case key.Matches(msg, k.CopyURL):
		return m.copyURL()
	case key.Matches(msg, k.SpaceDown):
		m.reader, _ = m.reader.Update(movePageDown)
	case key.Matches(msg, k.NextArticle):
		m.list, _ = m.list.Update(moveDown)
		return m.readSelected()
	case key.Matches(msg, k.PrevArticle):
		m.list, _ = m.list.Update(moveUp)
		return m.readSelected()
	case mv != 0:
		switch m.focus {
		case paneTags:
			m.tags, _ = m.tags.Update(mv)
		case paneList:
			m.list, _ = m.list.Update(mv)
		case paneReader:
			m.reader, _ = m.reader.Update(mv)
		}
	}
	return nil
}

// moveOf resolves the movement bindings.
func (k *KeyMap) moveOf(msg tea.KeyPressMsg) move {
	switch {
	case key.Matches(msg, k.Up):
		return moveUp
	case key.Matches(msg, k.Down):
		return moveDown
	case key.Matches(msg, k.Top):
		return moveTop
	case key.Matches(msg, k.Bottom):
		return moveBottom
	case key.Matches(msg, k.HalfDown):
		return moveHalfDown
	case key.Matches(msg, k.HalfUp):
		return moveHalfUp
	case key.Matches(msg, k.PageDown):
		return movePageDown
	case key.Matches(msg, k.PageUp):
		return movePageUp
	}
	return 0
}

// backAction says what esc would undo now, for the help bar: an overlay,
// then the reader (back to the list), then a kept search; "" for nothing.
// (The open search box takes esc before.)
func (m Model) backAction() string {
	switch {
	case m.overlay == overlayPicker:
		return m.picker.escAction()
	case m.overlay != overlayNone:
		return "close"
	case m.reading || m.focus == paneReader:
		return "back to list"
	case m.query.Search != "":
		return "clear search"
	}
	return ""
}

// back undoes one level, as described by backAction.
func (m *Model) back() {
	switch {
	case m.overlay != overlayNone:
		m.overlay = overlayNone
	case m.reading || m.focus == paneReader:
		m.reading = false
		m.focus = paneList
	case m.query.Search != "":
		m.clearSearch()
	}
}

func (m *Model) toggleOverlay(o overlay) {
	if m.overlay == o {
		m.overlay = overlayNone
		return
	}
	m.overlay = o
	if o == overlayProblems {
		m.problems.setProblems(m.coll.Problems())
	}
}

// panes returns the panes that focus moves between, left to right: the
// panes on screen, and below 80 columns the ones a single-pane screen can
// switch to.
func (m Model) panes() []paneID {
	switch m.lay.mode {
	case modeWide:
		return []paneID{paneTags, paneList, paneReader}
	case modeMedium:
		if m.reading {
			return []paneID{paneTags, paneReader}
		}
		return []paneID{paneTags, paneList}
	case modeNarrow, modeTooSmall:
	}
	if m.reading {
		return []paneID{paneTags, paneList, paneReader}
	}
	return []paneID{paneTags, paneList}
}

// shown returns the panes on screen, left to right.
func (m Model) shown() []paneID {
	switch m.lay.mode {
	case modeWide:
		return []paneID{paneTags, paneList, paneReader}
	case modeMedium:
		if m.reading {
			return []paneID{paneTags, paneReader}
		}
		return []paneID{paneTags, paneList}
	case modeNarrow:
		return []paneID{m.focus}
	case modeTooSmall:
	}
	return nil
}

// cyclePane moves focus to the next (d=1) or previous (d=-1) pane, wrapping.
func (m *Model) cyclePane(d int) {
	ps := m.panes()
	i := max(slices.Index(ps, m.focus), 0)
	m.setFocus(ps[(i+d+len(ps))%len(ps)])
}

// stepPane moves focus to the pane on the left (d=-1) or right (d=1), not
// wrapping.
func (m *Model) stepPane(d int) {
	ps := m.panes()
	i := max(slices.Index(ps, m.focus), 0)
	m.setFocus(ps[min(max(i+d, 0), len(ps)-1)])
}

func (m *Model) setFocus(p paneID) {
	m.focus = p
	if p == paneReader {
		m.reading = true
		m.list.touched = true // the article being read must not change under the reader
	}
}

// open shows the selected article in the reader and focuses it.
func (m *Model) open() {
	if _, ok := m.list.selected(); ok {
		m.setFocus(paneReader)
	}
}

// openURL opens the selected article's web address with Options.OpenURL,
// off the event loop; only http and https addresses are opened.
func (m *Model) openURL() tea.Cmd {
	a, ok := m.selectedArticle()
	switch {
	case !ok:
		return nil
	case !model.IsWebURL(a.URL):
		m.flash = "This article has no web address to open"
		return nil
	}
	return m.openLink(a.URL)
}

// copyURL puts the selected article's web address, or else its file's
// path, on the clipboard through the terminal (OSC 52).
func (m *Model) copyURL() tea.Cmd {
	a, ok := m.selectedArticle()
	if !ok {
		return nil
	}
	text, what := a.URL, "address"
	if !model.IsWebURL(text) {
		text, what = a.Path, "file path"
	}
	m.flash = "Copied the " + what + " (in tmux: set -g set-clipboard on)"
	return tea.SetClipboard(text)
}

// selectedArticle is the article under the list's cursor.
func (m *Model) selectedArticle() (model.Article, bool) {
	id, ok := m.list.selected()
	if !ok {
		return model.Article{}, false
	}
	return m.coll.Article(id)
}

// toggleTag toggles the entry under the sidebar cursor: "All" clears the
// filter, Unread and Starred switch themselves, a tag is selected or
// unselected (an excluded one is let in again). A tag that would leave
// nothing cannot be selected.
func (m *Model) toggleTag() {
	kind, k := m.tags.current()
	switch {
	case kind == entryAll:
		m.clearFilters()
	case kind == entryUnread:
		m.toggleUnread()
	case kind == entryStarred:
		s := m.smart
		s.starred = !s.starred
		m.setSmart(s)
	case !m.tags.selectable(k):
		m.flash = "No articles with #" + m.tagName(k) + " here"
	case m.query.Excludes(k):
		m.setQuery(m.query.ToggleExclude(k))
	default:
		m.setQuery(m.query.ToggleTag(k))
	}
}

// excludeTag leaves out, or lets in again, the articles with the tag under
// the sidebar cursor (x); it is shown as -tag.
func (m *Model) excludeTag() {
	kind, k := m.tags.current()
	switch {
	case kind != entryTag:
		m.flash = "Only a tag can be left out (x)"
	case !m.query.Excludes(k) && m.tags.counts[k] == len(m.visible):
		m.flash = "Leaving out #" + m.tagName(k) + " would leave nothing"
	default:
		m.setQuery(m.query.ToggleExclude(k))
	}
}

// clearFilters drops the tags, excluded tags and smart entries (c).
func (m *Model) clearFilters() {
	q := m.query
	q.Tags, q.Exclude = nil, nil
	m.smart = smartFilter{}
	clear(m.kept)
	m.setQuery(q)
}

func (m *Model) tagName(k string) string {
	if t, ok := m.coll.Tag(k); ok {
		return t.Name
	}
	return k
}

// setQuery applies a new filter of tags (selected and excluded) and
// recomputes the list.
func (m *Model) setQuery(q model.Query) {
	m.query = q
	m.refilter()
}

// startSearch opens the search box over the list, editing the kept search.
func (m *Model) startSearch() tea.Cmd {
	if m.lay.mode != modeWide {
		m.reading = false
	}
	m.focus = paneList
	m.searching = true
	m.list.searching = true
	m.list.clamp()
	m.input.SetValue(m.query.Search)
	m.input.CursorEnd()
	return m.input.Focus()
}

// typeSearch gives a key to the search box and refilters on every change.
func (m *Model) typeSearch(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if v := m.input.Value(); v != m.query.Search {
		filtered := m.foundFilters()
		m.query.Search = v
		cmd = tea.Batch(cmd, m.requestSearch())
		if m.opts.Search != nil && m.foundFilters() == filtered {
			// Searching elsewhere, and the words alone do not change
			// what the list shows: it stays as it is until the results
			// come (a pass over 100,000 articles per key saved).
			m.list.query = m.query
		} else {
			m.refilter()
		}
	}
	return cmd
}

// clearSearch drops the search words and everything found for them.
func (m *Model) clearSearch() {
	m.input.Reset()
	if m.query.Search != "" {
		m.query.Search = ""
		m.found = searchResult{}
		m.refilter()
	}
}

// endSearch closes the search box, keeping the search (enter) or clearing
// it (esc).
func (m *Model) endSearch(keep bool) {
	m.searching = false
	m.list.searching = false
	m.input.Blur()
	if !keep {
		m.clearSearch()
	}
	m.list.clamp()
}

// handleInput routes pastes and the mouse: to the picker when one is
// open, else pastes to the search box and the mouse to the panes.
func (m *Model) handleInput(msg tea.Msg) tea.Cmd {
	if m.overlay == overlayPicker {
		return m.updatePicker(msg)
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if m.searching {
			return m.typeSearch(msg)
		}
	case tea.MouseClickMsg:
		m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	}
	return nil
}

// handleClick focuses the pane under the pointer and selects the row
// clicked; clicking the selected row again toggles the tag or opens the
// article.
func (m *Model) handleClick(ev tea.Mouse) {
	if m.overlay != overlayNone || m.searching || ev.Button != tea.MouseLeft {
		return
	}
	p, y, ok := m.paneAt(ev.X, ev.Y)
	if !ok {
		return
	}
	switch p {
	case paneTags:
		if i := m.tags.rowAt(y); i >= 0 {
			again := m.focus == paneTags && i == m.tags.cursor
			m.tags.cursor = i
			m.tags.clamp()
			m.focus = paneTags
			if again {
				m.toggleTag()
			}
			return
		}
	case paneList:
		if i := m.list.rowAt(y); i >= 0 {
			again := m.focus == paneList && i == m.list.cursor
			m.list.selectRow(i)
			m.focus = paneList
			if again {
				m.open()
			}
			return
		}
	case paneReader:
	}
	m.setFocus(p)
}

// handleWheel scrolls the pane under the pointer.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	var cmd tea.Cmd
	if m.overlay == overlayProblems {
		m.problems, cmd = m.problems.Update(msg)
		return cmd
	}
	p, _, ok := m.paneAt(msg.X, msg.Y)
	if !ok || m.overlay != overlayNone {
		return nil
	}
	switch p {
	case paneTags:
		m.tags, cmd = m.tags.Update(msg)
	case paneList:
		m.list, cmd = m.list.Update(msg)
	case paneReader:
		m.reader, cmd = m.reader.Update(msg)
	}
	return cmd
}

// paneAt returns the pane at screen cell (x, y) and the line inside its
// border, or ok=false outside the panes.
func (m Model) paneAt(x, y int) (p paneID, inner int, ok bool) {
	l := m.lay
	if y < l.bodyY || y >= l.bodyY+l.bodyH {
		return 0, 0, false
	}
	left := 0
	for _, p := range m.shown() {
		w := l.paneWidth(p)
		if x >= left && x < left+w {
			return p, y - l.bodyY - 1, true
		}
		left += w
	}
	return 0, 0, false
}
