package ui

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// renderPlainBody renders plain text alone (no header) the way Render renders
// a plain-text body, and returns the visible text.
func renderPlainBody(t testing.TB, text string, width int, style RenderStyle) string {
	t.Helper()
	p := newGlamourPipeline(rendererKey{width: width, style: style, plain: true})
	raw, err := p.render(plainToMarkdown(text))
	if err != nil {
		t.Fatalf("render %q: %v", text, err)
	}
	return finishRender(raw, width)
}

func TestPlainToMarkdownRendersTheText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"hash seed", "#1 seed beats #16", "#1 seed beats #16"},
		{"heading marker", "# Not a heading", "# Not a heading"},
		{"h2 marker", "## Nor this ##", "## Nor this ##"},
		{"star", "* star", "* star"},
		{"dash", "- dash", "- dash"},
		{"plus", "+ plus", "+ plus"},
		{"ordered dot", "1. item", "1. item"},
		{"ordered paren", "2) item", "2) item"},
		{"quote", "> quote", "> quote"},
		{"emphasis", "_under_ and *star* and **both**", "_under_ and *star* and **both**"},
		{"strikethrough", "~~struck~~ and ~one~", "~~struck~~ and ~one~"},
		{"setext equals", "Title\n===", "Title\n==="},
		{"setext dashes", "Title\n---", "Title\n---"},
		{"rule dashes", "---", "---"},
		{"rule stars", "***", "***"},
		{"rule underscores", "___", "___"},
		{"backticks", "run `ls -l` now", "run `ls -l` now"},
		{"fence", "```\nnot code\n```", "```\nnot code\n```"},
		{"tilde fence", "~~~\nnot code\n~~~", "~~~\nnot code\n~~~"},
		{"html", "<html> and <b>bold</b>", "<html> and <b>bold</b>"},
		{"html comment", "<!-- hidden? -->", "<!-- hidden? -->"},
		{"script", "<script>alert(1)</script>", "<script>alert(1)</script>"},
		{"link", "[x](y)", "[x](y)"},
		{"image", "![alt](pic.png)", "![alt](pic.png)"},
		{"reference definition", "[ref]: https://example.com", "[ref]: https://example.com"},
		{"table", "|a|b|\n|---|---|\n|1|2|", "|a|b|\n|---|---|\n|1|2|"},
		{"four spaces", "    four spaces", "    four spaces"},
		{"tab", "\tTabbed", "    Tabbed"},
		{"one space", " one space", " one space"},
		{"backslash", `back\slash \ and \*`, `back\slash \ and \*`},
		{"trailing backslash", "ends with\\\nnext", "ends with\\\nnext"},
		{"entity", "AT&amp;T &copy; &#42; &", "AT&amp;T &copy; &#42; &"},
		{"autolink", "<https://example.com>", "<https://example.com>"},
		{"bare url", "see https://example.com/a_b_c now", "see https://example.com/a_b_c now"},
		{"www", "www.example.com", "www.example.com"},
		{"email", "write to desk@example.com", "write to desk@example.com"},
		{"definition", "Term\n: definition", "Term\n: definition"},
		{"task", "- [ ] task", "- [ ] task"},
		{"footnote", "a[^1] b", "a[^1] b"},
		{"braces", "{x} (y) !z |w", "{x} (y) !z |w"},
		{"lines kept", "line one\nline two", "line one\nline two"},
		{"paragraphs", "para one\n\n\n\npara two", "para one\n\npara two"},
		{"blank with spaces", "para one\n   \t \npara two", "para one\n\npara two"},
		{"hard break spaces", "trailing  \nspaces", "trailing\nspaces"},
		{"crlf", "one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"},
		{"leading blank", "\n\n  \nfirst", "first"},
		{"unicode", "Zürich — 東京 · ½ “quoted”", "Zürich — 東京 · ½ “quoted”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(renderPlainBody(t, tt.in, 80, StylePlain), "\n")
			if got != tt.want {
				t.Errorf("plainToMarkdown(%q) = %q\nrendered %q\nwant      %q", tt.in, plainToMarkdown(tt.in), got, tt.want)
			}
			if strings.Contains(got, "•") {
				t.Errorf("rendered a bullet: %q", got)
			}
			// The coloured styles show the same text.
			dark := strings.TrimSuffix(ansi.Strip(renderPlainBody(t, tt.in, 80, StyleDark)), "\n")
			if dark != tt.want {
				t.Errorf("dark style rendered %q, want %q", dark, tt.want)
			}
		})
	}
}

func TestPlainToMarkdownSource(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1. item", `1\. item`},
		{"    code", "&#32;&#32;&#32;&#32;code"},
		{"a=b: c@d ~e & f", "a&#61;b&#58; c&#64;d &#126;e &amp; f"},
		{`\`, `\\`},
		{"one\ntwo\n\nthree", "one\ntwo\n\nthree"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainToMarkdown(tt.in); got != tt.want {
			t.Errorf("plainToMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainToMarkdownWraps(t *testing.T) {
	text := "A long paragraph of invented news about the harbour committee, which met on Tuesday to discuss the cranes.\n" +
		"    An indented line that is long enough to wrap at twenty columns."
	for _, w := range []int{20, 40} {
		out := renderPlainBody(t, text, w, StylePlain)
		for i, l := range strings.Split(out, "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: line %d is %d wide: %q", w, i, lw, l)
			}
		}
		if got, want := wordsOf(out), wordsOf(text); got != want {
			t.Errorf("width %d: words %q, want %q", w, got, want)
		}
	}
}

func TestEscapeInline(t *testing.T) {
	if got, want := escapeInline("  # Title\n\twith  *gaps*  "), `\# Title with \*gaps\*`; got != want {
		t.Errorf("escapeInline = %q, want %q", got, want)
	}
}

func TestCountText(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1204: "1,204", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := countText(n); got != want {
			t.Errorf("countText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFilterHyperlinks(t *testing.T) {
	link := func(uri string) string { return "\x1b]8;id=1;" + uri + "\a" }
	const reset = "\x1b]8;;\a"
	tests := []struct {
		name, in, web, none string
	}{
		{"no links", "plain \x1b[1mbold\x1b[m", "plain \x1b[1mbold\x1b[m", "plain \x1b[1mbold\x1b[m"},
		{"https kept", link("https://a.example/x") + "a" + reset, link("https://a.example/x") + "a" + reset, "a"},
		{"http kept", link("HTTP://a.example") + "a" + reset, link("HTTP://a.example") + "a" + reset, "a"},
		{"javascript", link("javascript:alert(1)") + "click" + reset + " after", "click after", "click after"},
		{"file", link("file:///etc/passwd") + "f" + reset, "f", "f"},
		{"data", link("data:text/html,x") + "d" + reset, "d", "d"},
		{"relative", link("/about") + "r" + reset, "r", "r"},
		{"no host", link("https:///x") + "h" + reset, "h", "h"},
		{"ST terminator", "\x1b]8;;javascript:x\x1b\\j\x1b]8;;\x1b\\", "j", "j"},
		{"unterminated", "a\x1b]8;;javascript:x b", "a;javascript:x b", "a;javascript:x b"},
		{
			"bad inside good ends good",
			link("https://a.example") + "a" + link("javascript:x") + "b" + reset + "c",
			link("https://a.example") + "a" + reset + "bc",
			"abc",
		},
		{"stray reset", "x" + reset + "y", "xy", "xy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := filterHyperlinks(tt.in, model.IsWebURL); got != tt.web {
				t.Errorf("filterHyperlinks(web) = %q, want %q", got, tt.web)
			}
			if got := StripHyperlinks(tt.in); got != tt.none {
				t.Errorf("StripHyperlinks = %q, want %q", got, tt.none)
			}
		})
	}
}

func TestTrimLineRight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text   ", "text"},
		{"\x1b[38;5;252mtext\x1b[m\x1b[38;5;252m \x1b[m\x1b[38;5;252m \x1b[m", "\x1b[38;5;252mtext\x1b[m"},
		{"\x1b[38;5;252m \x1b[m\x1b[38;5;252m \x1b[m", ""},
		{"\x1b]8;;https://a.example\alink\x1b]8;;\a  ", "\x1b]8;;https://a.example\alink\x1b]8;;\a"},
		{"  indented", "  indented"},
		{"東京  ", "東京"},
		{"", ""},
	}
	for _, tt := range tests {
		got := trimLineRight(tt.in)
		if ansi.Strip(got) != ansi.Strip(tt.want) || strings.Contains(got, " \x1b[m") {
			t.Errorf("trimLineRight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzPlainToMarkdown checks that plain text survives Markdown: rendering
// plainToMarkdown(s) shows exactly the characters of s (whitespace aside,
// as wrapping changes it), and no line is wider than the width.
func FuzzPlainToMarkdown(f *testing.F) {
	for _, s := range []string{
		"#1 seed", "* star", "_under_", "1. item", "> quote", "- dash", "+ plus", "===", "---",
		"`tick`", "<html>", "[x](y)", "|table|", "    code", `\`, "&amp;", "a~~b~~", "Term\n: def",
		"www.example.com https://example.com a@b.example", "line one\nline two\n\npara",
		"東京 Zürich ½", "\t*\t_\t", "&#42;", "\\&amp;", "<!-- x", "[ref]: /u\n[ref]",
	} {
		f.Add(s, uint8(20))
	}
	f.Fuzz(func(t *testing.T, s string, w uint8) {
		if hasControl(s) {
			t.Skip("bodies are sanitized: no control characters")
		}
		width := max(int(w), minRenderWidth)
		out := renderPlainBody(t, s, width, StylePlain)
		if strings.Contains(out, "\x1b") {
			t.Fatalf("escape sequence in plain output %q", out)
		}
		if got, want := nonSpace(out), nonSpace(strings.ToValidUTF8(s, "\uFFFD")); got != want {
			t.Fatalf("plainToMarkdown(%q) = %q rendered %q:\n got %q\nwant %q", s, plainToMarkdown(s), out, got, want)
		}
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > width {
				t.Fatalf("line wider than %d: %q", width, l)
			}
		}
	})
}

// hasControl reports whether s has a C0 or C1 control character other than
// tab, newline and carriage return.
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return true
		}
	}
	return false
}

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func wordsOf(s string) string { return strings.Join(strings.Fields(s), " ") }
