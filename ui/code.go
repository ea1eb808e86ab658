package ui

import (
	"sync"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/newsline/newsline/internal/glamourstyle"
)

// Code blocks are highlighted by Chroma, through Glamour, in the colours of
// the theme (codePalette): a Chroma style for each background, registered
// once under its own name, since Glamour's own chroma setting is one
// global style whichever background asked first. Only blocks that name a
// language Chroma knows are highlighted; the others are plain text in the
// code's text colour. Chroma would otherwise guess the language of every
// unnamed block by trying each lexer (about 3 ms a block).

// The names of newsline's Chroma styles.
const (
	codeStyleDark  = "newsline-dark"
	codeStyleLight = "newsline-light"
)

// plainLexer is the name of Chroma's lexer of plain text.
const plainLexer = "plaintext"

// registerCodeStyles registers the Chroma styles of both backgrounds; it
// runs before the first pipeline is built, so before any highlighting
// reads chroma's registry.
var registerCodeStyles = sync.OnceFunc(func() {
	for name, dark := range map[string]bool{codeStyleDark: true, codeStyleLight: false} {
		if err := glamourstyle.RegisterCodeStyle(name, codePalette(dark)); err != nil {
			panic(err) // the names and palettes are ours
		}
	}
})

// codeTheme returns the Chroma style of a render style, "" for none.
func codeTheme(s RenderStyle) string {
	switch s {
	case StyleDark:
		return codeStyleDark
	case StyleLight:
		return codeStyleLight
	case StylePlain, StyleCustom:
	}
	return ""
}

// codeBlocks hands Glamour's ANSI renderer (glamour, its function for code
// blocks) every code block as a fenced block with a language Chroma knows
// by name: its own, or plainLexer for a block with none or an unknown one.
type codeBlocks struct{ glamour renderer.NodeRendererFunc }

// RegisterFuncs implements renderer.NodeRenderer.
func (c codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeBlock, c.render)
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c codeBlocks) render(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if lang := f.Language(source); len(lang) > 0 && lexers.Get(string(lang)) != nil {
			return c.glamour(w, source, n, entering)
		}
	}
	// The same code, as a block of its own source that names plainLexer.
	var code []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code = append(code, seg.Value(source)...)
	}
	src := append(code, plainLexer...)
	block := ast.NewFencedCodeBlock(ast.NewTextSegment(text.NewSegment(len(code), len(src))))
	block.Lines().Append(text.NewSegment(0, len(code)))
	return c.glamour(w, src, block, entering)
}

// glamourFuncs records the functions a node renderer registers.
type glamourFuncs map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (g glamourFuncs) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { g[k] = f }
