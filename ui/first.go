package ui

import (
	"context"
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

// firstCmd asks opts.First for the first screen of the starting query q,
// and the marks of its rows. A query with a smart entry on (Unread,
// Starred) has none: which articles are read is known only once the load
// is done; nor has a search for a phrase.
func firstCmd(ctx context.Context, opts Options, q model.Query, smart bool) tea.Cmd {
	first, search, marks := opts.First, opts.Search, opts.Marks
	if first == nil || smart {
		return nil
	}
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

// startPreview makes the preview msg brings, over full, the collection the
// load fills, and the collection of its rows to show meanwhile — unless it
// came too late (full has every indexed article already), answers a query
// no longer asked (q), or open says the load is not the first one.
func startPreview(msg firstMsg, full *model.Collection, q model.Query, open bool, opts Options) (preview, *model.Collection, bool) {
	p := full.Progress()
	if msg.err != nil || !open || msg.screen.Total == 0 || p.Done || (p.Known > 0 && p.Articles >= p.Known) {
		return preview{}, nil, false
	}
	first := preview{on: true, q: msg.q, total: msg.screen.Total, tags: msg.screen.Tags, full: full}
	if !first.answers(q) {
		return preview{}, nil, false
	}
	shown := newCollection(opts)
	shown.Apply(model.Batch{Articles: msg.screen.Articles})
	return first, shown, true
}

// target is the collection batches go to: shown, or the one behind the
// preview.
func (p *preview) target(shown *model.Collection) *model.Collection {
	if p.on {
		return p.full
	}
	return shown
}

// caughtUp reports whether the collection behind the preview has every
// article the indexes hold, or the load is over: the preview can go.
func (p *preview) caughtUp(done bool) bool {
	g := p.full.Progress()
	return done || g.Done || (g.Known > 0 && g.Articles >= g.Known)
}

// count is the number of articles the header shows.
func (p *preview) count(shown *model.Collection) int {
	if p.on {
		return p.total
	}
	return shown.Len()
}

// endPreview puts the whole collection in the preview's place.
func (m *Model) endPreview() {
	if m.first.on {
		full := m.first.full
		m.first = preview{}
		m.showing(full, full.Tags(), full.Len())
	}
}

// showing puts coll on screen, with the sidebar's tags and the header's
// count of articles; the panes take new widths when the sidebar's names
// and counts ask for another.
func (m *Model) showing(coll *model.Collection, tags []model.Tag, total int) {
	m.coll = coll
	want := m.tags.want
	m.tags.setTags(tags, total)
	if m.tags.want != want {
		m.handleResize(m.lay.width, m.lay.height)
	}
	m.refilter()
}
