package ui

import (
	"cmp"

	tea "charm.land/bubbletea/v2"
)

// Update routes a message (update), then enables the bindings that apply
// in the state now (refresh) — so that the help bar is always true and a
// key matches only what it does now — and points the reader at the
// selected article.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.refresh()
	// Both change m: called before m is returned (the order of a return's
	// operands is not the language's).
	cmd = tea.Batch(cmd, m.syncReader(), m.found.more(m.list.rows()))
	cmd = tea.Batch(cmd, m.readAtEnd()) // after the reader shows what it can
	return m, cmd
}

// refresh enables the bindings that apply in the state now.
func (m *Model) refresh() {
	_, hasList := m.list.selected()
	m.keys.setContext(keyContext{
		focus:     m.focus,
		searching: m.list.searching(),
		overlay:   m.overlay,
		question:  m.question != nil,
		back:      backAction(m.overlay, m.picker.escAction(), m.reading || m.focus == paneReader, m.query.Search),
		hasList:   hasList,
		canOpen:   m.opts.OpenURL != nil,
		canMark:   m.marks.on(),
	})
}

// update is the router: what the terminal and the commands send; the
// intents the panes return go to apply.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.handleResize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		// The theme and render style follow the terminal's background,
		// unless a dark or light theme is set (setTheme); the renders of
		// a style that changed are dropped.
		style := m.style
		m.setTheme(msg.IsDark())
		if m.style != style { // a style file looks the same on both
			m.renderer.Clear()
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.handleMouse(msg)
	case batchMsg:
		return m.handleBatch(msg)
	case fetchMsg, fetchTickMsg, savedMsg:
		return m.fetch.update(m.ctx, msg, &m.flash)
	case firstMsg:
		// The first screen, with its rows' marks, while the load goes on.
		open := m.loading && m.load.gen == 0 && !m.smart.on()
		if first, shown, ok := startPreview(msg, m.coll, m.query, open, m.opts); ok {
			m.first = first
			m.marks.add(msg.marks)
			m.showing(shown, first.tags, first.total)
		}
	case renderedMsg:
		m.cache.done(msg.key)
		m.flash = cmp.Or(m.reader.rendered(msg, &m.scrollTo), m.flash)
	case searchedMsg:
		refilter, why := m.found.done(msg, m.query.Search, m.list.searching())
		m.flash = cmp.Or(why, m.flash)
		if refilter {
			m.filterChanged() // the result of a new search
		}
		if msg.query != m.query.Search {
			return m.found.request(m.query.Search, m.list.searching())
		}
	case confirmedMsg:
		refilter, why := m.found.took(msg)
		m.flash = cmp.Or(why, m.flash)
		if refilter {
			m.refilter()
		}
	case marksLoadedMsg, markedMsg, undoneMsg:
		return m.apply(m.marks.took(msg))
	case editorMsg:
		if msg.err != nil {
			m.flash = "Cannot edit: " + msg.err.Error()
			return nil
		}
		return runEditor(msg.cmd)
	case editedMsg:
		if msg.err != nil {
			m.flash = "The editor failed: " + msg.err.Error()
			return nil
		}
		return m.reload()
	case linksMsg:
		if id, ok := m.list.selected(); !ok || id != msg.id || m.overlay != overlayNone {
			return nil // the reader moved on meanwhile
		}
		p, why := newLinkPicker(m.theme, msg, m.opts.SavePage != nil)
		m.flash = cmp.Or(why, m.flash)
		if why == "" {
			m.picker, m.overlay = p.opened(m.lay, m.keys), overlayPicker
		}
	case openedMsg:
		m.flash = "Opened " + msg.url
		if msg.err != nil {
			m.flash = "Could not open the browser: " + msg.err.Error()
		}
	default:
		return m.apply(msg)
	}
	return nil
}

// handleResize recomputes the layout and sizes every pane.
func (m *Model) handleResize(w, h int) {
	s := m.opts.Appearance.layoutSpec()
	s.sidebarWant, s.noSidebar = m.tags.want, m.noSidebar
	m.lay = computeLayout(w, h, s)
	m.list.fitSearch(m.lay.listW)
	l := m.lay
	if l.mode == modeTooSmall {
		return
	}
	m.tags.SetSize(l.tagsW, l.bodyH)
	m.list.SetSize(l.listW, l.bodyH)
	m.reader.SetSize(l.readerW, l.bodyH)
	m.problems.SetSize(l.width, l.bodyH)
	m.help.SetSize(l.width, l.bodyH)
	m.picker.place(l)
	if m.noSidebar && m.focus == paneTags { // hidden (b): the focus leaves it
		m.setFocus(focusOrder(m.lay, m.reading)[0])
	}
}

// setTheme sets the theme for a dark or light background, unless
// Appearance.Theme fixes it; NO_COLOR wins over both.
func (m *Model) setTheme(dark bool) {
	if d, fixed := m.opts.Appearance.fixedTheme(); fixed {
		dark = d
	}
	m.dark = dark
	th := NewTheme(dark)
	if m.opts.NoColor {
		th = PlainTheme()
	}
	th.dates = newDateColumn(m.opts.Appearance.DateFormat, m.opts.Appearance.DateWidth)
	m.theme = &th
	m.style = renderStyle(m.opts.NoColor, dark, m.renderer.hasCustom())
	m.bar.setTheme(&th)
	m.list.setTheme(&th)
	m.tags.th, m.reader.th, m.problems.th, m.help.th = &th, &th, &th, &th
	m.picker.setTheme(&th)
}
