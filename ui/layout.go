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
	bodyY         int  // first row of the pane area (below the header)
	bodyH         int  // rows of the pane area (between header and help bar)
	noSidebar     bool // the sidebar is hidden (b): the list and reader take its room
	tagsW         int
	listW         int
	readerW       int
}

// layoutSpec is what the geometry depends on besides the terminal's size:
// the configuration's breakpoints and widths, the width the sidebar's
// names and counts ask for, and whether the sidebar is hidden.
type layoutSpec struct {
	bp          breakpoints
	sidebarMax  int // the most columns the sidebar takes (layout.sidebar)
	listMin     int // the least columns the list keeps (layout.list_min)
	sidebarWant int // what the sidebar's names and counts need (sidebarWant)
	noSidebar   bool
}

// Pane widths.
const (
	// minSidebarWidth is the least the sidebar narrows to when the list
	// and the reader need its room (less when layout.sidebar is less).
	minSidebarWidth = 20
	// minReaderWidth is the least the reader keeps beside the list before
	// the list gives up columns to it.
	minReaderWidth = 40
	// maxReaderWidth keeps lines of text readable on wide terminals.
	maxReaderWidth = 76
)

// computeLayout is the pure layout function: the same size and spec
// always give the same geometry.
func computeLayout(w, h int, s layoutSpec) layout {
	l := layout{width: w, height: h, noSidebar: s.noSidebar}
	if w < minWidth || h < minHeight {
		l.mode = modeTooSmall
		return l
	}
	l.bodyY, l.bodyH = 1, h-2 // one header line, one help line
	switch {
	case w >= s.bp.wide:
		l.mode = modeWide
		l.tagsW, l.listW, l.readerW = wideWidths(w, s)
	case w >= s.bp.medium:
		l.mode = modeMedium
		if !s.noSidebar {
			// The list keeps listMin when the sidebar can narrow for it.
			l.tagsW = max(min(s.sidebarWidth(), w-s.listMin), min(minSidebarWidth, s.sidebarWidth()))
		}
		l.listW = w - l.tagsW
		l.readerW = l.listW
	default:
		l.mode = modeNarrow
		l.tagsW, l.listW, l.readerW = w, w, w
	}
	return l
}

// wideWidths shares w columns between the three panes: the sidebar as
// wide as its names ask (within its limits), the list at least listMin,
// the reader the rest up to a readable measure, and the list what the
// reader leaves. When that leaves the reader under minReaderWidth, the
// sidebar narrows first (to minSidebarWidth), then the list gives up
// columns, down to half of what is left.
func wideWidths(w int, s layoutSpec) (tags, list, reader int) {
	if !s.noSidebar {
		tags = s.sidebarWidth()
	}
	reader = min(w-tags-s.listMin, maxReaderWidth)
	if short := minReaderWidth - reader; short > 0 && tags > 0 {
		tags = max(tags-short, min(minSidebarWidth, tags))
		reader = min(w-tags-s.listMin, maxReaderWidth)
	}
	if reader < minReaderWidth {
		reader = min(minReaderWidth, (w-tags)/2)
	}
	return tags, w - tags - reader, reader
}

// sidebarWidth is the width the sidebar's names and counts ask for, within
// minSidebarWidth and sidebarMax.
func (s layoutSpec) sidebarWidth() int {
	return max(min(s.sidebarWant, s.sidebarMax), min(minSidebarWidth, s.sidebarMax))
}

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
