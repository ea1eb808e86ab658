package ui

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/newsline/newsline/model"
)

// maxNesting is the deepest nesting of quotes and lists rendered as such:
// Glamour's work and output grow fast with depth (two thousand "> " took
// minutes), and deeper levels would not fit a pane anyway.
const maxNesting = 8

// astGuard adjusts the parsed Markdown before Glamour renders it:
//
//   - It makes sure Glamour shows the destination of every link and image.
//     Glamour prints a destination after the link text only when url.Parse
//     accepts it, and an autolink it cannot parse vanishes; such
//     destinations are percent-encoded until url.Parse accepts them, and
//     characters that are not safe to print are percent-encoded too.
//   - It unwraps quotes and lists nested deeper than maxNesting, keeping
//     their content at that depth.
//   - It makes the header's lines one block (joinHeader).
//   - It marks where the text of each list item starts (markListItems),
//     for its lines to hang under it (hangListItems).
//   - It numbers the links and lists them after the body (numberLinks, in
//     links.go), leaving the list in the parser context for bodyLinks.
type astGuard struct {
	width int // the render's wrap width, for the list of links (0: no wrapping)
}

// Transform implements parser.ASTTransformer.
func (g astGuard) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var badLinks []*ast.AutoLink
	var tooDeep []ast.Node
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			if depth++; depth > maxNesting {
				tooDeep = append(tooDeep, n)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = showableURL(n.Destination)
		case *ast.Image:
			n.Destination = showableURL(n.Destination)
		case *ast.AutoLink:
			if u := n.URL(source); string(showableURL(u)) != string(u) {
				badLinks = append(badLinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range badLinks {
		// A link with no text: Glamour shows just its destination.
		l := ast.NewLink()
		l.Destination = showableURL(n.URL(source))
		n.Parent().ReplaceChild(n.Parent(), n, l)
	}
	for _, n := range tooDeep { // outermost first
		unwrap(n)
	}
	joinHeader(doc)
	markListItems(doc)
	pc.Set(linksKey, numberLinks(doc, source, g.width))
}

// unwrap replaces a quote or list by its blocks (a list by the blocks of its
// items). A tight list item's text block becomes a paragraph.
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var blocks []ast.Node
	collect := func(c ast.Node) {
		for c != nil {
			next := c.NextSibling()
			blocks = append(blocks, c)
			c = next
		}
	}
	if n.Kind() == ast.KindList {
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			collect(item.FirstChild())
		}
	} else {
		collect(n.FirstChild())
	}
	for _, b := range blocks {
		b.Parent().RemoveChild(b.Parent(), b)
		if tb, ok := b.(*ast.TextBlock); ok {
			p := ast.NewParagraph()
			p.SetLines(tb.Lines())
			for c := tb.FirstChild(); c != nil; {
				next := c.NextSibling()
				tb.RemoveChild(tb, c)
				p.AppendChild(p, c)
				c = next
			}
			b = p
		}
		parent.InsertBefore(parent, n, b)
	}
	parent.RemoveChild(parent, n)
}

// showableURL returns dest if url.Parse accepts it and it is safe to print,
// else dest with what is not safe to print percent-encoded (see
// printableURL) and, if url.Parse still objects, the bytes it objects to
// (and, if that is not enough, the colons too; as a last resort
// everything). The result is valid UTF-8 with no control, format (bidi,
// zero-width) or space character.
func showableURL(dest []byte) []byte {
	dest = printableURL(dest)
	if _, err := url.Parse(string(dest)); err == nil {
		return dest
	}
	for _, extra := range []string{"", ":"} {
		var b strings.Builder
		for i, c := range dest {
			switch {
			case c == '%' && i+2 < len(dest) && hexValue(dest[i+1]) >= 0 && hexValue(dest[i+2]) >= 0:
				b.WriteByte(c)
			case c > ' ' && c < 0x7f && !strings.ContainsRune("%\"<>\\^`{|}"+extra, rune(c)):
				b.WriteByte(c)
			default:
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		if _, err := url.Parse(b.String()); err == nil {
			return []byte(b.String())
		}
	}
	return []byte(url.QueryEscape(string(dest))) // a relative path url.Parse accepts
}

// printableURL returns dest with every byte of what should not be printed
// percent-encoded: invalid UTF-8, controls (C0, DEL, C1), format characters
// (bidi controls, zero-width characters, soft hyphen), white space and
// anything else that is not a graphic character. A terminal could act on
// the controls; the others hide or disguise what the address says.
func printableURL(dest []byte) []byte {
	i := 0
	for i < len(dest) && dest[i] > ' ' && dest[i] < 0x7f {
		i++ // the common case: printable ASCII
	}
	if i == len(dest) {
		return dest
	}
	var b []byte
	for i := 0; i < len(dest); {
		r, n := utf8.DecodeRune(dest[i:])
		if printableURLRune(r, n) {
			if b != nil {
				b = append(b, dest[i:i+n]...)
			}
		} else {
			if b == nil {
				b = append(make([]byte, 0, len(dest)+16), dest[:i]...)
			}
			for _, c := range dest[i : i+n] {
				b = fmt.Appendf(b, "%%%02X", c)
			}
		}
		i += n
	}
	if b == nil {
		return dest
	}
	return b
}

// printableURLRune reports whether r (n bytes long in UTF-8) may stay as it
// is in a printed address: a visible character (model.VisibleOnly) but the
// space.
func printableURLRune(r rune, n int) bool {
	if r == utf8.RuneError && n <= 1 {
		return false
	}
	return r != ' ' && model.Printable(r, model.VisibleOnly)
}

// defuseCharRefs returns the Markdown src with every numeric character
// reference that would decode to a character model.Sanitize removes — a C0
// control other than tab and newline, DEL, a C1 control, a bidi override or
// isolate — made literal text (its & becomes &amp;). Glamour decodes
// references everywhere, code spans included, and the way html.UnescapeString
// does: without the closing semicolon too, and &#x81; as U+0081. Without
// this, a body clean as text could print "&#x1b;]8;;https://…&#x1b;\" — a
// real escape sequence, here a hyperlink that hides where it goes.
func defuseCharRefs(src string) string {
	var b strings.Builder
	last := 0
	for i := 0; ; {
		j := strings.Index(src[i:], "&#")
		if j < 0 {
			break
		}
		j += i
		i = j + 2
		if r, ok := numericRef(src[i:]); ok && !safeRefRune(r) {
			if b.Len() == 0 {
				b.Grow(len(src) + 16)
			}
			b.WriteString(src[last:j])
			b.WriteString("&amp;")
			last = j + 1
		}
	}
	if last == 0 {
		return src
	}
	b.WriteString(src[last:])
	return b.String()
}

// numericRef decodes the number of a numeric character reference whose "&#"
// ends just before s: decimal digits, or x or X and hex digits. A value too
// big for a rune is returned as -1.
func numericRef(s string) (rune, bool) {
	base, i := 10, 0
	if len(s) > 0 && (s[0] == 'x' || s[0] == 'X') {
		base, i = 16, 1
	}
	var v int64
	digits := 0
	for ; i < len(s); i++ {
		d := hexValue(s[i])
		if d < 0 || d >= base {
			break
		}
		digits++
		if v = v*int64(base) + int64(d); v > 0x10ffff {
			v = 0x110000 // keep reading digits; the value is out of range anyway
		}
	}
	if digits == 0 {
		return 0, false
	}
	if v > 0x10ffff {
		return -1, true
	}
	return rune(v), true
}

func hexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// safeRefRune reports whether a character reference to r may be decoded:
// printable in text with lines (model.Printable: not a control but newline,
// not a bidi override or isolate), or a tab, which Sanitize would expand.
// Invalid values (NUL, negative for beyond U+10FFFF, surrogates) decode to
// U+FFFD.
func safeRefRune(r rune) bool {
	return r <= 0 || r == '\t' || model.Printable(r, model.KeepNewline)
}
