package ui

import "strings"

// The picker's drawing: the filter box, a rule, the rows and the count.

// View draws the picker: exactly its height in lines of exactly its width.
func (p picker) View() string {
	if p.height <= 0 {
		return ""
	}
	if p.width <= 0 {
		return strings.Repeat("\n", p.height-1)
	}
	return strings.Join(p.viewLines(), "\n")
}

func (p picker) viewLines() []string {
	inner := p.width - 2
	if inner <= 0 || p.height < 3 {
		return frameLines(p.th, p.width, p.height, true, p.title, "", nil)
	}
	pt := &p.th.p
	lines := make([]string, 0, p.height-2)
	lines = append(lines, fit(" "+p.input.View(), inner))
	if p.rowsTop() == 2 {
		// ┣━━━┫ joins the focused border: frameLines puts its sides around
		// inner lines, so the rule is cut to its inner part here and the
		// tees replace the sides below.
		lines = append(lines, "")
	}
	rows := p.rows()
	switch {
	case len(p.shown) == 0 && len(p.items) == 0:
		lines = append(lines, pt.empty.on(fit(" Nothing to choose from.", inner)))
	case len(p.shown) == 0:
		lines = append(lines, pt.empty.on(p.noMatch(inner)))
	default:
		for i := p.offset; i < len(p.shown) && i < p.offset+rows; i++ {
			lines = append(lines, p.row(i, inner))
		}
	}
	footer := countText(len(p.shown)) + " of " + countText(len(p.items))
	out := frameLines(p.th, p.width, p.height, true, p.title, footer, lines)
	if p.rowsTop() == 2 {
		out[2] = pt.borderFocused.on("┣" + strings.Repeat("━", inner) + "┫")
	}
	return out
}

// noMatch is the empty-state line, exactly w cells: ` No match for “query”`,
// the query shortened to fit.
func (p picker) noMatch(w int) string {
	const pre, post = " No match for “", "”"
	q := strings.TrimSpace(p.input.Value())
	room := w - width(pre) - width(post)
	if room < 1 {
		return fit(" No match", w)
	}
	return fit(pre+truncate(q, room)+post, w)
}

// row draws shown row i in exactly w cells like a sidebar row: "▌ " before
// the cursor row, then the label and the note right-aligned and dim.
func (p picker) row(i, w int) string {
	it := p.items[p.shown[i]]
	const lead = 2 // "▌ " or "  "
	avail := w - lead
	if avail <= 0 {
		return spaces(w)
	}
	note := ""
	if it.Note != "" {
		note = truncate(it.Note, max(avail/3, 1))
	}
	nw := width(note)
	room := avail - nw
	if nw > 0 {
		room-- // a space between label and note
	}
	label := truncate(it.Label, room)
	gap := spaces(avail - width(label) - nw)
	pt := &p.th.p
	if i == p.cursor {
		return pt.marker.on("▌") + " " + pt.cursor.on(label+gap+note)
	}
	return "  " + label + gap + pt.count.on(note)
}
