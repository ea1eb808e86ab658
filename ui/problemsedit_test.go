package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// TestEnterEditsTheSelectedProblem: in the problems overlay j moves the
// cursor from problem to problem, and enter asks Options.EditProblem for
// the selected one — off the event loop — then runs the editor it gives
// and reloads when it exits, as e does.
func TestEnterEditsTheSelectedProblem(t *testing.T) {
	opts := fixtureOptions()
	var runs atomic.Int32
	opts.Load = problemLoad(&runs, model.Problem{Path: "/news/a.json", Reason: "line 7: not an object", Line: 7, Loaded: true},
		model.Problem{Path: "/news/b.md", Reason: "front matter", Line: 2})
	var asked []model.Problem
	opts.EditProblem = func(p model.Problem) (tea.ExecCommand, error) {
		asked = append(asked, p)
		if p.Path == "/news/a.json" {
			return nil, errors.New("cannot find the file /news/a.json")
		}
		return fakeExec{}, nil
	}
	m := New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.Init())
	if len(m.coll.Problems()) != 2 {
		t.Fatalf("problems %v", m.coll.Problems())
	}
	m, cmd := sendCmd(t, keys(t, m, "!", "j"), keyPress("enter"))
	if len(asked) != 0 {
		t.Fatal("Update asked for the editor: finding the file reads the disk")
	}
	if !strings.Contains(lineWith(screenText(m), "b.md"), "▌") {
		t.Errorf("the selected problem is not marked:\n%s", screenText(m))
	}
	for _, msg := range cmdMsgs(t, cmd) {
		m, cmd = sendCmd(t, m, msg)
	}
	if cmd == nil || len(asked) != 1 || asked[0].Path != "/news/b.md" || asked[0].Line != 2 {
		t.Fatalf("enter on the second problem: command %v, asked %+v", cmd != nil, asked)
	}
	m = drive(t, m, func() tea.Msg { return editedMsg{} })
	if runs.Load() != 2 || m.overlay != overlayProblems {
		t.Errorf("after the editor: %d loads, want 2; overlay %v", runs.Load(), m.overlay)
	}
	if m.problems.cursor != 1 {
		t.Errorf("the reload moved the cursor off the problem edited, to %d", m.problems.cursor)
	}
	m = drive(t, keys(t, m, "k"), func() tea.Msg { return keyPress("enter") })
	if len(asked) != 2 || !strings.Contains(m.flash, "cannot find the file /news/a.json") {
		t.Errorf("a problem without its file: asked %+v, flash %q", asked, m.flash)
	}
}

// TestEnterOnAProblemWithoutAnEditor: without Options.EditProblem (the
// demo), or on a problem that names no file, enter says why; with no
// problems it does nothing.
func TestEnterOnAProblemWithoutAnEditor(t *testing.T) {
	m := keys(t, newTestApp(t, 100, 30), "!", "enter")
	if m.overlay != overlayProblems || m.flash != "No file to edit here" {
		t.Errorf("enter without an editor: overlay %v, flash %q", m.overlay, m.flash)
	}
	opts := fixtureOptions()
	opts.EditProblem = func(model.Problem) (tea.ExecCommand, error) { t.Error("asked for the editor"); return fakeExec{}, nil }
	opts.Load = problemLoad(new(atomic.Int32), model.Problem{Reason: "the folder could not be listed"})
	m = New(opts)
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.Init())
	m = drive(t, keys(t, m, "!"), func() tea.Msg { return keyPress("enter") })
	if m.flash != "This problem names no file" {
		t.Errorf("a problem without a path: flash %q", m.flash)
	}
	m = loadedApp(t, opts, 100, 30, fixtureArticles())
	m, cmd := sendCmd(t, keys(t, m, "!"), keyPress("enter"))
	if len(cmdMsgs(t, cmd)) != 0 || m.flash != "" || !strings.Contains(screenText(m), "No problems") {
		t.Errorf("enter with no problems: flash %q", m.flash)
	}
}

// problemLoad loads the fixture with probs, counting the runs.
func problemLoad(runs *atomic.Int32, probs ...model.Problem) func(context.Context, func(model.Batch)) error {
	return func(_ context.Context, send func(model.Batch)) error {
		runs.Add(1)
		send(model.Batch{Articles: fixtureArticles(), Problems: probs, Progress: model.Progress{Done: true}})
		return nil
	}
}
