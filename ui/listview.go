package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// listView is what the list shows of the root's state, given to View on
// every frame so that none of it is copied into the pane.
type listView struct {
	focused bool
	coll    *model.Collection
	query   model.Query
	smart   smartFilter
	loading bool
	// rows is the length of the whole list while the list holds only its
	// first rows (the first screen): -1 when that is not known yet, 0
	// when the list is whole.
	rows int
	// marks are the read and starred marks; nil when none are kept, and
	// the rows show none.
	marks map[model.ID]model.Mark
	// kept are the articles whose marks changed in the smart view: drawn
	// dim when they no longer match it.
	kept map[model.ID]bool
	// counting is set while a phrase's matches are still being confirmed:
	// the count is what is known so far.
	counting bool
}

// View draws the list: the rows on screen, or the empty state.
func (p listPane) View(v listView) string { return strings.Join(p.viewLines(v), "\n") }

func (p *listPane) viewLines(v listView) []string {
	inner := p.width - 2
	lines := make([]string, 0, p.height)
	if p.box.open {
		lines = append(lines, fit(p.box.View(), inner))
	}
	if len(p.ids) == 0 {
		for _, l := range strings.Split(ansi.Wordwrap(p.emptyText(v), max(inner-2, 1), ""), "\n") {
			lines = append(lines, fit(" "+p.th.p.empty.on(l), inner))
		}
	}
	for i, end := p.offset, min(len(p.ids), p.offset+p.rows()); i < end; i++ {
		if i == p.cursor {
			lines = append(lines, p.row(v, i, inner))
			continue
		}
		k := rowKey{p.ids[i], inner}
		r, ok := p.memo.row(k, p.th)
		if !ok {
			r = p.row(v, i, inner)
			p.memo.put(k, p.th, r)
		}
		lines = append(lines, r)
	}
	title := "Articles"
	if f := filterText(v.coll, v.query, v.smart, !p.box.open); f != "" {
		title += " · " + f
	}
	footer := v.query.Sort.Label() + " · "
	if len(p.ids) > 0 {
		footer += countText(p.cursor+1) + "/" + rowsText(len(p.ids), v.rows)
	} else {
		footer += "0"
	}
	if v.counting {
		footer += " · counting…"
	}
	return frameLines(p.th, p.width, p.height, v.focused, title, footer, lines)
}

// rowsText is the length of the list: n rows, or rows when the list is
// only the first n of them, "n+" when their number is not known yet.
func rowsText(n, rows int) string {
	switch {
	case rows > 0:
		return countText(rows)
	case rows < 0:
		return countText(n) + "+"
	}
	return countText(n)
}

// emptyText explains an empty list and how to get out of it.
func (p *listPane) emptyText(v listView) string {
	if v.coll.Len() == 0 {
		if v.loading {
			return "Loading…"
		}
		return "No articles in this collection."
	}
	if v.counting {
		return "Searching the articles' text…"
	}
	q := v.query
	var hints []string
	if (len(q.Tags) > 0 || len(q.Exclude) > 0 || v.smart.on()) && !p.box.open {
		hints = append(hints, p.hints.clear)
	}
	if q.Search != "" {
		hints = append(hints, p.hints.search)
	}
	s := "No articles match " + filterDescription(v.coll, q, v.smart)
	if len(hints) > 0 {
		s += " — " + strings.Join(hints, ", ")
	}
	if v.loading {
		s += " (still loading…)"
	}
	return s
}

// Column widths of a list row. The title comes first: a column shows only
// when the title keeps its room beside it.
const (
	dateTitleWidth = 24 // the title's least width beside the date
	minTitleWidth  = 36 // the title's least width beside the reads and tags columns
	dateWidth      = 10 // 2006-01-02, the default (Theme.dateColumn gives the width)
	readsWidth     = 5  // 1.2k
)

// rowCells are the cells of a list row after the marker, each fitted to
// its column, and which columns show.
type rowCells struct {
	title, date, reads, tags      string
	showDate, showReads, showTags bool
}

// joined is the cells in one string, for one paint (the cursor's, or dim).
func (c rowCells) joined() string {
	return c.title + optional(c.showDate, " "+c.date) + optional(c.showReads, " "+c.reads) + optional(c.showTags, " "+c.tags)
}

// cells lays out article a in cw cells: title, date, reads and tags,
// dropping columns from the right when the pane is narrow and truncating
// the title, never wrapping.
func (p *listPane) cells(coll *model.Collection, a model.Article, cw int) rowCells {
	// A wider date (Appearance.DateFormat) moves the widths where the date,
	// reads and tags columns show, so that the title keeps its room.
	dw := p.th.dateColumn().width
	c := rowCells{showDate: cw-1-dw >= dateTitleWidth}
	c.showReads = c.showDate && cw-2-dw-readsWidth >= minTitleWidth
	c.showTags = c.showReads
	rest := 0 // cells taken by the columns after the title
	if c.showDate {
		c.date = spaces(dw)
		if a.HasDate() {
			c.date = p.th.formatDate(a.Date)
		}
		rest += 1 + dw
	}
	if c.showReads {
		c.reads = readsCell(a.Reads)
		c.reads = spaces(readsWidth-len(c.reads)) + c.reads
		rest += 1 + readsWidth
	}
	// Tags only when the title keeps room to be read.
	tagsW := min(max(cw/4, 8), 24)
	c.showTags = c.showTags && cw-rest-1-tagsW >= minTitleWidth
	if c.showTags {
		if names := coll.ArticleTags(a.ID); len(names) > 0 {
			c.tags = "#" + strings.Join(names, " #")
		}
		c.tags = fit(c.tags, tagsW)
		rest += 1 + tagsW
	}
	c.title = fit(strings.TrimSpace(a.Title), max(cw-rest, 1))
	return c
}

// row draws one article in exactly w cells: marker, title, date, reads and
// tags.
func (p *listPane) row(v listView, i, w int) string {
	id := p.ids[i]
	a, _ := v.coll.Article(id)
	pt := &p.th.p
	mark := markCells(pt, v.marks, id)
	c := p.cells(v.coll, a, w-1-markWidth(v.marks)) // after the cursor and mark columns
	if i == p.cursor {
		paint := pt.cursorBlur
		if v.focused {
			paint = pt.cursor
		}
		return pt.marker.on("▌") + mark + paint.on(c.joined())
	}
	if v.kept[id] && !v.smart.matches(v.marks[id]) {
		return " " + mark + pt.dim.on(c.joined())
	}
	var b strings.Builder
	b.Grow(len(c.title) + 96)
	b.WriteString(" " + mark)
	b.WriteString(c.title)
	if c.showDate {
		b.WriteString(" " + pt.date.on(c.date))
	}
	if c.showReads {
		b.WriteString(" " + pt.reads.on(c.reads))
	}
	if c.showTags {
		b.WriteString(" " + pt.tag.on(c.tags))
	}
	return b.String()
}

// markCells are the cells before the title: one blank cell when no marks
// are kept, else two, "•" for unread and "★" for starred side by side, so
// that a starred article still shows whether it is read.
func markCells(pt *paints, marks map[model.ID]model.Mark, id model.ID) string {
	if marks == nil {
		return " "
	}
	mk := marks[id]
	unread, star := " ", " "
	if !mk.Read {
		unread = pt.marker.on("•")
	}
	if mk.Starred {
		star = pt.marker.on("★")
	}
	return unread + star
}

func optional(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// markWidth is the width of the mark columns (markCells).
func markWidth(marks map[model.ID]model.Mark) int {
	if marks == nil {
		return 1
	}
	return 2
}
