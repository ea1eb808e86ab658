package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// searchBox is the search input on the list's first line (/). While it is
// open it has the keys: enter keeps the search and esc clears it (both
// close the box and come back as searchClosed); every other key and
// pastes edit it, and what it then holds comes back as searchEdited. The
// root owns the search itself (Model.query) and decides what the words
// do.
type searchBox struct {
	input textinput.Model
	open  bool
}

func newSearchBox() searchBox {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search titles, tags and text"
	return searchBox{input: in}
}

// setWidth fits the box to a list pane w cells wide (its border and the
// prompt's room aside).
func (b *searchBox) setWidth(w int) { b.input.SetWidth(max(w-2-4, 1)) }

// setTheme styles the box.
func (b *searchBox) setTheme(th *Theme) { b.input.SetStyles(th.Input) }

// start opens the box on the kept search, the cursor at its end.
func (b *searchBox) start(search string) tea.Cmd {
	b.open = true
	b.input.SetValue(search)
	b.input.CursorEnd()
	return b.input.Focus()
}

// close closes the box; a cleared search empties it too.
func (b *searchBox) close(keep bool) {
	b.open = false
	b.input.Blur()
	if !keep {
		b.input.Reset()
	}
}

// Update handles a key or a paste while the box is open.
func (b searchBox) Update(msg tea.Msg) (searchBox, tea.Msg, tea.Cmd) {
	if in, ok := msg.(keyIn); ok {
		switch {
		case key.Matches(in.key, in.keys.Accept):
			b.close(true)
			return b, searchClosed{keep: true}, nil
		case key.Matches(in.key, in.keys.Cancel):
			b.close(false)
			return b, searchClosed{}, nil
		}
		msg = in.key
	}
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	return b, searchEdited{value: b.input.Value()}, cmd
}

// View draws the box.
func (b searchBox) View() string { return b.input.View() }
