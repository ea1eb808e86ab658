package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Hanging list items: Glamour wraps a list item's text back to the list's
// own indent, under the bullet. astGuard marks where each item's text
// starts (markListItems), and hangListItems, on Glamour's output, wraps
// the item again so that its lines start under its text:
//
//	• A first bullet that is long enough to wrap
//	  onto a second line
//	    1. A nested item, as long, wraps under its
//	       own text

// listMark is put where a list item's text starts. It is a control
// sequence (an OSC with a number no terminal uses), so no text of an
// article can hold it (the sanitizer removes every escape), Glamour
// passes it through as a sequence of no width, and hangListItems removes
// every one.
const listMark = "\x1b]7707;\a"

// markListItems puts listMark before the text of every list item whose
// first block is text.
func markListItems(doc *ast.Document) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindListItem {
			return ast.WalkContinue, nil
		}
		b := n.FirstChild()
		if b == nil || (b.Kind() != ast.KindTextBlock && b.Kind() != ast.KindParagraph) {
			return ast.WalkContinue, nil
		}
		// After a task's check box: Glamour draws a task item only when the
		// box comes first.
		if box := b.FirstChild(); box != nil && box.Kind() == extast.KindTaskCheckBox {
			b.InsertAfter(b, box, literal(listMark))
		} else {
			b.InsertBefore(b, box, literal(listMark))
		}
		return ast.WalkContinue, nil
	})
}

// minHang is the narrowest text a hanging item is wrapped to; narrower,
// Glamour's wrapping stays.
const minHang = 8

// hangListItems rewraps, in Glamour's output s for a text width columns
// wide, each marked list item — the line with listMark and the lines after
// it as far indented as the item's bullet, up to a blank line or the next
// item — to the columns after its bullet, and removes the marks.
func hangListItems(s string, width int) string {
	if !strings.Contains(s, listMark) {
		return s
	}
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		head, text, ok := strings.Cut(lines[i], listMark)
		if !ok {
			out = append(out, lines[i])
			continue
		}
		col := ansi.StringWidth(head)
		margin := itemMargin(head)
		pieces := []string{trimLineRight(text)}
		var rest []string // the continuation lines as they are
		for i+1 < len(lines) && isContinuation(lines[i+1], margin) {
			i++
			rest = append(rest, lines[i])
			pieces = append(pieces, trimLineRight(ansi.TruncateLeft(lines[i], ansi.StringWidth(margin), "")))
		}
		if width-col < minHang {
			out = append(append(out, head+text), rest...)
		} else {
			out = append(out, hangItem(head, margin, pieces, width)...)
		}
		// Glamour ends each nested list with blank lines of its own: one
		// blank line after an item is enough.
		if blanks := blankRun(lines[i+1:]); blanks > 1 {
			out = append(out, lines[i+1])
			i += blanks
		}
	}
	return strings.ReplaceAll(strings.Join(out, "\n"), listMark, "")
}

// hangItem wraps the text of a list item, in pieces (the first after
// head, the line up to the item's text), to the columns after head; its
// lines after the first start with the margin (see itemMargin) and
// spaces up to the text.
func hangItem(head, margin string, pieces []string, width int) []string {
	col := ansi.StringWidth(head)
	wrapped := carrySGR(strings.Split(ansi.Wordwrap(strings.Join(pieces, " "), width-col, ""), "\n"))
	out := []string{head + wrapped[0]}
	// The margin as the item's line draws it (a quote's bar), then
	// spaces to the text.
	hang := ansi.Truncate(head, ansi.StringWidth(margin), "")
	if strings.Contains(hang, "\x1b[") {
		hang += "\x1b[m"
	}
	hang += strings.Repeat(" ", col-ansi.StringWidth(margin))
	for _, w := range wrapped[1:] {
		out = append(out, hang+w)
	}
	return out
}

// blankRun returns how many of lines, from the first, are blank.
func blankRun(lines []string) int {
	n := 0
	for n < len(lines) && strings.TrimSpace(ansi.Strip(lines[n])) == "" {
		n++
	}
	return n
}

// itemMargin returns what a list item's line shows before its bullet: the
// spaces of its indent and the tokens of the quotes around it.
func itemMargin(head string) string {
	vis := ansi.Strip(head)
	return vis[:len(vis)-len(strings.TrimLeft(vis, " │|"))]
}

// isContinuation reports whether line goes on with the text of a list item
// whose bullet comes after margin: it is not another item, and it starts
// with margin and then text.
func isContinuation(line, margin string) bool {
	if strings.Contains(line, listMark) {
		return false
	}
	rest, ok := strings.CutPrefix(ansi.Strip(line), margin)
	return ok && rest != "" && rest[0] != ' '
}

// carrySGR ends the SGR styles still in force at the end of each line and
// starts them again on the next, as Glamour does for the lines it wraps.
func carrySGR(lines []string) []string {
	active := ""
	for i, l := range lines {
		l = active + l
		var state byte
		for j := 0; j < len(l); {
			seq, _, n, st := ansi.DecodeSequence(l[j:], state, nil)
			state, j = st, j+n
			if strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") {
				if seq == "\x1b[m" || seq == "\x1b[0m" {
					active = ""
				} else {
					active += seq
				}
			}
		}
		if active != "" {
			l += "\x1b[m"
		}
		lines[i] = l
	}
	return lines
}
