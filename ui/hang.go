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

// listMark is put where a list item's text starts, and paraMark where
// each later paragraph of the item starts. They are control sequences (an
// OSC with a number no terminal uses), so no text of an article can hold
// them (the sanitizer removes every escape), Glamour passes them through
// as sequences of no width, and hangListItems removes every one.
const (
	listMark = "\x1b]7707;\a"
	paraMark = "\x1b]7708;\a"
)

// markListItems puts listMark before the text of every list item whose
// first block is text, and paraMark before its later paragraphs.
func markListItems(doc *ast.Document) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindListItem {
			return ast.WalkContinue, nil
		}
		first := n.FirstChild()
		if first == nil || !isTextBlock(first) {
			return ast.WalkContinue, nil
		}
		// After a task's check box: Glamour draws a task item only when the
		// box comes first.
		if box := first.FirstChild(); box != nil && box.Kind() == extast.KindTaskCheckBox {
			first.InsertAfter(first, box, literal(listMark))
		} else {
			first.InsertBefore(first, box, literal(listMark))
		}
		for b := first.NextSibling(); b != nil; b = b.NextSibling() {
			if isTextBlock(b) {
				b.InsertBefore(b, b.FirstChild(), literal(paraMark))
			}
		}
		return ast.WalkContinue, nil
	})
}

func isTextBlock(n ast.Node) bool {
	return n.Kind() == ast.KindTextBlock || n.Kind() == ast.KindParagraph
}

// minHang is the narrowest text a hanging item is wrapped to; narrower,
// Glamour's wrapping stays.
const minHang = 8

// hangListItems rewraps, in Glamour's output s for a text width columns
// wide, each marked list item's paragraphs — the line with the mark and
// the lines after it that go on with its text (isContinuation) — to the
// columns after the item's bullet, and removes the marks.
func hangListItems(s string, width int) string {
	if !strings.Contains(s, listMark) && !strings.Contains(s, paraMark) {
		return s
	}
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	cols := map[string]int{} // an item's margin → the column of its text
	for i := 0; i < len(lines); i++ {
		orig := lines[i]
		head, text, ok := strings.Cut(orig, listMark)
		var margin string
		switch {
		case ok:
			margin = itemMargin(head)
			cols[margin] = ansi.StringWidth(head)
		case strings.Contains(orig, paraMark):
			// A later paragraph of the item whose bullet it is level with.
			head, text, _ = strings.Cut(orig, paraMark)
			margin = itemMargin(head)
			col, known := cols[margin]
			if !known || ansi.StringWidth(head) != ansi.StringWidth(margin) {
				out = append(out, orig)
				continue
			}
			head += strings.Repeat(" ", col-ansi.StringWidth(margin))
		default:
			out = append(out, orig)
			continue
		}
		pieces := []string{trimLineRight(text)}
		rest := []string{} // the continuation lines as they are
		for i+1 < len(lines) && isContinuation(lines[i+1], margin) {
			i++
			rest = append(rest, lines[i])
			pieces = append(pieces, trimLineRight(ansi.TruncateLeft(lines[i], ansi.StringWidth(margin), "")))
		}
		if width-ansi.StringWidth(head) < minHang {
			out = append(append(out, orig), rest...)
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
	return strings.NewReplacer(listMark, "", paraMark, "").Replace(strings.Join(out, "\n"))
}

// hangItem wraps the text of a list item's paragraph, in pieces (the
// first after head, the line up to the item's text), to the columns after
// head; its lines after the first start with the margin (see itemMargin)
// and spaces up to the text.
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
// whose bullet comes after margin: it holds no mark (another item or
// paragraph), and it starts with margin and then text — not a space (a
// code block, a deeper list) nor a quote's bar (a quote in the item).
func isContinuation(line, margin string) bool {
	if strings.Contains(line, listMark) || strings.Contains(line, paraMark) {
		return false
	}
	rest, ok := strings.CutPrefix(ansi.Strip(line), margin)
	return ok && rest != "" && !strings.ContainsAny(rest[:1], " |") && !strings.HasPrefix(rest, "│")
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
