package main

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// shingleSize is evaluate.py's ngram_n.
const shingleSize = 4

// score counts one page's shingles as evaluate.py's
// string_shingle_matching does, normalised so that long pages weigh no
// more than short ones.
func score(id, truth, pred string) scored {
	want, got := shingles(truth), shingles(pred)
	var tp, fp, fn float64
	for k, w := range want {
		g := got[k]
		tp += float64(min(w, g))
		fn += float64(max(0, w-g))
	}
	for k, g := range got {
		fp += float64(max(0, g-want[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return scored{id: id, tp: tp, fp: fp, fn: fn}
}

// shingles counts the text's runs of shingleSize tokens (the whole text
// when it has fewer), as evaluate.py's _ngrams does.
func shingles(s string) map[string]int {
	toks := tokens(s)
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	for i := 0; i < max(1, len(toks)-shingleSize+1); i++ {
		out[strings.Join(toks[i:min(len(toks), i+shingleSize)], "\x00")]++
	}
	return out
}

// tokens splits s into the runs Python's \w+ matches: letters, digits
// and underscores.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// precision and recall are evaluate.py's precision_score and
// recall_score for one page.
func precision(x scored) float64 {
	switch {
	case x.fp == 0 && x.fn == 0:
		return 1
	case x.tp == 0 && x.fp == 0:
		return 0
	}
	return x.tp / (x.tp + x.fp)
}

func recall(x scored) float64 {
	switch {
	case x.fp == 0 && x.fn == 0:
		return 1
	case x.tp == 0 && x.fn == 0:
		return 0
	}
	return x.tp / (x.tp + x.fn)
}

// means is evaluate.py's mean precision (over pages that predicted
// something) and mean recall (over pages with something to find).
func means(s []scored) (p, r float64) {
	var np, nr int
	for _, x := range s {
		if x.tp+x.fp > 0 {
			p += precision(x)
			np++
		}
		if x.tp+x.fn > 0 {
			r += recall(x)
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	return p, r
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// unescape is raw Markdown text as a reader sees it: backslash escapes
// and character references resolved ("\\_" is "_", "&lt;" is "<"), as
// goldmark's renderer does.
func unescape(raw []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw)))
}

// plainText is the words of a Markdown body without its syntax: link
// text without the address, images (newsline's "image: ALT" links) left
// out, as the benchmark's text has neither.
func plainText(src string) string {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteString("\n\n")
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if t := string(n.Text(source)); t == "image" || strings.HasPrefix(t, "image:") {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(unescape(n.Segment.Value(source)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(source))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
