package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestNextPreviousSayWhenAtAnEnd: n on the last article and p on the
// first stay there and say so in the status line.
func TestNextPreviousSayWhenAtAnEnd(t *testing.T) {
	m := newTestApp(t, 160, 48)
	m = keys(t, m, "enter", "p")
	if selectedIndex(m) != 29 || m.flash != "First article" {
		t.Errorf("p on the first: selected %d, flash %q", selectedIndex(m), m.flash)
	}
	if !strings.Contains(screenText(m), "First article") {
		t.Errorf("status line lacks the message:\n%s", screenText(m))
	}
	m = keys(t, m, "n")
	if selectedIndex(m) != 28 || m.flash != "" {
		t.Errorf("n: selected %d, flash %q", selectedIndex(m), m.flash)
	}
	m = keys(t, m, "h", "G", "l", "n")
	if selectedIndex(m) != 0 || m.focus != paneReader || m.flash != "Last article" {
		t.Errorf("n on the last: selected %d, focus %v, flash %q", selectedIndex(m), m.focus, m.flash)
	}
}

// TestEditSaysWhyThereIsNoFile: e without an editor (the built-in demo)
// or on an article without a file says why, from the list and the reader.
func TestEditSaysWhyThereIsNoFile(t *testing.T) {
	m := newTestApp(t, 160, 48) // no Options.Edit
	m, cmd := sendCmd(t, m, keyPress("e"))
	if cmd != nil && len(cmdMsgs(t, cmd)) != 0 || !strings.Contains(m.flash, "No file to edit") {
		t.Errorf("e without an editor: flash %q", m.flash)
	}
	m = keys(t, m, "enter", "e")
	if !strings.Contains(m.flash, "No file to edit") {
		t.Errorf("e in the reader without an editor: flash %q", m.flash)
	}

	opts := fixtureOptions()
	asked := 0
	opts.Edit = func(model.Article) (tea.ExecCommand, error) { asked++; return fakeExec{}, nil }
	arts := fixtureArticles()
	arts[29].Path = ""
	m = loadedApp(t, opts, 160, 48, arts)
	m = drive(t, m, func() tea.Msg { return keyPress("e") })
	if asked != 0 || m.flash != "This article has no file to edit" {
		t.Errorf("e on an article without a file: editor asked %d times, flash %q", asked, m.flash)
	}
}
