package ui

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// problemsPane lists the files that could not be read as they were, one
// "path: reason" per line, in a scrollable viewport.
type problemsPane struct {
	th     *Theme
	vp     viewport.Model
	width  int
	height int
	count  int
	text   string // one problem a line, unwrapped
	// closeHint is the footer's "esc or ! to close", with the keys as bound.
	closeHint string
}

func newProblemsPane(th *Theme, keys KeyMap) problemsPane {
	vp := viewport.New()
	vp.SoftWrap = false // wrapped at word boundaries in wrap
	vp.MouseWheelEnabled = true
	vp.MouseWheelDelta = wheelLines
	vp.KeyMap = viewportKeys(keys)
	return problemsPane{th: th, vp: vp, closeHint: closeHint(keys.Back, keys.Problems)}
}

// SetSize sets the outer size of the pane, border included.
func (p *problemsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.vp.SetWidth(max(w-4, 0))
	p.vp.SetHeight(max(h-2, 0))
	p.wrap()
}

// wrap puts the text in the viewport wrapped at word boundaries.
func (p *problemsPane) wrap() {
	p.vp.SetContent(ansi.Wrap(p.text, max(p.width-4, 1), "/"))
}

// setProblems replaces the list, keeping the scroll position.
func (p *problemsPane) setProblems(probs []model.Problem) {
	if len(probs) == p.count && p.count > 0 {
		return
	}
	p.count = len(probs)
	if len(probs) == 0 {
		p.text = "No problems: every file was read as it was."
		p.wrap()
		return
	}
	var b strings.Builder
	for i, pr := range probs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pr.String())
	}
	p.text = b.String()
	p.wrap()
}

// Update handles the movement keys, root-resolved movement and the mouse
// wheel.
func (p problemsPane) Update(msg tea.Msg) (problemsPane, tea.Cmd) {
	if in, ok := msg.(keyIn); ok {
		if mv := in.keys.moveOf(in.key); mv != 0 {
			scrollViewport(&p.vp, mv)
		}
		return p, nil
	}
	return p, updateViewport(&p.vp, msg)
}

// View draws the problems overlay.
func (p problemsPane) View() string {
	title := "Problems"
	if p.count > 0 {
		title += " (" + countText(p.count) + ")"
	}
	lines := strings.Split(p.vp.View(), "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	footer := p.closeHint
	if p.count > 0 {
		footer = strings.TrimSuffix(countText(int(p.vp.ScrollPercent()*100+0.5))+"% · "+footer, " · ")
	}
	return box(p.th, p.width, p.height, true, title, footer, lines)
}
