package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// checkFrame reports how the screen of m does not fit a w×h terminal: in
// the pane layouts exactly h lines each exactly w columns wide (as
// TestFrameIsExactlyTheTerminal asks), below the minimum size at most h
// lines of at most w columns.
func checkFrame(m Model, w, h int) string {
	var view string
	if err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("View panicked: %v", r)
			}
		}()
		view = m.View().Content
		return nil
	}(); err != nil {
		return err.Error()
	}
	if view == "" && (w <= 0 || h <= 0) {
		return ""
	}
	lines := strings.Split(view, "\n")
	exact := w >= minWidth && h >= minHeight
	if !exact && !strictTooSmall {
		// The short message overflows small terminals: a known bug, kept
		// failing by TestTooSmallFitsTheTerminal; here the storm goes on.
		lines = lines[:min(len(lines), h)]
	}
	if len(lines) > h || exact && len(lines) != h {
		return fmt.Sprintf("%d lines on a terminal %d high:\n%s", len(lines), h, ansi.Strip(view))
	}
	for i, l := range lines {
		lw := ansi.StringWidth(l)
		if lw > w || exact && lw != w {
			return fmt.Sprintf("line %d is %d wide on a terminal %d wide: %q", i, lw, w, ansi.Strip(l))
		}
	}
	return ""
}

// strictTooSmall makes checkFrame hold the too-small message to the
// terminal's height too; only TestTooSmallFitsTheTerminal sets it, so that
// its bug does not hide the others from the storms.
var strictTooSmall = false

// TestTooSmallFitsTheTerminal checks the message shown under 40x10 at every
// size below it: it must fit the terminal, as every frame must.
func TestTooSmallFitsTheTerminal(t *testing.T) {
	strictTooSmall = true
	t.Cleanup(func() { strictTooSmall = false })
	m := newTestApp(t, 80, 24)
	var bad []string
	for w := 1; w < 60; w++ {
		for h := 1; h < 12; h++ {
			if w >= minWidth && h >= minHeight {
				continue
			}
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			if why := checkFrame(m, w, h); why != "" {
				if len(bad) < 3 {
					t.Errorf("%dx%d: %s", w, h, why)
				}
				bad = append(bad, fmt.Sprintf("%dx%d", w, h))
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("the too-small screen does not fit %d sizes: %s", len(bad), strings.Join(bad, " "))
	}
}

// stormKeys are the keys pressed between the sizes of a storm.
var stormKeys = []string{"j", "j", "k", "tab", "enter", "/", "esc", "t", "G", "space", "shift+tab", "?", "!"}

// TestResizeStorm sends hundreds of sizes in a row, from 1x1 to 500x200:
// every frame fits its terminal and nothing panics. Sizes alone, the
// screen back at 80x24 is the one never resized; with keys between them
// (whose effect may depend on the layout of the moment: tab goes through
// the panes shown), the screen back at 80x24 is the same after going
// through the smallest and the largest size once more.
func TestResizeStorm(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		for _, withKeys := range []bool{false, true} {
			t.Run(fmt.Sprintf("seed %d keys %v", seed, withKeys), func(t *testing.T) {
				storm(t, seed, withKeys)
			})
		}
	}
}

func storm(t *testing.T, seed uint64, withKeys bool) {
	rnd := rand.New(rand.NewPCG(seed, 99))
	m := newTestApp(t, 80, 24)
	w, h := 80, 24
	var pressed []string
	n := 400
	if testing.Short() {
		n = 150
	}
	for i := range n {
		if !withKeys || rnd.IntN(3) > 0 {
			switch rnd.IntN(6) {
			case 0:
				w, h = 1+rnd.IntN(3), 1+rnd.IntN(3) // the smallest
			case 1:
				w, h = 500-rnd.IntN(3), 200-rnd.IntN(3) // the largest
			case 2:
				w, h = 36+rnd.IntN(8), 8+rnd.IntN(4) // around the minimum
			default:
				w, h = 1+rnd.IntN(500), 1+rnd.IntN(200)
			}
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		} else {
			k := stormKeys[rnd.IntN(len(stormKeys))]
			pressed = append(pressed, k)
			m = keys(t, m, k)
		}
		if why := checkFrame(m, w, h); why != "" {
			t.Fatalf("step %d at %dx%d after keys %v: %s", i, w, h, pressed, why)
		}
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if why := checkFrame(m, 80, 24); why != "" {
		t.Fatalf("back at 80x24: %s", why)
	}
	want := screenText(newTestApp(t, 80, 24))
	if withKeys {
		want = screenText(m)
		for _, sz := range [][2]int{{1, 1}, {500, 200}, {39, 9}, {120, 40}} {
			m = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		}
		m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	}
	if got := screenText(m); got != want {
		t.Errorf("back at 80x24 (keys %v) the screen is not the normal one:\n%s\nwant\n%s", pressed, got, want)
	}
}

// TestResizeEverySmallSize goes through every size up to 130x45 once,
// in a row, in three states: every frame fits.
func TestResizeEverySmallSize(t *testing.T) {
	for _, state := range [][]string{nil, {"enter"}, {"/", "f", "e"}, {"t"}} {
		m := newTestApp(t, 80, 24)
		m = keys(t, m, state...)
		step := 2
		if testing.Short() {
			step = 5
		}
		for w := 1; w <= 130; w += step {
			for h := 1; h <= 45; h += step {
				m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
				if why := checkFrame(m, w, h); why != "" {
					t.Fatalf("keys %v, %dx%d: %s", state, w, h, why)
				}
			}
		}
	}
}

// wideTitles mix text that is more than one byte a column, more than one
// rune a column, or two columns a character: CJK, emoji sequences joined
// with ZWJ, skin tones and flags, combining accents, right-to-left
// scripts, full-width Latin, Hangul, Thai.
var wideTitles = []string{
	"東京の港に新しいフェリー航路が開通、毎朝七時から運航",
	"👩‍💻 Developers meet 👨‍👩‍👧 families at the harbour fair",
	"Cafe\u0301 cre\u0300me: re\u0301sume\u0301 of a nai\u0308ve fiance\u0301e",
	"שלום עולם: the ferry returns to Haifa",
	"مرحبا بالعالم — a bridge opens in Alexandria",
	"ＦＵＬＬＷＩＤＴＨ　ＨＥＡＤＬＩＮＥ　ＦＲＯＭ　ＴＨＥ　ＰＯＲＴ",
	"한국어 기사 제목이 매우 길어서 화면에서 잘려야 합니다",
	"Mixed 中文 and 🏳️‍🌈 flags 🇯🇵🇰🇷 with 👍🏽 thumbs",
	"ข่าวภาษาไทย: เรือข้ามฟากกลับมาแล้ว",
	"a中b文c字d宽e度f交g替h排i列j测k试l对m齐n",
	"Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ text with stacked marks",
	"Plain ASCII title for comparison",
}

// wideTags are their tags, as wide as their titles.
var wideTags = [][]string{
	{"日本", "港"},
	{"👩‍💻", "家族👨‍👩‍👧"},
	{"cafe\u0301"},
	{"עברית"},
	{"عربي"},
	{"ＦＵＬＬ"},
	{"한국", "뉴스"},
	{"中文", "🏳️‍🌈"},
	{"ไทย"},
	{"中文", "测试"},
	{"Z̤͔ͧä͖̭"},
	{"plain"},
}

func wideArticles() []model.Article {
	arts := make([]model.Article, len(wideTitles))
	for i, title := range wideTitles {
		rel := fmt.Sprintf("wide/%02d.md", i)
		arts[i] = model.Article{
			ID:     model.NewID(rel, 0),
			Path:   "/news/" + rel,
			Rel:    rel,
			Title:  title,
			Date:   time.Date(2026, 2, 1+i, 9, 0, 0, 0, time.UTC),
			Reads:  100 * i,
			Tags:   wideTags[i],
			Format: model.FormatMarkdown,
			Body:   title + "\n\n" + strings.Repeat(title+" ", 3),
		}
	}
	return arts
}

// newWideApp is newTestApp with the wide fixture.
func newWideApp(t testing.TB, w, h int) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.Name = "wide 東京 👩‍💻"
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, batchMsg{batch: model.Batch{
		Articles: wideArticles(),
		Progress: model.Progress{Files: len(wideTitles), Articles: len(wideTitles), Done: true},
	}, done: true})
}

// borders are the characters of the panes' frames.
const borders = "│┃╭╮╰╯┏┓┗┛"

// borderColumns returns the display columns of the border characters of a
// line: the width of the text before each, as the terminal places it.
func borderColumns(line string) []int {
	var cols []int
	for i, r := range line {
		if strings.ContainsRune(borders, r) {
			cols = append(cols, ansi.StringWidth(line[:i]))
		}
	}
	return cols
}

// checkBorders reports a pane border that is not at the same column in
// every row of the pane area: each row has the same border columns as the
// pane's top row, and every row is exactly the width.
func checkBorders(screen string, w int, bodyY, bodyH int) string {
	lines := strings.Split(screen, "\n")
	if bodyY+bodyH > len(lines) {
		return fmt.Sprintf("%d lines, want at least %d", len(lines), bodyY+bodyH)
	}
	top := borderColumns(lines[bodyY])
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			return fmt.Sprintf("line %d is %d wide, want %d: %q", i, lw, w, l)
		}
	}
	for y := bodyY; y < bodyY+bodyH; y++ {
		cols := borderColumns(lines[y])
		// A pane's content may hold a border character of its own, so
		// every top-row column must hold one, not only those.
		for _, x := range top {
			if !slices.Contains(cols, x) {
				return fmt.Sprintf("row %d has no border at column %d (top row: %v, this row: %v):\n%s\n%s", y, x, top, cols, lines[bodyY], lines[y])
			}
		}
	}
	return ""
}

// wideStates are the screens kept of the wide fixture.
var wideStates = []struct {
	name string
	keys []string
	text string
}{
	{name: "start"},
	{name: "reader-open", keys: []string{"j", "enter"}},
	{name: "tags", keys: []string{"t", "j", "j"}},
	{name: "tag-selected", keys: []string{"t", "j", "enter"}},
	{name: "scrolled", keys: []string{"G"}},
	{name: "search-cjk", keys: []string{"/"}, text: "東京"},
}

// TestWideText keeps golden screens of titles and tags in wide and
// combining characters at the three layout sizes, and checks that no such
// text moves a pane border: every border is at the same column in every
// row.
func TestWideText(t *testing.T) {
	settleRender = fakeRender
	t.Cleanup(func() { settleRender = runRender })
	for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, st := range wideStates {
				t.Run(st.name, func(t *testing.T) {
					m := newWideApp(t, size[0], size[1])
					m = keys(t, m, st.keys...)
					m = typeText(t, m, st.text)
					screen := ansi.Strip(m.View().Content)
					if why := checkBorders(screen, size[0], m.lay.bodyY, m.lay.bodyH); why != "" {
						t.Errorf("misaligned: %s", why)
					}
					golden.RequireEqual(t, []byte(screen))
				})
			}
		})
	}
}

// TestWideTextEveryWidth checks the borders at every width from 40 to 200,
// where truncating a title can split a two-column character.
func TestWideTextEveryWidth(t *testing.T) {
	settleRender = fakeRender
	t.Cleanup(func() { settleRender = runRender })
	for _, st := range wideStates {
		m := newWideApp(t, 80, 24)
		m = keys(t, m, st.keys...)
		m = typeText(t, m, st.text)
		for w := 40; w <= 200; w++ {
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 30})
			screen := ansi.Strip(m.View().Content)
			if why := checkBorders(screen, w, m.lay.bodyY, m.lay.bodyH); why != "" {
				t.Errorf("%s at %dx30: %s", st.name, w, why)
				break
			}
		}
	}
}

// TestWideStorm is the resize storm with the wide fixture.
func TestWideStorm(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	m := newWideApp(t, 80, 24)
	n := 300
	if testing.Short() {
		n = 100
	}
	for i := range n {
		w, h := 1+rnd.IntN(500), 1+rnd.IntN(200)
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		if rnd.IntN(2) == 0 {
			m = keys(t, m, stormKeys[rnd.IntN(len(stormKeys))])
		}
		if why := checkFrame(m, w, h); why != "" {
			t.Fatalf("step %d at %dx%d: %s", i, w, h, why)
		}
	}
}
