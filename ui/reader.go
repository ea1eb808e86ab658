package ui

import (
	"strconv"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/newsline/newsline/model"
)

// readerPane shows one rendered article in a viewport. The root decides
// which rendering it wants (want) and hands it the output when it is there;
// until then the pane shows a placeholder, or the previous rendering of the
// same article (after a resize or theme change) so nothing flickers. It
// owns its scroll and the rendering; its focus, the article's place in the
// list and the search to highlight come as an argument to View
// (readerView).
type readerPane struct {
	th     *Theme
	vp     viewport.Model
	width  int
	height int
	want   renderKey // the rendering the pane should show
	have   renderKey // the rendering in the viewport (zero: none)
	status string    // shown instead of the viewport when have is zero
	failed bool      // want could not be rendered; status says why
	lines  []string  // the rendering, wrapped and padded to linesW cells once
	linesW int
	linesN uint64          // which lines these are, for the highlight cache (from linesSerial)
	hl     *highlightCache // shared by the copies of the pane; nil: not cached
}

// readerView is what the reader shows of the root's state.
type readerView struct {
	focused    bool
	search     string // the search whose words are highlighted ("" for none)
	pos, total int    // the article's position in the list (from 1), and the list's length
	rows       int    // listView.rows: the whole list's length under the first screen
}

// highlightCache holds the shown lines with the search's words highlighted,
// for one set of lines (linesN), one search and one theme, each line made
// when it is first shown: scrolling back and forth highlights nothing
// again, and a long article costs only what is on screen.
type highlightCache struct {
	linesN uint64
	search string
	words  []string // searchWords(search)
	th     *Theme
	paint  paint
	lines  []string
	done   []bool
	h      highlighter
}

// linesSerial numbers the line sets of reader panes (setLines), so that a
// cache of highlighted lines is never taken for other lines.
var linesSerial atomic.Uint64

// readerPadding is the blank column kept on each side of the text.
const readerPadding = 1

func newReaderPane(th *Theme, keys KeyMap) readerPane {
	vp := viewport.New()
	vp.SoftWrap = false // lines are wrapped once, in setLines
	vp.MouseWheelEnabled = true
	vp.MouseWheelDelta = wheelLines
	vp.KeyMap = viewportKeys(keys)
	return readerPane{th: th, vp: vp, status: "No article selected.", hl: &highlightCache{}}
}

// shown returns lines [from, to) of the rendering as they are drawn: with
// the words of search highlighted, from the cache when it has them.
func (p readerPane) shown(search string, from, to int) []string {
	lines := p.lines[from:to]
	if search == "" {
		return lines
	}
	c := p.hl
	if c == nil {
		c = &highlightCache{}
	}
	words := c.words
	if c.search != search {
		words = searchWords(search)
	}
	if len(words) == 0 {
		return lines
	}
	if c.search != search || c.linesN != p.linesN || c.th != p.th || len(c.lines) != len(p.lines) {
		c.search, c.words = search, words
		c.linesN, c.th = p.linesN, p.th
		c.paint = searchPaint(p.th)
		c.lines = append(c.lines[:0], make([]string, len(p.lines))...)
		c.done = append(c.done[:0], make([]bool, len(p.lines))...)
	}
	for i := from; i < to; i++ {
		if !c.done[i] {
			c.lines[i], c.done[i] = c.h.line(p.lines[i], words, c.paint), true
		}
	}
	return c.lines[from:to]
}

// viewportKeys gives an embedded viewport our bindings only, so that it does
// not bind h/l/u/d/f/b/space on its own. Keys reach it only after the root
// has matched the global bindings, and only when its pane has focus.
func viewportKeys(k KeyMap) viewport.KeyMap {
	return viewport.KeyMap{
		Up:           k.Up,
		Down:         k.Down,
		PageDown:     k.PageDown,
		PageUp:       k.PageUp,
		HalfPageDown: k.HalfDown,
		HalfPageUp:   k.HalfUp,
	}
}

// SetSize sets the outer size of the pane, border included.
func (p *readerPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.vp.SetWidth(max(p.innerWidth(), 0))
	p.vp.SetHeight(max(h-2, 0))
}

// innerWidth is the wrap width of the text: the pane minus border and padding.
func (p readerPane) innerWidth() int { return p.width - 2 - 2*readerPadding }

// wait asks for rendering k. If the pane shows another article, it clears
// and shows a placeholder; the same article at another width or style stays
// until the new rendering arrives.
func (p *readerPane) wait(k renderKey) {
	p.want, p.failed = k, false
	if p.have.id != k.id {
		p.have = renderKey{}
		p.status = "Rendering…"
		p.setLines("")
	}
}

// show puts out, the rendering of k, in the viewport: at the top for a new
// article, at the same relative position for the same one.
func (p *readerPane) show(k renderKey, out string) {
	same := p.have.id == k.id && p.have != (renderKey{})
	frac := p.vp.ScrollPercent()
	atTop := p.vp.AtTop()
	p.want, p.have, p.status, p.failed = k, k, "", false
	p.setLines(out)
	if same && !atTop {
		p.vp.SetYOffset(int(frac * float64(max(p.vp.TotalLineCount()-p.vp.Height(), 0))))
	} else {
		p.vp.GotoTop()
	}
}

// scrollTo scrolls to line y of the rendering (a restored place).
func (p *readerPane) scrollTo(y int) { p.vp.SetYOffset(y) }

// fail shows why k could not be rendered.
func (p *readerPane) fail(k renderKey, err error) {
	p.want, p.have, p.failed = k, renderKey{}, true
	p.status = "Could not show this article: " + model.SanitizeLine(err.Error())
	p.setLines("")
}

// reset empties the pane (no article selected).
func (p *readerPane) reset(status string) {
	p.want, p.have, p.status, p.failed = renderKey{}, renderKey{}, status, false
	p.setLines("")
}

// setLines wraps a rendering to the text width and pads every line to the
// pane's inner width, once, so that drawing a frame only slices lines.
func (p *readerPane) setLines(out string) {
	w := max(p.innerWidth(), 1)
	p.lines, p.linesW = p.lines[:0], p.width-2
	p.linesN = linesSerial.Add(1)
	if out = strings.TrimRight(out, "\n"); out != "" {
		pad := spaces(readerPadding)
		for _, l := range strings.Split(out, "\n") {
			if width(l) > w {
				for _, piece := range strings.Split(ansi.Wrap(l, w, ""), "\n") {
					p.lines = append(p.lines, pad+fit(piece, w)+pad)
				}
				continue
			}
			p.lines = append(p.lines, pad+fit(l, w)+pad)
		}
	}
	p.vp.SetContentLines(p.lines)
}

// endShown returns the article the pane shows (0: none) and whether its
// last line is on screen, for Options.MarkOnScrollEnd.
func (p readerPane) endShown() (model.ID, bool) {
	if p.have == (renderKey{}) {
		return 0, false
	}
	return p.have.id, p.have == p.want && p.vp.AtBottom()
}

// pending reports whether the pane waits for a rendering.
func (p readerPane) pending() bool {
	return p.want != (renderKey{}) && p.have != p.want && !p.failed
}

// Update handles the reader's keys — scrolling, n and p (another
// article: the list's cursor moves, so they come back as articleStepped),
// the keys that act on the article (articleAsked) — root-resolved
// movement and the mouse wheel.
func (p readerPane) Update(msg tea.Msg) (readerPane, tea.Msg, tea.Cmd) {
	in, ok := msg.(keyIn)
	if !ok {
		return p, nil, updateViewport(&p.vp, msg)
	}
	k := in.keys
	switch {
	case key.Matches(in.key, k.SpaceDown):
		scrollViewport(&p.vp, movePageDown)
	case key.Matches(in.key, k.NextArticle):
		return p, articleStepped{moveDown}, nil
	case key.Matches(in.key, k.PrevArticle):
		return p, articleStepped{moveUp}, nil
	default:
		if act, ok := articleActionOf(in); ok {
			return p, articleAsked{act}, nil
		}
		if mv := k.moveOf(in.key); mv != 0 {
			scrollViewport(&p.vp, mv)
		}
	}
	return p, nil, nil
}

// View draws the reader: the visible slice of the rendering, or the
// placeholder.
func (p readerPane) View(v readerView) string { return strings.Join(p.viewLines(v), "\n") }

func (p readerPane) viewLines(v readerView) []string {
	title := "Reader"
	if v.total > 0 && v.pos > 0 {
		title += " · " + countText(v.pos) + "/" + rowsText(v.total, v.rows)
	}
	if p.have == (renderKey{}) {
		var lines []string
		for _, l := range strings.Split(ansi.Wordwrap(p.status, max(p.innerWidth(), 1), ""), "\n") {
			lines = append(lines, spaces(readerPadding)+p.th.p.muted.on(l))
		}
		return boxLines(p.th, p.width, p.height, v.focused, title, "", lines)
	}
	footer := strconv.Itoa(int(p.vp.ScrollPercent()*100+0.5)) + "%"
	y := min(p.vp.YOffset(), len(p.lines))
	lines := p.shown(v.search, y, max(min(y+p.height-2, len(p.lines)), y))
	if p.linesW != p.width-2 { // resized; the rendering for the new width is on its way
		return boxLines(p.th, p.width, p.height, v.focused, title, footer, lines)
	}
	return frameLines(p.th, p.width, p.height, v.focused, title, footer, lines)
}
