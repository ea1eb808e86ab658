package ui

import (
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/newsline/newsline/model"
)

// Numbered links: every link of an article's body gets a number in reading
// order, shown after the link with where it goes as " (host) [n]" (see
// linkWhere; an autolink, whose text is its address, gets " [n]"), and a
// "Links" section after the body lists "[n] address" once per address, so
// the reader can tell where each link goes without reading its address
// twice, and the link picker (bodyLinks) can offer the same list. A web
// link's text and label are one OSC 8 hyperlink (kept on the lines that
// show its host: keepHonestLinks).
//
// What is numbered: Markdown links (inline, reference, with emphasis
// inside or around), autolinks (<https://…>, and the bare URLs and e-mail
// addresses GFM's linkify finds), and the bare http(s) URLs of plain-text
// bodies (plainToMarkdown with links on makes them autolinks). Images are
// not numbered: they are not opened, and Glamour shows their address. Links
// Glamour does not show (empty or fragment-only destinations, links inside
// an image's description) are not numbered either. The same address twice
// has one number.
//
// The numbers and the section are added to the parsed document by astGuard
// (numberLinks), so numbering costs one walk of a tree already built, and
// bodyLinks finds the same numbers by parsing the same Markdown the same
// way. The added text never goes through the Markdown parser: it is put in
// nodes that Glamour prints as they are (see literal), so an address cannot
// become markup; astGuard has made every address printable (showableURL).

// linksKey is where astGuard leaves the numbered addresses in the parser
// context, for bodyLinks.
var linksKey = parser.NewContextKey()

// linksTitle is the heading of the list of links after the body.
const linksTitle = "Links"

// bodyLinks returns the addresses of the links of doc's body, numbered as
// the rendered article numbers them: link n is bodyLinks(doc)[n-1]. doc is
// what Renderer.Render is given. Every address is printable (no control or
// format character, valid UTF-8). It parses the document (no rendering):
// call it off the event loop for long bodies.
func bodyLinks(doc Document) []string {
	pc := parser.NewContext()
	src := []byte(documentMarkdown(doc, StylePlain, 0))
	linkParser().Parse(text.NewReader(src), parser.WithContext(pc))
	links, _ := pc.Get(linksKey).([]string)
	return links
}

// linkParser parses Markdown as the Glamour pipelines do (newMarkdown).
// Goldmark parsers are safe for concurrent use.
var linkParser = sync.OnceValue(func() parser.Parser { return newMarkdown(0).Parser() })

// foundLink is a link numberLinks found: the node and its address ("" for
// a link that gets no number).
type foundLink struct {
	node ast.Node
	url  string
}

// numberLinks numbers the links of the document in reading order: it adds
// " [n]" after each, appends the "Links" section, and returns the
// addresses. Links in tables lose their link (their text stays), and
// images in tables become their text and address: Glamour would otherwise
// number them again in a list of its own after the table.
// It runs after astGuard has made every destination showable.
func numberLinks(doc *ast.Document, source []byte, width int) []string {
	found, tableImages := findLinks(doc, source)
	// Glamour lists a table's images after it, numbered like links: they
	// are shown in the table instead, as Glamour shows an image elsewhere.
	for _, img := range tableImages {
		shown := string(img.Destination)
		if alt := textOf(img, source); alt != "" {
			shown = alt + " → " + shown
		}
		img.Parent().ReplaceChild(img.Parent(), img, literal(shown))
	}
	links := labelLinks(found, source)
	if len(links) == 0 {
		return nil
	}
	appendLinkList(doc, links, width)
	return links
}

// findLinks returns the links of the document in reading order, and the
// images in its tables.
func findLinks(doc *ast.Document, source []byte) (found []foundLink, tableImages []*ast.Image) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			if isInTable(n) {
				tableImages = append(tableImages, n)
			}
			// Glamour prints only the text of its description.
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			found = append(found, foundLink{n, linkAddress(n.Destination)})
		case *ast.AutoLink:
			u := string(n.URL(source))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u // as Glamour links it
			}
			found = append(found, foundLink{n, linkAddress([]byte(u))})
		}
		return ast.WalkContinue, nil
	})
	return found, tableImages
}

// labelLinks puts a label after each link that gets a number (the same
// address twice has one; see newLabel) and unlinks the links in tables; it
// returns the numbered addresses, link n at n-1.
func labelLinks(found []foundLink, source []byte) []string {
	var links []string
	numbers := make(map[string]int)
	last := make(map[ast.Node]ast.Node) // anchor → the last label put after it
	for i, f := range found {
		inTable := isInTable(f.node)
		if f.url != "" {
			num, ok := numbers[f.url]
			if !ok {
				links = append(links, f.url)
				num = len(links)
				numbers[f.url] = num
			}
			// The label goes after the link, or after a strikethrough
			// around it: Glamour prints a strikethrough's text flat, so a
			// node inside it would not show.
			anchor := outermost(f.node, extast.KindStrikethrough)
			label := newLabel(f, i+1, num, anchor == f.node && !inTable)
			after := anchor
			if l, ok := last[anchor]; ok {
				after = l
			}
			after.Parent().InsertAfter(after.Parent(), after, label)
			last[anchor] = label
		}
		switch n := f.node.(type) {
		case *ast.Link:
			if inTable {
				unlink(n, source)
			} else if f.url != "" && n.FirstChild() != nil {
				// Glamour prints the address of a link it can parse: the
				// label says where it goes instead.
				n.Destination = []byte(textOnlyLink)
			}
		case *ast.AutoLink:
			if inTable {
				unlink(n, source)
			}
		}
	}
	return links
}

// newLabel returns the label of link f, the k-th link of the document,
// numbered num: " (where) [n]" (see linkWhere), or " [n]" for an autolink,
// whose text is its address, as is what Glamour shows of a link with no
// text (astGuard's repaired autolinks). A web link's text (when inText,
// and it is no image, a hyperlink of its own) and its label are one
// hyperlink, else its label alone; Glamour's own hyperlinks cover an
// autolink's address. The sequences go inside the link and the label: in
// emphasis, Glamour marks every child, even an empty one, with the
// emphasis's tokens. The spaces are plain ones: a no-break space would
// glue the number to an address, which would then be cut inside the
// number when it is as wide as the pane.
func newLabel(f foundLink, k, num int, inText bool) ast.Node {
	_, auto := f.node.(*ast.AutoLink)
	auto = auto || f.node.FirstChild() == nil
	open, end := "", ""
	if !auto && model.IsWebURL(f.url) && !isInTable(f.node) {
		open, end = ansi.SetHyperlink(f.url, "id=t"+strconv.Itoa(k)), ansi.ResetHyperlink()
		if inText && !hasImage(f.node) {
			f.node.InsertBefore(f.node, f.node.FirstChild(), literal(open))
			open = ""
		}
	}
	number := "[" + strconv.Itoa(num) + "]"
	if auto {
		return literal(" " + open + number + end)
	}
	return literal(" " + open + "(" + linkWhere(f.url) + ") " + number + end)
}

// textOnlyLink is a destination url.Parse refuses: Glamour prints such a
// link's text, styled as a link's, and neither its address nor a hyperlink.
const textOnlyLink = "%"

// appendLinkList appends the "Links" heading and the numbered addresses,
// one a line, to the document; an address wider than width columns is
// wrapped at a sensible point (wrapAddress) and its lines hang under its
// first. Web addresses are hyperlinks.
func appendLinkList(doc *ast.Document, links []string, width int) {
	h := ast.NewHeading(2)
	h.AppendChild(h, literal(linksTitle))
	doc.AppendChild(doc, h)
	// A text block directly in the document: Glamour writes its text as it
	// is, so each "\n" starts a line (a paragraph would join the lines).
	list := ast.NewTextBlock()
	for i, u := range links {
		num := "[" + strconv.Itoa(i+1) + "] "
		list.AppendChild(list, literal("\n"+num)) // the first after a blank line, as after any heading
		web := model.IsWebURL(u)
		avail := 0
		if width > 0 {
			avail = max(width-len(num), 8)
		}
		for j, piece := range wrapAddress(u, avail) {
			if j > 0 {
				list.AppendChild(list, literal("\n"+strings.Repeat(" ", len(num))))
			}
			if !web {
				list.AppendChild(list, literal(piece))
				continue
			}
			list.AppendChild(list, literal(ansi.SetHyperlink(u, "id=u"+strconv.Itoa(i+1))))
			l := ast.NewLink()
			l.Destination = []byte(textOnlyLink)
			l.AppendChild(l, literal(piece))
			list.AppendChild(list, l)
			list.AppendChild(list, literal(ansi.ResetHyperlink()))
		}
	}
	doc.AppendChild(doc, list)
}

// linkAddress returns the address a link is numbered by: its destination,
// or "" if Glamour does not show it (empty, or only a #fragment).
func linkAddress(dest []byte) string {
	u, err := url.Parse(string(dest))
	if len(dest) == 0 || err != nil || "#"+u.Fragment == string(dest) {
		return ""
	}
	return string(dest)
}

// literal is an inline node that Glamour prints as s, unstyled and
// unparsed. Goldmark's own nodes take their text from the source, which
// the added text is not part of; Glamour prints an emoji node's runes as
// they are.
func literal(s string) ast.Node {
	return emojiast.NewEmoji(nil, &definition.Emoji{Unicode: []rune(s)})
}

// textOf returns the text of n's descendants, as Glamour shows a table's
// image description.
func textOf(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(source))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// hasImage reports whether n has an image inside.
func hasImage(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == ast.KindImage {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// outermost returns n's outermost ancestor of the given kind, or n.
func outermost(n ast.Node, kind ast.NodeKind) ast.Node {
	out := n
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == kind {
			out = p
		}
	}
	return out
}

// isInTable reports whether n is inside a table.
func isInTable(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == extast.KindTableCell {
			return true
		}
	}
	return false
}

// unlink replaces a link by its text: a link's children, an autolink's
// label.
func unlink(n ast.Node, source []byte) {
	parent := n.Parent()
	switch n := n.(type) {
	case *ast.Link:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			n.RemoveChild(n, c)
			parent.InsertBefore(parent, n, c)
			c = next
		}
	case *ast.AutoLink:
		parent.InsertBefore(parent, n, literal(string(n.Label(source))))
	}
	parent.RemoveChild(parent, n)
}
