package ui

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// This file holds the text going into Glamour: text that is not Markdown —
// plain-text bodies, titles, metadata — becomes Markdown that renders as
// exactly that text, so nothing from a file can become Markdown structure.
// (Coming out, finish.go trims Glamour's output, fits it to the width and
// strips hyperlinks that do not point to web pages.)
//
// Escaping uses two mechanisms, both chosen for how Glamour renders text:
//
//   - A backslash escape for the punctuation Glamour itself unescapes
//     (its escapeReplacer): \ ` * _ { } [ ] < > ( ) # + - . ! |
//   - A numeric character reference for the other characters that mean
//     something to Glamour's Markdown dialect (GFM + definition lists):
//     & (entities), ~ (strikethrough, fences), = (setext headings),
//     : (definition lists, linkify of "http://"), @ (linkify of e-mail
//     addresses). Glamour decodes entities in text, and CommonMark never
//     reads an entity as structure. A backslash would show for these.
//
// Leading spaces become &#32; so they stay visible instead of starting an
// indented code block (or being stripped), and tabs become spaces so the
// cell width of every line is known.

// plainToMarkdown returns Markdown that renders as text: paragraphs are
// separated by blank lines and every other line break is kept as a line
// break. It is meant for a renderer with preserved newlines, where a single
// newline inside a paragraph stays a line break (see rendererKey.plain).
//
// Lines of one paragraph are not joined: news files often hold one
// paragraph per line with no blank line between, and joining would merge
// the whole article into one block. Text hard-wrapped narrower than the
// pane therefore keeps its short lines, which is what the file says.
func plainToMarkdown(text string) string { return plainMarkdown(text, false) }

// plainToMarkdownLinks is plainToMarkdown with the bare http(s) URLs of the
// text made autolinks (see bareURL), so that they are links, numbered like
// the links of a Markdown body (numberLinks). It still renders as the text.
func plainToMarkdownLinks(text string) string { return plainMarkdown(text, true) }

func plainMarkdown(text string, links bool) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")

	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	inPara, blank := false, false
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimRightFunc(expandTabs(line), unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			blank = inPara
			continue
		}
		if inPara {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		inPara, blank = true, false
		writeEscapedLine(&b, line, links)
	}
	return b.String()
}

// escapeInline returns s as Markdown inline text on one line: runs of
// whitespace (newlines included) become one space.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	writeEscapedLine(&b, s, false)
	return b.String()
}

// writeEscapedLine writes one line of text, escaped, to b; with links, its
// bare http(s) URLs as autolinks.
func writeEscapedLine(b *strings.Builder, line string, links bool) {
	lead := len(line) - len(strings.TrimLeft(line, " "))
	for range lead {
		b.WriteString("&#32;")
	}
	prev := ' ' // the rune before the one at i
	for i := lead; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if links && (r == 'h' || r == 'H') && !isWordRune(prev) {
			if n := bareURL(line[i:]); n > 0 {
				// An autolink is literal text up to its '>': nothing in it
				// is escaped or decoded, and bareURL admits no '<', '>',
				// space or control.
				b.WriteByte('<')
				b.WriteString(line[i : i+n])
				b.WriteByte('>')
				i += n
				prev, _ = utf8.DecodeLastRuneInString(line[:i])
				continue
			}
		}
		prev = r
		i += size
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '(', ')', '#', '+', '-', '.', '!', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '~', '=', ':', '@':
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(r)))
			b.WriteByte(';')
		default:
			b.WriteRune(r)
		}
	}
}

// bareURL returns the length of the http or https URL at the start of s, or
// 0 if there is none: "http://" or "https://" (any case), a host, and the
// rest up to white space, '<', '>', '"' or anything else that is not
// printed in an address as it is (see printableURL), without the
// punctuation that ends a sentence around it ("see https://example.com/a."
// links https://example.com/a) or a closing bracket it does not open. The
// URL must be one url.Parse accepts and showableURL leaves as it is, so
// that the autolink shows exactly the text.
func bareURL(s string) int {
	var rest string
	switch {
	case len(s) >= 8 && strings.EqualFold(s[:8], "https://"):
		rest = s[8:]
	case len(s) >= 7 && strings.EqualFold(s[:7], "http://"):
		rest = s[7:]
	default:
		return 0
	}
	n := len(s) - len(rest)
	for len(rest) > 0 {
		r, size := utf8.DecodeRuneInString(rest)
		if r == '<' || r == '>' || r == '"' || !printableURLRune(r, size) {
			break
		}
		n += size
		rest = rest[size:]
	}
	u := s[:n]
	for len(u) > 0 {
		last := u[len(u)-1]
		if strings.IndexByte(".,:;!?'*_~", last) >= 0 {
			u = u[:len(u)-1]
			continue
		}
		var open string
		switch last {
		case ')':
			open = "("
		case ']':
			open = "["
		case '}':
			open = "{"
		}
		if open != "" && strings.Count(u, u[len(u)-1:]) > strings.Count(u, open) {
			u = u[:len(u)-1]
			continue
		}
		break
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || string(showableURL([]byte(u))) != u {
		return 0
	}
	return len(u)
}

// isWordRune reports whether r is a letter or digit: a URL glued to one
// ("xhttp://…") is not a bare URL.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// expandTabs replaces each tab with the spaces up to the next stop of 4.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// formatReads formats a known read counter: "1 read", "1,204 reads".
func formatReads(n int) string {
	if n == 1 {
		return "1 read"
	}
	return countText(n) + " reads"
}

// fallbackText is the document as plain text wrapped to width, for when
// Glamour fails: no Markdown, no escape sequences.
func fallbackText(doc Document, width int) string {
	var parts []string
	if t := strings.Join(strings.Fields(doc.Article.Title), " "); t != "" {
		parts = append(parts, t)
	}
	if h := headerLines(doc, width); len(h) > 0 {
		parts = append(parts, strings.Join(h, "\n"))
	}
	parts = append(parts, strings.Repeat("-", width), strings.TrimSpace(doc.Body))
	s := ansi.Strip(strings.ToValidUTF8(strings.Join(parts, "\n\n"), "\uFFFD"))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for line := range strings.SplitSeq(ansi.Wrap(expandTabs(s), width, ""), "\n") {
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}
