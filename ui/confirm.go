package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// question is a yes/no question in the help bar's place, asked before
// something that is not undone by one key (M marks a whole list). The next
// key answers it: yes (y) gives back the intent asked about, for the root
// to apply; any other key (no: n, esc) gives back that nothing changed.
// interrupt (ctrl+c) still quits.
type question struct {
	text string
	yes  tea.Msg
}

// Update answers the question with a key.
func (q question) Update(msg tea.Msg) (question, tea.Msg, tea.Cmd) {
	in, ok := msg.(keyIn)
	if !ok {
		return q, nil, nil
	}
	switch {
	case key.Matches(in.key, in.keys.Yes):
		return q, q.yes, nil
	case key.Matches(in.key, in.keys.Interrupt):
		return q, quitAsked{}, nil
	}
	return q, flashed("Nothing changed"), nil
}

// View is the question as the help bar shows it, w cells wide, with how
// to answer it in the keys as bound.
func (q question) View(th *Theme, keys KeyMap, w int) string {
	return fit(" "+th.p.warn.on(q.text)+"  "+th.p.status.on(questionHint(keys.Yes, keys.No)), w)
}
