package ui

import (
	"slices"
	"testing"
)

// at returns the fixture index of the article at list row i, or -1.
func at(m Model, i int) int {
	if i < 0 || i >= len(m.list.ids) {
		return -1
	}
	for j := range 30 {
		if fixtureID(j) == m.list.ids[i] {
			return j
		}
	}
	return -1
}

// onScreen reports whether the cursor's row is among the rows shown.
func onScreen(m Model) bool {
	return m.list.cursor >= m.list.offset && m.list.cursor < m.list.offset+m.list.rows()
}

// TestFilterKeepsTheArticle: choosing a tag the selected article has
// keeps the cursor on it, on screen; a tag it lacks puts the cursor at
// the top (not at its old position, on an article never chosen).
func TestFilterKeepsTheArticle(t *testing.T) {
	m := newTestApp(t, 160, 12) // eight rows
	m = keys(t, m, "G", "k", "k", "k", "k", "k", "k", "k")
	if selectedIndex(m) != 7 || m.list.cursor != 22 {
		t.Fatalf("selected %d at %d, want 7 at 22", selectedIndex(m), m.list.cursor)
	}
	m = keys(t, m, "t", "j", "enter") // Go: 9 … 0
	if !slices.Equal(m.query.Tags, []string{"go"}) {
		t.Fatalf("tags %v", m.query.Tags)
	}
	if selectedIndex(m) != 7 || m.list.cursor != 2 || !onScreen(m) {
		t.Errorf("Go: selected %d at %d (offset %d), want 7 at 2 on screen", selectedIndex(m), m.list.cursor, m.list.offset)
	}
	// Adding rust (5–14) leaves 9 … 5: 7 is still there.
	m = keys(t, m, "j", "j", "enter")
	if !slices.Equal(m.query.Tags, []string{"go", "rust"}) || selectedIndex(m) != 7 || m.list.cursor != 2 {
		t.Errorf("Go + rust %v: selected %d at %d, want 7 at 2", m.query.Tags, selectedIndex(m), m.list.cursor)
	}
	// Clearing the filter keeps 7 too, scrolled back on screen.
	m = keys(t, m, "c")
	if selectedIndex(m) != 7 || m.list.cursor != 22 || !onScreen(m) {
		t.Errorf("cleared: selected %d at %d (offset %d), want 7 at 22 on screen", selectedIndex(m), m.list.cursor, m.list.offset)
	}
	// python (20–29) has no 7: the top.
	m = keys(t, m, "t", "k", "enter")
	if !slices.Equal(m.query.Tags, []string{"python"}) {
		t.Fatalf("tags %v", m.query.Tags)
	}
	if m.list.cursor != 0 || m.list.offset != 0 || selectedIndex(m) != 29 {
		t.Errorf("python: selected %d at %d (offset %d), want the top", selectedIndex(m), m.list.cursor, m.list.offset)
	}
}

// TestSearchKeepsTheArticle: a search that still finds the selected
// article keeps the cursor on it; one that does not goes to the top.
func TestSearchKeepsTheArticle(t *testing.T) {
	m := newTestApp(t, 160, 12)
	m = keys(t, m, "G", "k", "k", "k", "k") // 4: "Tram line extension delayed again"
	if selectedIndex(m) != 4 || m.list.cursor != 25 {
		t.Fatalf("selected %d at %d", selectedIndex(m), m.list.cursor)
	}
	m = keys(t, m, "/")
	m = typeText(t, m, "line") // 4 and 0 ("Harbour council opens new ferry line")
	if len(m.list.ids) != 2 || selectedIndex(m) != 4 || m.list.cursor != 0 {
		t.Fatalf("search line: %d rows, selected %d at %d", len(m.list.ids), selectedIndex(m), m.list.cursor)
	}
	m = keys(t, m, "backspace", "backspace", "backspace", "backspace")
	if m.query.Search != "" || selectedIndex(m) != 4 || m.list.cursor != 25 || !onScreen(m) {
		t.Fatalf("search cleared: selected %d at %d (offset %d)", selectedIndex(m), m.list.cursor, m.list.offset)
	}
	m = typeText(t, m, "fe") // ferries (28), ferry (0) and more, not 4
	if len(m.list.ids) < 2 || m.list.cursor != 0 || m.list.offset != 0 || selectedIndex(m) != 28 {
		t.Errorf("search fe: %d rows, selected %d at %d, want the top (28)", len(m.list.ids), selectedIndex(m), m.list.cursor)
	}
}

// TestUnreadViewKeepsTheArticle: switching to the unread view keeps an
// unread article selected; a read one gives way to the top.
func TestUnreadViewKeepsTheArticle(t *testing.T) {
	m, _ := newMarkedApp(t, 160, 12)                                       // 29 read, 28 starred, the rest unread
	m = press(t, m, "G", "k", "k", "k", "k", "k", "k", "k", "k", "k", "m") // 9 read
	m = press(t, m, "k")                                                   // 10, unread
	if selectedIndex(m) != 10 || !m.marks.of[fixtureID(9)].Read {
		t.Fatalf("selected %d, 9 %+v", selectedIndex(m), m.marks.of[fixtureID(9)])
	}
	m = press(t, m, "u")
	if !m.smart.unread || selectedIndex(m) != 10 || m.list.cursor != 18 || !onScreen(m) {
		t.Errorf("unread view: selected %d at %d, want 10 at 18 on screen", selectedIndex(m), m.list.cursor)
	}
	m = press(t, m, "u", "j") // 9: read
	if selectedIndex(m) != 9 {
		t.Fatalf("selected %d", selectedIndex(m))
	}
	m = press(t, m, "u")
	if m.list.cursor != 0 || selectedIndex(m) != 28 {
		t.Errorf("unread view from a read article: selected %d at %d, want the top (28)", selectedIndex(m), m.list.cursor)
	}
}
