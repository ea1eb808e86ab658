package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

func TestSearchLettersAreText(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "/")
	if !m.list.searching() || m.focus != paneList {
		t.Fatalf("/: searching %v focus %v", m.list.searching(), m.focus)
	}
	// q, j, s, t, c, n, p, g would all be commands outside the box.
	for _, r := range "quasar jets" {
		var cmd tea.Cmd
		k := keyPress(string(r))
		if r == ' ' {
			k = keyPress("space")
		}
		m, cmd = sendCmd(t, m, k)
		m = settle(t, m)
		if quits(t, cmd) {
			t.Fatalf("%q quit while searching", r)
		}
	}
	if m.query.Search != "quasar jets" || !m.list.searching() || m.focus != paneList || m.query.Sort != model.SortNewest {
		t.Fatalf("search %q searching %v focus %v sort %v", m.query.Search, m.list.searching(), m.focus, m.query.Sort)
	}
	if !slices.Equal(visibleIndexes(m), []int{7}) {
		t.Fatalf("visible %v", visibleIndexes(m))
	}
	if !strings.Contains(screenText(m), "/ quasar jets") {
		t.Errorf("search box not on screen:\n%s", screenText(m))
	}
	// Every keystroke recomputes: backspace widens the match again.
	m = typeText(t, m, "x")
	if len(m.visible) != 0 {
		t.Fatalf("quasar jetsx: %v", visibleIndexes(m))
	}
	if s := paneText(m, paneList); !strings.Contains(s, "No articles match search “quasar jetsx” — esc to clear search") {
		t.Errorf("empty state: %s", s)
	}
	m = keys(t, m, "backspace", "enter")
	if m.list.searching() || m.query.Search != "quasar jets" || len(m.visible) != 1 {
		t.Fatalf("enter: searching %v search %q", m.list.searching(), m.query.Search)
	}
	if !strings.Contains(screenText(m), "Articles · “quasar jets”") {
		t.Errorf("kept search not in the list title:\n%s", screenText(m))
	}
	// The box closed: letters are commands again.
	m = keys(t, m, "s")
	if m.query.Sort != model.SortOldest {
		t.Errorf("s after enter: sort %v", m.query.Sort)
	}
}

func TestSearchCtrlCQuitsAndEscClears(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "/")
	m = typeText(t, m, "ferr")
	if len(m.visible) != 3 { // Harbour … ferry, Ferris wheel, Fog … ferries
		t.Fatalf("ferr: %v", visibleIndexes(m))
	}
	m = keys(t, m, "esc")
	if m.list.searching() || m.query.Search != "" || len(m.visible) != 30 {
		t.Fatalf("esc: searching %v search %q visible %d", m.list.searching(), m.query.Search, len(m.visible))
	}
	m = keys(t, m, "/")
	_, cmd := sendCmd(t, m, keyPress("ctrl+c"))
	if !quits(t, cmd) {
		t.Error("ctrl+c does not quit while searching")
	}
}

func TestEscUndoesOneLevel(t *testing.T) {
	m := newTestApp(t, 100, 30) // medium: the reader takes the list's place
	m = keys(t, m, "/")
	m = typeText(t, m, "ferr")
	m = keys(t, m, "enter", "enter") // keep the search, open the article
	if m.focus != paneReader || !m.reading || slices.Index(m.lay.shown(m.reading, m.focus), paneList) >= 0 {
		t.Fatalf("open: focus %v reading %v shown %v", m.focus, m.reading, m.lay.shown(m.reading, m.focus))
	}
	if !strings.Contains(screenText(m), "esc back to list") {
		t.Errorf("help bar does not say what esc does:\n%s", screenText(m))
	}
	m = keys(t, m, "esc")
	if m.focus != paneList || m.reading || m.query.Search != "ferr" {
		t.Fatalf("esc 1: focus %v reading %v search %q", m.focus, m.reading, m.query.Search)
	}
	m = keys(t, m, "esc")
	if m.query.Search != "" || len(m.visible) != 30 {
		t.Fatalf("esc 2: search %q", m.query.Search)
	}
	before := m
	m = keys(t, m, "esc")
	if m.focus != before.focus || m.query.Search != "" || m.reading {
		t.Fatal("esc 3 changed something")
	}
}
