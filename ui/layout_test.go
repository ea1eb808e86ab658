package ui

import "testing"

// spec is the default layout spec with a sidebar that asks for want
// columns, hidden or not.
func spec(want int, hidden bool) layoutSpec {
	s := Appearance{}.layoutSpec()
	s.sidebarWant, s.noSidebar = want, hidden
	return s
}

func TestComputeLayout(t *testing.T) {
	tests := []struct {
		w, h                   int
		want                   int  // what the sidebar's names ask for
		hidden                 bool // b
		mode                   layoutMode
		tags, list, reader, bh int
	}{
		{0, 0, 26, false, modeTooSmall, 0, 0, 0, 0},
		{39, 24, 26, false, modeTooSmall, 0, 0, 0, 0},
		{80, 9, 26, false, modeTooSmall, 0, 0, 0, 0},
		{40, 10, 26, false, modeNarrow, 40, 40, 40, 8},
		{60, 20, 26, false, modeNarrow, 60, 60, 60, 18},
		{79, 24, 26, false, modeNarrow, 79, 79, 79, 22},
		// Medium: the sidebar as its names ask, the list the rest.
		{80, 24, 26, false, modeMedium, 26, 54, 54, 22},
		{80, 24, 16, false, modeMedium, 20, 60, 60, 22}, // at least 20
		{80, 24, 40, false, modeMedium, 28, 52, 52, 22}, // the list keeps 52
		{100, 30, 26, false, modeMedium, 26, 74, 74, 28},
		{100, 30, 40, false, modeMedium, 32, 68, 68, 28}, // at most 32
		{119, 40, 26, false, modeMedium, 26, 93, 93, 38},
		// Wide: the list keeps 52, the reader up to 76, then the list grows.
		{120, 30, 26, false, modeWide, 26, 52, 42, 28},
		{120, 30, 40, false, modeWide, 28, 52, 40, 28}, // the sidebar narrows for the reader
		{140, 30, 26, false, modeWide, 26, 52, 62, 28},
		{160, 48, 26, false, modeWide, 26, 58, 76, 46},
		{160, 48, 40, false, modeWide, 32, 52, 76, 46},
		{200, 50, 26, false, modeWide, 26, 98, 76, 48},
		{400, 100, 26, false, modeWide, 26, 298, 76, 98},
		// Hidden: the list and the reader take the sidebar's room.
		{60, 20, 26, true, modeNarrow, 60, 60, 60, 18},
		{80, 24, 26, true, modeMedium, 0, 80, 80, 22},
		{100, 30, 26, true, modeMedium, 0, 100, 100, 28},
		{120, 30, 26, true, modeWide, 0, 52, 68, 28},
		{160, 48, 26, true, modeWide, 0, 84, 76, 46},
	}
	for _, tt := range tests {
		l := computeLayout(tt.w, tt.h, spec(tt.want, tt.hidden))
		if l.mode != tt.mode {
			t.Errorf("%dx%d: mode %v, want %v", tt.w, tt.h, l.mode, tt.mode)
			continue
		}
		if l.mode == modeTooSmall {
			continue
		}
		if l.tagsW != tt.tags || l.listW != tt.list || l.readerW != tt.reader || l.bodyH != tt.bh {
			t.Errorf("%dx%d (sidebar %d, hidden %v): tags %d list %d reader %d body %d, want %d %d %d %d",
				tt.w, tt.h, tt.want, tt.hidden, l.tagsW, l.listW, l.readerW, l.bodyH, tt.tags, tt.list, tt.reader, tt.bh)
		}
		checkSums(t, l)
	}
}

// checkSums checks that the panes shown side by side fill the width
// exactly.
func checkSums(t *testing.T, l layout) {
	t.Helper()
	switch l.mode {
	case modeWide:
		if l.tagsW+l.listW+l.readerW != l.width {
			t.Errorf("%d columns: wide panes %d+%d+%d", l.width, l.tagsW, l.listW, l.readerW)
		}
	case modeMedium:
		if l.tagsW+l.listW != l.width || l.listW != l.readerW {
			t.Errorf("%d columns: medium panes %d+%d (reader %d)", l.width, l.tagsW, l.listW, l.readerW)
		}
	case modeNarrow:
		if l.listW != l.width {
			t.Errorf("%d columns: narrow list %d", l.width, l.listW)
		}
	case modeTooSmall:
	}
}

// TestComputeLayoutWidths: every size from 40 to 300 columns, with any
// sidebar and configured widths, fills the width; the sidebar stays
// within its limits and the list keeps list_min while the reader keeps
// 40 columns.
func TestComputeLayoutWidths(t *testing.T) {
	for _, a := range []Appearance{{}, {Sidebar: 20, ListMin: 40}, {Sidebar: 60, ListMin: 90}, {Wide: 40, Medium: 40}} {
		for _, want := range []int{10, 26, 80, -1} { // -1: hidden
			for w := 40; w <= 300; w++ {
				s := a.layoutSpec()
				s.sidebarWant, s.noSidebar = want, want < 0
				l := computeLayout(w, 30, s)
				checkSums(t, l)
				if l.mode == modeNarrow {
					continue
				}
				if s.noSidebar && l.tagsW != 0 || !s.noSidebar && (l.tagsW > s.sidebarMax || l.tagsW < min(minSidebarWidth, s.sidebarMax)) {
					t.Errorf("%+v at %d: sidebar %d", a, w, l.tagsW)
				}
				if l.mode == modeWide && w-l.tagsW >= s.listMin+minReaderWidth && (l.listW < s.listMin || l.readerW < minReaderWidth) {
					t.Errorf("%+v at %d (sidebar %d): list %d reader %d", a, w, want, l.listW, l.readerW)
				}
				if l.listW < 1 || l.readerW < 1 {
					t.Errorf("%+v at %d: list %d reader %d", a, w, l.listW, l.readerW)
				}
			}
		}
	}
}

func TestComputeLayoutBreakpoints(t *testing.T) {
	tests := []struct {
		name string
		a    Appearance
		w    int
		mode layoutMode
	}{
		{"defaults at 119", Appearance{}, 119, modeMedium},
		{"defaults at 120", Appearance{}, 120, modeWide},
		{"defaults at 79", Appearance{}, 79, modeNarrow},
		{"wide 150 at 140", Appearance{Wide: 150}, 140, modeMedium},
		{"wide 150 at 150", Appearance{Wide: 150}, 150, modeWide},
		{"medium 100 at 99", Appearance{Medium: 100}, 99, modeNarrow},
		{"medium 100 at 100", Appearance{Medium: 100}, 100, modeMedium},
		{"wide 90 medium 60 at 95", Appearance{Wide: 90, Medium: 60}, 95, modeWide},
		{"wide 90 medium 60 at 60", Appearance{Wide: 90, Medium: 60}, 60, modeMedium},
		{"equal: no medium layout", Appearance{Wide: 100, Medium: 100}, 99, modeNarrow},
		{"medium above wide is wide", Appearance{Wide: 90, Medium: 100}, 95, modeWide},
		{"negative is the default", Appearance{Wide: -1, Medium: -1}, 100, modeMedium},
		{"too small stays too small", Appearance{Wide: 40, Medium: 40}, 39, modeTooSmall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := computeLayout(tt.w, 30, tt.a.layoutSpec())
			if l.mode != tt.mode {
				t.Fatalf("%d columns: mode %v, want %v", tt.w, l.mode, tt.mode)
			}
			switch l.mode {
			case modeWide:
				if l.tagsW+l.listW+l.readerW != tt.w {
					t.Errorf("wide panes sum to %d", l.tagsW+l.listW+l.readerW)
				}
			case modeMedium:
				if l.tagsW+l.listW != tt.w || l.listW != l.readerW {
					t.Errorf("medium panes %d+%d (reader %d)", l.tagsW, l.listW, l.readerW)
				}
			case modeNarrow:
				if l.listW != tt.w {
					t.Errorf("narrow list %d", l.listW)
				}
			case modeTooSmall:
			}
		})
	}
}
