package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"

	"github.com/newsline/newsline/model"
)

// The header of an article in the reader: its title, then a line of what
// it has of date, author, source and reads, a line of its tags, and its
// address shortened to the width; a line with nothing to say is left out.

// documentMarkdown builds the Markdown of a whole document for a render
// width columns wide (0: addresses in full): the title as a level-1
// heading, the header lines (headerLines), a rule, then the body.
// Everything but a Markdown body is escaped. The header is italic where
// the style has italics (the plain style would show the asterisks).
func documentMarkdown(doc Document, style RenderStyle, width int) string {
	var b strings.Builder
	b.Grow(len(doc.Body) + len(doc.Body)/8 + 256)
	if title := escapeInline(doc.Article.Title); title != "" {
		b.WriteString("# ")
		b.WriteString(title)
		b.WriteString("\n\n")
	}
	// One paragraph a line, wrapped here: astGuard joins them into lines
	// (joinHeader), as Glamour would join a paragraph's lines.
	for _, line := range headerLines(doc, width) {
		if width > 0 {
			line = ansi.Wordwrap(line, width, "")
		}
		for l := range strings.SplitSeq(line, "\n") {
			if l = escapeHeaderLine(l); l == "" {
				continue
			}
			if style != StylePlain {
				l = "*" + l + "*"
			}
			b.WriteString(l)
			b.WriteString("\n\n")
		}
	}
	b.WriteString("---\n\n")
	if doc.Article.Format.IsMarkdown() {
		b.WriteString(defuseCharRefs(doc.Body))
	} else {
		b.WriteString(plainToMarkdownLinks(doc.Body))
	}
	b.WriteByte('\n')
	return b.String()
}

// joinHeader makes the paragraphs between the title and the rule under
// it — the header's lines (documentMarkdown), nothing of the body — one
// block of lines: Glamour puts a blank line between paragraphs, and joins
// the lines of one.
func joinHeader(doc *ast.Document) {
	var paras []ast.Node
	rule := doc.FirstChild()
	for ; rule != nil && rule.Kind() != ast.KindThematicBreak; rule = rule.NextSibling() {
		if rule.Kind() == ast.KindParagraph {
			paras = append(paras, rule)
		}
	}
	if rule == nil || len(paras) < 2 {
		return
	}
	block := ast.NewTextBlock()
	for _, p := range paras {
		block.AppendChild(block, literal("\n")) // the first after a blank line, as after any heading
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			block.AppendChild(block, c)
			c = next
		}
		doc.RemoveChild(doc, p)
	}
	block.AppendChild(block, literal("\n"))
	doc.InsertBefore(doc, rule, block)
}

// escapeHeaderLine is escapeInline for a header line, keeping its no-break
// spaces (tagLine's; model.OneLine has made the others spaces).
func escapeHeaderLine(line string) string {
	pieces := strings.Split(line, nbsp)
	for i, p := range pieces {
		pieces[i] = escapeInline(p)
	}
	return strings.Join(pieces, nbsp)
}

const nbsp = "\u00a0"

// headerLines returns the header's lines under the title, those with
// something to say: metadataLine, tagLine, and the article's address
// shortened to width columns (shortAddress).
func headerLines(doc Document, width int) []string {
	var lines []string
	for _, l := range []string{metadataLine(doc), tagLine(doc), shortAddress(doc.Article.URL, width)} {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// metadataLine returns "date · by author · source · reads" with the unknown
// parts left out, e.g. "15 July 2021 · by Ada Mensah · The Courier · 1,204 reads".
func metadataLine(doc Document) string {
	a := doc.Article
	var parts []string
	if a.HasDate() {
		parts = append(parts, a.Date.UTC().Format("2 January 2006"))
	}
	if s := model.OneLine(a.Author); s != "" {
		parts = append(parts, "by "+s)
	}
	if s := model.OneLine(a.Source); s != "" {
		parts = append(parts, s)
	}
	if a.HasReads() {
		parts = append(parts, formatReads(a.Reads))
	}
	return strings.Join(parts, " · ")
}

// tagLine returns the tags as "#Open Source · #Science": the document's
// display spellings, else the article's own. The spaces inside a tag are
// no-break spaces, so that a wrapped line never parts a tag's words.
func tagLine(doc Document) string {
	tags := doc.Tags
	if len(tags) == 0 {
		tags = doc.Article.Tags
	}
	var hashed []string
	for _, t := range tags {
		if t = model.OneLine(t); t != "" {
			hashed = append(hashed, "#"+strings.ReplaceAll(t, " ", nbsp))
		}
	}
	return strings.Join(hashed, " · ")
}

// shortAddress returns the article's address as the header shows it: a web
// address without its scheme and final slash, cut with "…" to width
// columns (0: in full).
func shortAddress(u string, width int) string {
	u = model.OneLine(u)
	if model.IsWebURL(u) {
		_, u, _ = strings.Cut(u, "://")
		u = strings.TrimSuffix(u, "/")
	}
	if width > 0 && ansi.StringWidth(u) > width {
		u = ansi.Truncate(u, width, "…")
	}
	return u
}
