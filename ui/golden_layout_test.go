package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsline/newsline/model"
)

// longTagArticles is the fixture with long tag names: one on every
// article, longer than any sidebar, and two that fit a wide one.
func longTagArticles() []model.Article {
	arts := fixtureArticles()
	for i := range arts {
		arts[i].Tags = append(arts[i].Tags, "Local news from the valley towns and villages")
		if i%2 == 0 {
			arts[i].Tags = append(arts[i].Tags, "International relations")
		}
		if i%4 == 1 {
			arts[i].Tags = append(arts[i].Tags, "Science and technology policy")
		}
	}
	return arts
}

// TestGoldenLayout keeps the panes' widths with long tag names and marks
// at the sizes that matter: the three panes at 160 and 120, sidebar and
// list at 80, one pane at 60; with the sidebar shown, hidden (b), and an
// article open.
func TestGoldenLayout(t *testing.T) {
	settleRender = fakeRender
	t.Cleanup(func() { settleRender = runRender })
	states := []struct {
		name string
		keys []string
	}{
		{"start", nil},
		{"sidebar-hidden", []string{"b"}},
		{"reading", []string{"j", "enter"}},
		{"sidebar-focused", []string{"t", "j", "j", "j"}},
	}
	for _, size := range [][2]int{{120, 30}, {160, 48}, {80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, st := range states {
				t.Run(st.name, func(t *testing.T) {
					store := &fakeMarks{marks: map[model.ID]model.Mark{fixtureID(29): {Read: true}, fixtureID(28): {Starred: true}}}
					opts := fixtureOptions()
					opts.Marks = store
					m := New(opts)
					m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					m, cmd := sendCmd(t, m, batchMsg{batch: model.Batch{Articles: longTagArticles(), Progress: model.Progress{Done: true}}, done: true})
					m = runAll(t, m, cmd)
					m = settle(t, press(t, m, st.keys...))
					golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
				})
			}
		})
	}
}
