package data

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// MarkdownText returns the text of a Markdown body as plain text: the words
// without the markup, paragraphs separated by blank lines, list items on
// their own lines, and each link's destination after its text, so nothing
// the source said is hidden. Backslash escapes and character references
// are resolved outside code. Raw HTML is dropped.
func MarkdownText(src string) string {
	source := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if writeInline(&b, source, n, entering) == ast.WalkSkipChildren {
			return ast.WalkSkipChildren, nil
		}
		writeBlockEdge(&b, n, entering)
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// writeInline writes the text of an inline node (and of code and HTML
// blocks, whose children it skips) for MarkdownText.
func writeInline(b *strings.Builder, source []byte, n ast.Node, entering bool) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Text:
		if entering {
			if _, code := n.Parent().(*ast.CodeSpan); code {
				b.Write(n.Segment.Value(source)) // as written, as CommonMark says
			} else {
				b.WriteString(inlineText(string(n.Segment.Value(source)), inlineRules))
			}
			switch {
			case n.HardLineBreak():
				b.WriteByte('\n')
			case n.SoftLineBreak():
				b.WriteByte(' ')
			}
		}
	case *ast.String:
		if entering {
			b.Write(n.Value)
		}
	case *ast.CodeSpan:
		// Its text children are written as they are.
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if entering {
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			endBlock(b)
		}
		return ast.WalkSkipChildren
	case *ast.Link:
		if !entering && len(n.Destination) > 0 {
			b.WriteString(" (" + inlineText(string(n.Destination), destRules) + ")")
		}
	case *ast.AutoLink:
		if entering {
			b.Write(n.URL(source))
		}
		return ast.WalkSkipChildren
	case *ast.Image:
		if !entering && len(n.Destination) > 0 {
			b.WriteString(" (image: " + inlineText(string(n.Destination), destRules) + ")")
		}
	case *ast.RawHTML, *ast.HTMLBlock:
		return ast.WalkSkipChildren
	}
	return ast.WalkContinue
}

// writeBlockEdge writes what starts or ends a block for MarkdownText: list
// markers, line ends, blank lines between blocks.
func writeBlockEdge(b *strings.Builder, n ast.Node, entering bool) {
	switch n := n.(type) {
	case *ast.ListItem:
		if entering {
			// A nested list starts on its own line, indented.
			endLine(b)
			b.WriteString(strings.Repeat("  ", listDepth(n)-1))
			if list, ok := n.Parent().(*ast.List); ok && list.IsOrdered() {
				b.WriteString(itemNumber(list, n) + ". ")
			} else {
				b.WriteString("- ")
			}
		} else {
			endLine(b)
		}
	case *ast.ThematicBreak:
		if entering {
			b.WriteString("---")
			endBlock(b)
		}
	case *east.TableCell:
		if entering && n.PreviousSibling() != nil {
			b.WriteString("  ")
		}
	case *east.TableRow, *east.TableHeader:
		if !entering {
			endLine(b)
		}
	case *ast.TextBlock:
		if !entering {
			endLine(b)
		}
	case *ast.List:
		if !entering {
			if _, nested := n.Parent().(*ast.ListItem); nested {
				endLine(b) // the item's line; the outer list ends the block
			} else {
				endBlock(b)
			}
		}
	case *ast.Paragraph, *ast.Heading, *ast.Blockquote, *east.Table:
		if !entering && !isTight(n) {
			endBlock(b)
		}
	}
}

// isTight reports whether n is a paragraph inside a tight list item, which
// ends with the item's line rather than a blank line.
func isTight(n ast.Node) bool {
	if _, ok := n.(*ast.Paragraph); !ok {
		return false
	}
	if item, ok := n.Parent().(*ast.ListItem); ok {
		if list, ok := item.Parent().(*ast.List); ok {
			return list.IsTight
		}
	}
	return false
}

// listDepth is the number of lists n is in.
func listDepth(n ast.Node) int {
	d := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			d++
		}
	}
	return d
}

func itemNumber(list *ast.List, item ast.Node) string {
	n := list.Start
	for c := list.FirstChild(); c != nil && c != item; c = c.NextSibling() {
		n++
	}
	return strconv.Itoa(n)
}

func endLine(b *strings.Builder) {
	s := b.String()
	if len(s) > 0 && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
}

func endBlock(b *strings.Builder) {
	endLine(b)
	if s := b.String(); len(s) > 0 && !strings.HasSuffix(s, "\n\n") {
		b.WriteByte('\n')
	}
}
