package page

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// What follows an article inside the block Readability chose: related
// stories, recommendations, comments, teasers of other pages, and the
// "About the company" paragraph of a press release.

// isHeading reports whether n is a heading element.
func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// startsTail reports whether c begins what follows the article, with
// blocks text blocks before it: a heading (or a short block standing as
// one) of strong tail words once the article has begun, or of weak ones
// when what follows is short or mostly links.
func startsTail(c *html.Node, blocks int) bool {
	switch c.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Div:
	default:
		return false
	}
	text, short := shortText(c, 8)
	if !short || text == "" || !tailHeading.MatchString(text) {
		return false
	}
	if !isHeading(c) && hasBlockChild(c) {
		return false // a block holding more than a heading's words
	}
	if blocks >= 2 && strongTail.MatchString(text) {
		return true
	}
	return isHeading(c) && isTail(c)
}

// hasBlockChild reports whether n holds a paragraph, list or heading.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.P, atom.Ul, atom.Ol, atom.Table, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		case atom.Div, atom.Section:
			if hasBlockChild(c) {
				return true
			}
		}
	}
	return false
}

// isTail reports whether what follows c among its siblings looks like
// an article's tail, not more of its text: few words, or mostly links.
func isTail(c *html.Node) bool {
	var all, linked int
	for s := c.NextSibling; s != nil; s = s.NextSibling {
		all += len(squash(textOf(s)))
		linked += len(squash(linkText(s)))
		if s.Type == html.ElementNode && s.DataAtom == atom.A {
			linked += len(squash(textOf(s)))
		}
	}
	return all < 1500 || float64(linked) > 0.5*float64(all)
}

// removeFrom removes c and its following siblings from n.
func removeFrom(n, c *html.Node) {
	for c != nil {
		next := c.NextSibling
		n.RemoveChild(c)
		c = next
	}
}

// teaserWords is the most words a teaser of another page holds for each
// linked heading: a headline, a kicker and a sentence of summary.
const teaserWords = 60

// isTeasers reports whether n is teasers of other pages rather than
// text: it holds two or more headings that are wholly links, or (an
// <article> inside the article) one, and few words around them.
func isTeasers(n *html.Node) bool {
	if isHeading(n) {
		return false
	}
	linked := linkedHeadings(n)
	if linked == 0 || linked == 1 && n.DataAtom != atom.Article {
		return false
	}
	_, short := shortText(n, teaserWords*linked)
	return short
}

// linkedHeadings counts the headings below n whose text is all one link.
func linkedHeadings(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isHeading(c) {
			if text := squash(textOf(c)); text != "" && squash(linkText(c)) == text && countLinks(c) == 1 {
				count++
			}
			continue
		}
		count += linkedHeadings(c)
	}
	return count
}
