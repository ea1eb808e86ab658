package ui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestWidthIsLipglossWidth: the cells newsline measures (width, which
// has a fast path) are the ones Lip Gloss measures, character by
// character below U+1100 and on text that joins into one grapheme.
func TestWidthIsLipglossWidth(t *testing.T) {
	for r := rune(0x20); r < 0x1100; r++ {
		s := "a" + string(r) + "b"
		if got, want := width(s), lipgloss.Width(s); got != want {
			t.Errorf("%U: width %d, Lip Gloss %d", r, got, want)
		}
	}
	for _, s := range []string{"•霧見町の自動", "e\u0301te", "กำ", "👩‍💻 dev", "🇯🇵", "Ωμέγα", "Кириллица"} {
		if got, want := width(s), lipgloss.Width(s); got != want {
			t.Errorf("%q: width %d, Lip Gloss %d", s, got, want)
		}
	}
}

// TestOverLineKeepsColumns: the box goes exactly at column x and the
// line keeps its width, whatever wide characters its edges cut.
func TestOverLineKeepsColumns(t *testing.T) {
	tests := []struct{ bg, b string }{
		{"abcdefgh", "[XY]"},
		{"a霧見町の自動b", "[XY]"}, // both edges cut a wide character
		{"ab霧見町の自動", "[XY]"}, // no edge does
		{"霧見", "[XY]"},       // b reaches past the line
	}
	for _, tt := range tests {
		for x := 0; x <= 4; x++ {
			got := overLine(tt.bg, tt.b, x)
			want := max(width(tt.bg), x+width(tt.b))
			if width(got) != want || ansi.Cut(got, x, x+width(tt.b)) != tt.b {
				t.Errorf("overLine(%q, %q, %d) = %q (%d cells), want %d cells with the box at %d", tt.bg, tt.b, x, got, width(got), want, x)
			}
		}
	}
}

// TestTagPickerWithCJKIsStraight: with CJK tags and titles under it, the
// T picker's lines are all as wide as the box, its sides are in one
// column, and every line of the screen keeps the terminal's width.
func TestTagPickerWithCJKIsStraight(t *testing.T) {
	for _, pre := range []string{"", "a"} { // move the titles' wide characters by a cell
		arts := fixtureArticles()
		for i := range arts {
			arts[i].Title = pre + "•霧見町の自動運転バスが試験運行を開始 " + arts[i].Title
			arts[i].Tags = append(arts[i].Tags, "霧見町の自動運転バス"+strings.Repeat("霧", i*2))
		}
		for _, w := range []int{80, 120, 121, 160} {
			t.Run(fmt.Sprintf("%q/%d", pre, w), func(t *testing.T) {
				m := loadedApp(t, fixtureOptions(), w, 30, arts)
				m = keys(t, m, "T")
				m = typeText(t, m, "霧見町の")
				if m.overlay != overlayPicker {
					t.Fatal("the picker is not open")
				}
				p := m.picker
				for i, l := range p.viewLines() {
					if lw := lipgloss.Width(l); lw != p.width {
						t.Errorf("picker line %d: %d cells, want %d: %q", i, lw, p.width, ansi.Strip(l))
					}
				}
				// A filter longer than its box scrolls within it.
				long := typeText(t, m, strings.Repeat("霧a", 30))
				for i, l := range long.picker.viewLines() {
					if lw := lipgloss.Width(l); lw != p.width {
						t.Errorf("long filter: picker line %d: %d cells, want %d: %q", i, lw, p.width, ansi.Strip(l))
					}
				}
				lines := strings.Split(screenText(m), "\n")
				for i, l := range lines {
					if lw := lipgloss.Width(l); lw != w {
						t.Errorf("screen line %d: %d cells, want %d: %q", i, lw, w, l)
					}
					if i < p.originY || i >= p.originY+p.height {
						continue
					}
					left, right := ansi.Cut(l, p.originX, p.originX+1), ansi.Cut(l, p.originX+p.width-1, p.originX+p.width)
					if !strings.ContainsAny(left, "┃┏┗┣") || !strings.ContainsAny(right, "┃┓┛┫") {
						t.Errorf("screen line %d: sides %q and %q: %q", i, left, right, l)
					}
				}
			})
		}
	}
}
