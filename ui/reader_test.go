package ui

import (
	"errors"
	"image/color"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// renderMsgs runs cmd and returns the renderedMsgs it produces.
func renderMsgs(t *testing.T, cmd tea.Cmd) []renderedMsg {
	t.Helper()
	var out []renderedMsg
	for _, msg := range cmdMsgs(t, cmd) {
		if r, ok := msg.(renderedMsg); ok {
			out = append(out, r)
		}
	}
	return out
}

func TestRenderRunsInACommandWithPlaceholder(t *testing.T) {
	var bodies atomic.Int32
	opts := fixtureOptions()
	opts.Body = func(a model.Article) (string, error) { bodies.Add(1); return a.Body, nil }
	m := New(opts)
	m, _ = sendCmd(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: fixtureArticles()}, done: true})
	if bodies.Load() != 0 {
		t.Fatal("Update read a body")
	}
	if !strings.Contains(screenText(m), "Rendering…") {
		t.Errorf("no placeholder:\n%s", screenText(m))
	}
	msgs := renderMsgs(t, cmd)
	// The selected article and the next one (pre-rendered).
	if len(msgs) != 2 || msgs[0].key.id != fixtureID(29) || msgs[1].key.id != fixtureID(28) {
		t.Fatalf("render commands: %+v", msgs)
	}
	if bodies.Load() != 2 {
		t.Errorf("bodies read %d times", bodies.Load())
	}
	for _, r := range msgs {
		m, _ = sendCmd(t, m, r)
	}
	if !strings.Contains(screenText(m), "Body of article 29.") {
		t.Errorf("render not shown:\n%s", screenText(m))
	}
	// j: the next article was pre-rendered, so it shows at once with no
	// render of its own (only the pre-render of the one after).
	m, cmd = sendCmd(t, m, keyPress("j"))
	if m.reader.have.id != fixtureID(28) {
		t.Fatalf("j: reader has %v", m.reader.have.id)
	}
	msgs = renderMsgs(t, cmd)
	if len(msgs) != 1 || msgs[0].key.id != fixtureID(27) {
		t.Errorf("after j: %+v", msgs)
	}
	// k: cached, nothing to render.
	m, cmd = sendCmd(t, m, keyPress("k"))
	if m.reader.have.id != fixtureID(29) || len(renderMsgs(t, cmd)) != 0 {
		t.Errorf("k: reader %v", m.reader.have.id)
	}
	// G: the last article, and the one before it pre-rendered (k, p).
	_, cmd = sendCmd(t, m, keyPress("G"))
	msgs = renderMsgs(t, cmd)
	if len(msgs) != 2 || msgs[0].key.id != fixtureID(0) || msgs[1].key.id != fixtureID(1) {
		t.Errorf("after G: %+v", msgs)
	}
}

func TestStaleRenderIsDropped(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m, _ = sendCmd(t, m, keyPress("G")) // wants article 0, not rendered yet
	want := m.reader.want
	if want.id != fixtureID(0) || !m.reader.pending() {
		t.Fatalf("G: want %v pending %v", want.id, m.reader.pending())
	}
	stale := renderedMsg{key: renderKey{id: fixtureID(5), width: want.width, style: want.style}, out: "STALE ARTICLE"}
	m, _ = sendCmd(t, m, stale)
	if strings.Contains(screenText(m), "STALE") || m.reader.have.id == fixtureID(5) {
		t.Fatal("stale render shown")
	}
	wrongWidth := renderedMsg{key: renderKey{id: want.id, width: want.width + 3, style: want.style}, out: "WRONG WIDTH"}
	m, _ = sendCmd(t, m, wrongWidth)
	if strings.Contains(screenText(m), "WRONG WIDTH") {
		t.Fatal("render for another width shown")
	}
	m, _ = sendCmd(t, m, renderedMsg{key: want, out: "RIGHT ONE"})
	if !strings.Contains(screenText(m), "RIGHT ONE") {
		t.Fatalf("current render not shown:\n%s", screenText(m))
	}
}

func TestRenderErrorIsShown(t *testing.T) {
	opts := fixtureOptions()
	opts.Body = func(model.Article) (string, error) { return "", errors.New("file vanished") }
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	if s := paneText(m, paneReader); !strings.Contains(s, "Could not show this article: file vanished") {
		t.Errorf("reader: %s", s)
	}
}

func TestRenderFallbackIsShownWithTheError(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m, _ = sendCmd(t, m, keyPress("G"))
	m, _ = sendCmd(t, m, renderedMsg{key: m.reader.want, out: "PLAIN FALLBACK", err: errors.New("glamour choked")})
	s := screenText(m)
	if !strings.Contains(s, "PLAIN FALLBACK") || !strings.Contains(s, "Shown as plain text: glamour choked") {
		t.Errorf("fallback:\n%s", s)
	}
	if _, cached := m.cache.cached(m.reader.want); cached {
		t.Error("fallback cached")
	}
}

func TestChangedArticleIsRenderedAgain(t *testing.T) {
	m := newTestApp(t, 160, 48)
	a := fixtureArticles()[29]
	a.Body = "A corrected body."
	m = send(t, m, batchMsg{batch: model.Batch{Articles: []model.Article{a}}, done: true})
	if !strings.Contains(screenText(m), "A corrected body.") {
		t.Errorf("reader shows the old render:\n%s", screenText(m))
	}
}

func TestBackgroundSwitchesStyleAndDropsCache(t *testing.T) {
	opts := fixtureOptions()
	opts.NoColor = false
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	if m.style != StyleDark || m.reader.have.style != StyleDark {
		t.Fatalf("default style %v", m.style)
	}
	if m.renderer.outputs.len() == 0 {
		t.Fatal("nothing cached")
	}
	m, cmd := sendCmd(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.style != StyleLight || m.dark || m.theme.Plain {
		t.Fatalf("light background: style %v dark %v", m.style, m.dark)
	}
	if m.renderer.outputs.len() != 0 {
		t.Error("cache not cleared")
	}
	// The old render stays on screen until the new one arrives.
	if m.reader.have.style != StyleDark || m.reader.want.style != StyleLight {
		t.Errorf("reader have %v want %v", m.reader.have.style, m.reader.want.style)
	}
	if msgs := renderMsgs(t, cmd); len(msgs) == 0 || msgs[0].key.style != StyleLight {
		t.Errorf("no light render requested: %+v", msgs)
	}
	m = settle(t, m)
	if m.reader.have.style != StyleLight {
		t.Errorf("reader style %v", m.reader.have.style)
	}
}

func TestNoColor(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.style != StylePlain || !m.theme.Plain {
		t.Fatalf("NoColor: style %v", m.style)
	}
	m = keys(t, m, "t", "j", "enter", "j", "/", "x")
	v := m.View().Content
	// SGR colour parameters: 3x/4x/9x/10x foreground/background, 38/48.
	for _, seq := range []string{"[3", "[4", "[9", "[10", ";3", ";4", "38;", "48;"} {
		if strings.Contains(v, "\x1b"+seq) {
			t.Errorf("colour sequence %q in a NO_COLOR view", seq)
		}
	}
	if !strings.Contains(v, "\x1b[7m") {
		t.Error("selected row not in reverse video")
	}
	// The coloured theme has colours.
	opts := fixtureOptions()
	opts.NoColor = false
	c := New(opts)
	c = send(t, c, tea.WindowSizeMsg{Width: 120, Height: 40})
	if !strings.Contains(c.View().Content, "38;2;") {
		t.Error("colour theme without colour")
	}
}

func TestEmptyStateNamesFilterAndWayOut(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "t", "j", "enter", "/")
	m = typeText(t, m, "croissant")
	m = keys(t, m, "enter")
	s := paneText(m, paneList)
	want := "No articles match tag #Go + search “croissant” — press c to clear the filter, esc to clear search"
	if !strings.Contains(s, want) {
		t.Errorf("empty state:\n got %s\nwant %s", s, want)
	}
	if r := paneText(m, paneReader); !strings.Contains(r, "No article selected.") {
		t.Errorf("reader: %s", r)
	}
	m = keys(t, m, "c")
	if len(m.visible) != 1 || visibleIndexes(m)[0] != 15 {
		t.Errorf("c: %v", visibleIndexes(m))
	}
}

func TestBodiesCachedAcrossRenders(t *testing.T) {
	reads := map[model.ID]int{}
	var mu sync.Mutex
	opts := fixtureOptions()
	opts.Body = func(a model.Article) (string, error) {
		mu.Lock()
		reads[a.ID]++
		mu.Unlock()
		return a.Body, nil
	}
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	top := m.reader.have.id
	if reads[top] != 1 {
		t.Fatalf("first render read the body %d times", reads[top])
	}
	// Another width: rendered again, from the cached body.
	m = send(t, m, tea.WindowSizeMsg{Width: 130, Height: 40})
	if m.reader.have.width == 0 || reads[top] != 1 {
		t.Errorf("after a resize the body was read %d times", reads[top])
	}
	// The article replaced by a batch: its body is read again.
	a, _ := m.coll.Article(top)
	a.Body = "A new body."
	m = send(t, m, batchMsg{batch: model.Batch{Articles: []model.Article{a}}})
	if reads[top] != 2 || !strings.Contains(screenText(m), "A new body.") {
		t.Errorf("after a replacement: read %d times, screen:\n%s", reads[top], screenText(m))
	}
}
