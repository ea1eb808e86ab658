package data

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// Feed files written for these tests.
const (
	rssFile = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title> Dredging starts </title><link>https://gazette.example/dredging</link><guid>g-2</guid>
<pubDate>Tue, 03 Mar 2026 07:30:00 +0100</pubDate><category>works</category>
<description><![CDATA[<p>The dredger came. <a href="/map">Map</a> <a href="javascript:evil()">Prize</a></p>]]></description></item>
<item><title>Quay closed</title><link>https://gazette.example/quay</link><guid>g-1</guid>
<description>Until Friday.</description></item>
</channel></rss>`
	atomFile = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/"><title>Field Notes</title>
<entry><title>Lighthouse keepers</title><link href="posts/lighthouse"/><id>tag:atom.example,2026:1</id>
<updated>2026-04-01T09:00:00Z</updated><author><name>Jo Price</name></author>
<content type="html">&lt;p&gt;See &lt;a href="notes/1"&gt;the note&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`
	rdfFile = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://slow.example/"><title>Slow News</title><link>https://slow.example/</link></channel>
<item rdf:about="https://slow.example/snails"><title>Snail race postponed</title><link>https://slow.example/snails</link></item>
</rdf:RDF>`
	jsonFeedFile = `{"version": "https://jsonfeed.org/version/1.1", "title": "Market Square",
"items": [{"id": "1", "title": "Cheese prices hold", "content_text": "Stable.", "tags": "prices"}]}`
	jsonArticleFile = `{"title": "Council votes", "body": "The council voted.", "items": "not a feed"}`
	loneEntryFile   = `<entry xmlns="http://www.w3.org/2005/Atom"><title>Alone</title><id>urn:x:1</id><summary>One.</summary></entry>`
)

func TestFeedFilesInACollection(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"news/gazette.rss": rssFile, "notes.atom": atomFile, "slow.rdf": rdfFile,
		"market.json": jsonFeedFile, "council.json": jsonArticleFile, "alone.xml": loneEntryFile,
		"drawing.xml": `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
		"broken.rss":  `<rss version="2.0"><channel><title>cut`,
		"empty.atom":  `<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing yet</title></feed>`,
	} {
		testfs.WriteFile(t, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	l := loadWithin(t, dir)
	byTitle := map[string]model.Article{}
	for _, a := range l.arts {
		byTitle[a.Title] = a
	}
	want := []string{"Alone", "Cheese prices hold", "Council votes", "Dredging starts", "Lighthouse keepers", "Quay closed", "Snail race postponed"}
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range byTitle {
			if !yield(k) {
				return
			}
		}
	})
	if !slices.Equal(got, want) {
		t.Fatalf("titles %q, want %q", got, want)
	}
	d := byTitle["Dredging starts"]
	if d.Format != model.FormatMarkdown || d.Source != "Harbour Gazette" || d.URL != "https://gazette.example/dredging" ||
		!slices.Equal(d.Tags, []string{"works"}) || !slices.Equal(d.FolderTags, []string{"news"}) || d.Date.IsZero() {
		t.Errorf("the RSS item: %+v", d)
	}
	if !strings.Contains(d.Body, "[Map](https://gazette.example/map)") || strings.Contains(d.Body, "javascript") {
		t.Errorf("the RSS item's body: %q", d.Body)
	}
	if b := byTitle["Lighthouse keepers"].Body; !strings.Contains(b, "(https://atom.example/blog/notes/1)") {
		t.Errorf("the Atom entry's body: %q", b)
	}
	if c := byTitle["Cheese prices hold"]; !slices.Equal(c.Tags, []string{"prices"}) || c.Body != "Stable." {
		t.Errorf("the JSON Feed item: %+v", c)
	}
	if c := byTitle["Council votes"]; c.Format != model.FormatJSON {
		t.Errorf("a JSON article read as %v", c.Format)
	}
	l.wantProblems(t, map[string]string{
		filepath.Join(dir, "broken.rss"): "malformed feed: XML syntax error on line 1: unexpected EOF",
		filepath.Join(dir, "empty.atom"): "a feed with no items",
	})
}

func TestFeedFileGivenByName(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "drawing.xml")
	testfs.WriteFile(t, svg, `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	l := loadWithin(t, svg)
	l.wantProblems(t, map[string]string{svg: "not a feed (RSS, Atom or JSON Feed): skipped"})
}

// TestFeedItemIDsSurviveNewItems checks that an item keeps its ID when the
// feed gains an item at the top, and that items without GUID or link
// still get distinct IDs.
func TestFeedItemIDsSurviveNewItems(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "g.rss")
	item := func(title, guid string) string {
		return "<item><title>" + title + "</title><guid>" + guid + "</guid></item>"
	}
	write := func(items ...string) map[string]model.ID {
		testfs.WriteFile(t, p, `<rss version="2.0"><channel><title>G</title>`+strings.Join(items, "")+`</channel></rss>`)
		ids := map[string]model.ID{}
		for _, a := range loadWithin(t, dir).arts {
			ids[a.Title] = a.ID
		}
		return ids
	}
	before := write(item("Old", "1"), item("Older", "2"), "<item><title>No id</title></item>", "<item><title>No id</title></item>")
	after := write(item("New", "3"), item("Old", "1"), item("Older", "2"))
	if before["Old"] != after["Old"] || before["Older"] != after["Older"] {
		t.Errorf("IDs changed: %v, then %v", before, after)
	}
	if len(before) != 3 || after["New"] == after["Old"] {
		t.Errorf("IDs not distinct: %v, %v", before, after)
	}
}

// TestFeedFileHostile checks that what a feed says reaches the collection
// sanitized.
func TestFeedFileHostile(t *testing.T) {
	dir := t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "h.rss"), "<rss version=\"2.0\"><channel><title>Evil\x1b]0;owned\x07</title>"+
		"<item><title>Title\x1b[2J</title><author>x\x1b[31m</author><category>tag\u202e</category>"+
		"<description><![CDATA[<p>Body\x1b]8;;https://evil.example\x1b\\ link\x1b]8;;\x1b\\</p>]]></description></item></channel></rss>")
	l := loadWithin(t, dir)
	if len(l.arts) != 1 {
		t.Fatalf("%d articles", len(l.arts))
	}
	a := l.arts[0]
	for _, s := range []string{a.Title, a.Source, a.Author, strings.Join(a.Tags, " ")} {
		if !printable(s) {
			t.Errorf("not sanitized: %q", s)
		}
	}
	if strings.ContainsRune(a.Body, 0x1b) || strings.ContainsRune(a.Body, 0x07) {
		t.Errorf("body not sanitized: %q", a.Body)
	}
}

// TestFeedFileWarmStart checks that the index gives back the articles of a
// feed file as a cold load made them, and that their bodies read back.
func TestFeedFileWarmStart(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "gazette.rss"), rssFile)
	testfs.WriteFile(t, filepath.Join(dir, "market.json"), jsonFeedFile)
	_, cold := libraryLoad(t, dir, cache)
	want := collect(cold).Articles()
	bodies := map[string]string{}
	for _, name := range []string{"gazette.rss", "market.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		arts, _, _ := ParseFeed(name, b)
		for _, a := range arts {
			bodies[a.Title] = a.Body
		}
	}
	lib, warm := libraryLoad(t, dir, cache)
	got := collect(warm).Articles()
	if len(got) != 3 || len(got) != len(want) {
		t.Fatalf("warm %d articles, cold %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.Body, g.Body = "", ""
		if !equalArticles(w, g) {
			t.Errorf("warm\n%+v\ncold\n%+v", g, w)
		}
		body, err := lib.Body(got[i])
		if err != nil || body == "" || body != bodies[g.Title] {
			t.Errorf("Body(%q) = %q, %v; want %q", g.Title, body, err, bodies[g.Title])
		}
	}
}
