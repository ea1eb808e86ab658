package ui

import tea "charm.land/bubbletea/v2"

// question is a yes/no question in the help bar's place, asked before
// something that is not undone by one key (M marks a whole list). The next
// key answers it: y gives back yes, the intent asked about, for the root
// to apply; any other key (n, esc) gives back that nothing changed. ctrl+c
// still quits.
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
	switch in.key.String() {
	case "y", "Y":
		return q, q.yes, nil
	case "ctrl+c":
		return q, quitAsked{}, nil
	}
	return q, flashed("Nothing changed"), nil
}

// View is the question as the help bar shows it, w cells wide.
func (q question) View(th *Theme, w int) string {
	return fit(" "+th.p.warn.on(q.text)+"  "+th.p.status.on("y yes · n no"), w)
}
