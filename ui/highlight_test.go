package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// testPaint is a highlight in reverse video; in expectations "{" stands for
// its start and "}" for its end.
var testPaint = paint{pre: "\x1b[7m", post: "\x1b[m"}

func marked(s string) string {
	return strings.NewReplacer("{", testPaint.pre, "}", testPaint.post).Replace(s)
}

// checkSameText fails if a line of out shows other text than the line of
// in, or has another width.
func checkSameText(t *testing.T, in, out string) {
	t.Helper()
	inLines, outLines := strings.Split(in, "\n"), strings.Split(out, "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("%d lines became %d", len(inLines), len(outLines))
	}
	for i := range inLines {
		if a, b := ansi.Strip(inLines[i]), ansi.Strip(outLines[i]); a != b {
			t.Errorf("line %d: text changed:\n in %q\nout %q", i, a, b)
		}
		if a, b := ansi.StringWidth(inLines[i]), ansi.StringWidth(outLines[i]); a != b {
			t.Errorf("line %d: width %d became %d: %q", i, a, b, outLines[i])
		}
	}
}

func TestHighlight(t *testing.T) {
	const (
		grey  = "\x1b[38;5;252m"
		bold  = "\x1b[1m"
		reset = "\x1b[m"
		link  = "\x1b]8;id=1;https://port.example/\a"
		unl   = "\x1b]8;;\a"
	)
	tests := []struct {
		name, search, in, want string
	}{
		{"plain", "harb", "The harbour opens.", "The {harb}our opens."},
		{"every match", "ferry", "Ferry fares: one ferry, two ferrymen.", "{Ferry} fares: one {ferry}, two {ferry}men."},
		{"word start only", "harb", "seaharbour, harbour-side and (harbours)", "seaharbour, {harb}our-side and ({harb}ours)"},
		{"case folded", "QUAY", "the Quay, the quay", "the {Quay}, the {quay}"},
		{"two words", "council harb", "Harbour council meets the harbour master", "{Harb}our {council} meets the {harb}our master"},
		{"accented text, plain search", "lodz cafe", "Łódź has a café", "{Łódź} has a {café}"},
		{"accented search, plain text", "Café Łódź", "cafe in Lodz", "{cafe} in {Lodz}"},
		{"decomposed accent stays whole", "cafe", "cafe\u0301 bar", "{cafe\u0301} bar"},
		{"a letter that folds to two", "strass", "Straße", "{Straß}e"},
		{"digits and punctuation", "2021", "On 15.7.2021, 2021 cranes", "On 15.7.{2021}, {2021} cranes"},
		{"CJK anywhere", "港", "東京の港では", "東京の{港}では"},
		{"CJK inside a run", "京", "東京の港", "東{京}の港"},
		{"latin after CJK is a word start", "abc", "東京abc xabc", "東京{abc} xabc"},
		{"wide grapheme kept", "coder", "👩\u200d💻 coder", "👩\u200d💻 {coder}"},
		{"no match", "lighthouse", "The harbour opens.", "The harbour opens."},
		{"empty search", "", "The harbour opens.", "The harbour opens."},
		{"search of punctuation only", "-- !", "The harbour opens.", "The harbour opens."},
		{"styled text keeps its style after", "harbour", grey + "The harbour opens." + reset, grey + "The {harbour}" + grey + " opens." + reset},
		{
			"style change inside a match", "harbour",
			grey + "The har" + reset + bold + "bour" + reset + grey + " opens" + reset,
			grey + "The {har" + reset + "{" + bold + "{bour}" + bold + reset + grey + " opens" + reset,
		},
		{"reset with parameters", "b", "\x1b[0;1ma b" + reset, "\x1b[0;1ma {b}\x1b[0;1m" + reset},
		{"hyperlink kept", "port", link + "port" + unl + " report", link + "{port}" + unl + " report"},
		{"several lines", "quay", "The quay\n\n" + grey + "Quay side" + reset, "The {quay}\n\n" + grey + "{Quay}" + grey + " side" + reset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := highlight(tt.in, tt.search, testPaint)
			if want := marked(tt.want); got != want {
				t.Errorf("highlight(%q, %q)\n got %q\nwant %q", tt.in, tt.search, got, want)
			}
			checkSameText(t, tt.in, got)
		})
	}
}

// The search words match in the reader where the list's search matches
// them: an article the list shows for a search has a highlight.
func TestHighlightAgreesWithSearch(t *testing.T) {
	for _, tc := range []struct {
		body   string
		search string
	}{
		{"Łódź and Straße", "lodz strasse"},
		{"café society", "CAFÉ"},
		{"東京の港", "港"},
		{"the seaharbour", "harb"},
		{"x-ray vision", "ray"},
	} {
		a := model.Article{Title: "t", Body: tc.body}
		listed := model.NewMatcher(tc.search).Match(&a)
		lit := highlight(tc.body, tc.search, testPaint) != tc.body
		if listed != lit {
			t.Errorf("%q in %q: the list matches: %v, highlighted: %v", tc.search, tc.body, listed, lit)
		}
	}
}

func TestHighlightRenderedArticle(t *testing.T) {
	r := NewRenderer()
	for _, style := range []RenderStyle{StyleDark, StyleLight, StylePlain} {
		for _, doc := range []Document{plainDoc(), markdownDoc()} {
			out := mustRender(t, r, doc, 60, style)
			for _, search := range []string{"rivermouth okafor", "the", "2", "mile quay", "https quay"} {
				for _, hl := range []paint{testPaint, searchPaint(ptr(NewTheme(true))), searchPaint(ptr(PlainTheme()))} {
					got := highlight(out, search, hl)
					checkSameText(t, out, got)
					checkTerminalSafe(t, fmt.Sprintf("style %d search %q", style, search), got)
					if !strings.Contains(got, hl.pre) {
						t.Errorf("style %d: %q not highlighted", style, search)
					}
				}
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestSearchPaint(t *testing.T) {
	plain := searchPaint(ptr(PlainTheme()))
	if plain.pre != "\x1b[7m" {
		t.Errorf("plain theme: %q, want reverse video", plain.pre)
	}
	for _, dark := range []bool{true, false} {
		p := searchPaint(ptr(NewTheme(dark)))
		if p.pre == "" || p.post == "" || p == plain {
			t.Errorf("colour theme (dark %v): %+v", dark, p)
		}
	}
}

// FuzzHighlight: highlighting never changes the text or the width of a
// line, whatever the text and the search.
func FuzzHighlight(f *testing.F) {
	f.Add("\x1b[38;5;252mThe harbour\x1b[m opens", "harb")
	f.Add("東京の港 Łódź cafe\u0301", "港 lodz café")
	f.Add("\x1b]8;;https://a.example\aport\x1b]8;;\a x", "port")
	// Inputs that once failed: a control inside a CSI sequence, invalid
	// UTF-8 after a letter, a combining mark after invalid UTF-8.
	f.Add("\x1b[0000\x130A00", "0")
	f.Add("0ћ0\xec0", "0 000")
	f.Add("0\xf70", "0")
	f.Add("\x1b\xc3\x180000\xf2000\x9d\n0\u05b70", "00 ")
	f.Fuzz(func(t *testing.T, text, search string) {
		got := highlight(text, search, testPaint)
		if search == "" && got != text {
			t.Fatal("an empty search changed the text")
		}
		checkSameText(t, text, got)
	})
}

func TestReaderHighlightsSearch(t *testing.T) {
	th := PlainTheme()
	p := newReaderPane(&th, DefaultKeyMap())
	p.SetSize(40, 8) // 6 lines of text, 36 columns
	// What the root gives the reader: the search to highlight.
	var view readerView
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("Line %d: the harbour and the quay", i))
	}
	k := renderKey{id: 1, width: p.innerWidth()}
	p.show(k, strings.Join(lines, "\n"))
	hl := searchPaint(&th)

	plain := p.View(view)
	if strings.Contains(plain, hl.pre) {
		t.Fatal("highlighted with no search")
	}
	view.search = "Harbour"
	v := p.View(view)
	if n := strings.Count(v, hl.pre+"harbour"+hl.post); n != 6 {
		t.Errorf("%d highlights on screen, want 6:\n%s", n, v)
	}
	if ansi.Strip(v) != ansi.Strip(plain) {
		t.Errorf("highlight changed the text:\n%s", ansi.Strip(v))
	}
	// Only what was shown is highlighted, once: drawing again or copying
	// the pane highlights nothing more.
	done := func() int {
		n := 0
		for _, d := range p.hl.done {
			if d {
				n++
			}
		}
		return n
	}
	if done() != 6 {
		t.Errorf("%d lines highlighted, want the 6 shown", done())
	}
	first := p.hl.lines[0]
	if copied := p; copied.View(view) != v || done() != 6 || p.hl.lines[0] != first {
		t.Error("drawing again highlighted again")
	}
	// Scrolling highlights the lines that come into view.
	p.vp.SetYOffset(10)
	if v := p.View(view); !strings.Contains(v, "Line 10: the "+hl.pre+"harbour") || done() != 12 {
		t.Errorf("after scrolling: %d lines highlighted\n%s", done(), v)
	}
	// Another search, another rendering: highlighted afresh.
	view.search = "quay"
	if v := p.View(view); strings.Contains(v, hl.pre+"harbour") || !strings.Contains(v, hl.pre+"quay"+hl.post) {
		t.Errorf("search quay:\n%s", v)
	}
	p.show(k, "The harbour was rebuilt.\nQuays too.")
	if v := p.View(view); !strings.Contains(v, hl.pre+"Quay"+hl.post+"s too") {
		t.Errorf("new rendering:\n%s", v)
	}
	view.search = ""
	if v := p.View(view); strings.Contains(v, hl.pre) {
		t.Errorf("highlight after the search was cleared:\n%s", v)
	}
}

// longRenderedArticle is about 60 KB of invented text rendered in the dark
// style at 100 columns.
func longRenderedArticle(b *testing.B) string {
	doc := sixKBArticle()
	body := doc.Body
	for range 9 {
		doc.Body += "\n\n" + body
	}
	doc.Body += "\n\nMore at https://ferry.example/timetable and in Łódź, 東京 and Zürich."
	return mustRender(b, NewRenderer(), doc, 100, StyleDark)
}

// BenchmarkHighlight highlights a whole long rendered article (what
// highlight costs; the reader highlights only the lines it shows, once).
func BenchmarkHighlight(b *testing.B) {
	out := longRenderedArticle(b)
	hl := searchPaint(ptr(NewTheme(true)))
	for _, search := range []string{"ferry harbour", "zzz", "the"} {
		b.Run(strings.ReplaceAll(search, " ", "+"), func(b *testing.B) {
			b.SetBytes(int64(len(out)))
			for b.Loop() {
				highlight(out, search, hl)
			}
		})
	}
}
