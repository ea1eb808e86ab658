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
		l := computeLayout(tt.w, tt.h)
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
