package feed

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func FuzzParse(f *testing.F) {
	for _, doc := range []string{rss2CDATA, rdf, atomXMLBase, jsonFeed11, loneEntry, string(latin1), billionLaughs} {
		f.Add([]byte(doc), "")
	}
	f.Add([]byte("<rss><channel><title>\xe9</title></channel></rss>"), "iso-8859-1")
	f.Fuzz(func(t *testing.T, doc []byte, charset string) {
		feed, err := Parse(doc, charset)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			for _, s := range append([]string{feed.Title, feed.Link, it.Title, it.Link, it.GUID, it.Author}, it.Categories...) {
				if s != model.OneLine(s) {
					t.Errorf("not one sanitized, trimmed line: %q", s)
				}
			}
			if md := Markdown(it); md != model.Sanitize(md) {
				t.Errorf("Markdown not sanitized: %q", md)
			}
			if name := FileName(it, time.Time{}); strings.ContainsAny(name, "/\\\x00") || strings.Contains(name, "..") {
				t.Errorf("unsafe file name %q", name)
			}
		}
	})
}

func FuzzItemMarkdown(f *testing.F) {
	f.Add(`<p>Read <a href="../about">about</a> <img src="x.png" alt="x"></p>`, "https://a.example/b/c")
	f.Add(`<a href="javascript:x()">j</a><table><tr><td>1</td></tr></table>`, "")
	f.Add("<ul><li>one<li>two</ul><pre><code>x := 1</code></pre>", "::bad")
	f.Fuzz(func(t *testing.T, html, base string) {
		md := HTMLToMarkdown(html, base)
		if md != model.Sanitize(md) {
			t.Errorf("not sanitized: %q", md)
		}
		if strings.Contains(md, "](javascript:") {
			t.Errorf("a javascript: link survived: %q", md)
		}
	})
}

// BenchmarkConvertItems renders the article files of 10,000 items.
func BenchmarkConvertItems(b *testing.B) {
	f := &Feed{Title: "Bench Gazette"}
	items := make([]Item, 10000)
	for i := range items {
		items[i] = Item{
			Title: fmt.Sprintf("Story number %d about the harbour", i), Link: fmt.Sprintf("https://bench.example/%d", i),
			GUID: fmt.Sprint(i), Published: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), Author: "Desk",
			Categories: []string{"harbour", "news"},
			Content: fmt.Sprintf(`<p>Paragraph <b>%d</b> with <a href="/x/%d">a link</a> and an <img src="i/%d.jpg" alt="image">.</p>`+
				`<ul><li>one</li><li>two</li></ul><p>More text, more text, more text, more text.</p>`, i, i, i),
		}
	}
	for b.Loop() {
		for _, it := range items {
			if _, err := Article(f, it, "https://bench.example/feed", nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
