package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgramSmoke runs the real program: load, j, enter, q.
func TestProgramSmoke(t *testing.T) {
	opts := fixtureOptions()
	opts.NoColor = false // the colour theme, printed through an ASCII profile

	// The filter sees every message; it tells the test when the render of
	// the article being opened has arrived, so the final frame does not
	// depend on timing.
	rendered := make(chan struct{}, 1)
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		if r, ok := msg.(renderedMsg); ok && r.key.id == fixtureID(28) {
			select {
			case rendered <- struct{}{}:
			default:
			}
		}
		return msg
	}
	tm := teatest.NewTestModel(t, New(opts),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFilter(filter)),
	)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Solo sailor")) && bytes.Contains(b, []byte("30 articles"))
	}, teatest.WithDuration(5*time.Second))
	tm.Send(keyPress("j"))
	tm.Send(keyPress("enter"))
	select {
	case <-rendered:
	case <-time.After(5 * time.Second):
		t.Fatal("the article was never rendered")
	}
	tm.Send(keyPress("q"))
	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if !ok {
		t.Fatal("final model is not a ui.Model")
	}
	if final.focus != paneReader || selectedIndex(final) != 28 || final.reader.have.id != fixtureID(28) {
		t.Errorf("final: focus %v selected %d reader %v", final.focus, selectedIndex(final), final.reader.have.id)
	}
	if final.ctx.Err() == nil {
		t.Error("load context not cancelled on quit")
	}
	golden.RequireEqual(t, []byte(ansi.Strip(final.View().Content)))
}
