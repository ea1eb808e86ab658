package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWidthAgreesWithGraphemes: the fast path of width gives what
// ansi.StringWidth does, for text where a character shares a cell with its
// neighbour (a FuzzPicker finding: U+0605 joins the next character).
func TestWidthAgreesWithGraphemes(t *testing.T) {
	for _, s := range []string{
		"plain", "Zürich", "Ελλάδα", "Москва", "\u0605 0", "\u0600\u0661\u0662", "का", "किताब",
		"e\u0301", "\u06dd ", "\u070f x", "\u180e x", "ab\u0903c", "\u20dd x", "\u0605", "ab\u0605", "\u0600\u0605", "\U0001F3FD", "\u0301x", "\u200dx", "\ufe0fx", "👍🏽",
	} {
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
		// In a row, between cells: the row keeps its width.
		if got := ansi.StringWidth("  " + fit(s, 12) + " 9"); got != 16 {
			t.Errorf("a row with fit(%q, 12) is %d cells wide, want 16", s, got)
		}
	}
}
