package data

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// checkArticles fails when a parser's output is not sanitized or not
// well-formed.
func checkArticles(t *testing.T, arts []model.Article, probs []model.Problem) {
	t.Helper()
	for _, a := range arts {
		if a.Title == "" {
			t.Fatalf("empty title: %#v", a)
		}
		checkSanitized(t, "title", a.Title, true)
		checkSanitized(t, "body", a.Body, false)
		checkSanitized(t, "source", a.Source, true)
		checkSanitized(t, "url", a.URL, true)
		checkSanitized(t, "author", a.Author, true)
		for _, tag := range a.Tags {
			if tag == "" || tag[0] == '#' {
				t.Fatalf("tag %q", tag)
			}
			checkSanitized(t, "tag", tag, true)
		}
		if a.Reads < model.NoReads || a.Reads > maxReads {
			t.Fatalf("reads %d", a.Reads)
		}
		if a.HasDate() && a.Date.Location() != time.UTC {
			t.Fatalf("date %v not UTC", a.Date)
		}
	}
	for _, p := range probs {
		checkSanitized(t, "problem", p.Reason, true)
	}
}

// checkSanitized fails when s holds something model.Sanitize (or, for a
// line, model.SanitizeLine) removes. It states the sanitizer's promise on
// its own, not through its code, as model's sanitizer tests do.
func checkSanitized(t *testing.T, what, s string, line bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: invalid UTF-8: %q", what, s)
	}
	for _, r := range s {
		switch {
		case r == '\n' && line, r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			line && (r == 0x200b || r == 0x2060 || r == 0xfeff):
			t.Fatalf("%s: %U left in %q", what, r, s)
		}
	}
}

func fuzzParser(f *testing.F, name string, parse parser, seeds []string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		arts, probs, _ := parse(name, s)
		checkArticles(t, arts, probs)
		withoutSpans(t, strings.TrimPrefix(s, "\uFEFF"), arts)
		arts, probs, _ = Parse(name, []byte(s)) // through decoding
		checkArticles(t, arts, probs)
	})
}

func FuzzParseText(f *testing.F) {
	fuzzParser(f, "a.txt", ParseText, []string{
		sampleText, "", "Title", "Title\n\n15 July 2021 Read: 7\nTitle\n\nBody\n\nMore about: #a #b\n\nFooter",
		"T\r\n\r\nJuly 15, 2021 14:30\r\nBody\r\nTags: a, b", "\x1b[31mT\x1b]0;x\x07\n\n\u009b2JBody\u202e",
		"T\n\nViews: 3 400\n\n\n\n\nB  \n\tC", "\xe9t\xe9\n\n15.07.2021\n", "\xff\xfeT\x00\n\x00",
	})
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzParser(f, "a.md", ParseMarkdown, []string{
		"---\ntitle: T\ndate: 2021-07-15\ntags: [a, b]\nreads: 5\n---\nBody", "+++\ntitle = \"T\"\ndate = 2021-07-15\n+++\n# H\nB",
		"# Heading\n\n```\n# code\n```\n", "---\n[\n---\n", "---\n" + aliasBomb() + "---\n", "", "---\nauthor: {name: A}\nsource: [x]\n---\n",
		"---\ntitle: \"\\e[31mx\\u009b\"\n---\n",
		"# Rock &mdash; paper &amp; `a&amp;b`\n\nAT&amp;T &#x1b;[31mred&#27; &lt;b&gt; &#42;x&#42; &nbsp;&#8212;&#x2014;\n\n```\n&amp;\n```\n",
		"---\ntitle: \"Q&amp;A &#x9b;2J\"\n---\n&amp;copy &amp;amp; &#49;. &#10;&#32; [a&quot;](b&amp;c)\n",
	})
}

// FuzzDecodeEntities: decoding character references never changes what
// the Markdown says (its text, by MarkdownText) and is done once for all:
// decoding again changes nothing.
func FuzzDecodeEntities(f *testing.F) {
	for _, s := range []string{
		"AT&amp;T &mdash; `&amp;` &lt;b&gt;", "&amp;copy; &amp;amp &#35; heading\n\n&#42;&#42;x&#42;&#42;", "- a&#10;b\n  - &#x5c;*c*",
		"| a &#124; b |\n|---|\n| &#96;c&#96; |", "[x&#93;(y)](z&amp;w) <a href=\"&amp;\"> ~~&#126;~~ &#95;d&#95;",
		"[caf&eacute;][] and [AT&amp;T] &mdash;\n\n[caf&eacute;]: /u\n[at&amp;t]: /v \"&quot;\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := decodeEntities(s)
		if twice := decodeEntities(once); twice != once {
			t.Fatalf("not stable: %q → %q → %q", s, once, twice)
		}
		for i := strings.IndexByte(s, '&'); i >= 0 && i < len(s); i++ {
			if dec, _, ok := charRef(s[i:]); ok {
				for _, r := range dec {
					if !model.Printable(r, 0) {
						return // the sanitizer's part: the texts differ by design
					}
				}
			}
		}
		if a, b := MarkdownText(s), MarkdownText(once); a != b {
			t.Fatalf("the text changed: %q → %q\n%q\n%q", s, once, a, b)
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	fuzzParser(f, "a.json", ParseJSON, []string{
		`{"title": "T", "date": "2021-07-15", "tags": ["a"], "body": "B", "reads": 3}`,
		`[{"title": "A"}, {"body": "B\nC"}, 5, null]`, `{"items": [{"title": "A"}], "title": "feed"}`,
		`{"title": "\u001b[31m", "body": "\u009b"}`, `[{"title": ]`, `{"date": 1e300, "reads": 1e300, "title": "x"}`, "",
		`{"author": [{"name": "A"}, {"title": "B"}], "source": {"name": 5}, "title": 1}`,
	})
}

func FuzzParseJSONL(f *testing.F) {
	fuzzParser(f, "a.jsonl", ParseJSONL, []string{
		"{\"title\": \"A\"}\n{\"title\": \"B\", \"published\": 1626359400}\n", "{\"title\": \"A\"\n{}\n[]\nnull\n",
		"{\"body\": \"x\\r\\ny\"} {\"a\": 1}", "",
	})
}

func FuzzParseFeed(f *testing.F) {
	fuzzParser(f, "a.rss", parseFeedText, []string{
		rssFile, atomFile, rdfFile, jsonFeedFile, loneEntryFile, "",
		"<rss version=\"2.0\"><channel><title>\x1b[31m</title><item><title>\u202e</title><category>#x</category></item></channel></rss>",
	})
}

// FuzzParsePage: whatever a saved web page holds, ParsePage gives at most
// one article, sanitized, and never panics.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"harbour.html", "ferry.htm", "latin.html", "login.html"} {
		f.Add(readPage(f, name))
	}
	for _, s := range []string{
		"", "<html>", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00",
		"<html><head><title>\x1b[31mT\u202e</title><meta name=\"author\" content=\"\x07A\"></head><body><article><p>" +
			strings.Repeat("word \x1b]0;x\x07 \u009b2J ", 40) + "</p></article></body></html>",
		"<html><head><meta property=\"article:published_time\" content=\"99999-01-01\"></head><body><p>" + strings.Repeat("a b ", 30) + "</p></body></html>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, probs, err := ParsePage("a.html", b)
		checkArticles(t, arts, probs)
		if len(arts) > 1 || (err == nil) != (len(arts) == 1) {
			t.Fatalf("%d articles, error %v", len(arts), err)
		}
	})
}
