package ui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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
//     destinations are percent-encoded until url.Parse accepts them.
//   - It unwraps quotes and lists nested deeper than maxNesting, keeping
//     their content at that depth.
type astGuard struct{}

// Transform implements parser.ASTTransformer.
func (astGuard) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
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
			if _, err := url.Parse(string(n.URL(source))); err != nil {
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

// showableURL returns dest if url.Parse accepts it, else dest with the bytes
// url.Parse objects to percent-encoded (and, if that is not enough, the
// colons too; as a last resort everything).
func showableURL(dest []byte) []byte {
	if _, err := url.Parse(string(dest)); err == nil {
		return dest
	}
	for _, extra := range []string{"", ":"} {
		var b strings.Builder
		for i, c := range dest {
			switch {
			case c == '%' && i+2 < len(dest) && isHexDigit(dest[i+1]) && isHexDigit(dest[i+2]):
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

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
