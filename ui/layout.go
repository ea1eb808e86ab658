package ui

// Minimum terminal size; below it the screen shows only a short message.
const (
	minWidth  = 40
	minHeight = 10
)

// The breakpoints between the layouts are Appearance.Wide and Medium
// (breakpoints; by default 120 and 80 columns).

// layoutMode is how many panes fit side by side.
type layoutMode uint8

const (
	modeTooSmall layoutMode = iota // under minWidth x minHeight: a message only
	modeNarrow                     // under the medium breakpoint (80 columns): one pane, the focused one
	modeMedium                     // from medium to wide (80–119 columns): sidebar and list (or reader)
	modeWide                       // from the wide breakpoint (120 columns) on: all three panes
)

// String names the mode for tests and debugging.
func (m layoutMode) String() string {
	switch m {
	case modeTooSmall:
		return "too small"
	case modeNarrow:
		return "narrow"
	case modeMedium:
		return "medium"
	case modeWide:
		return "wide"
	}
	return "unknown"
}

// layout is the geometry of one terminal size: which mode, how tall the pane
// area is and how wide each pane is when it is shown. In the medium layout
// list and reader share one slot; in the narrow one every pane is full width.
type layout struct {
	mode          layoutMode
	width, height int
	bodyY         int // first row of the pane area (below the header)
	bodyH         int // rows of the pane area (between header and help bar)
	tagsW         int
	listW         int
	readerW       int
}

// computeLayout is the pure layout function: the same size and breakpoints
// always give the same geometry.
func computeLayout(w, h int, bp breakpoints) layout {
	l := layout{width: w, height: h}
	if w < minWidth || h < minHeight {
		l.mode = modeTooSmall
		return l
	}
	l.bodyY, l.bodyH = 1, h-2 // one header line, one help line
	switch {
	case w >= bp.wide:
		l.mode = modeWide
		l.tagsW = sidebarWidth(w)
		rest := w - l.tagsW
		// The reader keeps a comfortable measure (at most maxReaderWidth);
		// the list takes what is left, so titles grow with the terminal.
		l.readerW = min(rest*3/5, maxReaderWidth)
		l.listW = rest - l.readerW
	case w >= bp.medium:
		l.mode = modeMedium
		l.tagsW = sidebarWidth(w)
		l.listW = w - l.tagsW
		l.readerW = l.listW
	default:
		l.mode = modeNarrow
		l.tagsW, l.listW, l.readerW = w, w, w
	}
	return l
}

// maxReaderWidth keeps lines of text readable on wide terminals.
const maxReaderWidth = 76

// sidebarWidth is about a sixth of the screen, kept between 22 and 28 columns.
func sidebarWidth(w int) int { return min(max(w/6, 22), 28) }

// paneWidth returns the width of pane p in this layout.
func (l layout) paneWidth(p paneID) int {
	switch p {
	case paneTags:
		return l.tagsW
	case paneList:
		return l.listW
	case paneReader:
		return l.readerW
	}
	return 0
}
