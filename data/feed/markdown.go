package feed

import (
	"net/url"
	"regexp"
	"strings"
	"sync"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsline/newsline/model"
)

// converters holds html-to-markdown converters: one serializes its
// conversions behind a mutex, so each goroutine takes its own.
var converters = sync.Pool{New: func() any {
	return htmltomarkdown.NewConverter(htmltomarkdown.WithPlugins(
		base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(), table.NewTablePlugin()))
}}

// Markdown converts an item's HTML content, else its summary, to
// Markdown. Links and images are resolved against the item's link;
// links that do not lead to a web page (javascript:, data:, mailto: …)
// are left as their text; images become links to them, never fetched.
func Markdown(it Item) string {
	src := it.Content
	if strings.TrimSpace(src) == "" {
		src = it.Summary
	}
	if !looksHTML.MatchString(src) {
		src = textToHTML(src)
	}
	return HTMLToMarkdown(src, it.Link)
}

// looksHTML matches text with a tag or a character reference in it: HTML.
// Feeds also give plain text (JSON Feed's content_text, many RSS
// descriptions), whose line breaks HTML would lose.
var looksHTML = regexp.MustCompile(`<[A-Za-z!/]|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);`)

// textToHTML makes plain text HTML: blank lines part paragraphs, other
// line breaks stay.
func textToHTML(s string) string {
	var b strings.Builder
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
			b.WriteString("</p>")
		}
	}
	return b.String()
}

// HTMLToMarkdown converts HTML to Markdown, links and images resolved
// against base (see Markdown), sanitized for a terminal (model.Sanitize).
func HTMLToMarkdown(src, base string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	// Sanitized first too, so that an escape sequence goes whole, not
	// its ESC alone.
	doc, err := html.Parse(strings.NewReader(model.Sanitize(src)))
	if err != nil {
		return strings.TrimSpace(model.Sanitize(src))
	}
	return NodeToMarkdown(doc, base)
}

// NodeToMarkdown converts a parsed HTML tree to Markdown as HTMLToMarkdown
// does, without serializing and parsing it again (web pages are parsed
// once). It rewrites n in place. Text and attributes are sanitized before
// the conversion, so that an escape sequence goes whole.
func NodeToMarkdown(n *html.Node, base string) string {
	if n == nil {
		return ""
	}
	b, _ := url.Parse(strings.TrimSpace(base))
	rewrite(n, b)
	conv := converters.Get().(*htmltomarkdown.Converter)
	defer converters.Put(conv)
	md, err := conv.ConvertNode(n)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(model.Sanitize(string(md)))
}

// rewrite resolves the links and images below n against base, unwraps
// links that do not lead to a web page, turns images into links, and
// sanitizes text and attribute values.
func rewrite(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		rewrite(c, base)
		switch c.Type {
		case html.TextNode:
			c.Data = model.Sanitize(c.Data)
		case html.ElementNode:
			for i := range c.Attr {
				c.Attr[i].Val = model.Sanitize(c.Attr[i].Val)
			}
			switch c.DataAtom {
			case atom.A:
				rewriteLink(c, base)
			case atom.Img:
				rewriteImage(c, base)
			}
		}
		c = next
	}
}

// rewriteLink resolves a link, or unwraps it (keeping its text) when it
// does not lead to a web page.
func rewriteLink(a *html.Node, base *url.URL) {
	for _, at := range a.Attr {
		if at.Namespace == "" && at.Key == "href" {
			if u, ok := webURL(at.Val, base); ok {
				a.Attr = []html.Attribute{{Key: "href", Val: u}}
				return
			}
			break
		}
	}
	unwrap(a)
}

// rewriteImage turns an image into a link to it named "image: ALT" (or
// "image" without alt text), which the reader shows as a numbered link
// and never fetches, or into its alt text when its source is not on the
// web.
func rewriteImage(img *html.Node, base *url.URL) {
	var src, alt string
	for _, at := range img.Attr {
		switch at.Key {
		case "src":
			src = at.Val
		case "alt":
			alt = strings.TrimSpace(at.Val)
		}
	}
	u, ok := webURL(src, base)
	repl := &html.Node{Type: html.TextNode, Data: alt}
	if ok {
		text := "image"
		if alt != "" {
			text = "image: " + alt
		}
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A,
			Attr: []html.Attribute{{Key: "href", Val: u}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		repl = a
	} else if alt == "" {
		img.Parent.RemoveChild(img)
		return
	}
	img.Parent.InsertBefore(repl, img)
	img.Parent.RemoveChild(img)
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	p := n.Parent
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		p.InsertBefore(c, n)
		c = next
	}
	p.RemoveChild(n)
}

// webURL resolves ref against base and reports whether it is an http or
// https address.
func webURL(ref string, base *url.URL) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
		return u.String(), true
	}
	return "", false
}
