package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// The lists here are invented.

const listBody = `The harbour board's agenda:

- Dredging the channel by the old quay before the spring tides come in
- [ ] Painting the crane cabs in the colours the volunteers chose last winter
- Lights
  - Replacing the green light on the north pier, which has been out since January
    1. Ordering the lamp from the supplier in Rotterdam, who has not answered
    2. Fitting it

1. Minutes of the last meeting, read and approved without amendment by all present
2. Any other business

> - A quoted item about the ferry timetable, long enough to wrap here too
`

// TestRenderListsGolden keeps lists at narrow widths: a wrapped item's
// lines start under its text, nested items further in.
func TestRenderListsGolden(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, listBody)
	r := NewRenderer()
	for _, w := range []int{28, 44} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			golden.RequireEqual(t, []byte(mustRender(t, r, doc, w, StylePlain)))
		})
	}
}

// TestListItemsHang checks, in every style, that the line after the
// first line of a wrapped item starts where the item's text starts.
func TestListItemsHang(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, listBody)
	r := NewRenderer()
	for _, style := range []RenderStyle{StyleDark, StyleLight, StylePlain} {
		for _, width := range []int{28, 44} {
			out := mustRender(t, r, doc, width, style)
			if strings.Contains(out, listMark) {
				t.Errorf("style %d width %d: a list mark is left: %q", style, width, out)
			}
			if strings.Contains(visible(out), "\n\n\n") {
				t.Errorf("style %d width %d: two blank lines in a row:\n%s", style, width, visible(out))
			}
			lines := strings.Split(ansi.Strip(out), "\n")
			for _, first := range []string{"Dredging", "Replacing", "Ordering", "Painting", "Minutes", "A quoted"} {
				i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, first) })
				if i < 0 || i+1 >= len(lines) {
					t.Fatalf("style %d width %d: %q not found in\n%s", style, width, first, strings.Join(lines, "\n"))
				}
				col := ansi.StringWidth(lines[i][:strings.Index(lines[i], first)])
				next := lines[i+1]
				if got := ansi.StringWidth(next) - ansi.StringWidth(strings.TrimLeft(next, " │|")); got != col {
					t.Errorf("style %d width %d: the item %q goes on at column %d, not %d:\n%s", style, width, first, got, col, strings.Join(lines, "\n"))
				}
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > width {
					t.Errorf("style %d width %d: line too wide: %q", style, width, l)
				}
			}
		}
	}
}

// TestListParagraphsHang: the later paragraphs of a loose item start on a
// line of their own under the item's text, and a quote in an item stays a
// quote.
func TestListParagraphsHang(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, "1. **The channel.** Dredging the channel by the old quay before the spring tides.\n\n"+
		"   The board says the dredger is booked for April and will take three weeks at least.\n\n"+
		"2. **Lights.** The green light on the north pier.\n\n"+
		"   > A quote inside the item that goes on long enough to wrap.\n\nAfter the list.\n")
	out := mustRender(t, NewRenderer(), doc, 40, StylePlain)
	lines := strings.Split(visible(out), "\n")
	for _, want := range []string{"   The board says the dredger is booked", "   for April and will take three weeks", "| A quote inside the item that goes on", "After the list."} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, visible(out))
		}
	}
	if strings.Contains(out, paraMark) || strings.Contains(out, listMark) {
		t.Errorf("a mark is left: %q", out)
	}
}
