package ui

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"time"

	glamouransi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/newsline/newsline/internal/glamourstyle"
	"github.com/newsline/newsline/model"
)

// RenderStyle selects the colours of a rendered article.
type RenderStyle uint8

// The render styles.
const (
	StyleDark   RenderStyle = iota // colours for a dark terminal background
	StyleLight                     // colours for a light terminal background
	StylePlain                     // no colour at all (NO_COLOR, pipes)
	StyleCustom                    // the Renderer's style file (SetCustomStyle); StylePlain without one
)

// Document is what the reader shows of one article: its title, a metadata
// line and the body.
type Document struct {
	Article model.Article
	Tags    []string // display spellings (model.Collection.ArticleTags)
	Body    string   // sanitized body: plain text, or Markdown when Article.Format.IsMarkdown()
	// rev is the article's revision in the program (renderKey.rev), kept
	// with its render so that the reader can find the render without
	// reading the body (Renderer.lookup).
	rev uint32
}

// Render widths are clamped to this range.
const (
	minRenderWidth = 10
	maxRenderWidth = 1000
)

const (
	outputCacheSize   = 64 // rendered articles kept
	rendererCacheSize = 12 // Glamour pipelines kept (a few widths × styles × body kinds)

	// renderTimeout bounds the wait for Glamour; an article that takes
	// longer is shown as plain text. A 6 KB article takes a few ms.
	renderTimeout = 5 * time.Second
)

// errRenderTimeout is returned (wrapped) when Glamour takes too long.
var errRenderTimeout = errors.New("glamour took too long")

// Renderer renders documents with Glamour. It is safe for concurrent use and
// caches renderers and output.
//
// Output is Glamour's, post-processed: word-wrapped so no line is wider than
// the width passed to Render, trailing padding removed, no leading or
// trailing blank line, ending in one newline. StylePlain output contains no
// SGR sequence at all (no colour, no bold); every style keeps OSC 8
// hyperlinks for http and https links only, on the text of each line that
// shows where they go (see keepHonestLinks and StripHyperlinks). List items
// hang under their text (hangListItems); code blocks that name a language
// are highlighted in StyleDark and StyleLight (codeBlocks).
//
// Two caches: Glamour pipelines by {width, style, body kind} (each with a
// mutex held for the whole render, since a pipeline is not safe for
// concurrent use) and rendered output by {article ID, width, style} in an
// LRU of 64 — the program's only cache of rendered articles: the reader
// looks renders up in it (lookup) by the article's revision, without its
// body. A hit of Render is checked against a hash of the document, so an
// article re-read with new content under the same ID is rendered again.
//
// A Renderer has at most one custom style (StyleCustom, from a style file)
// at a time: SetCustomStyle drops both caches, and a pipeline's key holds
// the style it was built with, so a render in one style is never shown for
// another.
type Renderer struct {
	seed    maphash.Seed
	timeout time.Duration // renderTimeout; tests shorten it

	mu        sync.Mutex               // guards the fields below; never held while rendering
	gen       uint64                   // bumped by Clear, so renders begun before it are not cached
	custom    *glamouransi.StyleConfig // StyleCustom's style, made safe (customStyle); nil: none
	renderers *lruCache[rendererKey, *glamourPipeline]
	outputs   *lruCache[outputKey, cachedRender]
}

type rendererKey struct {
	width int
	style RenderStyle
	plain bool // plain-text body: newlines are preserved (see plainToMarkdown)
	// custom is StyleCustom's style (Renderer.custom), nil for the others:
	// a pipeline built for one style file never renders for another.
	custom *glamouransi.StyleConfig
}

type outputKey struct {
	id    model.ID
	width int
	style RenderStyle
}

type cachedRender struct {
	sum uint64 // maphash of the document
	rev uint32 // the revision it was last rendered or found for (Document.rev)
	out string
}

// NewRenderer returns a renderer with empty caches.
func NewRenderer() *Renderer {
	return &Renderer{
		seed:      maphash.MakeSeed(),
		timeout:   renderTimeout,
		renderers: newLRU[rendererKey, *glamourPipeline](rendererCacheSize),
		outputs:   newLRU[outputKey, cachedRender](outputCacheSize),
	}
}

// Render renders doc word-wrapped to width columns in the given style.
// Width is clamped to [minRenderWidth, maxRenderWidth]. On error (Glamour
// failed, panicked or took longer than five seconds) it returns the
// document as plain wrapped text along with the error, so the caller always
// has something to show.
func (r *Renderer) Render(doc Document, width int, style RenderStyle) (string, error) {
	width = min(max(width, minRenderWidth), maxRenderWidth)
	sum := r.sum(doc)

	r.mu.Lock()
	style = knownStyle(style, r.custom != nil)
	okey := outputKey{id: doc.Article.ID, width: width, style: style}
	rkey := rendererKey{width: width, style: style, plain: !doc.Article.Format.IsMarkdown()}
	if style == StyleCustom {
		rkey.custom = r.custom
	}
	if c, ok := r.outputs.get(okey); ok && c.sum == sum {
		c.rev = doc.rev // the same content under a new revision (a reload)
		r.outputs.put(okey, c)
		r.mu.Unlock()
		return c.out, nil
	}
	gen := r.gen
	p, ok := r.renderers.get(rkey)
	if !ok {
		p = newGlamourPipeline(rkey)
		r.renderers.put(rkey, p)
	}
	r.mu.Unlock()

	raw, err := r.renderWithin(p, documentMarkdown(doc, style, width))
	if err != nil {
		// The pipeline's state may be half-way through a document, or it is
		// still rendering: drop it.
		r.mu.Lock()
		if cur, ok := r.renderers.get(rkey); ok && cur == p {
			r.renderers.remove(rkey)
		}
		r.mu.Unlock()
		return fallbackText(doc, width), fmt.Errorf("rendering article %s: %w", doc.Article.ID.Hex(), err)
	}
	out := finishRender(raw, width)

	r.mu.Lock()
	if r.gen == gen {
		r.outputs.put(okey, cachedRender{sum: sum, rev: doc.rev, out: out})
	}
	r.mu.Unlock()
	return out, nil
}

// lookup returns the render of k's article revision at k's width and
// style, if it is cached: the reader shows it at once, with no command.
func (r *Renderer) lookup(k renderKey) (string, bool) {
	width := min(max(k.width, minRenderWidth), maxRenderWidth)
	r.mu.Lock()
	defer r.mu.Unlock()
	okey := outputKey{id: k.id, width: width, style: knownStyle(k.style, r.custom != nil)}
	if c, ok := r.outputs.get(okey); ok && c.rev == k.rev {
		return c.out, true
	}
	return "", false
}

// renderWithin renders src with p, giving up after r.timeout. Glamour
// cannot be stopped, so a render that times out finishes (or not) in the
// background, holding only p.
func (r *Renderer) renderWithin(p *glamourPipeline, src string) (string, error) {
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := p.render(src)
		done <- result{out, err}
	}()
	t := time.NewTimer(r.timeout)
	defer t.Stop()
	select {
	case res := <-done:
		return res.out, res.err
	case <-t.C:
		return "", fmt.Errorf("%w (over %v)", errRenderTimeout, r.timeout)
	}
}

// Clear drops every cached render (after a theme change).
func (r *Renderer) Clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	r.renderers.clear()
	r.outputs.clear()
}

// SetCustomStyle makes c the style of StyleCustom (a style file, parsed
// with ParseStyle) and drops every cached render. Its texts and formats are
// restricted so that articles rendered with it are as safe to print as with
// the standard styles (see safeStyle); newsline's own adjustments (no
// document margin, quotes and rules that keep to the width, code blocks in
// one colour) apply as to the standard styles.
func (r *Renderer) SetCustomStyle(c glamouransi.StyleConfig) error {
	safe, err := customStyle(c)
	if err != nil {
		return fmt.Errorf("the article style: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.custom = safe
	r.gen++
	r.renderers.clear()
	r.outputs.clear()
	return nil
}

// hasCustom reports whether StyleCustom has a style (SetCustomStyle).
func (r *Renderer) hasCustom() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.custom != nil
}

// knownStyle maps an out-of-range style, and StyleCustom without a custom
// style, to StylePlain.
func knownStyle(s RenderStyle, hasCustom bool) RenderStyle {
	switch s {
	case StyleDark, StyleLight, StylePlain:
		return s
	case StyleCustom:
		if hasCustom {
			return s
		}
	}
	return StylePlain
}

// sum hashes everything of doc that a render reads.
func (r *Renderer) sum(doc Document) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	var buf [8]byte
	num := func(n uint64) {
		binary.LittleEndian.PutUint64(buf[:], n)
		_, _ = h.Write(buf[:])
	}
	str := func(s string) {
		num(uint64(len(s)))
		_, _ = h.WriteString(s)
	}
	a := &doc.Article
	str(a.Title)
	str(a.Source)
	str(a.Author)
	str(a.URL)
	num(uint64(a.Date.UnixNano()))
	num(uint64(int64(a.Reads)))
	num(uint64(a.Format))
	for _, tags := range [][]string{a.Tags, doc.Tags} {
		num(uint64(len(tags)))
		for _, t := range tags {
			str(t)
		}
	}
	str(doc.Body)
	return h.Sum64()
}

// glamourPipeline is one Glamour rendering pipeline. Glamour's ANSI
// renderer keeps state while it renders, so mu is held for the whole render.
type glamourPipeline struct {
	mu sync.Mutex
	md goldmark.Markdown
}

// newGlamourPipeline builds what glamour.NewTermRenderer builds (GFM and
// definition lists rendered by Glamour's ANSI renderer), plus astGuard,
// which glamour.TermRenderer has no option for.
func newGlamourPipeline(k rendererKey) *glamourPipeline {
	registerCodeStyles()
	opts := glamouransi.Options{
		WordWrap:         k.width,
		PreserveNewLines: k.plain,
		Styles:           styleConfig(k.style, k.width, k.custom),
	}
	ar := glamouransi.NewRenderer(opts)
	nodeRenderers := []util.PrioritizedValue{util.Prioritized(ar, 1000)}
	if opts.Styles.CodeBlock.Theme != "" {
		// Glamour's renderer with its code blocks given a known language
		// (codeBlocks), registered after it, so in its place for them.
		funcs := glamourFuncs{}
		ar.RegisterFuncs(funcs)
		nodeRenderers = append(nodeRenderers, util.Prioritized(codeBlocks{funcs[ast.KindFencedCodeBlock]}, 100))
	}
	md := newMarkdown(k.width)
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(nodeRenderers...)))
	return &glamourPipeline{md: md}
}

// newMarkdown is the Markdown reader of articles: GitHub's flavour and
// definition lists, and astGuard (which numbers the links and wraps the
// list of their addresses to width columns). bodyLinks parses with it too,
// so the numbers it lists are those on screen.
func newMarkdown(width int) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(astGuard{width: width}, 100))),
	)
}

// render converts Markdown to ANSI text; a panic becomes an error.
func (p *glamourPipeline) render(src string) (out string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("glamour panicked: %v", v)
		}
	}()
	var buf bytes.Buffer
	if err := p.md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// styleConfig returns Glamour's style for s (custom for StyleCustom), with
// no document margin (the pane has its own padding and the caller passes
// the inner width), no blank line above and below, quotes that keep to the
// width, a horizontal rule as wide as the text, and code blocks highlighted
// in the theme's colours for dark and light (codeTheme), in one colour for
// the others.
func styleConfig(s RenderStyle, width int, custom *glamouransi.StyleConfig) glamouransi.StyleConfig {
	var c glamouransi.StyleConfig
	rule := "─"
	switch s {
	case StyleCustom:
		if custom != nil {
			c = *custom // a shallow copy: fields are replaced below, never written through
		} else {
			c = styles.NoTTYStyleConfig
			rule = "-"
		}
	case StyleDark:
		c = styles.DarkStyleConfig
	case StyleLight:
		c = styles.LightStyleConfig
	case StylePlain:
		c = styles.NoTTYStyleConfig // ASCII decorations, no colour, no bold
		rule = "-"
	}
	zero, one := uint(0), uint(1)
	c.Document.Margin = &zero
	c.Document.BlockPrefix = ""
	c.Document.BlockSuffix = ""
	// Glamour reserves Indent columns for Indent tokens, but the quote token
	// "│ " is two columns wide, so quoted lines came out one column too
	// wide. A margin of 1 reserves two columns and draws the token once.
	c.BlockQuote.Indent = &zero
	c.BlockQuote.Margin = &one
	c.HorizontalRule.Format = "\n" + strings.Repeat(rule, width) + "\n"
	return glamourstyle.WithCodeTheme(c, codeTheme(s))
}
