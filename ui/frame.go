package ui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
)

// Border runes: rounded for panes without focus, heavy for the focused one,
// so focus shows even without colour.
type borderRunes struct{ tl, tr, bl, br, h, v string }

var (
	borderNormal  = borderRunes{"╭", "╮", "╰", "╯", "─", "│"}
	borderFocused = borderRunes{"┏", "┓", "┗", "┛", "━", "┃"}
)

// box draws a pane of exactly w×h cells: a border with title set into the
// top edge and footer into the bottom edge, around lines fitted to the inner
// width. Missing lines are blank and extra lines are dropped.
func box(th *Theme, w, h int, focused bool, title, footer string, lines []string) string {
	return strings.Join(boxLines(th, w, h, focused, title, footer, lines), "\n")
}

// boxLines is box as a slice of screen lines.
func boxLines(th *Theme, w, h int, focused bool, title, footer string, lines []string) []string {
	fitted := make([]string, min(len(lines), max(h-2, 0)))
	for i := range fitted {
		fitted[i] = fit(lines[i], w-2)
	}
	return frameLines(th, w, h, focused, title, footer, fitted)
}

// frame is box for lines that are already exactly w-2 cells wide (rows the
// panes build to measure, pre-fitted reader text): it measures nothing, so
// a frame costs the same whatever is loaded.
func frame(th *Theme, w, h int, focused bool, title, footer string, lines []string) string {
	return strings.Join(frameLines(th, w, h, focused, title, footer, lines), "\n")
}

// frameLines is frame as a slice of screen lines.
func frameLines(th *Theme, w, h int, focused bool, title, footer string, lines []string) []string {
	if w < 2 || h < 2 {
		return strings.Split(blank(w, h), "\n")
	}
	br, bp, tp := borderNormal, th.p.border, th.p.title
	if focused {
		br, bp, tp = borderFocused, th.p.borderFocused, th.p.titleFocused
	}
	inner := w - 2
	out := make([]string, 0, h)
	// Top edge: ╭─ Title ───╮
	out = append(out, edge(bp, tp, br.tl, br.h, br.tr, title, inner, false))
	side := bp.on(br.v)
	pad := strings.Repeat(" ", inner)
	for i := 0; i < h-2; i++ {
		if i < len(lines) {
			out = append(out, side+lines[i]+side)
		} else {
			out = append(out, side+pad+side)
		}
	}
	out = append(out, edge(bp, th.p.footer, br.bl, br.h, br.br, footer, inner, true))
	return out
}

// edge draws a horizontal border of inner width with a label in it: on the
// left for titles, on the right for footers.
func edge(bp, lp paint, left, h, right, label string, inner int, alignRight bool) string {
	if label != "" && inner >= 6 {
		label = truncate(label, inner-4)
		fill := inner - width(label) - 3
		if alignRight {
			return bp.on(left+strings.Repeat(h, fill)+" ") + lp.on(label) + bp.on(" "+h+right)
		}
		return bp.on(left+h+" ") + lp.on(label) + bp.on(" "+strings.Repeat(h, fill)+right)
	}
	return bp.on(left + strings.Repeat(h, inner) + right)
}

// width is the display width of s, the grapheme-aware width Lip Gloss
// measures (ansi.StringWidth), with a fast path for text without escape
// sequences in scripts whose characters are one cell each and never join
// a neighbour (Latin, Greek, Cyrillic: below U+0300 but the soft hyphen,
// and U+0370–U+052F apart from combining marks). Anything else (Thai's
// and Lao's vowels that share a cell, CJK, emoji) goes to
// ansi.StringWidth.
func width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f, r >= 0xa0 && r < 0x300 && r != 0xad:
			n++
		case r >= 0x370 && r < 0x530 && !unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me, unicode.Cf):
			// (Marks and format characters such as U+0605, which joins
			// the next character, share a cell with a neighbour.)
			n++
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// fit truncates s (ANSI-aware) or pads it with spaces to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = trimJoiners(s)
	sw := width(s)
	if sw > w {
		s = truncate(s, w)
		sw = width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// truncate shortens s to at most w cells with an ellipsis; it never pads.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = trimJoiners(s)
	if width(s) <= w {
		return s
	}
	if plainASCII(s) {
		return s[:w-1] + "…"
	}
	return ansi.Truncate(s, w, "…")
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// blank returns w×h spaces.
func blank(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	line := strings.Repeat(" ", w)
	return strings.TrimSuffix(strings.Repeat(line+"\n", h), "\n")
}

// joinColumns puts blocks of lines side by side. Every block has the same
// number of lines, each already of its block's width (frame output).
func joinColumns(blocks ...[]string) string {
	n, size := 0, 0
	for _, b := range blocks {
		n = max(n, len(b))
		for _, l := range b {
			size += len(l)
		}
	}
	var sb strings.Builder
	sb.Grow(size + n)
	for row := 0; row < n; row++ {
		if row > 0 {
			sb.WriteByte('\n')
		}
		for _, lines := range blocks {
			if row < len(lines) {
				sb.WriteString(lines[row])
			}
		}
	}
	return sb.String()
}

// countText writes n with thousands separators: 1234567 → 1,234,567. It
// is the interface's one way to write a count.
func countText(n int) string { return humanize.Comma(int64(n)) }

// readsCell writes a read count in at most five cells: 999, 1.2k, 12k,
// 1.2M. Unknown counts are blank.
func readsCell(n int) string {
	switch {
	case n < 0:
		return ""
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10_000:
		return strconv.FormatFloat(float64(n/100)/10, 'f', 1, 64) + "k"
	case n < 1_000_000:
		return strconv.Itoa(n/1000) + "k"
	case n < 10_000_000:
		return strconv.FormatFloat(float64(n/100_000)/10, 'f', 1, 64) + "M"
	}
	return strconv.Itoa(n/1_000_000) + "M"
}

// plural returns "1 article", "2 articles" (with thousands separators).
func pluralize(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return countText(n) + " " + many
}

// trimJoiners drops the characters that join a neighbour into one cell
// from the ends of s: at its start, marks and emoji modifiers (they would
// join the cell before), at its end, prepended marks such as the Arabic
// number signs U+0600–U+0605 (they would swallow the padding after it).
// Either would shift the rest of the row.
func trimJoiners(s string) string {
	if s == "" || (s[0] < 0x80 && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimRightFunc(strings.TrimLeftFunc(s, isExtend), isPrepend)
}

// isExtend reports whether r joins the character before it
// (Grapheme_Cluster_Break=Extend or ZWJ, roughly: marks, the zero-width
// joiner, variation selectors and emoji modifiers).
func isExtend(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200d ||
		(r >= 0xfe00 && r <= 0xfe0f) || (r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f)
}

// isPrepend reports whether r is a prepended concatenation mark (Unicode's
// Grapheme_Cluster_Break=Prepend format characters).
func isPrepend(r rune) bool {
	switch {
	case r >= 0x600 && r <= 0x605, r == 0x6dd, r == 0x70f, r == 0x890, r == 0x891, r == 0x8e2,
		r == 0x110bd, r == 0x110cd:
		return true
	}
	return false
}
