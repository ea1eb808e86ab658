package ui

import (
	"cmp"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// handleBatch is the one place the collection changes: it applies the batch,
// recomputes the visible set and the tag counts, and keeps the cursor on the
// same article. It re-arms waitLoad until the load is done.
func (m *Model) handleBatch(msg batchMsg) tea.Cmd {
	if msg.gen != m.load.gen && !msg.added {
		return nil // a run replaced by a reload
	}
	wait := waitLoad(m.load.gen, m.load.ch)
	if msg.added {
		wait = nil // the load's waiting is armed already, or over
	}
	coll := m.first.target(m.coll)
	for i := range msg.batch.Articles {
		if _, ok := coll.Article(msg.batch.Articles[i].ID); ok {
			m.cache.replaced(msg.batch.Articles[i].ID) // its renders are stale
		}
	}
	m.load.saw(msg.batch.Articles)
	coll.Apply(msg.batch)
	if m.first.on {
		// The preview stays as it is until the rest has caught up.
		m.flash = cmp.Or(msg.batch.Notice, m.flash)
		if m.first.caughtUp(msg.done) {
			m.endPreview()
		}
		if m.first.on {
			return wait
		}
		msg.batch = model.Batch{Progress: msg.batch.Progress} // applied
	}
	m.list.forgetRows()
	m.flash = cmp.Or(msg.batch.Notice, m.flash)
	var marks tea.Cmd
	swept := false
	if (msg.batch.Progress.Done || msg.done) && m.loading && !msg.added {
		m.loading = false
		var reloaded bool
		if swept, reloaded = m.load.sweep(m.coll, m.cache.replaced); reloaded {
			m.flash = "Reloaded"
		}
		marks = m.marks.load(m.coll.Articles())
	}
	if msg.err != nil {
		m.loadErr = msg.err
	}
	for _, id := range msg.batch.Removed {
		m.cache.replaced(id) // gone: if it comes back, its old renders are stale
	}
	changed := len(msg.batch.Articles) > 0 || len(msg.batch.Removed) > 0
	if changed || swept {
		m.showing(m.coll, m.coll.Tags(), m.coll.Len())
	}
	if p := m.placed; p != nil && !m.loading {
		// The restored article, if the cursor is still on it (the user
		// did not move first, and it is there), opens again at its line.
		m.placed = nil
		m.list.setWant(nil)
		if id, ok := m.list.selected(); ok && id == p.Selected {
			if p.Reading {
				m.setFocus(paneReader)
			}
			m.scrollTo = scrollTo{id: id, y: p.ReaderY}
		}
	}
	m.problems.setProblems(m.coll.Problems())
	var search tea.Cmd
	if changed || msg.done {
		search = m.found.request(m.query.Search, m.list.searching()) // the index may know new matches
	}
	if msg.done {
		return tea.Batch(search, marks)
	}
	return tea.Batch(search, marks, wait)
}

// reload reads the collection again (r, and after the editor): the list
// stays as it is while the run replaces every article, keeps the cursor on
// its article, and drops at the end what the run did not find.
func (m *Model) reload() tea.Cmd {
	if m.opts.Load == nil {
		return nil
	}
	m.endPreview()
	var cmd tea.Cmd
	m.load, cmd = m.load.next(m.ctx, m.opts.Load, m.coll.Len())
	m.loading = true
	// The run sends the problems it still finds.
	paths := make([]string, 0, len(m.coll.Problems()))
	for _, p := range m.coll.Problems() {
		paths = append(paths, p.Path)
	}
	m.coll.Apply(model.Batch{Reread: paths})
	m.problems.setProblems(m.coll.Problems())
	return cmd
}

// refilter recomputes the visible set after a change of collection, tags,
// search or sort, and everything derived from it.
func (m *Model) refilter() {
	if m.first.on && (!m.first.answers(m.query) || m.smart.on()) {
		m.endPreview() // it refilters
		return
	}
	q := m.found.narrow(m.query, m.list.searching())
	q.Keep = m.marks.keep(m.smart)
	m.visible = m.found.cut(m.coll.Visible(q))
	m.list.forgetRows() // a row kept in a smart view is dim by the entries on
	m.list.setIDs(m.visible)
	m.updateSidebar()
}

// filterChanged recomputes the visible set after a change of the filter
// (tags, search, the smart entries, sort): the cursor stays on its article
// when the new list still shows it (refilter scrolls it on screen), else
// it goes to the top — not to the old position, which would select an
// article the user never chose. setIDs finds the article in one scan.
func (m *Model) filterChanged() {
	old, had := m.list.selected()
	m.refilter()
	if id, ok := m.list.selected(); had && ok && id != old && m.list.want == nil {
		m.list.toTop()
	}
}

// updateSidebar recounts the sidebar's numbers within the visible set.
func (m *Model) updateSidebar() {
	if m.first.on {
		m.tags.setCounts(m.first.counts(m.marks.on()))
		return
	}
	m.tags.setCounts(m.marks.counts(m.coll, m.visible))
}

// setFilter is the one place the filter changes: the query (tags,
// excluded tags) and the smart entries. Leaving the smart view lets the
// articles kept for it go.
func (m *Model) setFilter(q model.Query, s smartFilter) {
	if !s.on() {
		m.marks.forget()
	}
	m.query, m.smart = q, s
	m.filterChanged()
}

// showMarks is the one place marks change on screen: a change (markBook.change
// works it out, then the store keeps it), or the marks before one (undone,
// or not saved). In a smart view the articles
// stay listed, and the sidebar's counts move by what changed.
func (m *Model) showMarks(marks map[model.ID]model.Mark) {
	if len(marks) == 0 {
		return
	}
	before := m.marks.set(marks, m.smart)
	m.list.forgetRows()
	if len(before) > 64 || m.tags.unread == nil {
		m.updateSidebar()
		return
	}
	m.tags.setCounts(m.tags.shifted(before, m.marks.of, m.visible, m.coll.ArticleTagKeys))
}
