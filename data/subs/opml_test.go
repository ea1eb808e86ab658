package subs

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const nested1 = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline text="Harbour Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml" htmlUrl="https://gazette.example/"/>
      <outline title="Europe">
        <outline text="Velmora Daily" title="Velmora Daily (all)" xmlUrl="http://velmora.example/rss"/>
      </outline>
    </outline>
    <outline text="Science" title="Science">
      <outline text="Harbour Gazette" xmlUrl="HTTPS://Gazette.example/feed.xml#top" description="twice"/>
      <outline text="Comets" xmlURL="https://comets.example/atom" description="Tails &amp; more"/>
    </outline>
    <outline text="Loose" xmlurl="https://loose.example/f.json" category="/Sky/Stars,Weather"/>
  </body>
</opml>
`

func TestParse(t *testing.T) {
	tests := []struct {
		name, doc string
		want      List
		skipped   int
	}{
		{"nested OPML 1.0, duplicates merged", nested1, List{Title: "My feeds", Subs: []Sub{
			{Name: "Harbour Gazette", URL: "https://gazette.example/feed.xml", Site: "https://gazette.example/", Tags: []string{"News", "Science"}},
			{Name: "Velmora Daily", Title: "Velmora Daily (all)", URL: "http://velmora.example/rss", Tags: []string{"News", "Europe"}},
			{Name: "Comets", URL: "https://comets.example/atom", Tags: []string{"Science"}, Extra: []Attr{{"description", "Tails & more"}}},
			{Name: "Loose", URL: "https://loose.example/f.json", Tags: []string{"Sky", "Stars", "Weather"}},
		}}, 0},
		{"newsline namespace, names made unique", `<opml version="2.0" xmlns:nl="` + NS + `"><body>
<outline text="Tide" xmlUrl="https://a.example/f" nl:tags="Sea, #Ports,,sea"/>
<outline text="tide" xmlUrl="https://b.example/f"/>
<outline text="Tide" xmlUrl="https://c.example/f"/>
</body></opml>`, List{Subs: []Sub{
			{Name: "Tide", URL: "https://a.example/f", Tags: []string{"Sea", "Ports"}},
			{Name: "tide (2)", URL: "https://b.example/f"},
			{Name: "Tide (3)", URL: "https://c.example/f"},
		}}, 0},
		{"undeclared newsline prefix still read", `<opml><body><outline text="X" xmlUrl="https://x.example/" newsline:tags="one"/></body></opml>`,
			List{Subs: []Sub{{Name: "X", URL: "https://x.example/", Tags: []string{"one"}}}}, 0},
		{"not web addresses skipped, empty name from host", `<opml><body>
<outline text="Local" xmlUrl="file:///etc/passwd"/>
<outline text="JS" xmlUrl="javascript:alert(1)"/>
<outline xmlUrl="https://nameless.example/feed"/>
<outline text="a note, no feed"/>
</body></opml>`, List{Subs: []Sub{{Name: "nameless.example", URL: "https://nameless.example/feed"}}}, 2},
		{"Latin-1 and HTML entities", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml><body><outline text=\"Caf\xe9&nbsp;News\" xmlUrl=\"https://cafe.example/rss\"/></body></opml>",
			List{Subs: []Sub{{Name: "Café News", URL: "https://cafe.example/rss"}}}, 0},
		{"controls in names are dropped", "<opml><body><outline text=\"Evil&#x9b;2J \u202eder\" xmlUrl=\"https://e.example/\"/></body></opml>",
			List{Subs: []Sub{{Name: "Evil der", URL: "https://e.example/"}}}, 0},
		{"full text, declared or not, true or not", `<opml version="2.0" xmlns:nl="` + NS + `"><body>
<outline text="Declared" xmlUrl="https://a.example/f" nl:fullText="true"/>
<outline text="Undeclared" xmlUrl="https://b.example/f" newsline:fullText=" TRUE "/>
<outline text="Off" xmlUrl="https://c.example/f" nl:fullText="false"/>
<outline text="Typo" xmlUrl="https://d.example/f" nl:fullText="yes please"/>
<outline text="Other vocabulary" xmlns:o="https://other.example/ns" xmlUrl="https://e.example/f" o:fullText="true"/>
<outline text="No prefix" xmlUrl="https://f.example/f" fullText="true"/>
</body></opml>`, List{Subs: []Sub{
			{Name: "Declared", URL: "https://a.example/f", FullText: true},
			{Name: "Undeclared", URL: "https://b.example/f", FullText: true},
			{Name: "Off", URL: "https://c.example/f"},
			{Name: "Typo", URL: "https://d.example/f"},
			{Name: "Other vocabulary", URL: "https://e.example/f"},
			{Name: "No prefix", URL: "https://f.example/f", Extra: []Attr{{"fullText", "true"}}},
		}}, 0},
		{"empty body", `<opml version="2.0"><head/><body/></opml>`, List{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped, err := Parse(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) || skipped != tt.skipped {
				t.Errorf("got  %+v (skipped %d)\nwant %+v (skipped %d)", got, skipped, tt.want, tt.skipped)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unclosed outline", "<opml>\n<body>\n<outline text=\"a\" xmlUrl=\"https://a.example/\">\n</body>\n</opml>\n", "line 4: not well-formed XML: element <outline> closed by </body>"},
		{"bad attribute", "<opml>\n<body>\n<outline text=a/>\n</body></opml>", "line 3: not well-formed XML: unquoted or missing attribute value in element"},
		{"not OPML", "<?xml version=\"1.0\"?>\n\n<rss version=\"2.0\"><channel/></rss>", "line 3: the root element is <rss>, not <opml>: not an OPML file"},
		{"empty", "", "line 1: no <opml> element: not an OPML file"},
		{"truncated", "<opml><body>\n<outline text=\"a\" xmlUrl=\"https://a.example/\"/>\n", "line 3: the file ends inside an element: not well-formed XML"},
		{"garbage after the root", "<opml><body/></opml>\n<opml>", "line 2: the file ends inside an element: not well-formed XML"},
		{"unknown entity", "<opml><body>\n<outline text=\"&bogus;\"/></body></opml>", "line 2: not well-formed XML: invalid character entity &bogus;"},
		{"unknown encoding", `<?xml version="1.0" encoding="x-klingon"?><opml/>`, `line 1: xml: opening charset "x-klingon": unknown encoding "x-klingon"`},
		{"too deep", "<opml><body>\n" + strings.Repeat("<outline text=\"f\">", 70), "line 2: outlines nested more than 64 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, _, err := Parse(strings.NewReader(tt.doc))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("want an *Error, got %v (%+v)", err, l)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
			if len(l.Subs) != 0 {
				t.Errorf("a malformed file gave subscriptions: %+v", l.Subs)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	doc := "<opml><body>" + strings.Repeat("<outline text=\"x\"/>", MaxSize/18+1) + "</body></opml>"
	if _, _, err := Parse(strings.NewReader(doc)); err == nil || err.Error() != "larger than 8 MiB" {
		t.Errorf("got %v", err)
	}
}

// TestMarshalRoundTrip: what Marshal writes, Parse reads back the same,
// hand-written titles and attributes included.
func TestMarshalRoundTrip(t *testing.T) {
	l, _, err := Parse(strings.NewReader(nested1))
	if err != nil {
		t.Fatal(err)
	}
	l.Subs = append(l.Subs, Sub{Name: `Quotes "&" <angles>`, URL: "https://q.example/?a=1&b=2", Tags: []string{"A tag"}},
		Sub{Name: "Summaries only", URL: "https://s.example/rss", Tags: []string{"News"}, FullText: true},
		Sub{Name: "Repeats", URL: "https://r.example/", Extra: []Attr{{"lang", "en"}, {"LANG", "de"}, {"Type", "atom"}, {"bad name", "x"}}})
	var buf bytes.Buffer
	if err := Marshal(&buf, l); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<opml version="2.0" xmlns:newsline="` + NS + `">`, `<title>My feeds</title>`,
		`<outline text="News">`, `title="Velmora Daily (all)"`, `xmlUrl="https://q.example/?a=1&amp;b=2"`, `description="Tails &amp; more"`,
		`<outline text="Summaries only" type="rss" xmlUrl="https://s.example/rss" newsline:tags="News" newsline:fullText="true"/>`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	back, _, err := Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("Parse(Marshal): %v\n%s", err, out)
	}
	// The same subscriptions, grouped by their first tag.
	byURL := func(l List) map[string]Sub {
		m := map[string]Sub{}
		for _, s := range l.Subs {
			m[s.URL] = s
		}
		return m
	}
	if !strings.Contains(out, `<outline text="Repeats" type="rss" xmlUrl="https://r.example/" lang="en"/>`) {
		t.Errorf("an attribute twice, a second type or a name XML cannot hold was written:\n%s", out)
	}
	l.Subs[len(l.Subs)-1].Extra = []Attr{{"lang", "en"}} // what is written of them
	if back.Title != l.Title || !reflect.DeepEqual(byURL(back), byURL(l)) {
		t.Errorf("round trip\ngot  %+v\nwant %+v", back, l)
	}
	// Written again, the file is the same.
	var again bytes.Buffer
	if err := Marshal(&again, back); err != nil || again.String() != out {
		t.Errorf("second write differs (%v):\n%s", err, again.String())
	}
}
