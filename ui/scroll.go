package ui

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// wheelLines is how far one notch of the mouse wheel scrolls.
const wheelLines = 3

// rowWindow is a cursor over rows of which a page is on screen, and the
// first row shown: the list's, the sidebar's and a picker's. The pane
// gives the number of rows n and the page's height.
type rowWindow struct {
	cursor int // the selected row
	offset int // the first row on screen
}

// move applies a movement and keeps the cursor on screen.
func (w *rowWindow) move(mv move, n, page int) {
	w.cursor = moveCursor(w.cursor, n, page, mv)
	w.clamp(n, page)
}

// clamp keeps the cursor within the rows and on screen.
func (w *rowWindow) clamp(n, page int) {
	w.cursor = min(max(w.cursor, 0), max(n-1, 0))
	w.offset = keepVisible(w.offset, w.cursor, n, page)
}

// wheel scrolls by delta rows (the mouse wheel).
func (w *rowWindow) wheel(delta, n, page int) {
	w.offset, w.cursor = scrollBy(w.offset, w.cursor, n, page, delta)
}

// rowAt returns the row at line y of the page, or -1.
func (w rowWindow) rowAt(y, n, page int) int {
	i := w.offset + y
	if y < 0 || y >= page || i >= n {
		return -1
	}
	return i
}

// moveCursor applies a movement to a cursor over n rows of which page are
// on screen.
func moveCursor(cursor, n, page int, mv move) int {
	half := max(page/2, 1)
	switch mv {
	case moveUp:
		cursor--
	case moveDown:
		cursor++
	case moveTop:
		cursor = 0
	case moveBottom:
		cursor = n - 1
	case moveHalfDown:
		cursor += half
	case moveHalfUp:
		cursor -= half
	case movePageDown:
		cursor += max(page, 1)
	case movePageUp:
		cursor -= max(page, 1)
	}
	return min(max(cursor, 0), max(n-1, 0))
}

// keepVisible returns the offset nearest to offset that shows cursor and
// leaves no blank rows at the end when there are enough rows to fill them.
func keepVisible(offset, cursor, n, page int) int {
	page = max(page, 1)
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+page {
		offset = cursor - page + 1
	}
	offset = min(offset, max(n-page, 0))
	return max(offset, 0)
}

// scrollBy moves the window by delta rows (the mouse wheel), dragging the
// cursor along only when it would leave the screen.
func scrollBy(offset, cursor, n, page, delta int) (int, int) {
	page = max(page, 1)
	offset = min(max(offset+delta, 0), max(n-page, 0))
	cursor = min(max(cursor, offset), offset+page-1)
	cursor = min(max(cursor, 0), max(n-1, 0))
	return offset, cursor
}

// wheelDelta is the scroll of one wheel message in rows.
func wheelDelta(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelUp:
		return -wheelLines
	case tea.MouseWheelDown:
		return wheelLines
	}
	return 0
}

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// scrollViewport applies a movement to a viewport.
func scrollViewport(vp *viewport.Model, mv move) {
	switch mv {
	case moveUp:
		vp.ScrollUp(1)
	case moveDown:
		vp.ScrollDown(1)
	case moveTop:
		vp.GotoTop()
	case moveBottom:
		vp.GotoBottom()
	case moveHalfDown:
		vp.HalfPageDown()
	case moveHalfUp:
		vp.HalfPageUp()
	case movePageDown:
		vp.PageDown()
	case movePageUp:
		vp.PageUp()
	}
}

// updateViewport handles what the reader and the problems view share: our
// movement bindings and the mouse wheel (the viewport's own key map is off).
func updateViewport(vp *viewport.Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case move:
		scrollViewport(vp, msg)
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		*vp, cmd = vp.Update(msg)
		return cmd
	}
	return nil
}
