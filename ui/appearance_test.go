package ui

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/glamourstyle"
	"github.com/newsline/newsline/model"
)

// appearanceApp builds the model with appearance a at w×h, the fixture
// loaded and the reader settled; colour unless noColor.
func appearanceApp(t testing.TB, a Appearance, noColor bool, w, h int) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.NoColor = noColor
	opts.Appearance = a
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, batchMsg{batch: model.Batch{
		Articles: fixtureArticles(),
		Progress: model.Progress{Files: 30, Articles: 30, Done: true},
	}, done: true})
}

// checkScreenWidth fails unless every line of the view is w cells wide.
func checkScreenWidth(t testing.TB, m Model, w int) {
	t.Helper()
	for i, l := range strings.Split(m.View().Content, "\n") {
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

func TestAppearanceTheme(t *testing.T) {
	tests := []struct {
		name     string
		theme    string
		noColor  bool
		bg       color.Color // the terminal's report; nil: none
		dark     bool
		style    RenderStyle
		dropped  bool // the renders were dropped
		plainUI  bool
		initDark bool // before the report
	}{
		{"auto starts dark", "auto", false, nil, true, StyleDark, false, false, true},
		{"auto follows a light background", "auto", false, color.White, false, StyleLight, true, false, true},
		{"empty is auto", "", false, color.White, false, StyleLight, true, false, true},
		{"dark ignores a light background", "dark", false, color.White, true, StyleDark, false, false, true},
		{"light starts light", "light", false, nil, false, StyleLight, false, false, false},
		{"light ignores a dark background", "light", false, color.Black, false, StyleLight, false, false, false},
		{"case does not matter", "Light", false, color.Black, false, StyleLight, false, false, false},
		{"NO_COLOR wins over dark", "dark", true, color.White, true, StylePlain, false, true, true},
		{"NO_COLOR wins over light", "light", true, color.Black, false, StylePlain, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := appearanceApp(t, Appearance{Theme: tt.theme}, tt.noColor, 160, 48)
			if m.dark != tt.initDark {
				t.Errorf("starts dark=%v, want %v", m.dark, tt.initDark)
			}
			before := m.renderer.outputs.len()
			if before == 0 {
				t.Fatal("nothing rendered")
			}
			if tt.bg != nil {
				m = send(t, m, tea.BackgroundColorMsg{Color: tt.bg})
			}
			if m.dark != tt.dark || m.style != tt.style || m.theme.Plain != tt.plainUI {
				t.Errorf("dark %v style %v plain %v, want %v %v %v", m.dark, m.style, m.theme.Plain, tt.dark, tt.style, tt.plainUI)
			}
			if m.reader.have.style != tt.style {
				t.Errorf("reader shows style %v, want %v", m.reader.have.style, tt.style)
			}
			// A render of the new style is now cached; the old ones are gone
			// only when the style changed.
			for k := range m.renderer.outputs.items {
				if dropped := k.style != tt.style; dropped && tt.dropped {
					t.Errorf("render of style %v kept after the switch", k.style)
				}
			}
			if !tt.dropped && m.renderer.outputs.len() < before {
				t.Errorf("renders dropped: %d, were %d", m.renderer.outputs.len(), before)
			}
		})
	}
}

// testStyle is a small Glamour style with colours of its own.
const testStyle = `{
	"document": {"color": "#123456"},
	"h1": {"color": "#ABCDEF", "bold": true, "prefix": "» "},
	"link": {"color": "#0A0B0C", "underline": true},
	"block_quote": {"indent_token": "┃ "}
}`

// sgrFg is the SGR parameters of a 24-bit foreground colour.
func sgrFg(r, g, b int) string { return fmt.Sprintf("38;2;%d;%d;%d", r, g, b) }

func TestAppearanceCustomStyleRenders(t *testing.T) {
	m := appearanceApp(t, Appearance{Style: []byte(testStyle)}, false, 160, 48)
	if m.style != StyleCustom || m.reader.have.style != StyleCustom {
		t.Fatalf("style %v, reader %v: want the custom style", m.style, m.reader.have.style)
	}
	if m.flash != "" {
		t.Errorf("flash %q", m.flash)
	}
	view := m.View().Content
	for _, want := range []string{sgrFg(0xAB, 0xCD, 0xEF), sgrFg(0x12, 0x34, 0x56)} {
		if !strings.Contains(view, want) {
			t.Errorf("the reader lacks the style's colour %s", want)
		}
	}
	if !strings.Contains(ansi.Strip(view), "» Solo sailor") {
		t.Errorf("no styled heading:\n%s", ansi.Strip(view))
	}
	checkScreenWidth(t, m, 160)

	// The panes follow the background; the article's style stays, and so
	// do its renders.
	before := m.renderer.outputs.len()
	m = send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.dark || m.style != StyleCustom || m.renderer.outputs.len() < before {
		t.Errorf("light background: dark %v style %v cache %d (was %d)", m.dark, m.style, m.renderer.outputs.len(), before)
	}

	// NO_COLOR wins over the style file.
	m = appearanceApp(t, Appearance{Style: []byte(testStyle)}, true, 160, 48)
	if m.style != StylePlain {
		t.Errorf("NO_COLOR: style %v", m.style)
	}
	if v := m.View().Content; strings.Contains(v, "38;2;") {
		t.Error("colour in a NO_COLOR view")
	}

	// A style that does not parse (cmd/newsline rejects it first) leaves
	// newsline's own, and says so.
	m = appearanceApp(t, Appearance{Style: []byte(`{"h1": 3}`)}, false, 160, 48)
	if m.style != StyleDark || !strings.Contains(m.flash, "Article style not used") {
		t.Errorf("broken style: style %v flash %q", m.style, m.flash)
	}
}

func TestAppearanceCustomStyleCacheKeys(t *testing.T) {
	doc := markdownDoc()
	r := NewRenderer()
	standard := mustRender(t, r, doc, 60, StyleDark)
	// Without a style file StyleCustom is the plain style.
	if got, want := mustRender(t, r, doc, 60, StyleCustom), mustRender(t, r, doc, 60, StylePlain); got != want {
		t.Error("StyleCustom without a style is not the plain style")
	}
	c, err := glamourstyle.Parse([]byte(testStyle))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetCustomStyle(c); err != nil {
		t.Fatal(err)
	}
	if r.outputs.len() != 0 || r.renderers.len() != 0 {
		t.Error("setting the style kept cached renders")
	}
	custom := mustRender(t, r, doc, 60, StyleCustom)
	if custom == standard || !strings.Contains(custom, sgrFg(0xAB, 0xCD, 0xEF)) {
		t.Errorf("custom render lacks its colours:\n%q", custom)
	}
	if again := mustRender(t, r, doc, 60, StyleDark); again != standard {
		t.Error("the dark render changed with a style file set")
	}
	if again := mustRender(t, r, doc, 60, StyleCustom); again != custom {
		t.Error("the custom render is not cached as such")
	}
	// Two output entries, two pipelines: one per style.
	if r.outputs.len() != 2 {
		t.Errorf("%d cached outputs, want 2", r.outputs.len())
	}
	for k := range r.renderers.items {
		if (k.style == StyleCustom) != (k.custom != nil) {
			t.Errorf("pipeline key %+v", k)
		}
	}
	// Another style file: nothing of the first is shown.
	c2, err := glamourstyle.Parse([]byte(`{"h1": {"color": "#010203"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetCustomStyle(c2); err != nil {
		t.Fatal(err)
	}
	other := mustRender(t, r, doc, 60, StyleCustom)
	if other == custom || !strings.Contains(other, sgrFg(1, 2, 3)) {
		t.Error("the second style file renders as the first")
	}

	// In the model, the keys of the reader's renders carry the style.
	m := appearanceApp(t, Appearance{Style: []byte(testStyle)}, false, 160, 48)
	id, _ := m.list.selected()
	renderKey := func(m Model) renderKey { return m.cache.key(id, m.reader.innerWidth(), m.style) }
	if k := renderKey(m); k.style != StyleCustom {
		t.Errorf("render key %+v", k)
	}
	plain := appearanceApp(t, Appearance{}, false, 160, 48)
	if renderKey(m) == renderKey(plain) {
		t.Error("custom and standard renders share a key")
	}
}

// hostileStyle tries to get escapes and hidden links through a style file.
const hostileStyle = `{
	"document": {"block_prefix": "\u001b]52;c;eA==\u0007", "prefix": "\u009b2J"},
	"paragraph": {"prefix": "\u202e", "format": "{{.text}}\u001b[?1049h"},
	"h1": {"upper": true, "format": "{{Left .text 3}}", "prefix": "\u001b[2J# "},
	"heading": {"title": true},
	"link": {"format": "{{Left .text 5}}", "upper": true, "color": "#ff0000"},
	"link_text": {"format": "click", "lower": true},
	"image": {"format": "pic"},
	"image_text": {"format": "{{slice .text 0 4}}"},
	"block_quote": {"indent_token": "\u001b]8;;file:///x\u0007> "},
	"table": {"column_separator": "\u001b[31m|", "center_separator": "+", "row_separator": "-"},
	"task": {"ticked": "\u0007[x] ", "unticked": "[ ] "},
	"code_block": {"theme": "dracula", "chroma": {"text": {"color": "#ffffff"}}},
	"hr": {"format": "\u001b[5m---"}
}`

func TestRenderIsTerminalSafeWithCustomStyle(t *testing.T) {
	c, err := glamourstyle.Parse([]byte(hostileStyle))
	if err != nil {
		t.Fatal(err)
	}
	rd := NewRenderer()
	if err := rd.SetCustomStyle(c); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	bodies := append([]string(nil), hostileBodies...)
	for range 30 {
		bodies = append(bodies, randomHostile(rng))
	}
	for i, body := range bodies {
		for _, format := range []model.Format{model.FormatMarkdown, model.FormatText} {
			a := model.Article{ID: model.NewID(fmt.Sprint(i), 0), Title: hostileTitles[i%len(hostileTitles)], Source: hostileTitles[(i+1)%len(hostileTitles)], Format: format}
			for _, width := range []int{40, 80} {
				out, err := rd.Render(Document{Article: a, Tags: []string{"&#x1b;[2J", "[t](file:///x)"}, Body: body}, width, StyleCustom)
				if err != nil {
					t.Errorf("render: %v", err)
				}
				checkTerminalSafe(t, fmt.Sprintf("body %d (%v, width %d) %q", i, format, width, body), out)
				for n, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("body %d width %d: line %d is %d wide", i, width, n, w)
					}
				}
			}
		}
	}
	// A link keeps showing where it goes.
	out, err := rd.Render(Document{Article: model.Article{ID: model.NewID("link", 0), Format: model.FormatMarkdown},
		Body: "see [the results](https://run.example/Results)"}, 80, StyleCustom)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ansi.Strip(out), "https://run.example/Results") {
		t.Errorf("the link's address is not shown:\n%s", ansi.Strip(out))
	}
}

func TestAppearanceScreenIsTerminalSafeWithCustomStyle(t *testing.T) {
	opts := fixtureOptions()
	opts.NoColor = false
	opts.Appearance = Appearance{Style: []byte(hostileStyle), DateFormat: "2006\x1b[2J-01\u202e-02"}
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	arts := hostileArticles()
	for i := range arts {
		arts[i].Date = time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	}
	m = send(t, m, batchMsg{batch: model.Batch{Articles: arts, Progress: model.Progress{Files: len(arts), Articles: len(arts), Done: true}}, done: true})
	for i := range arts {
		out := m.View().Content
		checkTerminalSafe(t, fmt.Sprintf("article %d", i), out)
		checkScreenWidth(t, m, 160)
		m = keys(t, m, "j")
	}
}

func TestAppearanceDateFormat(t *testing.T) {
	// Fixture article 29 (the newest, on top) is dated 2026-01-30.
	// measured is the layout's widest date, as cmd measures it
	// (config.DateWidth).
	tests := []struct {
		layout   string
		measured int
		want     string // the date of article 29
		width    int    // the column
	}{
		{"", 0, "2026-01-30", 10},
		{"2006-01-02", 10, "2026-01-30", 10},
		{"Jan 2", 6, "Jan 30", 6},
		{"02/01/2006", 10, "30/01/2026", 10},
		{"Mon 2 Jan", 10, "Fri 30 Jan", 10},
		{"2 January 2006", 17, "30 January 2026", 17},       // 28 September 2026
		{"Monday, 2 January", 23, "Friday, 30 January", 20}, // Wednesday, 23 September is 23: cut
	}
	for _, tt := range tests {
		for _, size := range [][2]int{{160, 48}, {80, 24}} {
			t.Run(fmt.Sprintf("%q at %dx%d", tt.layout, size[0], size[1]), func(t *testing.T) {
				m := appearanceApp(t, Appearance{DateFormat: tt.layout, DateWidth: tt.measured}, true, size[0], size[1])
				if got := m.theme.dateColumn().width; got != tt.width {
					t.Errorf("date column %d wide, want %d", got, tt.width)
				}
				checkScreenWidth(t, m, size[0])
				screen := screenText(m)
				row := lineWith(screen, "Solo sailor")
				if !strings.Contains(row, " "+tt.want+" ") {
					t.Errorf("row lacks the date %q:\n%s", tt.want, row)
				}
				// Every row's date starts in the same column: the column is
				// as wide as the longest date. Rows 0–4 are articles 29–25.
				dc := newDateColumn(tt.layout, tt.measured)
				list := paneLines(m, paneList)
				col := -1
				for r, l := range list[:5] {
					d := strings.TrimRight(dc.format(time.Date(2026, 1, 30-r, 12, 0, 0, 0, time.UTC)), " ")
					i := strings.Index(l, d)
					if i < 0 {
						t.Fatalf("no date %q in %q", d, l)
					}
					if col >= 0 && ansi.StringWidth(l[:i]) != col {
						t.Errorf("dates not aligned:\n%s", strings.Join(list[:5], "\n"))
					}
					col = ansi.StringWidth(l[:i])
				}
			})
		}
	}
}

func TestAppearanceDateFormatNarrowPanes(t *testing.T) {
	// Every width from the smallest: the row always fills the pane, the
	// columns giving way as a wide date takes room.
	for _, layout := range []string{"Jan 2", "02/01/2006", "Monday, 2 January 2006"} {
		for w := 40; w <= 130; w += 3 {
			m := appearanceApp(t, Appearance{DateFormat: layout, DateWidth: maxDateWidth}, false, w, 24)
			checkScreenWidth(t, m, w)
		}
	}
}

func TestNewDateColumn(t *testing.T) {
	// measured is what cmd hands the ui (config.DateWidth); 0 is unmeasured.
	for _, tt := range []struct {
		layout, wantLayout string
		measured, width    int
	}{
		{"", defaultDateLayout, 0, 10},
		{"2006-01-02", defaultDateLayout, 10, 10},
		{"Jan 2", "Jan 2", 6, 6},
		{"January", "January", 9, 9},
		{"Monday", "Monday", 9, 9},
		{"Mon", "Mon", 3, 3},
		{"2006\x1b[2J-01\u202e-02\t", "2006[2J-01-02", 14, 14}, // 2: the day
		{"\x1b\x07", defaultDateLayout, 3, 10},
		{"Monday 2 January 2006 15:04:05", "Monday 2 January 2006 15:04:05", 36, maxDateWidth},
		{"Jan 2", "Jan 2", 0, maxDateWidth}, // unmeasured: the widest the list allows
	} {
		c := newDateColumn(tt.layout, tt.measured)
		if c.layout != tt.wantLayout || c.width != tt.width {
			t.Errorf("newDateColumn(%q) = %q, %d; want %q, %d", tt.layout, c.layout, c.width, tt.wantLayout, tt.width)
		}
		d := c.format(time.Date(2026, 9, 23, 12, 0, 0, 0, time.UTC))
		if ansi.StringWidth(d) != c.width || strings.ContainsAny(d, "\x1b\x07\u202e") {
			t.Errorf("%q formats %q", tt.layout, d)
		}
	}
}

func TestAppearanceBreakpoints(t *testing.T) {
	m := appearanceApp(t, Appearance{Wide: 150}, true, 140, 40)
	if m.lay.mode != modeMedium {
		t.Errorf("wide = 150: 140 columns are %v, want medium", m.lay.mode)
	}
	checkScreenWidth(t, m, 140)
	m = send(t, m, tea.WindowSizeMsg{Width: 150, Height: 40})
	if m.lay.mode != modeWide {
		t.Errorf("wide = 150: 150 columns are %v", m.lay.mode)
	}
	checkScreenWidth(t, m, 150)
	if m := appearanceApp(t, Appearance{}, true, 140, 40); m.lay.mode != modeWide {
		t.Errorf("default: 140 columns are %v", m.lay.mode)
	}
	m = appearanceApp(t, Appearance{Medium: 100}, true, 90, 30)
	if m.lay.mode != modeNarrow {
		t.Errorf("medium = 100: 90 columns are %v", m.lay.mode)
	}
	checkScreenWidth(t, m, 90)
}
