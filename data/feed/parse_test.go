package feed

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func TestParse(t *testing.T) {
	date := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.UTC()
	}
	tests := []struct {
		name    string
		doc     []byte
		charset string
		title   string
		items   []Item // only the fields set here are compared, Content and Summary by substring
	}{
		{"rss 2.0 with CDATA", []byte(rss2CDATA), "", "Harbour Gazette", []Item{
			{Title: "Dredging starts on the old quay", Link: "https://gazette.example/2026/03/dredging", GUID: "gazette-4411",
				Published: date("2026-03-03T06:30:00Z"), Author: "Ana Ferreira", Categories: []string{"Harbour", "Works"},
				Summary: "<b>dredger</b>"},
			{Summary: "neither title"},
		}},
		{"rdf", []byte(rdf), "", "Slow News", []Item{
			{Title: "Snail race postponed", Link: "https://slow.example/snails", Published: date("2026-02-14T09:00:00Z"), Summary: "Rain again."},
		}},
		{"atom with xml:base", []byte(atomXMLBase), "", "Field Notes", []Item{
			{Title: "Lighthouse keepers", Link: "https://atom.example/blog/posts/lighthouse", GUID: "tag:atom.example,2026:lighthouse",
				Published: date("2026-04-01T08:00:00Z"), Updated: date("2026-04-01T09:00:00Z"), Author: "Jo Price",
				Categories: []string{"coast"}, Content: "<table>"},
		}},
		{"json feed 1.1, tags a string", []byte(jsonFeed11), "", "Market Square", []Item{
			{Title: "Cheese prices hold", Link: "https://market.example/p/1", GUID: "https://market.example/p/1",
				Published: date("2026-05-02T10:00:00Z"), Author: "M. Lind", Categories: []string{"prices", "cheese"}, Content: "<em>again</em>"},
			{Title: "Stall numbers", GUID: "2", Categories: []string{"stalls", "census"}, Content: "Forty stalls."},
		}},
		{"lone atom entry", []byte(loneEntry), "", "", []Item{
			{Title: "A single entry", Link: "https://lone.example/entry", Updated: date("2026-01-05T18:30:02Z"), Summary: "Just the one."},
		}},
		{"latin-1 undeclared", latin1, "", "Café du Port", []Item{
			{Title: "Crème brûlée – the verdict", Link: "https://cafe.example/creme"},
		}},
		{"latin-1 declared utf-8", []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>\xc0 la carte</title></item></channel></rss>"),
			"", "Café", []Item{{Title: "À la carte"}}},
		{"charset in the http header only", []byte("<rss version=\"2.0\"><channel><title>Gr\xfc\xdfe</title><item><title>\xc4rger</title></item></channel></rss>"),
			"ISO-8859-1", "Grüße", []Item{{Title: "Ärger"}}},
		{"declared encoding wins over the header", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Gr\xfc\xdfe</title></channel></rss>"),
			"utf-16", "Grüße", nil},
		{"utf-16 with a byte order mark, declared", utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Wide</title><item><title>Ünï</title></item></channel></rss>"),
			"", "Wide", []Item{{Title: "Ünï"}}},
		{"escapes removed", []byte(`{"version": "https://jsonfeed.org/version/1", "title": "\u001b]0;owned\u0007Feed", "items": [` +
			`{"id": "\u001b[31mid", "url": "https://e.example/\u009b", "title": "\u001b[2JClean\u202e title\n", "author": {"name": "A\u0007 B"}, "tags": ["\u001b[1mbold"]}]}`),
			"", "Feed", []Item{{Title: "Clean title", GUID: "id", Link: "https://e.example/", Author: "A B", Categories: []string{"bold"}}}},
		{"utf-8 with a byte order mark", []byte("\uFEFF<rss version=\"0.91\"><channel><title>Old  one</title><item><title>x</title></item></channel></rss>"),
			"", "Old one", []Item{{Title: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.doc, tt.charset)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if f.Title != tt.title {
				t.Errorf("title %q, want %q", f.Title, tt.title)
			}
			if len(f.Items) != len(tt.items) {
				t.Fatalf("%d items, want %d: %+v", len(f.Items), len(tt.items), f.Items)
			}
			for i, want := range tt.items {
				checkItem(t, f.Items[i], want)
			}
		})
	}
}

// checkItem compares the fields want sets.
func checkItem(t *testing.T, got, want Item) {
	t.Helper()
	eq := func(field, g, w string) {
		if w != "" && g != w {
			t.Errorf("%s %q, want %q", field, g, w)
		}
	}
	eq("title", got.Title, want.Title)
	eq("link", got.Link, want.Link)
	eq("guid", got.GUID, want.GUID)
	eq("author", got.Author, want.Author)
	if want.Title == "" && got.Title != "" {
		t.Errorf("title %q, want none", got.Title)
	}
	if !want.Published.IsZero() && !got.Published.Equal(want.Published) {
		t.Errorf("published %v, want %v", got.Published, want.Published)
	}
	if !want.Updated.IsZero() && !got.Updated.Equal(want.Updated) {
		t.Errorf("updated %v, want %v", got.Updated, want.Updated)
	}
	if want.Categories != nil && strings.Join(got.Categories, "|") != strings.Join(want.Categories, "|") {
		t.Errorf("categories %q, want %q", got.Categories, want.Categories)
	}
	if !strings.Contains(got.Content, want.Content) {
		t.Errorf("content %q, want it to hold %q", got.Content, want.Content)
	}
	if !strings.Contains(got.Summary, want.Summary) {
		t.Errorf("summary %q, want it to hold %q", got.Summary, want.Summary)
	}
}

func TestParseNotFeed(t *testing.T) {
	for _, doc := range []string{
		"",
		`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
		`{"title": "an article", "body": "text"}`,
		`{"version": "2", "items": []}`,
		"plain text",
	} {
		if _, err := Parse([]byte(doc), ""); err != ErrNotFeed {
			t.Errorf("Parse(%q): %v, want ErrNotFeed", doc, err)
		}
	}
	if _, err := Parse([]byte(`<rss version="2.0"><channel><title>cut`), ""); err == nil || err == ErrNotFeed {
		t.Errorf("a truncated feed: %v, want a parse error", err)
	}
}

// TestParseNestedEntities checks that a DTD's entities are not expanded:
// the document parses with little memory. (The test's own timeout bounds
// its time.)
func TestParseNestedEntities(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := Parse([]byte(billionLaughs), "")
	runtime.ReadMemStats(&after)
	if err == nil && len(f.Title) > 1000 {
		t.Errorf("the entities were expanded: a title of %d bytes", len(f.Title))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("parsing allocated %d bytes", alloc)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		doc  string
		want Kind
	}{
		{rss2CDATA, KindRSS},
		{rdf, KindRSS},
		{atomXMLBase, KindAtom},
		{loneEntry, KindEntry},
		{jsonFeed11, KindJSON},
		{billionLaughs, KindRSS},
		{"<!-- a comment --><?xml-stylesheet href=\"s.xsl\"?>\n<rss>", KindRSS},
		{`{"items": [], "version": "https://jsonfeed.org/version/1"}`, KindJSON},
		{`{"title": "https://jsonfeed.org/version/1", "version": 2}`, KindNone},
		{`<html><head><title>page</title></head></html>`, KindNone},
		{`<?xml version="1.0"?><opml version="2.0"/>`, KindNone},
		{`[{"title": "a"}]`, KindNone},
		{"", KindNone},
		{"<!DOCTYPE", KindNone},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.doc)); got != tt.want {
			t.Errorf("Sniff(%.40q) = %v, want %v", tt.doc, got, tt.want)
		}
	}
}

// utf16LE encodes s as UTF-16, little-endian, with a byte order mark.
func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
