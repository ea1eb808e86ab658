package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// tagsPane is the tag sidebar: "All", the smart entries "Unread" and
// "Starred" when marks are kept, then every tag of the collection, most
// used first, with its count within the current filter (and how many of
// those are unread). Only the rows on screen are rendered.
//
// It owns its cursor, the tag list and the counts it shows (the root
// recounts them when the filter or the marks change); the filter itself
// (which tags are selected or left out, which smart entries are on) is the
// root's and comes as an argument.
type tagsPane struct {
	sidebarCounts
	th     *Theme
	tags   []model.Tag // collection order (model.Collection.Tags)
	total  int         // articles in the collection
	marked bool        // marks are kept: the smart entries are shown
	want   int         // the width its names and counts need (sidebarWant)
	rowWindow
	width  int
	height int
}

// sidebarCounts are the sidebar's numbers, within the visible set.
type sidebarCounts struct {
	counts   map[string]int // tag key → articles within the current filter
	unread   map[string]int // tag key → unread articles within it (with marks)
	unreadN  int            // unread articles within the filter
	starredN int            // starred articles within the filter
}

// entryKind is what a sidebar row stands for.
type entryKind uint8

const (
	entryAll entryKind = iota
	entryUnread
	entryStarred
	entryTag
)

func newTagsPane(th *Theme, marked bool) tagsPane {
	return tagsPane{th: th, marked: marked, want: sidebarWant(nil, 0, marked)}
}

// SetSize sets the outer size of the pane, border included.
func (p *tagsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
}

// rows is how many tag rows fit inside the border.
func (p tagsPane) rows() int { return max(p.height-2, 1) }

// fixed is how many rows come before the tags.
func (p tagsPane) fixed() int {
	if p.marked {
		return 3
	}
	return 1
}

func (p tagsPane) len() int { return len(p.tags) + p.fixed() }

// entry returns what row i stands for, and its tag for a tag row.
func (p tagsPane) entry(i int) (entryKind, model.Tag) {
	switch {
	case i >= p.fixed() && i < p.len():
		return entryTag, p.tags[i-p.fixed()]
	case i == 1 && p.marked:
		return entryUnread, model.Tag{}
	case i == 2 && p.marked:
		return entryStarred, model.Tag{}
	}
	return entryAll, model.Tag{}
}

// setTags replaces the tag list (after a batch), keeping the cursor on the
// same tag.
func (p *tagsPane) setTags(tags []model.Tag, total int) {
	kind, cur := p.entry(p.cursor)
	p.tags, p.total = tags, total
	p.want = sidebarWant(tags, total, p.marked)
	if kind == entryTag {
		if i := slices.IndexFunc(tags, func(t model.Tag) bool { return t.Key == cur.Key }); i >= 0 {
			row := p.cursor - p.offset
			p.cursor = i + p.fixed()
			p.offset = p.cursor - row
		}
	}
	p.clamp()
}

// setCounts replaces the numbers the sidebar shows.
func (p *tagsPane) setCounts(c sidebarCounts) { p.sidebarCounts = c }

// current returns the kind of the row under the cursor and its tag's key.
func (p tagsPane) current() (entryKind, string) {
	kind, t := p.entry(p.cursor)
	return kind, t.Key
}

// find puts the cursor on the tag with key k, if it is listed.
func (p *tagsPane) find(k string) {
	for i := p.fixed(); i < p.len(); i++ {
		if _, t := p.entry(i); t.Key == k {
			p.cursor = i
			p.clamp()
			return
		}
	}
}

// selectable reports whether toggling the tag changes the list q shows
// into something non-empty: selected tags can always be removed; others
// need an article within the current filter.
func (p tagsPane) selectable(q model.Query, key string) bool {
	return q.HasTag(key) || q.Excludes(key) || p.counts[key] > 0
}

// edit is the filter after an intent of the sidebar (entryToggled, or
// tagExcluded: x) on the filter q, s that lists visible articles, or why
// the filter does not change: "All" clears it, Unread and Starred switch
// themselves, a tag is selected or left out (or let in again); a tag that
// would leave nothing cannot be selected or left out.
func (p tagsPane) edit(msg tea.Msg, q model.Query, s smartFilter, visible int, coll *model.Collection) (model.Query, smartFilter, string) {
	switch msg := msg.(type) {
	case entryToggled:
		if msg.kind == entryTag && !p.selectable(q, msg.key) {
			return q, s, "No articles with #" + tagName(coll, msg.key) + " here"
		}
		q, s = toggled(q, s, msg.kind, msg.key)
	case tagExcluded:
		switch {
		case msg.kind != entryTag:
			return q, s, "Only a tag can be left out (x)"
		case !q.Excludes(msg.key) && p.counts[msg.key] == visible:
			return q, s, "Leaving out #" + tagName(coll, msg.key) + " would leave nothing"
		}
		q = q.ToggleExclude(msg.key)
	}
	return q, s, ""
}

// Update handles the sidebar's keys (movement, toggle and exclude: what
// they change is the root's filter, so they come back as entryToggled and
// tagExcluded), root-resolved movement and the mouse wheel.
func (p tagsPane) Update(msg tea.Msg) (tagsPane, tea.Msg, tea.Cmd) {
	switch msg := msg.(type) {
	case keyIn:
		kind, t := p.entry(p.cursor)
		switch k := msg.keys; {
		case key.Matches(msg.key, k.Toggle):
			return p, entryToggled{kind: kind, key: t.Key}, nil
		case key.Matches(msg.key, k.ExcludeTag):
			return p, tagExcluded{kind: kind, key: t.Key}, nil
		}
		if mv := msg.keys.moveOf(msg.key); mv != 0 {
			p.move(mv)
		}
	case move:
		p.move(msg)
	case tea.MouseWheelMsg:
		p.wheel(wheelDelta(msg), p.len(), p.rows())
	}
	return p, nil, nil
}

func (p *tagsPane) move(mv move) { p.rowWindow.move(mv, p.len(), p.rows()) }

// click puts the cursor on the row at inner line y; hit is false when no
// row is there. Clicking the row under the cursor of the focused pane
// again toggles it.
func (p tagsPane) click(y int, focused bool) (_ tagsPane, hit bool, out tea.Msg) {
	i := p.rowAt(y)
	if i < 0 {
		return p, false, nil
	}
	again := focused && i == p.cursor
	p.cursor = i
	p.clamp()
	if again {
		kind, t := p.entry(i)
		out = entryToggled{kind: kind, key: t.Key}
	}
	return p, true, out
}

// rowAt returns the row index shown at inner line y, or -1.
func (p tagsPane) rowAt(y int) int { return p.rowWindow.rowAt(y, p.len(), p.rows()) }

func (p *tagsPane) clamp() { p.rowWindow.clamp(p.len(), p.rows()) }

// sidebarView is what the sidebar shows of the root's state.
type sidebarView struct {
	focused bool
	query   model.Query // its Tags are selected, its Exclude left out
	smart   smartFilter
}

// View draws the sidebar.
func (p tagsPane) View(v sidebarView) string { return strings.Join(p.viewLines(v), "\n") }

func (p tagsPane) viewLines(v sidebarView) []string {
	inner := p.width - 2
	rows := p.rows()
	lines := make([]string, 0, rows)
	for i := p.offset; i < p.len() && len(lines) < rows; i++ {
		lines = append(lines, p.row(v, i, inner))
	}
	var parts []string
	if n := len(v.query.Tags); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" selected")
	}
	if n := len(v.query.Exclude); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" excluded")
	}
	return frameLines(p.th, p.width, p.height, v.focused, "Tags", strings.Join(parts, ", "), lines)
}

// row draws "▌ ● name      3/12" in exactly w cells: cursor marker,
// selection mark, name, and the counts within the filter right-aligned
// (unread first, when marks are kept and some are). An excluded tag shows
// as "-name". Entries that would give nothing are dim.
func (p tagsPane) row(v sidebarView, i, w int) string {
	name, count, on, dim := p.entryText(v, i, w)
	const lead = 4 // "▌ " or "  ", then "● " or "  "
	name = truncate(name, max(w-lead-width(count)-1, 1))
	gap := spaces(w - lead - width(name) - width(count))
	mark := "  "
	if on {
		mark = "● "
	}
	pt := &p.th.p
	if i == p.cursor {
		c := pt.cursorBlur
		switch {
		case v.focused && dim:
			c = pt.cursorDim
		case v.focused:
			c = pt.cursor
		case dim:
			c = pt.cursorBlurDim
		}
		return pt.marker.on("▌") + " " + c.on(mark+name+gap+count)
	}
	if dim {
		return "  " + pt.dim.on(mark+name+gap+count)
	}
	if on {
		mark = pt.check.on("●") + " "
	}
	return "  " + mark + name + gap + pt.count.on(count)
}

// entryText is what row i says in w cells: its name and count, whether it
// is on (selected) and whether it is dim (it would give nothing).
func (p tagsPane) entryText(v sidebarView, i, w int) (name, count string, on, dim bool) {
	kind, t := p.entry(i)
	q := v.query
	switch kind {
	case entryAll:
		return "All", countText(p.total), len(q.Tags) == 0 && len(q.Exclude) == 0 && !v.smart.on(), false
	case entryUnread:
		on = v.smart.unread
		return "Unread", countText(p.unreadN), on, !on && p.unreadN == 0
	case entryStarred:
		on = v.smart.starred
		return "Starred", countText(p.starredN), on, !on && p.starredN == 0
	case entryTag:
	}
	n := p.counts[t.Key]
	name, on = t.Name, q.HasTag(t.Key)
	// "▌ ● " and a space around the count; the name keeps one cell at least.
	count = tagCount(p.unread[t.Key], n, w-5-width(name), w-6)
	if q.Excludes(t.Key) {
		return "-" + t.Name, "", on, false
	}
	return name, count, on, !on && n == 0
}

// tagCount is a tag's count, n articles of which u are unread, in room
// cells if it can (the name then shows whole), in most cells at worst:
// exact ("3,899/3,900", "unread/all"), else in short numbers ("12k/23k")
// when they are shorter — never short numbers that would look equal when
// the counts are not (3.9k/3.9k for 3,950/3,999): then the name gives way
// to the exact count, or when even that does not fit, the total alone is
// short ("99,950/99k").
func tagCount(u, n, room, most int) string {
	exact := countText(n)
	if u > 0 {
		exact = countText(u) + "/" + exact
	}
	if len(exact) <= room {
		return exact
	}
	short := readsCell(n)
	if u > 0 {
		if u != n && readsCell(u) == readsCell(n) {
			if len(exact) <= most {
				return exact
			}
			return countText(u) + "/" + readsCell(n)
		}
		short = readsCell(u) + "/" + short
	}
	if len(short) < len(exact) {
		return short
	}
	return exact
}

// sidebarWant is the width of a sidebar that shows every entry's name
// and count in full: border, the cursor and selection marks, the name, a
// space and the count. A tag's count is at most the articles that carry
// it, and "unread/all" when marks are kept.
func sidebarWant(tags []model.Tag, total int, marked bool) int {
	const frame = 7 // two sides, "▌ ● " and the space before the count
	count := func(n int) int {
		if marked {
			return 2*len(countText(n)) + 1
		}
		return len(countText(n))
	}
	w := width("All") + len(countText(total))
	if marked {
		w = max(w, width("Starred")+len(countText(total)))
	}
	for _, t := range tags {
		w = max(w, width(t.Name)+count(t.Count))
	}
	return w + frame
}
