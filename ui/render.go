package ui

import (
	"strings"

	"github.com/newsline/newsline/model"
)

// RenderStyle selects the colours of a rendered article.
type RenderStyle uint8

// The render styles.
const (
	StyleDark  RenderStyle = iota // colours for a dark terminal background
	StyleLight                    // colours for a light terminal background
	StylePlain                    // no colour at all (NO_COLOR, pipes)
)

// Document is what the reader shows of one article: its title, a metadata
// line and the body.
type Document struct {
	Article model.Article
	Tags    []string // display spellings (model.Collection.ArticleTags)
	Body    string   // sanitized body: plain text, or Markdown when Article.Format.IsMarkdown()
}

// Renderer renders documents with Glamour. It is safe for concurrent use and
// caches renderers and output.
//
// STUB: to be replaced by the real Glamour-backed implementation.
type Renderer struct{}

// NewRenderer returns a renderer with empty caches.
func NewRenderer() *Renderer { return &Renderer{} }

// Render renders doc word-wrapped to width columns in the given style.
func (r *Renderer) Render(doc Document, width int, style RenderStyle) (string, error) {
	return doc.Article.Title + "\n\n" + strings.TrimSpace(doc.Body), nil
}

// Clear drops every cached render (after a theme change).
func (r *Renderer) Clear() {}
