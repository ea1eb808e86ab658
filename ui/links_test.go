package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// The articles here are invented.

// linkDoc is a document with the given body in the given format.
func linkDoc(format model.Format, body string) Document {
	doc := markdownDoc()
	doc.Article.Format = format
	doc.Body = body
	return doc
}

// linksSection returns the lines after the "## Links" heading of a
// visible render, and whether there is one.
func linksSection(vis string) ([]string, bool) {
	i := strings.LastIndex(vis, "## "+linksTitle+"\n")
	if i < 0 {
		return nil, false
	}
	rest := strings.TrimSpace(vis[i+len("## "+linksTitle+"\n"):])
	return strings.Split(rest, "\n"), true
}

func TestBodyLinks(t *testing.T) {
	md, plain := model.FormatMarkdown, model.FormatText
	tests := []struct {
		name   string
		format model.Format
		body   string
		want   []string // bodyLinks
		shown  []string // in the visible render, white space aside
		hidden []string // not in it
	}{
		{
			"markdown links", md,
			"The ferry timetable is [on the port's site](https://port.example/ferries) and the\n[strike notice](http://union.example/notice?id=7) is posted.",
			[]string{"https://port.example/ferries", "http://union.example/notice?id=7"},
			[]string{"on the port's site (port.example) [1]", "strike notice (union.example) [2] is posted",
				"[1] https://port.example/ferries", "[2] http://union.example/notice?id=7"},
			nil,
		},
		{
			"duplicates share a number", md,
			"Read [the budget](https://town.example/budget), then [the budget again](https://town.example/budget) and [the vote](https://town.example/vote).",
			[]string{"https://town.example/budget", "https://town.example/vote"},
			[]string{"the budget (town.example) [1]", "the budget again (town.example) [1]", "the vote (town.example) [2]", "[1] https://town.example/budget", "[2] https://town.example/vote"},
			[]string{"[3]"},
		},
		{
			"autolinks", md,
			"Tickets: <https://tickets.example/quay>, or www.quay-museum.example, or write to desk@quay.example.",
			[]string{"https://tickets.example/quay", "http://www.quay-museum.example", "mailto:desk@quay.example"},
			[]string{"https://tickets.example/quay [1],", "http://www.quay-museum.example [2]", "desk@quay.example [3]", "[3] mailto:desk@quay.example"},
			nil,
		},
		{
			"reference links", md,
			"The [inspection report][r] found rust; [the same report][r] recommends [repairs].\n\n[r]: https://harbour.example/report.pdf \"Report\"\n[repairs]: https://harbour.example/repairs\n",
			[]string{"https://harbour.example/report.pdf", "https://harbour.example/repairs"},
			[]string{"inspection report (harbour.example) [1]", "same report (harbour.example) [1]", "repairs (harbour.example) [2]", "[1] https://harbour.example/report.pdf"},
			nil,
		},
		{
			"links in and around emphasis", md,
			"*Read [the map](https://maps.example/quay) first* and [**the bold one**](https://bold.example/) after.",
			[]string{"https://maps.example/quay", "https://bold.example/"},
			[]string{"the map* (maps.example) [1]", "the bold one** (bold.example) [2] after"},
			nil,
		},
		{
			"javascript and file links are numbered and shown", md,
			"[Claim a prize](javascript:alert(1)) or [open the form](file:///etc/passwd) or [click](vbscript:msgbox).",
			[]string{"javascript:alert(1)", "file:///etc/passwd", "vbscript:msgbox"},
			[]string{"Claim a prize (javascript:) [1]", "open the form (file:) [2]", "[1] javascript:alert(1)", "[2] file:///etc/passwd", "[3] vbscript:msgbox"},
			nil,
		},
		{
			"destinations made printable", md,
			"[spaced](<https://x.example/a b>) [escape](https://x.example/&#x1b;[31m) [bidi](https://x.example/\u202eevil)",
			[]string{"https://x.example/a%20b", "https://x.example/&amp;#x1b;[31m", "https://x.example/%E2%80%AEevil"},
			[]string{"[1] https://x.example/a%20b", "[3] https://x.example/%E2%80%AEevil"},
			nil,
		},
		{
			"images are not numbered", md,
			"![The new crane](https://img.example/crane.jpg)\n\n[![thumbnail](https://img.example/t.jpg)](https://img.example/full.jpg)",
			[]string{"https://img.example/full.jpg"},
			[]string{"https://img.example/crane.jpg", "[1] https://img.example/full.jpg"},
			[]string{"[2]"},
		},
		{
			"fragment-only and empty links are not numbered", md,
			"[Back to top](#top) and [nothing]() but [a real one](https://r.example/).",
			[]string{"https://r.example/"},
			[]string{"Back to top and nothing but a real one (r.example) [1]"},
			nil,
		},
		{
			"links in tables and strikethrough", md,
			"| Stop | Map |\n|---|---|\n| Quay | [map](https://maps.example/q) ![icon](https://img.example/i.png) |\n\n~~The [old plan](https://old.example/) is void~~ now.",
			[]string{"https://maps.example/q", "https://old.example/"},
			[]string{"map (maps.example) [1]", "icon → https://img.example/i.png", "is void~~ (old.example) [2] now", "[1] https://maps.example/q", "[2] https://old.example/"},
			[]string{"[1]:"},
		},
		{
			"plain text with bare URLs", plain,
			"Timetables: see https://ferry.example/times.\nOld site (https://old.example/ferry), wiki https://wiki.example/Ferry_(boat), HTTPS://Caps.example/A!\n" +
				"Not links: xhttps://glued.example ftp://files.example www.site.example https:// and http://%zz.\nAgain: https://ferry.example/times",
			[]string{"https://ferry.example/times", "https://old.example/ferry", "https://wiki.example/Ferry_(boat)", "HTTPS://Caps.example/A"},
			[]string{"see https://ferry.example/times [1].", "(https://old.example/ferry [2]),", "https://wiki.example/Ferry_(boat) [3],", "HTTPS://Caps.example/A [4]!",
				"Not links: xhttps://glued.example ftp://files.example www.site.example https:// and http://%zz.", "Again: https://ferry.example/times [1]"},
			nil,
		},
		{
			"plain text keeps its markup-like text", plain,
			"A *star* and [x](https://md.example/) stay text; <https://angle.example/> is a URL.",
			[]string{"https://md.example/", "https://angle.example/"},
			[]string{"A *star* and [x](https://md.example/ [1]) stay text; <https://angle.example/ [2]> is a URL."},
			nil,
		},
		{"no links, markdown", md, "Just `words` about [the quay].", nil, []string{"Just words about [the quay]."}, []string{"## Links", "[1]"}},
		{"no links, plain", plain, "Just words, www.quay.example and desk@quay.example.", nil, []string{"Just words, www.quay.example and desk@quay.example."}, []string{"## Links", "[1]"}},
	}
	r := NewRenderer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := linkDoc(tt.format, tt.body)
			got := bodyLinks(doc)
			if !slices.Equal(got, tt.want) {
				t.Errorf("bodyLinks = %q\nwant %q", got, tt.want)
			}
			out := mustRender(t, r, doc, 200, StylePlain)
			vis := visible(out)
			flatVis := wordsOf(vis)
			for _, s := range tt.shown {
				if !strings.Contains(flatVis, s) {
					t.Errorf("%q not shown in\n%s", s, vis)
				}
			}
			for _, s := range tt.hidden {
				if strings.Contains(vis, s) {
					t.Errorf("%q shown in\n%s", s, vis)
				}
			}
			section, ok := linksSection(vis)
			if ok != (len(tt.want) > 0) {
				t.Fatalf("links section shown: %v, want %v:\n%s", ok, len(tt.want) > 0, vis)
			}
			if ok && len(section) != len(tt.want) {
				t.Errorf("links section has %d lines, want %d: %q", len(section), len(tt.want), section)
			}
		})
	}
}

// numberRE finds the numbers after links: " [n]", or "[n]" at the start of
// a line.
var numberRE = regexp.MustCompile(`(?m)(?:^|\s)\[(\d+)\]`)

// TestRenderedLinkNumbersAgree renders articles and checks the numbers the
// reader shows against bodyLinks: every number in the body is listed, the
// list is "[n] bodyLinks()[n-1]", and every listed link is numbered in the
// body.
func TestRenderedLinkNumbersAgree(t *testing.T) {
	var docs []Document
	for _, format := range []model.Format{model.FormatMarkdown, model.FormatText} {
		docs = append(docs, linkDoc(format, markdownBody), linkDoc(format, plainBody))
		for _, body := range hostileBodies {
			docs = append(docs, linkDoc(format, body))
		}
		docs = append(docs, linkDoc(format, "Plans: https://a.example/1, [b](https://b.example/) <https://a.example/1> www.c.example https://d.example/(x)."))
	}
	r := NewRenderer()
	for i, doc := range docs {
		links := bodyLinks(doc)
		for _, style := range []RenderStyle{StyleDark, StylePlain} {
			for _, width := range []int{30, 80} {
				doc.Article.ID = model.ID(i*100 + width + int(style))
				out := mustRender(t, r, doc, width, style)
				vis := visible(out)
				what := fmt.Sprintf("doc %d (%v) style %d width %d", i, doc.Article.Format, style, width)
				body, section, _ := strings.Cut(vis, "## "+linksTitle+"\n")
				seen := map[int]bool{}
				for _, m := range numberRE.FindAllStringSubmatch(body, -1) {
					n, _ := strconv.Atoi(m[1])
					if n < 1 || n > len(links) {
						t.Errorf("%s: number [%d] with %d links %q", what, n, len(links), links)
					}
					seen[n] = true
				}
				for n := 1; n <= len(links); n++ {
					if !seen[n] {
						t.Errorf("%s: link [%d] %q not numbered in the body:\n%s", what, n, links[n-1], body)
					}
				}
				if len(links) == 0 {
					if strings.Contains(vis, "## "+linksTitle) {
						t.Errorf("%s: a links section without links:\n%s", what, vis)
					}
					continue
				}
				// The list, read across wrapped lines: [1]addr1[2]addr2…
				var want strings.Builder
				for n, u := range links {
					fmt.Fprintf(&want, "[%d]%s", n+1, u)
				}
				if got := nonSpace(section); got != nonSpace(want.String()) {
					t.Errorf("%s: links section\n%s\nwant %q", what, section, want.String())
				}
			}
		}
	}
}

// TestPlainLinksKeepTheText: a plain-text body with links shows all of its
// text, the numbers and the list aside.
func TestPlainLinksKeepTheText(t *testing.T) {
	for _, body := range []string{
		plainBody,
		"see https://example.com/a. and (https://example.com/b) or \"https://example.com/c\" <https://example.com/d>",
		"https://example.com/a_b*c*~d~ **https://example.com/e** `https://example.com/f` [https://example.com/g](x)",
		"  https://lead.example/  \n\thttps://tab.example/#frag?q=1&r=2;s=3\nhttps://example.com/%41%zz https://例え.example/パス",
	} {
		doc := linkDoc(model.FormatText, body)
		p := newGlamourPipeline(rendererKey{width: 60, style: StylePlain, plain: true})
		raw, err := p.render(plainToMarkdownLinks(body))
		if err != nil {
			t.Fatal(err)
		}
		vis := visible(finishRender(raw, 60))
		text, _, _ := strings.Cut(vis, "## "+linksTitle+"\n")
		text = numberRE.ReplaceAllString(text, "")
		if got, want := nonSpace(text), nonSpace(expandTabs(body)); got != want {
			t.Errorf("%q rendered\n%s\n got %q\nwant %q", body, vis, got, want)
		}
		if strings.Contains(body, "://") && len(bodyLinks(doc)) == 0 {
			t.Errorf("%q: no links", body)
		}
	}
}

func TestBareURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a.", "https://example.com/a"},
		{"https://example.com/a?b=c&d=e, then", "https://example.com/a?b=c&d=e"},
		{"http://example.com/x_(y))", "http://example.com/x_(y)"},
		{"https://example.com/[a]]", "https://example.com/[a]"},
		{"https://example.com/'quoted'", "https://example.com/'quoted"},
		{"https://example.com/a<b", "https://example.com/a"},
		{"HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"},
		{"https://例え.example/", "https://例え.example/"},
		{"https://", ""},
		{"https:///path", ""},
		{"http://%zz", ""},
		{"https://a.example/\u202eb", "https://a.example/"},
		{"https://a.example/\u200bb", "https://a.example/"}, // a zero-width space ends it too
		{"ftp://example.com", ""},
		{"httpx://example.com", ""},
	} {
		if got := tc.in[:bareURL(tc.in)]; got != tc.want {
			t.Errorf("bareURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPrintableURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a?b=c#d", "https://example.com/a?b=c#d"},
		{"https://例え.jp/パス", "https://例え.jp/パス"},
		{"https://a.example/\x1b[31m", "https://a.example/%1B[31m"},
		{"https://a.example/\u009b2J", "https://a.example/%C2%9B2J"},
		{"https://a.example/\u202eevil\u2066", "https://a.example/%E2%80%AEevil%E2%81%A6"},
		{"https://a.example/a b\u00a0c\u200bd", "https://a.example/a%20b%C2%A0c%E2%80%8Bd"},
		{"https://a.example/\xff", "https://a.example/%FF"},
	} {
		if got := string(printableURL([]byte(tc.in))); got != tc.want {
			t.Errorf("printableURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkLinks fails for a link that is empty, repeated, or has a character
// that should not be printed.
func checkLinks(t *testing.T, body string, links []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, u := range links {
		if u == "" || seen[u] {
			t.Fatalf("%q: empty or repeated link %q in %q", body, u, links)
		}
		seen[u] = true
		if !utf8.ValidString(u) {
			t.Fatalf("%q: invalid UTF-8 in link %q", body, u)
		}
		for _, r := range u {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) {
				t.Fatalf("%q: link %q has %U", body, u, r)
			}
		}
	}
}

func TestBodyLinksAreSafe(t *testing.T) {
	for _, body := range append(hostileBodies, "[a](https://x.example/\x1b]8;;evil\x07) <https://x.example/\x9b> https://x.example/\x1b[2J") {
		for _, format := range []model.Format{model.FormatMarkdown, model.FormatText} {
			checkLinks(t, body, bodyLinks(linkDoc(format, body)))
		}
	}
}

// FuzzBodyLinks: bodyLinks never panics, and its links are non-empty,
// distinct and free of control, format and space characters.
func FuzzBodyLinks(f *testing.F) {
	for _, s := range []string{
		markdownBody, plainBody, "[a](https://a.example/) [a](https://a.example/)", "<https://x.example/a>", "www.x.example desk@x.example",
		"[r][r]\n\n[r]: https://r.example/", "see https://example.com/a.", "(https://example.com/b)", "[x](javascript:y) [f](file:///z)",
		"| [c](https://c.example/) |\n|---|\n| ![i](https://i.example/) |", "~~[s](https://s.example/)~~", "[](#top) []()", "https://a.example/\x1b[31m",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, body string, markdown bool) {
		format := model.FormatText
		if markdown {
			format = model.FormatMarkdown
		}
		checkLinks(t, body, bodyLinks(linkDoc(format, body)))
	})
}

func BenchmarkBodyLinks(b *testing.B) {
	doc := markdownDoc()
	doc.Body = strings.Repeat(markdownBody+"\n", 4)
	for b.Loop() {
		bodyLinks(doc)
	}
}
