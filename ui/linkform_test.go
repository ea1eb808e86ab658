package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// The articles here are invented.

const pilotsAddress = "https://example.net/pilots/news/2026/03/statement-on-the-new-harbour-dues?lang=en&ref=rss-feed"

// TestLinkShownOnce: a link reads "text (host) [n]", its address is printed
// once, in the list after the body, and its text and label are one
// hyperlink to it, on the lines that show the host when they wrap.
func TestLinkShownOnce(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, "A statement from the [pilots' association]("+pilotsAddress+") was read out.")
	r := NewRenderer()
	for _, width := range []int{24, 40, 80, 200} {
		for _, style := range []RenderStyle{StyleDark, StylePlain} {
			out := mustRender(t, r, doc, width, style)
			vis := visible(out)
			flatVis := wordsOf(vis)
			if !strings.Contains(flatVis, "pilots' association (example.net) [1]") {
				t.Errorf("width %d style %d: no text (host) [n] in\n%s", width, style, vis)
			}
			if n := strings.Count(flatText(vis), flatText(pilotsAddress)); n != 1 {
				t.Errorf("width %d style %d: address printed %d times in\n%s", width, style, n, vis)
			}
			if links := bodyLinks(doc); !slices.Equal(links, []string{pilotsAddress}) {
				t.Errorf("bodyLinks = %q", links)
			}
			for i, line := range strings.Split(out, "\n") {
				if opens, ends := strings.Count(line, osc8+"id="), strings.Count(line, osc8+";"); opens != ends {
					t.Errorf("width %d style %d: line %d opens %d hyperlinks and ends %d: %q", width, style, i, opens, ends, line)
				}
			}
			// The link is clickable where its host shows: all of it when it
			// fits on one line, else the line with the host.
			want := "(example.net) [1]"
			if width >= 80 {
				want = "pilots' association (example.net) [1]"
			}
			if linked := hyperlinkedText(out, pilotsAddress); !strings.Contains(wordsOf(linked), want) {
				t.Errorf("width %d style %d: hyperlinked text %q, want %q in it", width, style, linked, want)
			}
			checkTerminalSafe(t, "pilots", out)
		}
	}
}

// hyperlinkedText returns the text of out inside hyperlinks to uri.
func hyperlinkedText(out, uri string) string {
	var b strings.Builder
	for _, part := range strings.Split(out, osc8)[1:] {
		_, rest, _ := strings.Cut(part, ";")
		if target, text, ok := strings.Cut(rest, "\a"); ok && target == uri {
			b.WriteString(ansi.Strip(text) + " ")
		}
	}
	return b.String()
}

// flatText is s without white space.
func flatText(s string) string { return strings.Join(strings.Fields(s), "") }

func TestLinkWhere(t *testing.T) {
	for _, tc := range []struct{ dest, want string }{
		{"https://example.net/a?b=c", "example.net"},
		{"HTTP://Caps.Example:8080/x", "Caps.Example:8080"},
		{"https://good.example@evil.example/login", "evil.example"},
		{"https://good.example:pw@evil.example", "evil.example"},
		{"http://%25zz", "http://%25zz"},
		{"mailto:desk@quay.example", "desk@quay.example"},
		{"javascript:alert(1)", "javascript:"},
		{"file:///etc/passwd", "file:"},
		{"/about", "/about"},
		{"notes.html#top", "notes.html#top"},
	} {
		if got := linkWhere(tc.dest); got != tc.want {
			t.Errorf("linkWhere(%q) = %q, want %q", tc.dest, got, tc.want)
		}
	}
}

func TestWrapAddress(t *testing.T) {
	for _, tc := range []struct {
		u     string
		width int
		want  []string
	}{
		{"https://a.example/x", 40, []string{"https://a.example/x"}},
		{"https://a.example/x", 0, []string{"https://a.example/x"}},
		{pilotsAddress, 36, []string{"https://example.net/pilots/news/", "2026/03/statement-on-the-new-", "harbour-dues?lang=en&ref=rss-feed"}},
		{"https://example.averyveryverylonghostname.net/a", 20, []string{"https://example.aver", "yveryverylonghostnam", "e.net/a"}},
		{"https://example.org/path/with/ünïcödé/日本語のページ", 20, []string{"https://example.org/", "path/with/ünïcödé/", "日本語のページ"}},
	} {
		got := wrapAddress(tc.u, tc.width)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrapAddress(%q, %d) = %q, want %q", tc.u, tc.width, got, tc.want)
		}
		if strings.Join(got, "") != tc.u {
			t.Errorf("wrapAddress(%q, %d) lost text: %q", tc.u, tc.width, got)
		}
		for _, l := range got {
			if tc.width > 0 && ansi.StringWidth(l) > tc.width {
				t.Errorf("wrapAddress(%q, %d): %q too wide", tc.u, tc.width, l)
			}
		}
	}
}

// TestLinkListWraps: a long address in the list after the body wraps at a
// path or query boundary, its lines hanging under its first.
func TestLinkListWraps(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, "The [pilots]("+pilotsAddress+") and [the quay](https://q.example/).")
	out := mustRender(t, NewRenderer(), doc, 40, StylePlain)
	section, ok := linksSection(visible(out))
	want := []string{
		"[1] https://example.net/pilots/news/",
		"    2026/03/statement-on-the-new-",
		"    harbour-dues?lang=en&ref=rss-feed",
		"[2] https://q.example/",
	}
	if !ok || !slices.Equal(section, want) {
		t.Errorf("links section:\n%s\nwant\n%s", strings.Join(section, "\n"), strings.Join(want, "\n"))
	}
}
