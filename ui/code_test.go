package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

// The code here is invented.

const rustBlock = "```rust\nfn main() {\n    let harbour = \"quay\";\n}\n```\n"

// goInDisguise is Go with no language named: Chroma would recognise it
// if it guessed.
const goInDisguise = "```\npackage main\n\nfunc main() { return }\n```\n"

var sgrRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

// sgrText is a run of text between SGR sequences, with the sequences in
// force (since the last reset).
type sgrText struct{ sgr, text string }

func sgrRuns(out string) []sgrText {
	var runs []sgrText
	sgr := ""
	texts := sgrRE.Split(out, -1)
	seqs := sgrRE.FindAllString(out, -1)
	for i, text := range texts {
		if text != "" {
			runs = append(runs, sgrText{sgr, text})
		}
		if i < len(seqs) {
			if seqs[i] == "\x1b[m" || seqs[i] == "\x1b[0m" {
				sgr = ""
			} else {
				sgr += seqs[i]
			}
		}
	}
	return runs
}

// colourOf returns the SGR sequences in force on word, the first time it
// is a word of its own in out at or after the text after.
func colourOf(t *testing.T, out, after, word string) string {
	t.Helper()
	wordRE := regexp.MustCompile(`(^|\W)` + regexp.QuoteMeta(word) + `(\W|$)`)
	found := false
	for _, r := range sgrRuns(out) {
		found = found || strings.Contains(r.text, after)
		if found && wordRE.MatchString(r.text) {
			return r.sgr
		}
	}
	t.Fatalf("%q not after %q in %q", word, after, out)
	return ""
}

// codeColours returns the distinct SGR sequences on the visible characters
// (not spaces) of out from the text first to the text last.
func codeColours(out, first, last string) map[string]bool {
	set := map[string]bool{}
	in := false
	for _, r := range sgrRuns(out) {
		in = in || strings.Contains(r.text, first)
		if in && strings.TrimSpace(r.text) != "" {
			set[r.sgr] = true
		}
		if in && strings.Contains(r.text, last) {
			break
		}
	}
	return set
}

func TestCodeHighlighted(t *testing.T) {
	doc := linkDoc(model.FormatMarkdown, "Before.\n\n"+rustBlock+"\nAfter.\n")
	r := NewRenderer()
	colours := map[RenderStyle]string{}
	for _, style := range []RenderStyle{StyleDark, StyleLight} {
		out := mustRender(t, r, doc, 60, style)
		keyword, ident := colourOf(t, out, "fn", "fn"), colourOf(t, out, "let", "harbour")
		str := colourOf(t, out, "let", `"quay"`)
		if keyword == "" || ident == "" || keyword == ident || str == ident {
			t.Errorf("style %d: keyword %q, identifier %q, string %q: want three colours", style, keyword, ident, str)
		}
		colours[style] = keyword + ident + str
	}
	if colours[StyleDark] == colours[StyleLight] {
		t.Errorf("dark and light highlight alike: %q", colours[StyleDark])
	}
}

// TestCodeWithoutLanguagePlain: a block that names no language, or one
// Chroma does not know, is one colour (no guessing), and so is every
// block with no colour at all (NO_COLOR, pipes) and in a style file.
func TestCodeWithoutLanguagePlain(t *testing.T) {
	r := NewRenderer()
	for _, body := range []string{goInDisguise, strings.Replace(goInDisguise, "```", "```klingon", 1), "Indented:\n\n    package main\n\n    func main() { return }\n"} {
		doc := linkDoc(model.FormatMarkdown, body)
		for _, style := range []RenderStyle{StyleDark, StyleLight} {
			out := mustRender(t, r, doc, 60, style)
			if got := codeColours(out, "package", "return }"); len(got) != 1 {
				t.Errorf("style %d, %q: %d colours %v, want one", style, body, len(got), got)
			}
		}
	}
	doc := linkDoc(model.FormatMarkdown, rustBlock)
	if out := mustRender(t, r, doc, 60, StylePlain); strings.Contains(out, "\x1b[") {
		t.Errorf("plain style has escape sequences: %q", out)
	}
}
