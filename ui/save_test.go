package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// linkBody is the body of the fixture's last article in these tests: two
// web links and one that is not.
const linkBody = "See [the harbour plan](https://example.com/harbour) and [the tide tables](https://example.org/tides).\n\nWrite to <mailto:desk@example.org>."

// saveApp is the fixture at 160×48 with save as Options.SavePage (and add
// as AddFiles), the last article (with linkBody) open and its link picker
// up.
func saveApp(t *testing.T, save SavePageFunc, add AddFilesFunc) Model {
	t.Helper()
	opts := fixtureOptions()
	opts.SavePage, opts.AddFiles = save, add
	arts := fixtureArticles()
	arts[29].Body = linkBody
	m := loadedApp(t, opts, 160, 48, arts)
	m = press(t, m, "enter", "L")
	if m.overlay != overlayPicker || m.picker.kind != pickLink {
		t.Fatalf("L did not open the link picker:\n%s", screenText(m))
	}
	return m
}

// savedMsgOf runs cmd and returns the savedMsg it brings.
func savedMsgOf(t *testing.T, cmd tea.Cmd) savedMsg {
	t.Helper()
	for _, msg := range cmdMsgs(t, cmd) {
		if s, ok := msg.(savedMsg); ok {
			return s
		}
	}
	t.Fatal("the command brought no savedMsg")
	return savedMsg{}
}

// recordSaves is a SavePage that records the addresses it is given and
// answers with res and err.
func recordSaves(res SaveResult, err error) (SavePageFunc, *[]string) {
	var mu sync.Mutex
	var got []string
	return func(_ context.Context, u string) (SaveResult, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, u)
		return res, err
	}, &got
}

// TestSaveLinkStatus: ctrl+s on a link saves its page in the background
// (a command, the picker staying open), the header says so meanwhile,
// and then says what came of it.
func TestSaveLinkStatus(t *testing.T) {
	tests := []struct {
		name string
		res  SaveResult
		err  error
		want string
	}{
		{"saved", SaveResult{Title: "Tide tables for March", Path: "/lib/saved/2026-03-12-tide-tables-for-march.md", Shown: "saved/2026-03-12-tide-tables-for-march.md"},
			nil, "Saved: Tide tables for March → saved/2026-03-12-tide-tables-for-march.md"},
		{"saved before", SaveResult{Path: "/lib/saved/2026-03-12-tide-tables-for-march.md", Shown: "saved/2026-03-12-tide-tables-for-march.md", Already: true},
			nil, "Already saved: saved/2026-03-12-tide-tables-for-march.md"},
		{"untitled", SaveResult{Path: "/lib/saved/2026-03-12-item.md", Shown: "saved/2026-03-12-item.md"},
			nil, "Saved: https://example.org/tides → saved/2026-03-12-item.md"},
		{"no article", SaveResult{}, errors.New("https://example.org/tides: no readable article on the page: open it in a browser"),
			"Not saved: https://example.org/tides: no readable article on the page: open it in a browser"},
		{"an error with control characters", SaveResult{}, errors.New("https://example.org/tides: \x1b[2Jgone\nnow"),
			"Not saved: https://example.org/tides: gone now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			save, got := recordSaves(tt.res, tt.err)
			m := saveApp(t, save, nil)
			m = press(t, m, "down")
			m, cmd := sendCmd(t, m, keyPress("ctrl+s"))
			if cmd == nil || m.overlay != overlayPicker || m.picker.Query() != "" {
				t.Fatalf("ctrl+s: command %v, overlay %v, filter %q", cmd != nil, m.overlay, m.picker.Query())
			}
			if h := header(m); !strings.Contains(h, "Saving a page…") {
				t.Errorf("header while saving = %q", h)
			}
			msg := savedMsgOf(t, cmd)
			if !slices.Equal(*got, []string{"https://example.org/tides"}) {
				t.Errorf("SavePage was given %q", *got)
			}
			m = send(t, m, msg)
			if h := header(m); !strings.Contains(h, tt.want) || strings.Contains(h, "Saving") {
				t.Errorf("header = %q, want %q", h, tt.want)
			}
		})
	}
}

// TestSaveLinkTwoAtOnce: two saves in flight are counted, and each end
// takes one away.
func TestSaveLinkTwoAtOnce(t *testing.T) {
	save, _ := recordSaves(SaveResult{Title: "T", Shown: "saved/t.md"}, nil)
	m := saveApp(t, save, nil)
	m, first := sendCmd(t, m, keyPress("ctrl+s"))
	m, second := sendCmd(t, m, keyPress("ctrl+s"))
	if h := header(m); !strings.Contains(h, "Saving 2 pages…") {
		t.Errorf("header = %q", h)
	}
	m = send(t, m, savedMsgOf(t, first))
	if h := header(m); !strings.Contains(h, "Saving a page…") {
		t.Errorf("header after one = %q", h)
	}
	m = send(t, m, savedMsgOf(t, second))
	if h := header(m); strings.Contains(h, "Saving") {
		t.Errorf("header after both = %q", h)
	}
}

// TestSaveLinkKeepsTyping: printable keys still type into the filter
// (an s too), ctrl+s is never typed, and saves the link under the cursor.
func TestSaveLinkKeepsTyping(t *testing.T) {
	save, got := recordSaves(SaveResult{Title: "T", Shown: "saved/t.md"}, nil)
	m := saveApp(t, save, nil)
	m = typeText(t, m, "tides")
	if q := m.picker.Query(); q != "tides" || m.picker.Len() != 1 {
		t.Fatalf("filter %q shows %d links", q, m.picker.Len())
	}
	m, cmd := sendCmd(t, m, keyPress("ctrl+s"))
	savedMsgOf(t, cmd)
	if q := m.picker.Query(); q != "tides" || !slices.Equal(*got, []string{"https://example.org/tides"}) {
		t.Errorf("after ctrl+s: filter %q, saved %q", q, *got)
	}
	// A filter that shows nothing saves nothing.
	m = typeText(t, m, "zzz")
	m, cmd = sendCmd(t, m, keyPress("ctrl+s"))
	if len(cmdMsgs(t, cmd)) != 0 || len(*got) != 1 || m.flash != "No link to save: the filter shows none (esc clears it)" {
		t.Errorf("ctrl+s with no link shown: saved %q, flash %q", *got, m.flash)
	}
}

// TestSaveLinkRefused: what is not a web page, or a reader without
// SavePage, saves nothing, and the help bar offers ctrl+s only where it
// works.
func TestSaveLinkRefused(t *testing.T) {
	save, got := recordSaves(SaveResult{}, nil)
	m := saveApp(t, save, nil)
	if bar := lastLine(screenText(m)); !strings.Contains(bar, "ctrl+s save page") {
		t.Errorf("help bar of the link picker = %q", bar)
	}
	m = press(t, m, "end", "ctrl+s")
	if len(*got) != 0 || m.flash != "Only web pages (http, https) can be saved: mailto:desk@example.org" {
		t.Errorf("mailto link: saved %q, flash %q", *got, m.flash)
	}

	m = saveApp(t, nil, nil)
	if bar := lastLine(screenText(m)); strings.Contains(bar, "ctrl+s") {
		t.Errorf("help bar without SavePage = %q", bar)
	}
	m, cmd := sendCmd(t, m, keyPress("ctrl+s"))
	if len(cmdMsgs(t, cmd)) != 0 || m.picker.Query() != "" || m.overlay != overlayPicker {
		t.Errorf("ctrl+s without SavePage: filter %q, overlay %v", m.picker.Query(), m.overlay)
	}

	// The tag picker saves nothing.
	m = saveApp(t, save, nil)
	m = press(t, m, "esc", "esc", "T", "ctrl+s")
	if m.picker.kind != pickTag || len(*got) != 0 || m.picker.Query() != "" {
		t.Errorf("ctrl+s in the tag picker: kind %v, saved %q, filter %q", m.picker.kind, *got, m.picker.Query())
	}
}

// TestSaveLinkAddsTheArticle: a new file inside the collection joins the
// list through AddFiles; one outside it, or one saved before, does not.
func TestSaveLinkAddsTheArticle(t *testing.T) {
	const path = "/lib/saved/2026-03-12-tide-tables-for-march.md"
	fresh := model.Article{ID: model.NewID(path, 0), Path: path, Title: "Tide tables for March"}
	for _, tt := range []struct {
		name  string
		res   SaveResult
		added bool
	}{
		{"in the collection", SaveResult{Title: fresh.Title, Path: path, Shown: "saved/x.md", InCollection: true}, true},
		{"elsewhere", SaveResult{Title: fresh.Title, Path: path, Shown: path}, false},
		{"saved before", SaveResult{Path: path, Shown: "saved/x.md", Already: true, InCollection: true}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var gotPaths []string
			add := func(_ context.Context, paths []string, send func(model.Batch)) error {
				gotPaths = paths
				send(model.Batch{Articles: []model.Article{fresh}, Progress: model.Progress{Done: true}})
				return nil
			}
			save, _ := recordSaves(tt.res, nil)
			m := saveApp(t, save, add)
			before := m.coll.Len()
			m, cmd := sendCmd(t, m, keyPress("ctrl+s"))
			m, cmd = sendCmd(t, m, savedMsgOf(t, cmd))
			m = runAll(t, m, cmd)
			if added := m.coll.Len() == before+1; added != tt.added || (tt.added && !slices.Equal(gotPaths, []string{path})) {
				t.Errorf("added %v (AddFiles got %q), want %v", added, gotPaths, tt.added)
			}
		})
	}
}

// lastLine is the last line of a screen: the help bar.
func lastLine(screen string) string {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-1]
}

func TestGoldenSaveLink(t *testing.T) {
	save, _ := recordSaves(SaveResult{Title: "Tide tables for March", Shown: "saved/2026-03-12-tide-tables-for-march.md"}, nil)
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := saveApp(t, save, nil)
			m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m, cmd := sendCmd(t, m, keyPress("ctrl+s"))
			m = send(t, m, savedMsgOf(t, cmd))
			golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
		})
	}
}
