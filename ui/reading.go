package ui

import (
	tea "charm.land/bubbletea/v2"
)

// syncReader points the reader at the selected article: the selection is
// the list's, the rendering the reader's, and this is where one follows
// the other — from the Renderer's cache at once, else with a placeholder
// and a render command. It also pre-renders the neighbours, so that j, k,
// n and p show their article at once. It returns nil when nothing changed.
func (m *Model) syncReader() tea.Cmd {
	if (m.lay.mode != modeWide && !m.reading) || m.lay.mode == modeTooSmall {
		return nil // the reader is not on screen and no article is open
	}
	id, ok := m.list.selected()
	if !ok {
		if m.reader.want != (renderKey{}) || m.reader.have != (renderKey{}) {
			m.reader.reset("No article selected.")
		}
		return nil
	}
	w := m.reader.innerWidth()
	k := m.cache.key(id, w, m.style)
	if k.width <= 0 || k == m.reader.want {
		return nil
	}
	var cmd tea.Cmd
	if out, ok := m.cache.cached(k); ok {
		m.reader.show(k, out)
	} else {
		m.reader.wait(k)
		cmd = m.cache.request(k, m.coll)
	}
	for _, step := range []int{1, -1} {
		if near, ok := m.list.selectedAt(step); ok {
			if nk := m.cache.key(near, w, m.style); !m.cache.has(nk) {
				cmd = tea.Batch(cmd, m.cache.request(nk, m.coll))
			}
		}
	}
	return cmd
}

// rendered shows a finished render if the reader still wants it; a stale
// one (other article, width or style) is dropped (the Renderer has cached
// it). A render that failed but fell back to plain text is shown, and why
// is returned. The line to restore (s) is scrolled to once its article is
// shown.
func (p *readerPane) rendered(msg renderedMsg, s *scrollTo) (why string) {
	if msg.key != p.want {
		return ""
	}
	switch {
	case msg.err != nil && msg.out == "":
		p.fail(msg.key, msg.err)
	case msg.err != nil: // the renderer fell back to plain text
		p.show(msg.key, msg.out)
		why = "Shown as plain text: " + msg.err.Error()
	default:
		p.show(msg.key, msg.out)
	}
	if s.id == msg.key.id && s.y > 0 {
		p.scrollTo(s.y)
		*s = scrollTo{}
	}
	return why
}
