package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestToggleSidebar: b hides the sidebar at every size, the list and the
// reader take its room, and the focus leaves it; b shows it again.
func TestToggleSidebar(t *testing.T) {
	for _, size := range [][2]int{{160, 48}, {120, 30}, {100, 30}, {80, 24}, {60, 20}} {
		w, h := size[0], size[1]
		m := newTestApp(t, w, h)
		before := m.lay
		m = keys(t, m, "t") // the sidebar has the focus
		m = keys(t, m, "b")
		if !m.noSidebar || !m.lay.noSidebar || m.focus == paneTags {
			t.Fatalf("%dx%d: b: hidden %v, focus %v", w, h, m.noSidebar, m.focus)
		}
		if slices.Contains(m.lay.shown(m.reading, m.focus), paneTags) || slices.Contains(focusOrder(m.lay, m.reading), paneTags) {
			t.Errorf("%dx%d: hidden sidebar still shown %v or focusable %v", w, h, m.lay.shown(m.reading, m.focus), focusOrder(m.lay, m.reading))
		}
		if s := screenText(m); strings.Contains(s, "Tags") {
			t.Errorf("%dx%d: hidden sidebar on screen:\n%s", w, h, s)
		}
		switch m.lay.mode {
		case modeWide:
			if m.lay.listW+m.lay.readerW != w || m.lay.listW < before.listW || m.lay.readerW < before.readerW {
				t.Errorf("%dx%d: hidden: list %d reader %d, before %d %d", w, h, m.lay.listW, m.lay.readerW, before.listW, before.readerW)
			}
		case modeMedium:
			if m.lay.listW != w {
				t.Errorf("%dx%d: hidden: list %d", w, h, m.lay.listW)
			}
		case modeNarrow, modeTooSmall:
		}
		// tab never lands on it.
		for range 4 {
			if m = keys(t, m, "tab"); m.focus == paneTags {
				t.Fatalf("%dx%d: tab focused the hidden sidebar", w, h)
			}
		}
		m = keys(t, m, "b")
		if m.noSidebar || m.lay != before {
			t.Errorf("%dx%d: b again: layout %+v, want %+v", w, h, m.lay, before)
		}
	}
}

// TestHiddenSidebarWhileReading: hiding the focused sidebar beside an
// open article (medium layout) gives the focus to the reader; t shows the
// sidebar again and focuses it.
func TestHiddenSidebarWhileReading(t *testing.T) {
	m := newTestApp(t, 100, 30)
	m = keys(t, m, "enter", "h")
	if m.focus != paneTags || !m.reading {
		t.Fatalf("focus %v reading %v", m.focus, m.reading)
	}
	m = keys(t, m, "b")
	if m.focus != paneReader || !slices.Equal(m.lay.shown(m.reading, m.focus), []paneID{paneReader}) || m.lay.readerW != 100 {
		t.Errorf("b: focus %v shown %v reader %d", m.focus, m.lay.shown(m.reading, m.focus), m.lay.readerW)
	}
	m = keys(t, m, "t")
	if m.noSidebar || m.focus != paneTags || m.lay.tagsW == 0 {
		t.Errorf("t: hidden %v focus %v sidebar %d", m.noSidebar, m.focus, m.lay.tagsW)
	}
}

// TestToggleSidebarRemapped: keys.toggle_sidebar moves the action.
func TestToggleSidebarRemapped(t *testing.T) {
	km, err := NewKeyMap([]KeyOverride{{Action: "toggle_sidebar", Keys: []string{"B"}, Line: 1}})
	if err != nil {
		t.Fatal(err)
	}
	opts := fixtureOptions()
	opts.Keys = &km
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	if m = keys(t, m, "b"); m.noSidebar {
		t.Error("b still hides the sidebar")
	}
	if m = keys(t, m, "B"); !m.noSidebar {
		t.Error("B does not hide the sidebar")
	}
}

// TestSidebarSizesToItsNames: the sidebar is as wide as its longest name
// and count need, within its limits, and follows the tags as they arrive.
func TestSidebarSizesToItsNames(t *testing.T) {
	arts := fixtureArticles()
	m := loadedApp(t, fixtureOptions(), 160, 48, arts[:5]) // Go and weather only
	if m.lay.tagsW != minSidebarWidth {
		t.Errorf("short names: sidebar %d, want %d", m.lay.tagsW, minSidebarWidth)
	}
	long := arts[5]
	long.Tags = append(long.Tags, "Neighbourhood planning") // 22 cells, count 1: 30 columns
	m = send(t, m, batchMsg{batch: model.Batch{Articles: []model.Article{long}, Progress: model.Progress{Done: true}}, done: true})
	if m.lay.tagsW != 30 || !strings.Contains(screenText(m), "Neighbourhood planning 1│") {
		t.Errorf("long name: sidebar %d\n%s", m.lay.tagsW, screenText(m))
	}
	opts := fixtureOptions()
	opts.Appearance.Sidebar = 24 // layout.sidebar
	m = loadedApp(t, opts, 160, 48, append(arts[:5:5], long))
	if m.lay.tagsW != 24 || !strings.Contains(screenText(m), "Neighbourhood p… 1│") {
		t.Errorf("layout.sidebar 24: sidebar %d\n%s", m.lay.tagsW, screenText(m))
	}
}

func TestSidebarWant(t *testing.T) {
	tags := []model.Tag{{Key: "politics", Name: "Politics", Count: 3900}, {Key: "go", Name: "Go", Count: 12}}
	tests := []struct {
		tags   []model.Tag
		total  int
		marked bool
		want   int
	}{
		{nil, 0, false, 3 + 1 + 7},                                  // "All 0"
		{nil, 0, true, 7 + 1 + 7},                                   // "Starred 0"
		{nil, 20000, true, 7 + 6 + 7},                               // "Starred 20,000"
		{tags, 20000, false, 8 + 5 + 7},                             // "Politics 3,900"
		{tags, 20000, true, 8 + 11 + 7},                             // "Politics 3,900/3,900"
		{tags[1:], 30, true, 7 + 2 + 7},                             // "Starred 30" is wider than "Go 12/12"
		{[]model.Tag{{Name: "霧見町", Count: 1}}, 1, false, 6 + 1 + 7}, // wide characters
	}
	for _, tt := range tests {
		if got := sidebarWant(tt.tags, tt.total, tt.marked); got != tt.want {
			t.Errorf("sidebarWant(%v, %d, %v) = %d, want %d", tt.tags, tt.total, tt.marked, got, tt.want)
		}
	}
}

// TestTagCount: counts are exact where they fit, short where they do not,
// and never short in a way that makes different counts look equal.
func TestTagCount(t *testing.T) {
	tests := []struct {
		u, n, room, most int
		want             string
	}{
		{3899, 3900, 11, 20, "3,899/3,900"}, // fits
		{3899, 3900, 10, 20, "3.8k/3.9k"},   // short, and still different
		{3800, 3900, 9, 20, "3.8k/3.9k"},
		{3900, 3900, 9, 20, "3.9k/3.9k"},   // equal and shown equal
		{3950, 3999, 9, 20, "3,950/3,999"}, // both 3.9k: exact, the name gives way
		{0, 3900, 5, 20, "3,900"},
		{0, 3900, 4, 20, "3.9k"},
		{0, 951, 2, 20, "951"},       // no shorter form
		{951, 951, 5, 20, "951/951"}, // no shorter form
		{12000, 23000, 7, 20, "12k/23k"},
		{12000, 23000, 20, 20, "12,000/23,000"},
		{99950, 99999, 9, 12, "99,950/99k"}, // the exact count does not fit at all
		{99950, 99999, 9, 13, "99,950/99,999"},
	}
	for _, tt := range tests {
		if got := tagCount(tt.u, tt.n, tt.room, tt.most); got != tt.want {
			t.Errorf("tagCount(%d, %d, %d, %d) = %q, want %q", tt.u, tt.n, tt.room, tt.most, got, tt.want)
		}
	}
}

// TestSidebarExactCountsAt120: at 120 columns a tag of 3,900 articles,
// one of them read, shows 3,899/3,900 in full, and the list keeps room
// for its titles.
func TestSidebarExactCountsAt120(t *testing.T) {
	arts := make([]model.Article, 3900)
	for i := range arts {
		arts[i] = model.Article{ID: model.ID(i + 1), Title: "Council approves the new harbour bridge", Tags: []string{"Politics"}, Reads: model.NoReads}
	}
	store := &fakeMarks{marks: map[model.ID]model.Mark{1: {Read: true}}}
	opts := fixtureOptions()
	opts.Marks = store
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: arts, Progress: model.Progress{Done: true}}, done: true})
	m = runAll(t, m, cmd)
	s := screenText(m)
	if !strings.Contains(lineWith(s, "Politics"), "Politics 3,899/3,900") {
		t.Errorf("sidebar %d columns:\n%s", m.lay.tagsW, s)
	}
	if r := lineWith(s, "Council"); !strings.Contains(r, "Council approves the new harbour b") {
		t.Errorf("list %d columns, title cut short: %q", m.lay.listW, r)
	}
}

// TestSidebarRowsFitWithLargeCounts: at its least width, with counts of
// 100,000 and long names, every sidebar line is exactly as wide as the
// pane, and unread and all stay told apart.
func TestSidebarRowsFitWithLargeCounts(t *testing.T) {
	th := NewTheme(true)
	p := newTagsPane(&th, true)
	tags := []model.Tag{
		{Key: "w", Name: "World", Count: 99999},
		{Key: "l", Name: "Local news from the valley", Count: 100000},
	}
	p.setTags(tags, 100000)
	p.setCounts(sidebarCounts{
		counts:  map[string]int{"w": 99999, "l": 100000},
		unread:  map[string]int{"w": 99950, "l": 100000},
		unreadN: 99999,
	})
	p.SetSize(minSidebarWidth, 10)
	lines := p.viewLines(sidebarView{})
	for i, l := range lines {
		if lw := width(l); lw != minSidebarWidth {
			t.Errorf("line %d: %d cells: %q", i, lw, l)
		}
	}
	if s := strings.Join(lines, "\n"); !strings.Contains(s, "99,950/99k") || !strings.Contains(s, "100k/100k") {
		t.Errorf("counts:\n%s", s)
	}
}
