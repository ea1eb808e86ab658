package ui

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"

	"github.com/newsline/newsline/model"
)

// The fixtures are invented text.

const plainBody = `RIVERMOUTH — The two green cranes that stood over the old quay until 2001 are back, restored by volunteers who spent four winters on them.
"We counted 1,412 rivets on the small one," said Ada Mensah, 67, who led the work. "Then we stopped counting."
#1 on the list of repairs was the cab roof; * the gears came second.
    The town council votes on opening hours on 3 August.

1. Visitors may climb the small crane on Saturdays.
2. The large one stays closed: its ladder is <unsafe>.
> From the opening speech: see [page 4](not-a-link) and _notes_.
---

Tickets cost £2 — children go free. Write to desk@quay-courier.example or see www.quay-courier.example/cranes.`

const markdownBody = `The **Rivermouth** marathon had *record* numbers this year, according to [the organisers](https://run.example/results).

## Results

1. Ines Okafor — 2:31:07
2. Tomás Lindqvist — 2:33:40

> "The last mile was the hardest," Okafor said.

Runners who finished after the cut-off can [claim a medal](javascript:alert(1)) at the
town hall. <b>Bring</b> your number. <script>alert("x")</script>

| Place | Time |
|---|---|
| 1 | 2:31:07 |
| 2 | 2:33:40 |

Split times were computed as:

` + "```" + `
pace = time / 42.195
` + "```" + `

---

![Finish line](https://img.example/finish.jpg)
`

func plainDoc() Document {
	return Document{
		Article: model.Article{
			ID:     model.NewID("quay/cranes.txt", 0),
			Title:  "Harbour cranes return to the old quay after *twenty* years",
			Date:   time.Date(2021, 7, 15, 9, 30, 0, 0, time.UTC),
			Reads:  1204,
			Source: "The Quay Courier",
			Tags:   []string{"harbours", "rivermouth"},
			Format: model.FormatText,
		},
		Tags: []string{"Harbours", "Rivermouth"},
		Body: plainBody,
	}
}

func markdownDoc() Document {
	return Document{
		Article: model.Article{
			ID:     model.NewID("sport/marathon.md", 0),
			Title:  "Record field at the Rivermouth marathon",
			Date:   time.Date(2023, 4, 2, 0, 0, 0, 0, time.UTC),
			Reads:  model.NoReads,
			Source: "Rivermouth Evening Post",
			Format: model.FormatMarkdown,
		},
		Tags: []string{"Sport"},
		Body: markdownBody,
	}
}

func mustRender(t testing.TB, r *Renderer, doc Document, width int, style RenderStyle) string {
	t.Helper()
	out, err := r.Render(doc, width, style)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out
}

func visible(s string) string { return ansi.Strip(StripHyperlinks(s)) }

func TestRenderGolden(t *testing.T) {
	r := NewRenderer()
	docs := map[string]Document{"plain": plainDoc(), "markdown": markdownDoc()}
	for _, name := range []string{"plain", "markdown"} {
		for _, w := range []int{40, 80} {
			t.Run(fmt.Sprintf("%s_%d", name, w), func(t *testing.T) {
				golden.RequireEqual(t, []byte(mustRender(t, r, docs[name], w, StylePlain)))
			})
		}
	}
}

func TestRenderHeader(t *testing.T) {
	full := plainDoc()
	noMeta := plainDoc()
	noMeta.Article.Date, noMeta.Article.Reads, noMeta.Article.Source = time.Time{}, model.NoReads, " "
	noMeta.Tags, noMeta.Article.Tags = nil, nil
	oneRead := plainDoc()
	oneRead.Article.Reads, oneRead.Tags = 1, nil
	untitled := plainDoc()
	untitled.Article.Title = "  \n "
	everything := plainDoc()
	everything.Article.Author = " Ada  Mensah "
	everything.Article.URL = "https://quay-courier.example/2021/07/15/harbour-cranes-return-to-the-old-quay-after-twenty-years/"
	everything.Tags = []string{"Open Source", "Science", "Rivermouth"}
	addressOnly := noMeta
	addressOnly.Article.URL = "http://quay-courier.example/cranes/"
	tests := []struct {
		name string
		doc  Document
		want []string // the first lines
	}{
		{"full", full, []string{
			"# Harbour cranes return to the old quay after *twenty* years", "",
			"15 July 2021 · The Quay Courier · 1,204 reads",
			"#Harbours · #Rivermouth", "",
			strings.Repeat("-", 80), "",
		}},
		{"author, address, tags with spaces", everything, []string{
			"# Harbour cranes return to the old quay after *twenty* years", "",
			"15 July 2021 · by Ada Mensah · The Quay Courier · 1,204 reads",
			"#Open\u00a0Source · #Science · #Rivermouth",
			"quay-courier.example/2021/07/15/harbour-cranes-return-to-the-old-quay-after-twe…", "",
			strings.Repeat("-", 80), "",
		}},
		{"address only", addressOnly, []string{
			"# Harbour cranes return to the old quay after *twenty* years", "",
			"quay-courier.example/cranes", "",
			strings.Repeat("-", 80), "",
		}},
		{"no metadata", noMeta, []string{
			"# Harbour cranes return to the old quay after *twenty* years", "",
			strings.Repeat("-", 80), "",
		}},
		{"one read, article tags", oneRead, []string{
			"# Harbour cranes return to the old quay after *twenty* years", "",
			"15 July 2021 · The Quay Courier · 1 read",
			"#harbours · #rivermouth", "",
		}},
		{"untitled", untitled, []string{
			"15 July 2021 · The Quay Courier · 1,204 reads",
			"#Harbours · #Rivermouth", "",
			strings.Repeat("-", 80),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustRender(t, NewRenderer(), tt.doc, 80, StylePlain)
			lines := strings.Split(out, "\n")
			if len(lines) < len(tt.want) || strings.Join(lines[:len(tt.want)], "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant the first lines\n%s", out, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRenderEscapesHeader(t *testing.T) {
	doc := plainDoc()
	doc.Article.Title = "# *Breaking*: [news](javascript:x) <b>bold</b> `x` 1. ~~no~~ a=b #tag"
	doc.Article.Source = "_The_ <Quay> [Courier]"
	doc.Tags = []string{"C++", "*star*", "a_b"}
	for _, style := range []RenderStyle{StyleDark, StyleLight, StylePlain} {
		out := mustRender(t, NewRenderer(), doc, 120, style)
		vis := visible(out)
		for _, want := range []string{
			"# *Breaking*: [news](javascript:x) <b>bold</b> `x` 1. ~~no~~ a=b #tag",
			"_The_ <Quay> [Courier] · 1,204 reads", "#C++ · #*star* · #a_b",
		} {
			if !strings.Contains(vis, want) {
				t.Errorf("style %d: %q not shown in\n%s", style, want, vis)
			}
		}
		if strings.Contains(out, "\x1b]8;") {
			t.Errorf("style %d: the title became a hyperlink: %q", style, out)
		}
	}
}

func TestRenderFitsWidth(t *testing.T) {
	wide := markdownDoc()
	wide.Article.ID++
	wide.Body += "\n\nA long link: https://very-long-host-name.example/with/a/very/long/path/that/does/not/fit/anywhere?q=1\n\n" +
		"```\nfunc codeThatIsLongerThanAnyPane(withArguments, andMore int) (string, error) { return \"\", nil }\n```\n\n" +
		"> > > > > > > > > > > > a quote nested deeper than the narrowest pane can hold, and then some\n\n" +
		"- a\n  - b\n    - c\n      - d\n        - e\n          - f\n            - g\n              - h\n                - item nested deep\n\n" +
		"> ---\n\n" + "東京の港では新しいクレーンが稼働を始めました。😀😀😀😀😀😀😀😀😀😀😀😀😀😀\n\n" +
		"| a very wide column heading | another very wide column heading | and a third |\n|---|---|---|\n| x | y | z |\n"
	tabs := plainDoc()
	tabs.Article.ID++
	tabs.Body += "\n\ncol\tcol\tcol\n\t\tdeep tab\n" + strings.Repeat("-", 130) + "\n" + strings.Repeat("word", 40)
	r := NewRenderer()
	for _, doc := range []Document{plainDoc(), markdownDoc(), wide, tabs} {
		for _, style := range []RenderStyle{StyleDark, StyleLight, StylePlain} {
			for _, w := range []int{-5, 0, 3, 10, 20, 40, 80, 120} {
				out := mustRender(t, r, doc, w, style)
				limit := max(w, minRenderWidth)
				if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") || strings.HasPrefix(out, "\n") {
					t.Errorf("%s style %d width %d: want no blank line at either end and one final newline", doc.Article.Title, style, w)
				}
				for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
					if lw := ansi.StringWidth(l); lw > limit {
						t.Errorf("%s style %d width %d: line %d is %d wide: %q", doc.Article.Title, style, w, i, lw, l)
					}
					if strings.Contains(l, "\t") {
						t.Errorf("tab in line %q", l)
					}
					if strings.HasSuffix(ansi.Strip(l), " ") {
						t.Errorf("%s style %d width %d: trailing space in line %d: %q", doc.Article.Title, style, w, i, l)
					}
				}
			}
		}
	}
}

// Every line of a quote keeps its bar, nested quotes included, at any width.
func TestRenderQuotes(t *testing.T) {
	doc := markdownDoc()
	doc.Body = "> \"The last mile was the hardest,\" Okafor said, and the crowd at the finish line agreed with her loudly.\n>\n> > A quote inside the quote, long enough to wrap more than once at narrow widths.\n"
	r := NewRenderer()
	for w := 20; w <= 80; w++ {
		out := visible(mustRender(t, r, doc, w, StylePlain))
		_, body, _ := strings.Cut(out, strings.Repeat("-", w)+"\n\n")
		lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		for i, l := range lines {
			if !strings.HasPrefix(l, "|") {
				t.Errorf("width %d: quote line %d has no bar: %q\n%s", w, i, l, body)
			}
		}
		if got, want := wordsOf(strings.ReplaceAll(body, "|", "")), wordsOf(strings.ReplaceAll(doc.Body, ">", "")); got != want {
			t.Errorf("width %d: quote text %q, want %q", w, got, want)
		}
	}
}

// The plain style has no SGR sequence at all; hyperlinks are its only
// escape sequences. The coloured styles close their styles on every line,
// which trimLineRight relies on.
func TestRenderStyles(t *testing.T) {
	r := NewRenderer()
	for _, doc := range []Document{plainDoc(), markdownDoc()} {
		plain := mustRender(t, r, doc, 60, StylePlain)
		if strings.Contains(plain, "\x1b[") || ansi.Strip(StripHyperlinks(plain)) != StripHyperlinks(plain) {
			t.Errorf("plain style has escape sequences besides hyperlinks: %q", plain)
		}
		for _, style := range []RenderStyle{StyleDark, StyleLight} {
			out := mustRender(t, r, doc, 60, style)
			if !strings.Contains(out, "\x1b[") {
				t.Errorf("style %d has no colour", style)
			}
			if visible(out) == visible(plain) {
				t.Errorf("style %d: same text as plain; expected different decorations", style)
			}
			for i, l := range strings.Split(out, "\n") {
				if last := strings.LastIndex(l, "\x1b["); last >= 0 && !strings.HasPrefix(l[last:], "\x1b[m") && !strings.HasPrefix(l[last:], "\x1b[0m") {
					t.Errorf("style %d line %d leaves a style open: %q", style, i, l)
				}
			}
		}
	}
	if dark, light := mustRender(t, r, plainDoc(), 60, StyleDark), mustRender(t, r, plainDoc(), 60, StyleLight); dark == light {
		t.Error("dark and light renders are the same")
	}
	if a, b := mustRender(t, r, plainDoc(), 60, RenderStyle(99)), mustRender(t, r, plainDoc(), 60, StylePlain); a != b {
		t.Error("an unknown style does not render as plain")
	}
}

func TestRenderLinks(t *testing.T) {
	doc := markdownDoc()
	doc.Body = `[click](javascript:alert(1)) [file](file:///etc/passwd) [web](https://good.example/a) [page](http://plain.example)
![pic](data:image/png;base64,AAAA) ![](https://img.example/x.png) [bad](http://%zz) <http://%zz> [spaced](<java script:x>)
<a href="javascript:evil()">anchor</a> <img src=x onerror="alert(1)"> <https://auto.example/p> [rel](/about)

<script>alert("block")</script>

<div onclick="x()">div text</div>

| link in a table |
|---|
| [cell](javascript:cell()) |
`
	for _, style := range []RenderStyle{StyleDark, StylePlain} {
		out := mustRender(t, NewRenderer(), doc, 400, style)
		vis := visible(out)
		for _, want := range []string{
			"click (javascript:)", "file (file:)", "web (good.example)", "page (plain.example)",
			"pic → data:image/png;base64,AAAA", "https://img.example/x.png", "bad (http://%25zz)", "http://%25zz",
			"spaced (java%20script%3Ax)", "anchor", "https://auto.example/p", "cell", "javascript:cell()", "div text", "rel (/about)",
			"] javascript:alert(1)", "] file:///etc/passwd", "] https://good.example/a", "] http://plain.example", "] /about",
		} {
			if !strings.Contains(vis, want) {
				t.Errorf("style %d: %q not shown in\n%s", style, want, vis)
			}
		}
		for _, bad := range []string{"<a", "href", "<img", "onerror", "<script", "alert(\"block\")", "onclick"} {
			if strings.Contains(vis, bad) {
				t.Errorf("style %d: raw HTML %q shown in\n%s", style, bad, vis)
			}
		}
		for _, seq := range strings.Split(out, "\x1b]8;")[1:] {
			params, rest, _ := strings.Cut(seq, ";")
			uri := rest[:strings.IndexAny(rest, "\a\x1b")]
			if uri != "" && !model.IsWebURL(uri) {
				t.Errorf("style %d: hyperlink to %q (params %q)", style, uri, params)
			}
		}
		for _, want := range []string{"https://good.example/a", "http://plain.example", "https://auto.example/p"} {
			if !strings.Contains(out, ";"+want+"\a") {
				t.Errorf("style %d: no hyperlink to %s", style, want)
			}
		}
	}
}

func TestShowableURL(t *testing.T) {
	for _, dest := range []string{"http://%zz", "java script:x", "//[::1", "http://[::1", "http://a b/c", "%", ":", "a\x00b", "http://h:port/"} {
		got := showableURL([]byte(dest))
		if _, err := url.Parse(string(got)); err != nil {
			t.Errorf("showableURL(%q) = %q, which url.Parse rejects: %v", dest, got, err)
		}
	}
	if got := showableURL([]byte("https://ok.example/a?b=c#d")); string(got) != "https://ok.example/a?b=c#d" {
		t.Errorf("a valid URL was changed to %q", got)
	}
}

func TestRenderCache(t *testing.T) {
	r := NewRenderer()
	doc := plainDoc()
	first := mustRender(t, r, doc, 80, StyleDark)
	if r.outputs.len() != 1 || r.renderers.len() != 1 {
		t.Fatalf("caches hold %d outputs, %d renderers; want 1, 1", r.outputs.len(), r.renderers.len())
	}
	// A hit does not render: a broken pipeline in the cache is not used.
	r.renderers.put(rendererKey{width: 80, style: StyleDark, plain: true}, brokenPipeline(true))
	if again := mustRender(t, r, doc, 80, StyleDark); again != first {
		t.Error("second render differs")
	}
	// New content under the same ID is rendered again (and the broken
	// pipeline is used, fails, and is dropped).
	doc.Body += "\n\nA correction was added."
	if _, err := r.Render(doc, 80, StyleDark); err == nil {
		t.Error("changed content was served from the cache")
	}
	if _, ok := r.renderers.get(rendererKey{width: 80, style: StyleDark, plain: true}); ok {
		t.Error("the failed pipeline is still cached")
	}
	if out := mustRender(t, r, doc, 80, StyleDark); !strings.Contains(visible(out), "A correction was added.") {
		t.Error("changed content not rendered")
	}
	// Bounded.
	for i := range outputCacheSize + 10 {
		d := plainDoc()
		d.Article.ID = model.ID(i)
		mustRender(t, r, d, 40+i%30, StylePlain)
	}
	if n := r.outputs.len(); n != outputCacheSize {
		t.Errorf("output cache holds %d, want %d", n, outputCacheSize)
	}
	if n := r.renderers.len(); n > rendererCacheSize {
		t.Errorf("renderer cache holds %d, want at most %d", n, rendererCacheSize)
	}
	r.Clear()
	if r.outputs.len() != 0 || r.renderers.len() != 0 {
		t.Errorf("after Clear the caches hold %d outputs, %d renderers", r.outputs.len(), r.renderers.len())
	}
}

func TestRenderFallback(t *testing.T) {
	for _, panics := range []bool{false, true} {
		r := NewRenderer()
		doc := markdownDoc()
		key := rendererKey{width: 30, style: StyleDark, plain: false}
		r.renderers.put(key, brokenPipeline(panics))
		out, err := r.Render(doc, 30, StyleDark)
		if err == nil {
			t.Fatal("no error from a failing renderer")
		}
		if visible(out) != out {
			t.Errorf("fallback has escape sequences: %q", out)
		}
		words := wordsOf(out)
		for _, want := range []string{"Record field at the Rivermouth marathon", "2 April 2023 · Rivermouth Evening Post #Sport", "The **Rivermouth** marathon"} {
			if !strings.Contains(words, want) {
				t.Errorf("fallback lacks %q:\n%s", want, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > 30 {
				t.Errorf("fallback line too wide: %q", l)
			}
		}
		if r.outputs.len() != 0 {
			t.Error("a failed render was cached")
		}
		// The next render builds a new pipeline and succeeds.
		mustRender(t, r, doc, 30, StyleDark)
	}
}

func TestRenderTimeout(t *testing.T) {
	r := NewRenderer()
	r.timeout = 50 * time.Millisecond
	block := make(chan struct{})
	defer close(block)
	key := rendererKey{width: 40, style: StylePlain, plain: true}
	r.renderers.put(key, &glamourPipeline{md: goldmark.New(goldmark.WithRenderer(failingRenderer{block: block}))})
	start := time.Now()
	out, err := r.Render(plainDoc(), 40, StylePlain)
	if !errors.Is(err, errRenderTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Render took %v", d)
	}
	if !strings.Contains(wordsOf(out), "Harbour cranes return") {
		t.Errorf("no fallback text: %q", out)
	}
	// The stuck pipeline is not used again.
	mustRender(t, r, plainDoc(), 40, StylePlain)
}

// Quotes and lists nested thousands deep render quickly (Glamour alone
// takes minutes), keeping their text.
func TestRenderDeepNesting(t *testing.T) {
	tests := []struct{ body, want string }{
		{strings.Repeat("> ", 3000) + "deep quote text", "| deep quote text"},
		{strings.Repeat("- ", 3000) + "deep item text", "• deep item text"},
		{strings.Repeat("1. ", 3000) + "deep number text", "1. deep number text"},
		{strings.Repeat("> - ", 2000) + "deep mixed text", "deep mixed text"},
		{"- a\n" + strings.Repeat("  ", 40) + "- indented item text\n", "indented item text"},
		{strings.Repeat(">", 5000) + " deep arrows text\n\n" + strings.Repeat("  ", 200) + "after", "deep arrows text"},
	}
	for _, tt := range tests {
		doc := markdownDoc()
		doc.Body = tt.body
		start := time.Now()
		out := mustRender(t, NewRenderer(), doc, 40, StylePlain)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.20q…: took %v", tt.body, d)
		}
		if !strings.Contains(wordsOf(out), tt.want) {
			t.Errorf("%.20q…: %q not shown:\n%s", tt.body, tt.want, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > 40 {
				t.Errorf("%.20q…: line too wide: %q", tt.body, l)
			}
		}
	}
}

func TestRenderConcurrent(t *testing.T) {
	docs := []Document{plainDoc(), markdownDoc()}
	widths := []int{30, 50, 80}
	styles := []RenderStyle{StyleDark, StyleLight, StylePlain}
	want := map[string]string{}
	for _, d := range docs {
		for _, w := range widths {
			for _, s := range styles {
				want[fmt.Sprint(d.Article.ID, w, s)] = mustRender(t, NewRenderer(), d, w, s)
			}
		}
	}
	r := NewRenderer()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 40 {
				d, w, s := docs[(g+i)%2], widths[(g+i)%3], styles[(g*7+i)%3]
				out, err := r.Render(d, w, s)
				if err != nil {
					t.Error(err)
					return
				}
				if out != want[fmt.Sprint(d.Article.ID, w, s)] {
					t.Errorf("concurrent render of %v at %d style %d differs", d.Article.ID, w, s)
				}
				if i%17 == 0 {
					r.Clear()
				}
			}
		})
	}
	wg.Wait()
}

// FuzzRenderMarkdown: any Markdown body renders without error or panic,
// and (for sanitized text) within the width.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{markdownBody, "[x](javascript:y)", "<http://%zz>", "> > > - - - x", "| a |\n|---|\n| b |", "```\ncode\n```", "[^1]\n\n[^1]: x", "Term\n: def", "- [ ] task", "<!--", "***a**b*"} {
		f.Add(s, uint8(20))
	}
	r := NewRenderer()
	f.Fuzz(func(t *testing.T, s string, w uint8) {
		doc := markdownDoc()
		doc.Body = s
		width := int(w)
		out, err := r.Render(doc, width, StyleDark)
		if err != nil {
			t.Fatalf("Render(%q): %v", s, err)
		}
		if hasControl(s) {
			return
		}
		if s == model.Sanitize(s) { // as bodies are, once read
			checkTerminalSafe(t, fmt.Sprintf("Render(%q)", s), out)
		}
		limit := max(width, minRenderWidth)
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > limit {
				t.Fatalf("line wider than %d: %q", limit, l)
			}
		}
	})
}

// brokenPipeline returns a pipeline whose renderer fails or panics.
func brokenPipeline(panics bool) *glamourPipeline {
	return &glamourPipeline{md: goldmark.New(goldmark.WithRenderer(failingRenderer{panics: panics}))}
}

// failingRenderer is a goldmark renderer that fails, panics, or waits on
// block before failing.
type failingRenderer struct {
	panics bool
	block  chan struct{}
}

func (f failingRenderer) Render(io.Writer, []byte, ast.Node) error {
	if f.block != nil {
		<-f.block
	}
	if f.panics {
		panic("renderer exploded")
	}
	return errors.New("renderer failed")
}

func (failingRenderer) AddOptions(...renderer.Option) {}

// sixKBArticle is about 6 KB of invented plain text.
func sixKBArticle() Document {
	paras := []string{
		"The ferry between Rivermouth and the island ran late all week after a gull nested on the wheelhouse roof, and the crew refused to move it.",
		"Council members said the timetable would return to normal once the chicks had fledged, which the harbour master expects by the end of the month.",
		"Passengers were offered tea and a seat in the waiting room; several said they had not minded the delay, and one brought binoculars.",
		"A spokesperson for the ferry company confirmed that no sailings had been cancelled, only postponed by between ten and forty minutes.",
	}
	var b strings.Builder
	for i := 0; b.Len() < 6*1024; i++ {
		b.WriteString(paras[i%len(paras)])
		if i%3 == 2 {
			b.WriteString("\n\n")
		} else {
			b.WriteString("\n")
		}
	}
	doc := plainDoc()
	doc.Body = b.String()
	return doc
}

func BenchmarkRenderPlainUncached(b *testing.B) {
	r := NewRenderer()
	doc := sixKBArticle()
	for b.Loop() {
		doc.Article.ID++ // a new article each time: renders, keeps the pipeline
		if _, err := r.Render(doc, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPlainCached(b *testing.B) {
	r := NewRenderer()
	doc := sixKBArticle()
	mustRender(b, r, doc, 80, StyleDark)
	for b.Loop() {
		if _, err := r.Render(doc, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderMarkdownUncached(b *testing.B) {
	r := NewRenderer()
	doc := markdownDoc()
	doc.Body = strings.Repeat(markdownBody+"\n", 4)
	for b.Loop() {
		doc.Article.ID++
		if _, err := r.Render(doc, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPlainCold(b *testing.B) {
	r := NewRenderer()
	doc := sixKBArticle()
	for b.Loop() {
		r.Clear() // also builds the Glamour pipeline each time
		if _, err := r.Render(doc, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}
