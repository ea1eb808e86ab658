package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// listPane is the article list. It keeps the visible IDs and renders only
// the rows on screen, so a frame costs the same with ten articles or a
// million. The cursor follows an article, not a position: when the visible
// set changes it stays on the same ID.
type listPane struct {
	th        *Theme
	coll      *model.Collection
	ids       []model.ID
	cursor    int
	offset    int
	width     int
	height    int
	focused   bool
	loading   bool
	query     model.Query
	searching bool   // the search box is open on the first line
	input     string // the search box's view
	// touched is set once the user moves, clicks or opens an article. Until
	// then the cursor stays on the first row while batches arrive, so the
	// start screen shows the top of the list, not a row that slid down.
	touched bool
	// want is an article to keep the cursor on while the load goes on (a
	// restored place), at its old screen row; dropped when the user moves
	// and when the load is done.
	want *wanted
	memo *viewMemo // rows already drawn (shared by the model's copies)
	// marks are the read and starred marks (shared with the model); nil
	// when none are kept, and the rows show none.
	marks map[model.ID]model.Mark
	smart smartFilter // the smart entries on
	// kept are the articles whose marks changed in the smart view (shared
	// with the model): drawn dim when they no longer match it.
	kept map[model.ID]bool
	// hints say how to get out of an empty list, with the keys as bound.
	hints struct{ clear, search string }
}

func newListPane(th *Theme, coll *model.Collection) listPane {
	return listPane{th: th, coll: coll, loading: true}
}

// SetSize sets the outer size of the pane, border included.
func (p *listPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
}

// rows is how many article rows fit inside the border (and below the
// search box).
func (p listPane) rows() int {
	r := p.height - 2
	if p.searching {
		r--
	}
	return max(r, 1)
}

// setIDs replaces the visible set. The cursor stays on the selected article
// if it is still there (at the same screen row when possible), else at the
// nearest position.
func (p *listPane) setIDs(ids []model.ID) {
	old, had := p.selected()
	row := p.cursor - p.offset
	p.ids = ids
	if w := p.want; w != nil {
		if i := slices.Index(ids, w.id); i >= 0 {
			p.touched = true
			p.cursor, p.offset = i, i-w.row
			p.clamp()
			return
		}
	}
	if !p.touched {
		p.cursor, p.offset = 0, 0
		return
	}
	if had {
		if i := slices.Index(ids, old); i >= 0 {
			p.cursor = i
		}
	}
	p.cursor = min(max(p.cursor, 0), max(len(ids)-1, 0))
	p.offset = p.cursor - row
	p.clamp()
}

// selected returns the ID under the cursor.
func (p listPane) selected() (model.ID, bool) {
	if p.cursor < 0 || p.cursor >= len(p.ids) {
		return 0, false
	}
	return p.ids[p.cursor], true
}

// selectedAt returns the ID at offset d from the cursor.
func (p listPane) selectedAt(d int) (model.ID, bool) {
	i := p.cursor + d
	if i < 0 || i >= len(p.ids) {
		return 0, false
	}
	return p.ids[i], true
}

// Update handles movement and the mouse wheel.
func (p listPane) Update(msg tea.Msg) (listPane, tea.Cmd) {
	switch msg := msg.(type) {
	case move:
		p.touched, p.want = true, nil
		p.cursor = moveCursor(p.cursor, len(p.ids), p.rows(), msg)
		p.clamp()
	case tea.MouseWheelMsg:
		p.touched, p.want = true, nil
		p.offset, p.cursor = scrollBy(p.offset, p.cursor, len(p.ids), p.rows(), wheelDelta(msg))
	}
	return p, nil
}

// selectRow puts the cursor on row i (a click).
func (p *listPane) selectRow(i int) {
	p.touched, p.want = true, nil
	p.cursor = i
	p.clamp()
}

// rowAt returns the list index shown at inner line y, or -1.
func (p listPane) rowAt(y int) int {
	if p.searching {
		y--
	}
	i := p.offset + y
	if y < 0 || y >= p.rows() || i >= len(p.ids) {
		return -1
	}
	return i
}

func (p *listPane) clamp() {
	p.cursor = min(max(p.cursor, 0), max(len(p.ids)-1, 0))
	p.offset = keepVisible(p.offset, p.cursor, len(p.ids), p.rows())
}

// View draws the list: the rows on screen, or the empty state.
func (p listPane) View() string { return strings.Join(p.viewLines(), "\n") }

func (p listPane) viewLines() []string {
	inner := p.width - 2
	lines := make([]string, 0, p.height)
	if p.searching {
		lines = append(lines, fit(p.input, inner))
	}
	if len(p.ids) == 0 {
		for _, l := range strings.Split(ansi.Wordwrap(p.emptyText(), max(inner-2, 1), ""), "\n") {
			lines = append(lines, fit(" "+p.th.p.empty.on(l), inner))
		}
	}
	for i := p.offset; i < len(p.ids) && i < p.offset+p.rows(); i++ {
		if i == p.cursor {
			lines = append(lines, p.row(i, inner))
			continue
		}
		k := rowKey{p.ids[i], inner}
		r, ok := p.memo.row(k, p.th)
		if !ok {
			r = p.row(i, inner)
			p.memo.putRow(k, p.th, r)
		}
		lines = append(lines, r)
	}
	title := "Articles"
	if f := filterText(p.coll, p.query, p.smart, !p.searching); f != "" {
		title += " · " + f
	}
	footer := p.query.Sort.Label() + " · "
	if len(p.ids) > 0 {
		footer += countText(p.cursor+1) + "/" + countText(len(p.ids))
	} else {
		footer += "0"
	}
	return frameLines(p.th, p.width, p.height, p.focused, title, footer, lines)
}

// emptyText explains an empty list and how to get out of it.
func (p listPane) emptyText() string {
	if p.coll.Len() == 0 {
		if p.loading {
			return "Loading…"
		}
		return "No articles in this collection."
	}
	var hints []string
	if (len(p.query.Tags) > 0 || len(p.query.Exclude) > 0 || p.smart.on()) && !p.searching {
		hints = append(hints, p.hints.clear)
	}
	if p.query.Search != "" {
		hints = append(hints, p.hints.search)
	}
	s := "No articles match " + filterDescription(p.coll, p.query, p.smart)
	if len(hints) > 0 {
		s += " — " + strings.Join(hints, ", ")
	}
	if p.loading {
		s += " (still loading…)"
	}
	return s
}

// filterText is the filter in short form for the list title:
// "Unread · #go + #rust · -#sport · “war”".
func filterText(coll *model.Collection, q model.Query, s smartFilter, withSearch bool) string {
	parts := make([]string, 0, 4)
	parts = append(parts, s.names()...)
	if len(q.Tags) > 0 {
		parts = append(parts, tagList(coll, q.Tags, q.AnyTag))
	}
	if len(q.Exclude) > 0 {
		parts = append(parts, "-"+tagList(coll, q.Exclude, false))
	}
	if withSearch && q.Search != "" {
		parts = append(parts, "“"+q.Search+"”")
	}
	return strings.Join(parts, " · ")
}

// filterDescription is the filter in words for the empty state:
// "tags #go + #rust + search “war”".
func filterDescription(coll *model.Collection, q model.Query, s smartFilter) string {
	parts := s.names()
	switch len(q.Tags) {
	case 0:
	case 1:
		parts = append(parts, "tag "+tagList(coll, q.Tags, false))
	default:
		parts = append(parts, "tags "+tagList(coll, q.Tags, q.AnyTag))
	}
	if len(q.Exclude) > 0 {
		parts = append(parts, "not "+tagList(coll, q.Exclude, true))
	}
	if q.Search != "" {
		parts = append(parts, "search “"+q.Search+"”")
	}
	if len(parts) == 0 {
		return "the filter"
	}
	return strings.Join(parts, " + ")
}

// tagList writes tag keys with their display names: "#Go + #rust", or
// "#Go / #rust" for any of them.
func tagList(coll *model.Collection, keys []string, any bool) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		name := k
		if t, ok := coll.Tag(k); ok {
			name = t.Name
		}
		names[i] = "#" + name
	}
	if any {
		return strings.Join(names, " / ")
	}
	return strings.Join(names, " + ")
}

// Column widths of a list row.
const (
	minTitleWidth = 24 // below this the tags column gives way to the title
	dateWidth     = 10 // 2006-01-02, the default (Theme.dateColumn gives the width)
	readsWidth    = 5  // 1.2k
)

// row draws one article in exactly w cells: marker, title, date, reads and
// tags, dropping columns from the right when the pane is narrow and
// truncating the title, never wrapping.
func (p listPane) row(i, w int) string {
	id := p.ids[i]
	a, _ := p.coll.Article(id)
	cw := w - 2 // after the marker column
	// A wider date (Appearance.DateFormat) moves the widths where the date,
	// reads and tags columns show, so that the title keeps its room.
	dw := p.th.dateColumn().width
	showTags, showReads, showDate := cw >= dw+36, cw >= dw+24, cw >= dw+14
	var date, reads, tags string
	rest := 0 // cells taken by the columns after the title
	if showDate {
		date = spaces(dw)
		if a.HasDate() {
			date = p.th.formatDate(a.Date)
		}
		rest += 1 + dw
	}
	if showReads {
		reads = readsCell(a.Reads)
		reads = spaces(readsWidth-len(reads)) + reads
		rest += 1 + readsWidth
	}
	// Tags only when the title keeps room to be read.
	tagsW := min(max(cw/4, 8), 24)
	showTags = showTags && cw-rest-1-tagsW >= minTitleWidth
	if showTags {
		if names := p.coll.ArticleTags(id); len(names) > 0 {
			tags = "#" + strings.Join(names, " #")
		}
		tags = fit(tags, tagsW)
		rest += 1 + tagsW
	}
	title := fit(strings.TrimSpace(a.Title), max(cw-rest, 1))
	pt := &p.th.p
	mark := p.markCell(id)
	// The cells in one paint: the cursor's, or dim.
	cells := func() string {
		return title + optional(showDate, " "+date) + optional(showReads, " "+reads) + optional(showTags, " "+tags)
	}
	if i == p.cursor {
		c := pt.cursorBlur
		if p.focused {
			c = pt.cursor
		}
		return pt.marker.on("▌") + mark + c.on(cells())
	}
	if p.kept[id] && !p.smart.matches(p.marks[id]) {
		return " " + mark + pt.dim.on(cells())
	}
	var b strings.Builder
	b.Grow(len(title) + 96)
	b.WriteString(" " + mark)
	b.WriteString(title)
	if showDate {
		b.WriteString(" " + pt.date.on(date))
	}
	if showReads {
		b.WriteString(" " + pt.reads.on(reads))
	}
	if showTags {
		b.WriteString(" " + pt.tag.on(tags))
	}
	return b.String()
}

// markCell is the cell before the title: ★ starred, • unread, else blank
// (always blank when no marks are kept).
func (p listPane) markCell(id model.ID) string {
	if p.marks == nil {
		return " "
	}
	switch mk := p.marks[id]; {
	case mk.Starred:
		return p.th.p.marker.on("★")
	case !mk.Read:
		return p.th.p.marker.on("•")
	}
	return " "
}

func optional(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}
