package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestShortAddress(t *testing.T) {
	for _, tc := range []struct {
		u     string
		width int
		want  string
	}{
		{"https://news.example.org/2026/03/harbour/", 80, "news.example.org/2026/03/harbour"},
		{"https://news.example.org/2026/03/harbour/pilots", 24, "news.example.org/2026/0…"},
		{"http://a.example", 0, "a.example"},
		{"gopher://old.example/1/news", 80, "gopher://old.example/1/news"},
		{"  ", 80, ""},
		{"https://日本.example/記事/とても長い題名", 16, "https://日本.ex…"}, // not printable ASCII: not a web address
	} {
		got := shortAddress(tc.u, tc.width)
		if got != tc.want {
			t.Errorf("shortAddress(%q, %d) = %q, want %q", tc.u, tc.width, got, tc.want)
		}
		if tc.width > 0 && ansi.StringWidth(got) > tc.width {
			t.Errorf("shortAddress(%q, %d) = %q: too wide", tc.u, tc.width, got)
		}
	}
}

// TestHeaderTagsStayWhole: a tag with spaces is one tag on screen, at any
// width, in every style.
func TestHeaderTagsStayWhole(t *testing.T) {
	doc := plainDoc()
	doc.Tags = []string{"Open Source", "Science", "Harbour  Works Weekly"}
	r := NewRenderer()
	for _, style := range []RenderStyle{StyleDark, StylePlain} {
		for _, width := range []int{24, 40, 80} {
			vis := visible(mustRender(t, r, doc, width, style))
			for _, tag := range []string{"#Open\u00a0Source", "#Harbour\u00a0Works\u00a0Weekly", "#Science"} {
				if !strings.Contains(vis, tag) {
					t.Errorf("style %d width %d: tag %q not whole in\n%s", style, width, tag, vis)
				}
			}
			if !strings.Contains(wordsOf(vis), "#Open Source · #Science · #Harbour Works Weekly") {
				t.Errorf("style %d width %d: tags not separated in\n%s", style, width, vis)
			}
		}
	}
}
