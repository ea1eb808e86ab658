package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// question is a yes/no question in the help bar's place, asked before
// something that is not undone by one key (M marks a whole list).
type question struct {
	text string
	yes  func(m *Model) tea.Cmd
}

// ask puts a question; the next key answers it.
func (m *Model) ask(text string, yes func(m *Model) tea.Cmd) {
	m.question = &question{text: text, yes: yes}
}

// answer takes the key after a question: yes (y) does it, any other key
// (no: n, esc) does not. interrupt (ctrl+c) still quits.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	q := m.question
	m.question = nil
	switch {
	case key.Matches(msg, m.keys.Yes):
		return q.yes(m)
	case key.Matches(msg, m.keys.Interrupt):
		return m.quit()
	}
	m.flash = "Nothing changed"
	return nil
}

// questionBar is the question as the help bar shows it.
func (m Model) questionBar() string {
	th := &m.theme.p
	return fit(" "+th.warn.on(m.question.text)+"  "+th.status.on(questionHint(m.keys.Yes, m.keys.No)), m.lay.width)
}
