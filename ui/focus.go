package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// focusOrder returns the panes that focus moves between in layout l, left
// to right: the panes on screen, and below 80 columns the ones a
// single-pane screen can switch to (the reader while an article is open).
// A hidden sidebar is not among them.
func focusOrder(l layout, reading bool) []paneID {
	var ps []paneID
	switch l.mode {
	case modeWide:
		ps = []paneID{paneTags, paneList, paneReader}
	case modeMedium:
		ps = []paneID{paneTags, paneList}
		if reading {
			ps = []paneID{paneTags, paneReader}
		}
	case modeNarrow, modeTooSmall:
		ps = []paneID{paneTags, paneList}
		if reading {
			ps = []paneID{paneTags, paneList, paneReader}
		}
	}
	return l.withoutHidden(ps)
}

// shown returns the panes on screen, left to right, when an article is
// open (reading) or not and focus has the focus.
func (l layout) shown(reading bool, focus paneID) []paneID {
	switch l.mode {
	case modeWide:
		return l.withoutHidden([]paneID{paneTags, paneList, paneReader})
	case modeMedium:
		if reading {
			return l.withoutHidden([]paneID{paneTags, paneReader})
		}
		return l.withoutHidden([]paneID{paneTags, paneList})
	case modeNarrow:
		return []paneID{focus}
	case modeTooSmall:
	}
	return nil
}

// withoutHidden is ps without the sidebar when it is hidden.
func (l layout) withoutHidden(ps []paneID) []paneID {
	if l.noSidebar {
		return ps[1:] // the sidebar is first
	}
	return ps
}

// nextPane is the pane the pane keys move focus to from cur, in ps (the
// focus order): tab and shift+tab cycle, h and l step without wrapping.
func nextPane(k *KeyMap, msg tea.KeyPressMsg, ps []paneID, cur paneID) paneID {
	switch {
	case key.Matches(msg, k.NextPane):
		return cycled(ps, cur, 1)
	case key.Matches(msg, k.PrevPane):
		return cycled(ps, cur, -1)
	case key.Matches(msg, k.PaneLeft):
		return stepped(ps, cur, -1)
	case key.Matches(msg, k.PaneRight):
		return stepped(ps, cur, 1)
	}
	return cur
}

// overlayToggled is the overlay after the key that shows o: o, or none
// when o is up.
func overlayToggled(cur, o overlay) overlay {
	if cur == o {
		return overlayNone
	}
	return o
}

// cycled is the pane after cur in ps (d=1) or before it (d=-1), wrapping.
func cycled(ps []paneID, cur paneID, d int) paneID {
	i := max(slices.Index(ps, cur), 0)
	return ps[(i+d+len(ps))%len(ps)]
}

// stepped is the pane on the left of cur in ps (d=-1) or on its right
// (d=1), not wrapping.
func stepped(ps []paneID, cur paneID, d int) paneID {
	i := max(slices.Index(ps, cur), 0)
	return ps[min(max(i+d, 0), len(ps)-1)]
}

// setFocus focuses pane p; the reader opens the selected article, which
// then must not change under it.
func (m *Model) setFocus(p paneID) {
	m.focus = p
	if p == paneReader {
		m.reading = true
		m.list.hold()
	}
}

// backAction says what esc would undo now, for the help bar: an overlay
// (the picker's filter first: pickerEsc), then the reader (back to the
// list), then a kept search; "" for nothing. (The open search box takes
// esc before.)
func backAction(o overlay, pickerEsc string, reading bool, search string) string {
	switch {
	case o == overlayPicker:
		return pickerEsc
	case o != overlayNone:
		return "close"
	case reading:
		return "back to list"
	case search != "":
		return "clear search"
	}
	return ""
}

// paneAt returns the pane of shown (the panes on screen in layout l) at
// screen cell (x, y) and the line inside its border, or ok=false outside
// the panes.
func paneAt(l layout, shown []paneID, x, y int) (p paneID, inner int, ok bool) {
	if y < l.bodyY || y >= l.bodyY+l.bodyH {
		return 0, 0, false
	}
	left := 0
	for _, p := range shown {
		w := l.paneWidth(p)
		if x >= left && x < left+w {
			return p, y - l.bodyY - 1, true
		}
		left += w
	}
	return 0, 0, false
}
