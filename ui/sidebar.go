package ui

import (
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// tagsPane is the tag sidebar: "All", then every tag of the collection, most
// used first, with its count within the current filter. Row 0 is "All";
// row i is tags[i-1]. Only the rows on screen are rendered.
type tagsPane struct {
	th       *Theme
	tags     []model.Tag    // collection order (model.Collection.Tags)
	counts   map[string]int // tag key → articles within the current filter
	selected []string       // keys of the selected tags (model.Query.Tags)
	total    int            // articles in the collection
	cursor   int
	offset   int
	width    int
	height   int
	focused  bool
}

func newTagsPane(th *Theme) tagsPane { return tagsPane{th: th} }

// SetSize sets the outer size of the pane, border included.
func (p *tagsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
}

// rows is how many tag rows fit inside the border.
func (p tagsPane) rows() int { return max(p.height-2, 1) }

func (p tagsPane) len() int { return len(p.tags) + 1 }

// setTags replaces the tag list (after a batch), keeping the cursor on the
// same tag.
func (p *tagsPane) setTags(tags []model.Tag, total int) {
	key, all := p.current()
	p.tags, p.total = tags, total
	if !all {
		if i := slices.IndexFunc(tags, func(t model.Tag) bool { return t.Key == key }); i >= 0 {
			row := p.cursor - p.offset
			p.cursor = i + 1
			p.offset = p.cursor - row
		}
	}
	p.clamp()
}

// setFilter records the counts within the current filter and the selected tags.
func (p *tagsPane) setFilter(counts map[string]int, selected []string) {
	p.counts, p.selected = counts, selected
}

// current returns the key of the tag under the cursor, or all for "All".
func (p tagsPane) current() (key string, all bool) {
	if p.cursor <= 0 || p.cursor > len(p.tags) {
		return "", true
	}
	return p.tags[p.cursor-1].Key, false
}

// selectable reports whether toggling the tag changes the list into
// something non-empty: selected tags can always be removed; others need an
// article within the current filter.
func (p tagsPane) selectable(key string) bool {
	return slices.Contains(p.selected, key) || p.counts[key] > 0
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
	footer := ""
	if n := len(p.selected); n > 0 {
		footer = strconv.Itoa(n) + " selected"
	}
	return frameLines(p.th, p.width, p.height, p.focused, "Tags", footer, lines)
}

// row draws "▌ ● name        12" in exactly w cells: cursor marker,
// selection mark, name, and the count within the filter right-aligned.
// Tags that would give nothing are dim.
func (p tagsPane) row(i, w int) string {
	var name, count string
	var on, dim bool
	if i == 0 {
		name, count, on = "All", countText(p.total), len(p.selected) == 0
	} else {
		t := p.tags[i-1]
		n := p.counts[t.Key]
		name, count, on = t.Name, countText(n), slices.Contains(p.selected, t.Key)
		dim = !on && n == 0
	}
	const lead = 4 // "▌ " or "  ", then "● " or "  "
	name = truncate(name, max(w-lead-len(count)-1, 1))
	gap := spaces(w - lead - width(name) - len(count))
	mark := "  "
	if on {
		mark = "● "
	}
	pt := &p.th.p
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
