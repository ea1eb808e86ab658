package ui

import (
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// tagsPane is the tag sidebar: "All", the smart entries "Unread" and
// "Starred" when marks are kept, then every tag of the collection, most
// used first, with its count within the current filter (and how many of
// those are unread). Only the rows on screen are rendered.
type tagsPane struct {
	th       *Theme
	tags     []model.Tag    // collection order (model.Collection.Tags)
	counts   map[string]int // tag key → articles within the current filter
	unread   map[string]int // tag key → unread articles within it (with marks)
	selected []string       // keys of the selected tags (model.Query.Tags)
	excluded []string       // keys of the excluded tags (model.Query.Exclude)
	total    int            // articles in the collection
	marked   bool           // marks are kept: the smart entries are shown
	smart    smartFilter    // which smart entries are on
	unreadN  int            // unread articles within the filter
	starredN int            // starred articles within the filter
	cursor   int
	offset   int
	width    int
	height   int
	focused  bool
}

// entryKind is what a sidebar row stands for.
type entryKind uint8

const (
	entryAll entryKind = iota
	entryUnread
	entryStarred
	entryTag
)

func newTagsPane(th *Theme) tagsPane { return tagsPane{th: th} }

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
	if kind == entryTag {
		if i := slices.IndexFunc(tags, func(t model.Tag) bool { return t.Key == cur.Key }); i >= 0 {
			row := p.cursor - p.offset
			p.cursor = i + p.fixed()
			p.offset = p.cursor - row
		}
	}
	p.clamp()
}

// sidebarFilter is what the sidebar shows of the current filter.
type sidebarFilter struct {
	counts, unread    map[string]int
	selected, exclude []string
	smart             smartFilter
	unreadN, starredN int
}

// setFilter records the counts within the current filter and the selected
// and excluded tags.
func (p *tagsPane) setFilter(f sidebarFilter) {
	p.counts, p.unread, p.selected, p.excluded = f.counts, f.unread, f.selected, f.exclude
	p.smart, p.unreadN, p.starredN = f.smart, f.unreadN, f.starredN
}

// current returns the kind of the row under the cursor and its tag's key.
func (p tagsPane) current() (entryKind, string) {
	kind, t := p.entry(p.cursor)
	return kind, t.Key
}

// selectable reports whether toggling the tag changes the list into
// something non-empty: selected tags can always be removed; others need an
// article within the current filter.
func (p tagsPane) selectable(key string) bool {
	return slices.Contains(p.selected, key) || slices.Contains(p.excluded, key) || p.counts[key] > 0
}

// Update handles movement and the mouse wheel.
func (p tagsPane) Update(msg tea.Msg) (tagsPane, tea.Cmd) {
	switch msg := msg.(type) {
	case move:
		p.cursor = moveCursor(p.cursor, p.len(), p.rows(), msg)
		p.clamp()
	case tea.MouseWheelMsg:
		p.offset, p.cursor = scrollBy(p.offset, p.cursor, p.len(), p.rows(), wheelDelta(msg))
	}
	return p, nil
}

// rowAt returns the row index shown at inner line y, or -1.
func (p tagsPane) rowAt(y int) int {
	i := p.offset + y
	if y < 0 || y >= p.rows() || i >= p.len() {
		return -1
	}
	return i
}

func (p *tagsPane) clamp() {
	p.cursor = min(max(p.cursor, 0), p.len()-1)
	p.offset = keepVisible(p.offset, p.cursor, p.len(), p.rows())
}

// View draws the sidebar.
func (p tagsPane) View() string { return strings.Join(p.viewLines(), "\n") }

func (p tagsPane) viewLines() []string {
	inner := p.width - 2
	rows := p.rows()
	lines := make([]string, 0, rows)
	for i := p.offset; i < p.len() && len(lines) < rows; i++ {
		lines = append(lines, p.row(i, inner))
	}
	var parts []string
	if n := len(p.selected); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" selected")
	}
	if n := len(p.excluded); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" excluded")
	}
	return frameLines(p.th, p.width, p.height, p.focused, "Tags", strings.Join(parts, ", "), lines)
}

// row draws "▌ ● name      3/12" in exactly w cells: cursor marker,
// selection mark, name, and the counts within the filter right-aligned
// (unread first, when marks are kept and some are). An excluded tag shows
// as "-name". Entries that would give nothing are dim.
func (p tagsPane) row(i, w int) string {
	var name, count string
	var on, dim bool
	pt := &p.th.p
	kind, t := p.entry(i)
	switch kind {
	case entryAll:
		name, count, on = "All", countText(p.total), len(p.selected) == 0 && len(p.excluded) == 0 && !p.smart.on()
	case entryUnread:
		name, count, on = "Unread", countText(p.unreadN), p.smart.unread
		dim = !on && p.unreadN == 0
	case entryStarred:
		name, count, on = "Starred", countText(p.starredN), p.smart.starred
		dim = !on && p.starredN == 0
	case entryTag:
		n := p.counts[t.Key]
		name, on = t.Name, slices.Contains(p.selected, t.Key)
		count = countText(n)
		if u := p.unread[t.Key]; u > 0 {
			count = countText(u) + "/" + count
			// Short numbers (12k/23k) rather than a cut name.
			if width(name)+len(count)+5 > w {
				count = readsCell(u) + "/" + readsCell(n)
			}
		}
		if slices.Contains(p.excluded, t.Key) {
			name, count = "-"+t.Name, ""
		} else {
			dim = !on && n == 0
		}
	}
	const lead = 4 // "▌ " or "  ", then "● " or "  "
	name = truncate(name, max(w-lead-width(count)-1, 1))
	gap := spaces(w - lead - width(name) - width(count))
	mark := "  "
	if on {
		mark = "● "
	}
	if i == p.cursor {
		c := pt.cursorBlur
		switch {
		case p.focused && dim:
			c = pt.cursorDim
		case p.focused:
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
