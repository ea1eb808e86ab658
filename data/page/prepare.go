package page

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prepare readies a parsed page for Readability, whose class rules drop
// two things trim needs: the headings that announce an article's tail
// ("Related stories" with a class of "related-title"), which tell trim
// where the article ends, and posts quoted from elsewhere (a tweet in a
// "social-media-embed" box), which are part of the article's text. The
// headings lose their class and id; the boxes go, their quotations
// taking their place (Readability weighs a box of a short quotation and
// two links as furniture, but keeps a quotation).
func prepare(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isHeading(c) {
			if text, short := shortText(c, 8); short && tailHeading.MatchString(text) {
				c.Attr = dropAttrs(c.Attr, "class", "id")
			}
			continue
		}
		prepare(c)
		if isEmbedBox(c) {
			c = unwrapBox(n, c)
		}
	}
}

// unwrapBox puts the children of box in its place in n and removes it,
// its quotations without their class ("social-post" reads as furniture
// to Readability too); it returns its last child (or the node before it) for the walk to go on
// from.
func unwrapBox(n, box *html.Node) *html.Node {
	unclass(box, atom.Blockquote)
	last := box.PrevSibling
	for box.FirstChild != nil {
		c := box.FirstChild
		box.RemoveChild(c)
		n.InsertBefore(c, box)
		last = c
	}
	n.RemoveChild(box)
	if last == nil {
		return &html.Node{NextSibling: n.FirstChild}
	}
	return last
}

// isEmbedBox reports whether n is a box around an embedded post: a
// <div> or <figure> whose class or id says "embed", holding a quotation
// and no more words than a post has.
func isEmbedBox(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Figure {
		return false
	}
	if !strings.Contains(strings.ToLower(attr(n, "class")+" "+attr(n, "id")), "embed") || !has(n, atom.Blockquote) {
		return false
	}
	_, short := shortText(n, furnitureWords)
	return short
}

// unclass drops the class and id of the elements of kind a below n.
func unclass(n *html.Node, a atom.Atom) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if c.DataAtom == a {
				c.Attr = dropAttrs(c.Attr, "class", "id")
			}
			unclass(c, a)
		}
	}
}

// dropAttrs is attrs without the named ones.
func dropAttrs(attrs []html.Attribute, names ...string) []html.Attribute {
	out := attrs[:0]
next:
	for _, a := range attrs {
		for _, n := range names {
			if a.Namespace == "" && a.Key == n {
				continue next
			}
		}
		out = append(out, a)
	}
	return out
}
