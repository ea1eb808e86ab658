package ui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/termcheck"
	"github.com/newsline/newsline/model"
)

// Terminal safety (issue 4): whatever an article says, what the reader puts
// on the screen holds only the escape sequences newsline's own styling
// makes, as internal/termcheck judges it.

// checkTerminalSafe fails the test for every problem termcheck.Problems finds.
func checkTerminalSafe(t testing.TB, what, out string) {
	t.Helper()
	for _, p := range termcheck.Problems(out) {
		t.Errorf("%s: %s\n%q", what, p, out)
	}
}

// randomHostile builds a Markdown body from hostile pieces: links with
// random schemes and lying texts, character references to controls, raw
// Markdown punctuation.
func randomHostile(r *rand.Rand) string {
	var b strings.Builder
	for range 3 + r.IntN(10) {
		host := fmt.Sprintf("h%d.example/p%d", r.IntN(100), r.IntN(100))
		u := linkSchemes[r.IntN(len(linkSchemes))] + host
		switch r.IntN(9) {
		case 0:
			fmt.Fprintf(&b, "[%s](%s)", linkSchemes[r.IntN(len(linkSchemes))]+"good.example/", u)
		case 1:
			fmt.Fprintf(&b, "<%s>", u)
		case 2:
			fmt.Fprintf(&b, "![%s](%s)", host, u)
		case 3:
			fmt.Fprintf(&b, "&#%d;", []int{7, 8, 13, 27, 127, 0x85, 0x9b, 0x9d, 0x202e, 0x2067}[r.IntN(10)])
		case 4:
			fmt.Fprintf(&b, "&#x1b;]8;;%s&#x1b;\\lie&#x1b;]8;;&#7;", u)
		case 5:
			b.WriteString([]string{"\n\n", "\n", "> ", "- ", "1. ", "`", "```\n", "# ", "| a |\n|---|\n", "*", "\\"}[r.IntN(11)])
		case 6:
			b.WriteString(u)
		case 7:
			fmt.Fprintf(&b, "[ref%d]: %s\n[ref%d]", r.IntN(3), u, r.IntN(3))
		default:
			b.WriteString(" words go here ")
		}
		b.WriteByte(' ')
	}
	return b.String()
}

func TestRenderIsTerminalSafe(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	bodies := append([]string(nil), hostileBodies...)
	for range 40 {
		bodies = append(bodies, randomHostile(r))
	}
	rd := NewRenderer()
	for i, body := range bodies {
		for _, format := range []model.Format{model.FormatMarkdown, model.FormatText} {
			a := model.Article{ID: model.NewID(fmt.Sprint(i), 0), Title: hostileTitles[i%len(hostileTitles)], Source: hostileTitles[(i+1)%len(hostileTitles)], Format: format}
			for _, style := range []RenderStyle{StyleDark, StyleLight, StylePlain} {
				for _, width := range []int{40, 80, 120} {
					out, err := rd.Render(Document{Article: a, Tags: []string{"&#x1b;[2J", "[t](file:///x)"}, Body: body}, width, style)
					if err != nil {
						t.Errorf("render: %v", err)
					}
					checkTerminalSafe(t, fmt.Sprintf("body %d (%v, style %d, width %d) %q", i, format, style, width, body), out)
				}
			}
		}
	}
}

// hostileArticles are the hostile bodies as articles of both formats.
func hostileArticles() []model.Article {
	var arts []model.Article
	for i, body := range hostileBodies {
		for k, format := range []model.Format{model.FormatMarkdown, model.FormatText} {
			rel := fmt.Sprintf("hostile/%02d-%d", i, k)
			arts = append(arts, model.Article{
				ID: model.NewID(rel, 0), Path: "/news/" + rel, Rel: rel,
				Title: hostileTitles[(i+k)%len(hostileTitles)], Source: hostileTitles[i%len(hostileTitles)],
				Tags: []string{"&#x1b;[2J", "[t](file:///x)", "ok"}, Format: format, Body: body, Reads: i,
			})
		}
	}
	return arts
}

// TestScreenIsTerminalSafe walks the reader through every hostile article
// at two sizes, in colour and without, and checks every screen.
func TestScreenIsTerminalSafe(t *testing.T) {
	arts := hostileArticles()
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, noColor := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d nocolor=%v", size[0], size[1], noColor), func(t *testing.T) {
				opts := fixtureOptions()
				opts.NoColor = noColor
				opts.Name = "[name](javascript:x) &#x1b;[2J"
				m := New(opts)
				m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = send(t, m, batchMsg{batch: model.Batch{
					Articles: arts,
					Problems: []model.Problem{{Path: "/news/[p](file:///x)", Reason: "&#x1b;]52;c;x&#7;"}},
					Progress: model.Progress{Files: len(arts), Articles: len(arts), Done: true},
				}, done: true})
				check := func(what string) {
					t.Helper()
					out := m.View().Content
					checkTerminalSafe(t, what, out)
				}
				check("loaded")
				for i := range arts {
					m = keys(t, m, "enter")
					check(fmt.Sprintf("article %d open", i))
					for range 3 {
						m = keys(t, m, "pgdown")
						check(fmt.Sprintf("article %d paged", i))
					}
					m = keys(t, m, "esc", "j")
				}
				m = keys(t, m, "!") // problems overlay, if the key is bound
				check("problems")
			})
		}
	}
}

func TestDefuseCharRefs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"clean text is returned as it is", "no references, &amp; &copy; &#233; &#x1F600;", "no references, &amp; &copy; &#233; &#x1F600;"},
		{"ESC reference becomes text", "&#x1b;[2J &#27;]52;c;x&#7;", "&amp;#x1b;[2J &amp;#27;]52;c;x&amp;#7;"},
		{"reference without semicolon too", "&#x1b[31m &#0000027", "&amp;#x1b[31m &amp;#0000027"},
		{"C1 references (html maps some to U+0081 …)", "&#x81; &#155; &#X9D;", "&amp;#x81; &amp;#155; &amp;#X9D;"},
		{"bidi references", "&#x202e; &#8294;", "&amp;#x202e; &amp;#8294;"},
		{"tab newline NUL and huge values stay", "&#9; &#10; &#0; &#x110000; &#99999999999999999999;", "&#9; &#10; &#0; &#x110000; &#99999999999999999999;"},
		{"ZWJ ZWNJ and invisibles stay", "&#x200d; &#x200c; &#x200b; &#xfeff;", "&#x200d; &#x200c; &#x200b; &#xfeff;"},
		{"not a reference", "&# &#x &#; a&#b", "&# &#x &#; a&#b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := defuseCharRefs(tc.in); got != tc.want {
				t.Errorf("defuseCharRefs(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// hostileBodies are sanitized bodies (what data gives the ui: no controls,
// no bidi) that still try to reach the terminal: Markdown links that lie or
// point to other schemes, and character references that decode to escape
// sequences.
var hostileBodies = []string{
	"[https://good.example/](https://evil.example/x) and [click](javascript:alert(1)) and [f](file:///etc/passwd)",
	"<https://auto.example/a> <javascript:alert(1)> <file:///etc/shadow> www.linkify.example mail@evil.example",
	"![img](https://img.example/i.png) ![x](javascript:alert(1) \"title\") [ref][r]\n\n[r]: file:///etc/passwd",
	"&#x1b;]8;;https://evil.example/&#x1b;\\click here&#x1b;]8;;&#x1b;\\ and &#27;]52;c;cm0gLXJm&#7;",
	"&#x1b;[31mred&#27;[0m &#x9b;2J &#x81; &#155;6n &#X202E;evil &#x2066;iso &#8238; &#x1b &#0000027;[2J &#127;",
	"`&#x1b;]0;title&#7;` and\n\n```\n&#x1b;P1$r0m&#x1b;\\\n```\n\n> [quote](data:text/html,x) &#x1b;_apc&#x1b;\\",
	"| a | [b](vbscript:x) |\n|---|---|\n| &#x1b;[2J | <https://t.example/> |\n\n- [ ] [task](ftp://x.example/)\n\nTerm\n: &#x1b;c",
	"[a](<https://x.example/a b>) [b](https://x.example/%1b%5b31m) [c](https://x.example/&#x1b;) [d](HTTPS://Up.example/)",
	"<a href=\"javascript:alert(1)\">html</a> <script>&#x1b;]52;c;x&#7;</script>\n\n<div>&#x1b;[?1049h</div>",
	"[](http://Ü) <https://例え.jp/> [x](https://éa.example/ü)\n\nPersian نامه\u200cها, emoji 👩\u200d💻, zero\u200bwidth, &zwj; &ZeroWidthSpace; &lrm; &Tab;x &NewLine;y",
}

// hostileTitles are sanitized single-line fields that look like markup.
var hostileTitles = []string{
	"[Title](javascript:alert(1)) &#x1b;]52;c;x&#7; <https://t.example/>",
	"# Heading * _ ` &#27;[2J",
	"Tag-looking #x \\ &amp; ~~s~~",
}

var linkSchemes = []string{"https://", "http://", "javascript:", "file:///", "data:", "vbscript:", "ftp://", "//", "HTTPS://", "mailto:"}

// TestErrorTextIsTerminalSafe: error text from outside the program — an
// editor's exit, a body that cannot be read, a failed load — reaches the
// header and the reader only through the sanitizer.
func TestErrorTextIsTerminalSafe(t *testing.T) {
	const hostile = "bad\x1b[2J\x1b]8;;http://evil.example\x07lie\u202e\x9b31m\nsecond line"
	opts := fixtureOptions()
	opts.Body = func(model.Article) (string, error) { return "", errors.New(hostile) }
	opts.Edit = func(model.Article) (tea.ExecCommand, error) { return nil, errors.New(hostile) }
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	m, cmd := sendCmd(t, m, keyPress("e"))
	m = drive(t, m, cmd)
	out := m.View().Content
	shown := ansi.Strip(out)
	checkTerminalSafe(t, "an error from outside", out)
	for _, want := range []string{"Cannot edit: bad", "Could not show this article: bad"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the screen lacks %q:\n%s", want, shown)
		}
	}
	m = send(t, m, batchMsg{gen: m.load.gen, done: true, err: errors.New(hostile)})
	out = m.View().Content
	checkTerminalSafe(t, "a load error", out)
	if !strings.Contains(ansi.Strip(out), "load failed: bad") {
		t.Errorf("the load error is not shown:\n%s", ansi.Strip(out))
	}
}
