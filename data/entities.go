package data

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/newsline/newsline/model"
)

// Character references (&mdash;, &amp;, &#8212;, &#x2014;) in Markdown are
// decoded once, when an article is parsed and before it is sanitized, so
// that the reader, `show`, `list --json` and the search all see the same
// characters, and a reference to a control character (&#x1b;) becomes that
// character here, which the sanitizer then removes: it never reaches a
// terminal as an escape.

// decodeEntities returns the Markdown src with the character references in
// its text made the characters they stand for, as CommonMark reads them:
// those in code spans and blocks, raw HTML and link destinations stay as
// written, and so does every reference of a body with link reference
// definitions ([label]: /url). A character Markdown would read as markup
// stays text: < and >
// are written with a backslash, & as &amp; when what follows would make a
// reference of it. A reference to other ASCII punctuation, a letter, a
// digit or white space (&#42;, &#49;, &#10;) stays as written (see
// keepRef): written out, it could start a list or an indented code block,
// or join its neighbours into a reference. The caller sanitizes the
// result.
func decodeEntities(src string) string {
	if !hasCharRef(src) {
		return src // most bodies: no parse
	}
	source := []byte(src)
	pc := gmparser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(source), gmparser.WithContext(pc))
	if len(pc.References()) > 0 {
		// Text in brackets is also a label that finds a link's definition,
		// matched as written: decoded, [caf&eacute;] would no longer find
		// [caf&eacute;]: /url, and [AT&amp;T] would find [at&t]: /url.
		// Such bodies are rare; the reader and MarkdownText still show
		// their references decoded.
		return src
	}
	var segs []text.Segment
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				segs = append(segs, n.Segment)
			}
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(segs, func(a, b text.Segment) int { return a.Start - b.Start })
	var b strings.Builder
	b.Grow(len(src))
	last := 0
	for _, s := range segs {
		if s.Start < last || s.Stop > len(src) {
			continue // overlapping: cannot happen, but never write twice
		}
		b.WriteString(src[last:s.Start])
		decodeText(&b, src, s.Start, s.Stop)
		last = s.Stop
	}
	b.WriteString(src[last:])
	return b.String()
}

// decodeText writes the Markdown text src[start:stop] (one text node) to b
// with its references decoded as decodeEntities says.
func decodeText(b *strings.Builder, src string, start, stop int) {
	t := src[:stop]
	for i := start; i < len(t); {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t) && util.IsPunct(t[i+1]):
			b.WriteString(t[i : i+2]) // an escaped character is literal
			i += 2
			continue
		case c == '&':
			if dec, n, ok := charRef(t[i:]); ok {
				writeDecoded(b, dec, t[i:i+n], src[i+n:])
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
}

// writeDecoded writes the characters dec of the reference raw, which rest
// follows, so that Markdown reads them as text (see decodeEntities). Next
// to a * _ or ~ the reference stays as written: whether that delimiter
// opens or closes emphasis depends on the character beside it, and
// CommonMark decides by the reference's ; or &.
func writeDecoded(b *strings.Builder, dec, raw, rest string) {
	out := b.String()
	if rest != "" && isDelimiter(rest[0]) || out != "" && isDelimiter(out[len(out)-1]) {
		b.WriteString(raw)
		return
	}
	for _, r := range dec {
		if keepRef(r) {
			b.WriteString(raw)
			return
		}
	}
	for _, r := range dec {
		switch {
		case r == '&':
			if makesRef(rest) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case r == '"' || r == '\'':
			b.WriteRune(r)
		case r == '<' || r == '>':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r) // a control character too: the caller's sanitizer removes it
		}
	}
}

// keepRef reports whether a reference to r stays as written: an ASCII
// letter, digit or white space, or ASCII punctuation other than the
// common & < > " ' — the rest (* _ ~ [ # …) may be markup, their
// references are rare, and the backslash escapes that would keep them
// text are not read right everywhere (goldmark's strikethrough takes
// ~~\~~~ for five tildes).
func keepRef(r rune) bool {
	if r >= utf8.RuneSelf {
		return false
	}
	switch r {
	case '&', '<', '>', '"', '\'':
		return false
	}
	return isASCIIAlnum(r) || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || util.IsPunct(byte(r))
}

func isDelimiter(c byte) bool { return c == '*' || c == '_' || c == '~' }

// makesRef reports whether an & before rest would be read as a character
// reference, by CommonMark or by html.UnescapeString (Glamour's, which
// also takes &copy without its semicolon).
func makesRef(rest string) bool {
	n := 0
	for n < len(rest) && n < 40 && (rest[n] == '#' || isASCIIAlnum(rune(rest[n]))) {
		n++
	}
	if n < len(rest) && rest[n] == ';' {
		n++
	}
	cand := "&" + rest[:n]
	return n > 0 && html.UnescapeString(cand) != cand
}

func isASCIIAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// hasCharRef reports whether s holds a character reference anywhere.
func hasCharRef(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; {
		if _, _, ok := charRef(s[i:]); ok {
			return true
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// charRef reads the character reference s starts with, as CommonMark
// defines it: &name; of an HTML5 entity, &#1 to 7 digits; or &#x1 to 6 hex
// digits; (code point 0, surrogates and values beyond Unicode are U+FFFD).
// It returns the characters and the reference's length.
func charRef(s string) (string, int, bool) {
	if len(s) < 3 || s[0] != '&' {
		return "", 0, false
	}
	if s[1] == '#' {
		digits, base, start := "0123456789", 10, 2
		if s[2] == 'x' || s[2] == 'X' {
			digits, base, start = "0123456789abcdefABCDEF", 16, 3
		}
		end := start
		for end < len(s) && end-start < 8 && strings.IndexByte(digits, s[end]) >= 0 {
			end++
		}
		maxLen := 7
		if base == 16 {
			maxLen = 6
		}
		if end == start || end-start > maxLen || end >= len(s) || s[end] != ';' {
			return "", 0, false
		}
		v, _ := strconv.ParseUint(s[start:end], base, 32)
		return string(util.ToValidRune(rune(v))), end + 1, true
	}
	end := 1
	for end < len(s) && end <= 32 && isASCIIAlnum(rune(s[end])) {
		end++
	}
	if end == 1 || end >= len(s) || s[end] != ';' || '0' <= s[1] && s[1] <= '9' { // a name starts with a letter
		return "", 0, false
	}
	e, ok := util.LookUpHTML5EntityByName(s[1:end])
	if !ok {
		return "", 0, false
	}
	return string(e.Characters), end + 1, true
}

// What inlineText resolves.
type textRules uint8

const (
	refsOnly    textRules = iota // character references (a front matter title)
	inlineRules                  // and backslash escapes, code spans as written (Markdown text)
	destRules                    // and backslash escapes (a link's destination)
)

// inlineText returns Markdown inline text as plain text, as a renderer
// shows it: what rules says resolved. A reference to white space is a
// space; one to a character that may not be printed is dropped (the text
// was sanitized already; this keeps it so).
func inlineText(t string, rules textRules) string {
	escapes := rules != refsOnly
	if !strings.ContainsAny(t, "&\\") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case rules == inlineRules && c == '`':
			n := i + len(t[i:]) - len(strings.TrimLeft(t[i:], "`"))
			run := t[i:n]
			if end := closingRun(t[n:], run); end >= 0 {
				b.WriteString(t[i : n+end+len(run)]) // a code span: as written
				i = n + end + len(run)
			} else {
				b.WriteString(run)
				i = n
			}
			continue
		case escapes && c == '\\' && i+1 < len(t) && util.IsPunct(t[i+1]):
			b.WriteByte(t[i+1])
			i += 2
			continue
		case c == '&':
			if dec, n, ok := charRef(t[i:]); ok {
				for _, r := range dec {
					switch {
					case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
						b.WriteByte(' ')
					case model.Printable(r, 0):
						b.WriteRune(r)
					}
				}
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// closingRun returns where in t the backtick run run closes a code span: a
// run of exactly its length; -1 when none does.
func closingRun(t, run string) int {
	for i := 0; i < len(t); {
		j := strings.Index(t[i:], run)
		if j < 0 {
			return -1
		}
		start := i + j
		end := start + len(run)
		if end < len(t) && t[end] == '`' {
			i = end + len(t[end:]) - len(strings.TrimLeft(t[end:], "`"))
			continue
		}
		if start > 0 && t[start-1] == '`' {
			i = end
			continue
		}
		return start
	}
	return -1
}
