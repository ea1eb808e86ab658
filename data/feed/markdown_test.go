package feed

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestHTMLToMarkdown(t *testing.T) {
	const base = "https://news.example/2026/06/story"
	tests := []struct {
		name, html, want string
	}{
		{"relative link", `<p>See <a href="../05/earlier">the earlier story</a>.</p>`,
			"See [the earlier story](https://news.example/2026/05/earlier)."},
		{"root-relative link", `<a href="/about">About</a>`, "[About](https://news.example/about)"},
		{"absolute link kept", `<a href="http://other.example/x?a=1&amp;b=2">x</a>`, "[x](http://other.example/x?a=1&b=2)"},
		{"javascript link as text", `<p><a href="javascript:alert(document.cookie)">Win a prize</a> now</p>`, "Win a prize now"},
		{"data link as text", `<a href="data:text/html;base64,PHNjcmlwdD4=">open</a>`, "open"},
		{"mailto as text", `<a href="mailto:desk@news.example">write to us</a>`, "write to us"},
		{"link without href", `<a name="top">Top</a>`, "Top"},
		{"image as a link", `<img src="pics/boat.jpg" alt="The boat">`, "[image: The boat](https://news.example/2026/06/pics/boat.jpg)"},
		{"image without alt", `<img src="https://cdn.example/1.png">`, "[image](https://cdn.example/1.png)"},
		{"data image dropped, alt kept", `<img src="data:image/png;base64,AAAA" alt="chart">`, "chart"},
		{"script dropped", `<p>Before</p><script>steal()</script><p>After</p>`, "Before\n\nAfter"},
		{"table", `<table><tr><th>Tide</th><th>Time</th></tr><tr><td>High</td><td>06:12</td></tr></table>`,
			"| Tide | Time  |\n|------|-------|\n| High | 06:12 |"},
		{"plain text", "Just words, no markup.", "Just words, no markup."},
		{"escapes removed", "<p>Red\x1b[31m text\x1b]8;;https://evil.example\x07 here\u202e</p>", "Red text here"},
		{"empty", "  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToMarkdown(tt.html, base); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestMarkdownContentElseSummary(t *testing.T) {
	it := Item{Link: "https://a.example/", Content: "<p>Full <b>text</b></p>", Summary: "Short"}
	if got := Markdown(it); got != "Full **text**" {
		t.Errorf("with content: %q", got)
	}
	it.Content = " \n"
	if got := Markdown(it); got != "Short" {
		t.Errorf("without content: %q", got)
	}
}

func TestMarkdownOfPlainText(t *testing.T) {
	tests := []struct{ text, want string }{
		{"First paragraph,\nsecond line.\n\nSecond *paragraph* <3", "First paragraph,  \nsecond line.\n\nSecond \\*paragraph* &lt;3"},
		{"Caf\u00e9 & bar", "Café & bar"},
		{"AT&amp;T <b>bold</b>", "AT&T **bold**"},
	}
	for _, tt := range tests {
		if got := Markdown(Item{Content: tt.text}); got != tt.want {
			t.Errorf("Markdown(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		it   Item
		want string
	}{
		{Item{GUID: "g1", Link: "https://a.example/1", Title: "T"}, "guid:g1"},
		{Item{Link: "https://a.example/1", Title: "T"}, "link:https://a.example/1"},
		{Item{Title: "T", Published: day}, "title:T\x002026-03-01T00:00:00Z"},
		{Item{Title: "T", Updated: day}, "title:T\x002026-03-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := Key(tt.it); got != tt.want {
			t.Errorf("Key(%+v) = %q, want %q", tt.it, got, tt.want)
		}
	}
	if Key(Item{Title: "T"}) == Key(Item{Title: "U"}) {
		t.Error("two titles without dates share a key")
	}
}

func TestFileName(t *testing.T) {
	fetched := time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC)
	published := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	tests := []struct {
		it   Item
		want string
	}{
		{Item{Title: "Dredging starts on the old quay", Published: published}, "2026-03-03-dredging-starts-on-the-old-quay.md"},
		{Item{Title: "Crème brûlée: the verdict!"}, "2026-12-06-creme-brulee-the-verdict.md"},
		{Item{Title: "../../etc/passwd"}, "2026-12-06-etc-passwd.md"},
		{Item{Title: `C:\Windows\..\x`}, "2026-12-06-c-windows-x.md"},
		{Item{Title: "bell\x07\x1b[31mred\u202e"}, "2026-12-06-bell-31mred.md"},
		{Item{Title: "東京の天気"}, "2026-12-06-東京の天気.md"},
		{Item{Title: "   ...  "}, "2026-12-06-item.md"},
		{Item{}, "2026-12-06-item.md"},
	}
	for _, tt := range tests {
		if got := FileName(tt.it, fetched); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.it.Title, got, tt.want)
		}
	}
	long := FileName(Item{Title: strings.Repeat("ä long title ", 40)}, fetched)
	if len(long) > len("2026-12-06-")+maxSlug+len(".md") || !utf8.ValidString(long) {
		t.Errorf("a long title gives %q (%d bytes)", long, len(long))
	}
}
