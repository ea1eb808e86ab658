package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// FirstScreen is what an index answers before the load streams in
// (Options.First): the first rows of the starting query, the number of
// articles and the tags with their counts. With it a warm start's first
// frame is already its final first screen, rather than the first files to
// arrive, re-sorted as more come.
type FirstScreen struct {
	Articles []model.Article // the query's first rows, in its order
	Total    int             // articles in the collection
	Tags     []model.Tag     // every tag, with its count, in sidebar order
}

// firstRows is how many rows Options.First is asked for: more than any
// screen shows.
const firstRows = 256

// firstMsg brings the first screen of query q.
type firstMsg struct {
	q      model.Query
	screen FirstScreen
	marks  map[model.ID]model.Mark
	err    error
}

// preview is the first screen while the load streams in: the model's
// collection holds only its rows, and the batches go to full until it has
// every article the indexes hold (or the load ends); then full takes its
// place. Its rows are the first rows of the whole, so none moves.
type preview struct {
	on    bool
	q     model.Query // what it answers: Tags, Exclude, AnyTag, Search, Sort
	total int
	tags  []model.Tag
	full  *model.Collection
}

// answers reports whether the preview still shows what q asks.
func (p *preview) answers(q model.Query) bool {
	return q.Search == p.q.Search && q.Sort == p.q.Sort && q.AnyTag == p.q.AnyTag &&
		slices.Equal(q.Tags, p.q.Tags) && slices.Equal(q.Exclude, p.q.Exclude)
}

// rows is listView.rows: the whole list's length when the preview is up —
// the collection's size when nothing is filtered, else not known yet.
func (p *preview) rows() int {
	switch {
	case !p.on:
		return 0
	case len(p.q.Tags) == 0 && len(p.q.Exclude) == 0 && p.q.Search == "":
		return p.total
	}
	return -1
}

// counts are the sidebar's numbers while the preview is up: the indexes'
// counts, every article unread until the marks are read (as while a load
// streams in).
func (p *preview) counts(marks bool) sidebarCounts {
	c := sidebarCounts{counts: make(map[string]int, len(p.tags))}
	for _, t := range p.tags {
		c.counts[t.Key] = t.Count
	}
	if marks {
		c.unread, c.unreadN = c.counts, p.total
	}
	return c
}

// firstCmd asks Options.First for the first screen of the starting query,
// and the marks of its rows. A query with a smart entry on (Unread,
// Starred) has none: which articles are read is known only once the load
// is done; nor has a search for a phrase.
func (m *Model) firstCmd() tea.Cmd {
	first, search, marks := m.opts.First, m.opts.Search, m.opts.Marks
	if first == nil || m.smart.on() {
		return nil
	}
	ctx, q := m.ctx, m.query
	return func() tea.Msg {
		asked := q
		if q.Search != "" {
			if search == nil {
				return nil
			}
			found, err := search(ctx, q.Search)
			if err != nil || len(found.Check) > 0 {
				// A phrase's candidates are decided as the list shows
				// them (phraseCount): the load's list does that.
				return firstMsg{err: err}
			}
			asked.Only = make(map[model.ID]struct{}, len(found.IDs))
			for _, id := range found.IDs {
				asked.Only[id] = struct{}{}
			}
		}
		screen, err := first(ctx, asked, firstRows)
		msg := firstMsg{q: q, screen: screen, err: err}
		if err == nil && marks != nil {
			msg.marks, msg.err = marks.Get(ctx, screen.Articles)
		}
		return msg
	}
}

// showFirst puts the first screen up, unless it came too late (the load
// has every article already) or answers a query no longer asked.
func (m *Model) showFirst(msg firstMsg) {
	p := m.coll.Progress()
	if msg.err != nil || !m.loading || m.first.on || m.load.gen != 0 || m.smart.on() ||
		msg.screen.Total == 0 || p.Done || (p.Known > 0 && p.Articles >= p.Known) {
		return
	}
	m.first = preview{q: msg.q, total: msg.screen.Total, tags: msg.screen.Tags, full: m.coll}
	if !m.first.answers(m.query) {
		m.first = preview{}
		return
	}
	m.first.on = true
	m.coll = newCollection(m.opts)
	m.coll.Apply(model.Batch{Articles: msg.screen.Articles})
	for id, mk := range msg.marks {
		m.marks.of[id] = mk
	}
	m.tags.setTags(msg.screen.Tags, msg.screen.Total)
	m.refilter()
}

// target is the collection batches go to.
func (m *Model) target() *model.Collection {
	if m.first.on {
		return m.first.full
	}
	return m.coll
}

// caughtUp ends the preview once the collection behind it has every
// article the indexes hold, or the load is over.
func (m *Model) caughtUp(done bool) {
	p := m.first.full.Progress()
	if done || p.Done || (p.Known > 0 && p.Articles >= p.Known) {
		m.endPreview()
	}
}

// endPreview puts the whole collection in the preview's place.
func (m *Model) endPreview() {
	if !m.first.on {
		return
	}
	m.coll, m.first = m.first.full, preview{}
	m.tags.setTags(m.coll.Tags(), m.coll.Len())
	m.refilter()
}

// articleCount is the number of articles the header shows.
func (m *Model) articleCount() int {
	if m.first.on {
		return m.first.total
	}
	return m.coll.Len()
}
