package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// problemsPane lists the files that could not be read as they were, one
// "path: reason" per problem, wrapped, with a cursor on one problem: enter
// opens its file in the editor, at its line when it has one
// (problemOpened).
type problemsPane struct {
	th     *Theme
	width  int
	height int
	probs  []model.Problem
	lines  []string      // the problems wrapped to the width, one after another
	start  []int         // the first line of each problem, and len(lines) last
	cursor int           // the selected problem
	chosen model.Problem // the problem the user last moved to: a reload drops it for a while
	offset int           // the first line shown
	// closeHint is the footer's "esc or ! to close", with the keys as bound.
	closeHint string
}

func newProblemsPane(th *Theme, keys KeyMap) problemsPane {
	return problemsPane{th: th, closeHint: closeHint(keys.Back, keys.Problems)}
}

// problemsMarker is the column before each line: the marker on the
// selected problem's lines.
const problemsMarker = 2

// SetSize sets the outer size of the pane, border included.
func (p *problemsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.wrap()
}

// page is how many lines show inside the border.
func (p *problemsPane) page() int { return max(p.height-2, 1) }

// wrap wraps each problem at word boundaries (paths at their slashes) to
// the width inside the border and the marker column.
func (p *problemsPane) wrap() {
	w := max(p.width-2-problemsMarker-1, 1)
	p.lines, p.start = p.lines[:0], p.start[:0]
	if len(p.probs) == 0 {
		p.lines = append(p.lines, strings.Split(ansi.Wrap("No problems: every file was read as it was.", w, ""), "\n")...)
	}
	for _, pr := range p.probs {
		p.start = append(p.start, len(p.lines))
		p.lines = append(p.lines, strings.Split(ansi.Wrap(pr.String(), w, "/"), "\n")...)
	}
	p.start = append(p.start, len(p.lines))
	p.keepVisible()
}

// setProblems replaces the list, with the cursor on the problem the user
// chose when it is there (a reload drops the problems, then finds them
// again), else at its place.
func (p *problemsPane) setProblems(probs []model.Problem) {
	if slices.Equal(probs, p.probs) && (len(probs) > 0 || len(p.lines) > 0) {
		return
	}
	if i := slices.Index(probs, p.chosen); i >= 0 {
		p.cursor = i
	}
	p.probs = slices.Clone(probs)
	p.cursor = min(p.cursor, max(len(probs)-1, 0))
	p.wrap()
}

// keepVisible scrolls so that the selected problem shows: its first line,
// and as many of the others as fit.
func (p *problemsPane) keepVisible() {
	page := p.page()
	if len(p.probs) > 0 {
		first, end := p.start[p.cursor], p.start[p.cursor+1]
		p.offset = min(p.offset, first)
		if end > p.offset+page {
			p.offset = min(end-page, first)
		}
	}
	p.offset = max(min(p.offset, len(p.lines)-page), 0)
}

// problemAt returns the problem line y is part of.
func (p *problemsPane) problemAt(y int) int {
	i, found := slices.BinarySearch(p.start[:len(p.probs)], y)
	if !found {
		i--
	}
	return min(max(i, 0), max(len(p.probs)-1, 0))
}

// Update handles the movement keys (by problem; a page by lines), enter
// (problemOpened) and the mouse wheel.
func (p problemsPane) Update(msg tea.Msg) (problemsPane, tea.Msg, tea.Cmd) {
	switch msg := msg.(type) {
	case keyIn:
		if key.Matches(msg.key, msg.keys.EditProblem) && len(p.probs) > 0 {
			return p, problemOpened{p.probs[p.cursor]}, nil
		}
		if mv := msg.keys.moveOf(msg.key); mv != 0 && len(p.probs) > 0 {
			p.move(mv)
		}
	case tea.MouseWheelMsg:
		page := p.page()
		p.offset = max(min(p.offset+wheelDelta(msg), len(p.lines)-page), 0)
		if len(p.probs) > 0 { // the cursor stays on screen
			first, last := p.problemAt(p.offset), p.problemAt(p.offset+page-1)
			p.cursor = min(max(p.cursor, first), last)
			p.chosen = p.probs[p.cursor]
		}
	}
	return p, nil, nil
}

// move moves the cursor: up and down one problem; the page keys by lines,
// to the problem there.
func (p *problemsPane) move(mv move) {
	page, n, from := p.page(), len(p.probs), p.cursor
	switch mv {
	case moveUp, moveDown, moveTop, moveBottom:
		p.cursor = moveCursor(p.cursor, n, page, mv)
	case moveHalfDown, movePageDown:
		p.cursor = max(p.problemAt(moveCursor(p.start[from], len(p.lines), page, mv)), min(from+1, n-1))
	case moveHalfUp, movePageUp:
		p.cursor = min(p.problemAt(moveCursor(p.start[from], len(p.lines), page, mv)), max(from-1, 0))
	}
	p.chosen = p.probs[p.cursor]
	p.keepVisible()
}

// View draws the problems overlay, the selected problem marked.
func (p problemsPane) View() string {
	title := "Problems"
	if n := len(p.probs); n > 0 {
		title += " (" + countText(n) + ")"
	}
	page := p.page()
	end := min(p.offset+page, len(p.lines))
	lines := make([]string, 0, end-p.offset)
	for i := p.offset; i < end; i++ {
		l := "  " + p.lines[i]
		if len(p.probs) > 0 && p.problemAt(i) == p.cursor {
			l = p.th.p.marker.on("▌") + " " + p.th.p.cursor.on(p.lines[i])
		}
		lines = append(lines, l)
	}
	footer := p.closeHint
	if len(p.probs) > 0 {
		footer = strings.TrimSuffix(countText(p.cursor+1)+"/"+countText(len(p.probs))+" · "+footer, " · ")
	}
	return box(p.th, p.width, p.height, true, title, footer, lines)
}
