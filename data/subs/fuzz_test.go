package subs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

// FuzzOPMLImport: Parse never panics; what it accepts has unique names,
// web addresses and printable names, and Marshal writes a file Parse
// reads back to the same subscriptions.
func FuzzOPMLImport(f *testing.F) {
	f.Add(nested1)
	f.Add(`<opml><body><outline text="a" xmlUrl="https://a.example/" newsline:tags="x,y"/><outline text="a" xmlUrl="https://b.example/"/></body></opml>`)
	f.Add("<?xml version=\"1.0\" encoding=\"windows-1252\"?><opml><body><outline text=\"\x93q\x94\" xmlUrl=\"http://q.example/\" category=\"/a/b,c\"/></body></opml>")
	f.Add("<opml>\n<body>\n<outline text=\"a\"\n</body></opml>")
	f.Add(`<opml xmlns:n="` + NS + `"><body><outline text="f" xmlUrl="https://f.example/" n:fullText="1" n:FULLTEXT="0"/></body></opml>`)
	f.Fuzz(func(t *testing.T, doc string) {
		l, _, err := Parse(strings.NewReader(doc))
		if err != nil {
			if len(l.Subs) != 0 {
				t.Fatalf("an error with subscriptions: %v", err)
			}
			return
		}
		names := map[string]bool{}
		for _, s := range l.Subs {
			key := strings.ToLower(s.Name)
			if names[key] || !model.IsWebURL(s.URL) || s.Name != model.OneLine(s.Name) {
				t.Fatalf("bad subscription %+v", s)
			}
			names[key] = true
		}
		var buf bytes.Buffer
		if err := Marshal(&buf, l); err != nil {
			t.Fatal(err)
		}
		back, _, err := Parse(&buf)
		if err != nil {
			t.Fatalf("Parse(Marshal): %v\n%s", err, buf.String())
		}
		if len(back.Subs) != len(l.Subs) {
			t.Fatalf("round trip: %d subscriptions, want %d\n%s", len(back.Subs), len(l.Subs), buf.String())
		}
		for i, s := range back.Subs {
			if s.FullText != l.Subs[i].FullText {
				t.Fatalf("round trip: full text of %q lost or gained\n%s", s.Name, buf.String())
			}
		}
	})
}
