package ui

import "testing"

func TestComputeLayout(t *testing.T) {
	tests := []struct {
		w, h                   int
		mode                   layoutMode
		tags, list, reader, bh int
	}{
		{0, 0, modeTooSmall, 0, 0, 0, 0},
		{39, 24, modeTooSmall, 0, 0, 0, 0},
		{80, 9, modeTooSmall, 0, 0, 0, 0},
		{40, 10, modeNarrow, 40, 40, 40, 8},
		{79, 24, modeNarrow, 79, 79, 79, 22},
		{80, 24, modeMedium, 22, 58, 58, 22},
		{100, 30, modeMedium, 22, 78, 78, 28},
		{119, 40, modeMedium, 22, 97, 97, 38},
		{120, 40, modeWide, 22, 40, 58, 38},
		{160, 48, modeWide, 26, 58, 76, 46}, // the reader keeps a readable measure
		{200, 50, modeWide, 28, 96, 76, 48},
		{400, 100, modeWide, 28, 296, 76, 98},
	}
	for _, tt := range tests {
		l := computeLayout(tt.w, tt.h, defaultBreakpoints)
		if l.mode != tt.mode {
			t.Errorf("%dx%d: mode %v, want %v", tt.w, tt.h, l.mode, tt.mode)
			continue
		}
		if l.mode == modeTooSmall {
			continue
		}
		if l.tagsW != tt.tags || l.listW != tt.list || l.readerW != tt.reader || l.bodyH != tt.bh {
			t.Errorf("%dx%d: tags %d list %d reader %d body %d, want %d %d %d %d",
				tt.w, tt.h, l.tagsW, l.listW, l.readerW, l.bodyH, tt.tags, tt.list, tt.reader, tt.bh)
		}
		// The panes shown side by side fill the width exactly.
		switch l.mode {
		case modeWide:
			if l.tagsW+l.listW+l.readerW != tt.w {
				t.Errorf("%dx%d: wide panes sum to %d", tt.w, tt.h, l.tagsW+l.listW+l.readerW)
			}
		case modeMedium:
			if l.tagsW+l.listW != tt.w || l.listW != l.readerW {
				t.Errorf("%dx%d: medium panes %d+%d (reader %d)", tt.w, tt.h, l.tagsW, l.listW, l.readerW)
			}
		case modeNarrow, modeTooSmall:
		}
		if l.tagsW < 22 || l.tagsW > 28 && l.mode != modeNarrow {
			t.Errorf("%dx%d: sidebar %d outside 22–28", tt.w, tt.h, l.tagsW)
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
			l := computeLayout(tt.w, 30, tt.a.breakpoints())
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
