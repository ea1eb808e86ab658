package data

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// TestParseMarkdownEntities: character references become their characters
// in the body and the title, as a Markdown renderer shows them, before the
// sanitizer runs; in code they stay as written.
func TestParseMarkdownEntities(t *testing.T) {
	tests := []struct {
		name, in    string
		title, body string
		text        string // MarkdownText of the body: list --json's body
	}{
		{"dashes and quotes", "# Rock &mdash; paper\n\nIt&rsquo;s &ldquo;done&rdquo; &#8212; or &#x2014; not&hellip;",
			"Rock — paper", "It’s “done” — or — not…", "It’s “done” — or — not…"},
		{"ampersand", "# Q&amp;A\n\nAT&amp;T and R&amp;D, &amp;amp; &amp;copy stay literal",
			"Q&A", "AT&T and R&D, &amp;amp; &amp;copy stay literal", "AT&T and R&D, &amp; &copy stay literal"},
		{"no-break space", "# T\n\n10&nbsp;km", "T", "10\u00a0km", "10\u00a0km"},
		{"accents", "# Caf&eacute;\n\nna&iuml;ve se&ntilde;or", "Café", "naïve señor", "naïve señor"},
		{"markup stays text", "# T\n\n&lt;b&gt;bold?&lt;/b&gt; &#42;not em&#42; &#35; &#91;x&#93;(y)",
			"T", `\<b\>bold?\</b\> &#42;not em&#42; &#35; &#91;x&#93;(y)`, "<b>bold?</b> *not em* # [x](y)"},
		{"code span literal", "# T\n\nUse `a &amp;&amp; b` &amp; ``x&mdash;` y``.",
			"T", "Use `a &amp;&amp; b` & ``x&mdash;` y``.", "Use a &amp;&amp; b & x&mdash;` y."},
		{"code block literal", "# T\n\n```\nx &lt; y &mdash;\n```\n\n    z &amp; w\n\nafter &mdash; it",
			"T", "```\nx &lt; y &mdash;\n```\n\n    z &amp; w\n\nafter — it", "x &lt; y &mdash;\n\nz &amp; w\n\nafter — it"},
		{"escape sequence removed", "# T\n\nbefore &#x1b;[31mred&#27;]0;title&#7; after",
			"T", "before red after", "before red after"},
		{"C1 and bidi removed", "# T\n\na&#x9b;2Jb &#x202e;c", "T", "ab c", "ab c"}, // U+009B is CSI: 2J is its sequence
		{"letters, digits and white space stay", "# T\n\n&#49;. one&#10;&#32;&#32;&#32;&#32;x &#65;",
			"T", "&#49;. one&#10;&#32;&#32;&#32;&#32;x &#65;", "1. one     x A"},
		{"not references", "# T\n\n&nosuch; & &#; &#xZ; &#12345678; &copy \\&amp;",
			"T", "&nosuch; & &#; &#xZ; &#12345678; &copy \\&amp;", "&nosuch; & &#; &#xZ; &#12345678; &copy &amp;"},
		{"invalid code points", "# T\n\n&#0; &#xD800; &#x110000;", "T", "\ufffd \ufffd \ufffd", "\ufffd \ufffd \ufffd"},
		{"link text and destination", "# T\n\n[caf&eacute;](https://x.example/?a=1&amp;b=2)",
			"T", "[café](https://x.example/?a=1&amp;b=2)", "café (https://x.example/?a=1&b=2)"},
		{"link definitions: as written", "# T &mdash; t\n\n[caf&eacute;][] &mdash; [x&amp;y][r]\n\n[caf&eacute;]: /u\n[r]: /v",
			"T — t", "[caf&eacute;][] &mdash; [x&amp;y][r]\n\n[caf&eacute;]: /u\n[r]: /v", "café (/u) — x&y (/v)"},
		{"front matter title", "---\ntitle: \"Fish &amp; chips &mdash; \\\\* \\u001b\"\n---\nBody", "Fish & chips — \\*", "Body", "Body"},
		{"heading escapes", "# A \\* b &#42; `c&amp;`", "A * b * `c&amp;`", "", ""},
		{"title repeated after front matter", "---\ntitle: Rock — paper\n---\n# Rock &mdash; paper\n\nBody", "Rock — paper", "Body", "Body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, _, err := ParseMarkdown("a.md", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkArticles(t, arts, nil)
			a := arts[0]
			if a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if a.Body != tt.body {
				t.Errorf("body\n got %q\nwant %q", a.Body, tt.body)
			}
			if got := MarkdownText(a.Body); got != tt.text {
				t.Errorf("text\n got %q\nwant %q", got, tt.text)
			}
		})
	}
}

// TestDecodeEntitiesStable: decoding again changes nothing, and a body
// without references is returned as it is.
func TestDecodeEntitiesStable(t *testing.T) {
	for _, s := range []string{
		"AT&amp;T &amp;copy; &lt;b&gt; &mdash; `&amp;`", "no references & none; &x", "&amp;amp; &#38;#35;",
	} {
		once := decodeEntities(s)
		if twice := decodeEntities(once); twice != once {
			t.Errorf("%q: once %q, twice %q", s, once, twice)
		}
	}
	s := strings.Repeat("plain & simple; ", 10)
	if got := decodeEntities(s); got != s {
		t.Errorf("changed a body without references: %q", got)
	}
}

// TestSearchFindsDecodedWords: the index holds a Markdown article's words
// as the reader shows them, references decoded: "café" finds
// caf&eacute;, and "mdash" finds nothing, before and after indexing.
func TestSearchFindsDecodedWords(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "a.md"), "# Caf&eacute; opens\n\nRock&mdash;paper&#8212;scissors at the caf&eacute;&nbsp;bar, `x&amp;y`.\n")
	lib, _ := libraryLoad(t, dir, t.TempDir())
	search := func(when string) {
		t.Helper()
		for q, want := range map[string]int{"cafe": 1, "café": 1, "paper scissors": 1, `"rock paper scissors"`: 1, "bar": 1, "mdash": 0, "eacute": 0, "8212": 0, "amp": 1} {
			got, err := lib.Search(context.Background(), q)
			if err != nil || len(got) != want {
				t.Errorf("%s: Search(%q) found %d (%v), want %d", when, q, len(got), err, want)
			}
		}
	}
	search("before indexing")
	if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
		t.Fatal(err)
	}
	search("indexed")
}
