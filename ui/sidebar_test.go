package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

func TestTagToggleFiltersAndCountsWithinFilter(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "t")
	if m.focus != paneTags {
		t.Fatalf("t: focus %v", m.focus)
	}
	// Sidebar: All, then go, python, rust, weather (10 each), solo (1).
	want := []string{"go", "python", "rust", "weather", "solo"}
	for i, tag := range m.tags.tags {
		if tag.Key != want[i] {
			t.Fatalf("sidebar order %v", m.tags.tags)
		}
	}
	if r := sidebarRow(m, "All"); !strings.HasSuffix(r, " 30") {
		t.Errorf("All row %q does not show the total", r)
	}
	m = keys(t, m, "j", "enter") // Go
	if !slices.Equal(m.query.Tags, []string{"go"}) || len(m.visible) != 10 {
		t.Fatalf("tags %v, %d visible", m.query.Tags, len(m.visible))
	}
	for _, i := range visibleIndexes(m) {
		if i >= 10 {
			t.Errorf("article %d visible under #go", i)
		}
	}
	if m.tags.counts["rust"] != 5 || m.tags.counts["weather"] != 4 || m.tags.counts["python"] != 0 {
		t.Errorf("counts within filter %v", m.tags.counts)
	}
	if r := sidebarRow(m, "rust"); !strings.HasSuffix(r, " 5") {
		t.Errorf("rust row %q does not count within the filter", r)
	}
	s := screenText(m)
	if l := lineWith(s, "● Go"); l == "" {
		t.Errorf("selected tag not marked:\n%s", s)
	}
	if !strings.Contains(s, "Articles · #Go") {
		t.Errorf("list title lacks the filter:\n%s", s)
	}
	// space toggles too: add rust → 5 articles (5–9).
	m = keys(t, m, "j", "j", "space")
	if !slices.Equal(m.query.Tags, []string{"go", "rust"}) || !slices.Equal(visibleIndexes(m), []int{9, 8, 7, 6, 5}) {
		t.Fatalf("go+rust: tags %v visible %v", m.query.Tags, visibleIndexes(m))
	}
	// enter on Go again removes it.
	m = keys(t, m, "k", "k", "enter")
	if !slices.Equal(m.query.Tags, []string{"rust"}) || len(m.visible) != 10 {
		t.Fatalf("untoggle: tags %v, %d visible", m.query.Tags, len(m.visible))
	}
}

func TestDimmedTagCannotBeSelected(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "t", "j", "enter", "j") // select Go, cursor on python (0 within Go)
	if _, k := m.tags.current(); k != "python" {
		t.Fatalf("cursor on %q", k)
	}
	if m.tags.selectable(m.query, "python") {
		t.Fatal("python selectable under #go")
	}
	m = keys(t, m, "enter")
	if !slices.Equal(m.query.Tags, []string{"go"}) || len(m.visible) != 10 {
		t.Errorf("dimmed tag toggled: %v", m.query.Tags)
	}
	s := screenText(m)
	if !strings.Contains(s, "No articles with #python here") {
		t.Errorf("no explanation:\n%s", s)
	}
	if r := sidebarRow(m, "solo"); !strings.HasSuffix(r, " 0") {
		t.Errorf("solo row %q does not show 0", r)
	}
}

func TestAllAndClearTags(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "t", "j", "enter", "g", "enter") // select Go, then All
	if len(m.query.Tags) != 0 || len(m.visible) != 30 {
		t.Fatalf("All: tags %v, %d visible", m.query.Tags, len(m.visible))
	}
	m = keys(t, m, "j", "enter", "tab", "c") // select Go, to the list, c
	if m.focus != paneList || len(m.query.Tags) != 0 || len(m.visible) != 30 {
		t.Fatalf("c: focus %v, tags %v, %d visible", m.focus, m.query.Tags, len(m.visible))
	}
}

func TestInitialQueryTags(t *testing.T) {
	opts := fixtureOptions()
	opts.Query = model.Query{Tags: []string{"#Rust"}, Sort: model.SortOldest}
	m := loadedApp(t, opts, 160, 48, fixtureArticles())
	if !slices.Equal(m.query.Tags, []string{"rust"}) || !slices.Equal(visibleIndexes(m), []int{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}) {
		t.Errorf("tags %v visible %v", m.query.Tags, visibleIndexes(m))
	}
}

func TestSidebarMovementKeys(t *testing.T) {
	m := newTestApp(t, 80, 12) // 8 sidebar rows for All + 5 tags
	m = keys(t, m, "t")
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"k", 0},
		{"G", 5}, {"g", 0}, {"end", 5}, {"home", 0},
		{"ctrl+d", 4}, {"ctrl+u", 0}, {"pgdown", 5}, {"pgup", 0},
	}
	for _, st := range steps {
		m = keys(t, m, st.key)
		if m.tags.cursor != st.want {
			t.Fatalf("%s: cursor %d, want %d", st.key, m.tags.cursor, st.want)
		}
	}
	if m.list.cursor != 0 {
		t.Error("sidebar keys moved the list")
	}
	// The cursor stays on the same tag when a batch reorders the sidebar.
	m = keys(t, m, "G") // solo, the least used
	extra := fixtureArticles()[:12]
	for i := range extra {
		extra[i].ID = model.NewID(fmt.Sprintf("extra/%02d.md", i), 0)
		extra[i].Rel = fmt.Sprintf("extra/%02d.md", i)
		extra[i].Path = "/news/" + extra[i].Rel
		extra[i].Tags = []string{"solo"}
	}
	m = send(t, m, batchMsg{batch: model.Batch{Articles: extra}, done: true})
	if _, k := m.tags.current(); k != "solo" || m.tags.cursor != 1 {
		t.Errorf("after solo became the most used: cursor %d on %q", m.tags.cursor, k)
	}
}
