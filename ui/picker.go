package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// pickItem is one choice of a picker.
type pickItem struct {
	Label string // shown and matched (already sanitized by the caller)
	Note  string // right-aligned and dim (a count, a number); optional
	Value string // returned when chosen
}

// pickResult is what a message did to a picker: an item was chosen (enter,
// or a click on a row), or the picker was closed (esc with an empty filter,
// or a click outside it). Both are zero while the picker stays open.
type pickResult struct {
	Chosen *pickItem // a copy of the chosen item, or nil
	Closed bool
}

// picker is a modal overlay that chooses one item of a list: a filter box
// at the top narrows the items as one types, the arrows move a cursor, enter
// chooses. Its keys:
//
//   - printable keys, space, paste and the editing keys of the box
//     (backspace, ctrl+w, ctrl+u, left, right, ctrl+a, ctrl+e…) edit the
//     filter: j, k, q are letters here, not movement;
//   - up/ctrl+p/ctrl+k and down/ctrl+n/ctrl+j move one row, pgup/pgdown a
//     page, home/end to the first and last row (ctrl+a/ctrl+e still move
//     in the box); these and enter and esc are the picker_* actions of the
//     key map (p.keys), never printable keys;
//   - enter chooses the item under the cursor (nothing when no item is
//     shown);
//   - esc clears the filter when there is one, and closes the picker when
//     there is none: esc undoes one level, as elsewhere in newsline (see
//     escAction for the help bar);
//   - the mouse wheel scrolls; a left click on a row chooses it, one
//     outside the box closes the picker (coordinates are the screen's: see
//     SetOrigin).
//
// The filter keeps the items that contain every word of the query, both
// folded with model.Fold (so "zurich" finds "Zürich"); items in which every
// word starts a word of the label come first, and each group keeps the
// order the items were given in. A change to the query's words puts the
// cursor on the first (best) row; a key that leaves them as they were (a
// trailing space) does not move it. Labels are folded once, in newPicker,
// so a keystroke over thousands of items costs a pass of substring tests.
//
// The root gives the picker its keys raw (not resolved to a move, since j
// and k are letters here) and handles ctrl+c itself, before.
type picker struct {
	th        *Theme
	title     string
	items     []pickItem
	folded    []string // " " + model.Fold(label), for word-start tests
	all       []int    // 0…len(items)-1: the shown rows with no filter (never modified)
	input     textinput.Model
	key       string // the folded query words the rows were filtered with, joined by spaces
	shown     []int  // indexes into items, in display order (never modified in place)
	rowWindow        // over shown
	width     int
	height    int
	originX   int // screen cell of the top-left corner, for the mouse
	originY   int
	keys      pickerKeyMap // the picker_* actions of the key map
}

// pickerPrompt leads the filter box.
const pickerPrompt = "> "

// pickerCharLimit bounds the filter text (a paste of a whole page is cut).
const pickerCharLimit = 256

// newPicker returns an open picker over items (copied) with the filter box
// focused and empty. title is set into the top border, placeholder shows in
// the empty box. th must stay valid while the picker lives (setTheme
// replaces it).
func newPicker(th *Theme, title, placeholder string, items []pickItem) picker {
	if th == nil {
		plain := PlainTheme()
		th = &plain
	}
	p := picker{
		th:     th,
		title:  title,
		items:  make([]pickItem, len(items)),
		folded: make([]string, len(items)),
		all:    make([]int, len(items)),
		input:  textinput.New(),
		keys:   defaultPickerKeys,
	}
	for i, it := range items {
		// A label stays on one line whatever the caller gave: what is not
		// printable becomes a space, invalid UTF-8 U+FFFD.
		it.Label, it.Note = model.Filter(it.Label, 0, ' '), model.Filter(it.Note, 0, ' ')
		p.items[i] = it
		p.folded[i] = " " + model.Fold(it.Label)
		p.all[i] = i
	}
	p.shown = p.all
	p.input.Prompt = pickerPrompt
	p.input.Placeholder = placeholder
	p.input.CharLimit = pickerCharLimit
	p.input.SetStyles(th.Input)
	p.input.Focus() // the theme's cursor does not blink: no command to run
	return p
}

// SetSize sets the outer size of the picker, border included.
func (p *picker) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	// " > " then the text, then one cell for the cursor at the end.
	p.input.SetWidth(max(p.width-2-1-width(pickerPrompt)-1, 1))
	p.clamp()
}

// SetOrigin records the screen cell where the picker's top-left corner is
// drawn, so that mouse events (in screen coordinates) find its rows.
func (p *picker) SetOrigin(x, y int) { p.originX, p.originY = x, y }

// setTheme switches to another theme (the terminal's background changed).
func (p *picker) setTheme(th *Theme) {
	if th == nil {
		return
	}
	p.th = th
	p.input.SetStyles(th.Input)
}

// Query returns the text of the filter box.
func (p picker) Query() string { return p.input.Value() }

// Len returns how many items the filter shows.
func (p picker) Len() int { return len(p.shown) }

// Current returns the item under the cursor; ok is false when the filter
// shows nothing.
func (p picker) Current() (it pickItem, ok bool) {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return pickItem{}, false
	}
	return p.items[p.shown[p.cursor]], true
}

// escAction says what esc does now, for the help bar.
func (p picker) escAction() string {
	if p.input.Value() != "" {
		return "clear filter"
	}
	return "close"
}

// helpKeys returns the bindings for the help bar, esc described by what it
// does now.
func (p picker) helpKeys() []key.Binding {
	k := p.keys
	k.Back.SetHelp(k.Back.Help().Key, p.escAction())
	return []key.Binding{k.Choose, k.Up, k.Down, k.Back}
}

// Update handles a message: movement and the mouse, enter and esc; every
// other key and pastes go to the filter box.
func (p picker) Update(msg tea.Msg) (picker, pickResult, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := &p.keys
		switch {
		case key.Matches(msg, k.Choose):
			return p, p.choose(), nil
		case key.Matches(msg, k.Back):
			if p.input.Value() == "" {
				return p, pickResult{Closed: true}, nil
			}
			p.input.Reset()
			p.refilter()
			return p, pickResult{}, nil
		}
		mv, ok := meaningOf(msg, []meaning[move]{
			{k.Up, moveUp}, {k.Down, moveDown}, {k.PageUp, movePageUp},
			{k.PageDown, movePageDown}, {k.Top, moveTop}, {k.Bottom, moveBottom},
		})
		if !ok {
			return p.edit(msg)
		}
		p.move(mv)
		return p, pickResult{}, nil
	case move: // the root may resolve movement itself
		p.move(msg)
		return p, pickResult{}, nil
	case tea.MouseWheelMsg:
		p.wheel(wheelDelta(msg), len(p.shown), p.rows())
		return p, pickResult{}, nil
	case tea.MouseClickMsg:
		res := p.click(msg.Mouse()) // moves the cursor: before p is returned
		return p, res, nil
	}
	// Pastes, and the box's own messages (the clipboard read of ctrl+v).
	return p.edit(msg)
}

// edit gives msg to the filter box and filters again if the query changed.
func (p picker) edit(msg tea.Msg) (picker, pickResult, tea.Cmd) {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.refilter()
	return p, pickResult{}, cmd
}

// choose returns the item under the cursor as chosen.
func (p picker) choose() pickResult {
	it, ok := p.Current()
	if !ok {
		return pickResult{}
	}
	return pickResult{Chosen: &it}
}

// click chooses the row under a left click and closes the picker on a click
// outside it.
func (p *picker) click(ev tea.Mouse) pickResult {
	if ev.Button != tea.MouseLeft {
		return pickResult{}
	}
	x, y := ev.X-p.originX, ev.Y-p.originY
	if x < 0 || y < 0 || x >= p.width || y >= p.height {
		return pickResult{Closed: true}
	}
	if x == 0 || x == p.width-1 {
		return pickResult{} // the border
	}
	if i := p.rowAt(y - 1); i >= 0 {
		p.cursor = i
		p.clamp()
		return p.choose()
	}
	return pickResult{}
}

// rowAt returns the index into shown of the row at inner line y, or -1.
func (p picker) rowAt(y int) int {
	return p.rowWindow.rowAt(y-p.rowsTop(), len(p.shown), p.rows())
}

func (p *picker) move(mv move) { p.rowWindow.move(mv, len(p.shown), p.rows()) }

func (p *picker) clamp() { p.rowWindow.clamp(len(p.shown), p.rows()) }

// rowsTop is the inner line of the first row: after the filter box and,
// when there is room for a row below it, a rule.
func (p picker) rowsTop() int {
	if p.height-2 >= 3 {
		return 2
	}
	return 1
}

// rows is how many item rows fit inside the border.
func (p picker) rows() int { return max(p.height-2-p.rowsTop(), 0) }

// refilter recomputes the shown rows when the folded query words changed,
// putting the cursor on the best match. A new slice is made every time, so
// copies of the picker (it is a value) never share a changing array.
func (p *picker) refilter() {
	words := strings.Fields(model.Fold(p.input.Value()))
	q := strings.Join(words, " ")
	if q == p.key {
		return
	}
	p.key = q
	p.cursor, p.offset = 0, 0
	if len(words) == 0 {
		p.shown = p.all
		return
	}
	starts := make([]string, len(words)) // " word": the word at a word start
	for i, w := range words {
		starts[i] = " " + w
	}
	var first, rest []int
	for i, f := range p.folded {
		switch pickRank(f, words, starts) {
		case 0:
			first = append(first, i)
		case 1:
			rest = append(rest, i)
		}
	}
	p.shown = append(first, rest...)
}

// pickRank ranks the folded label f (with a leading space) for the query
// words: 0 when every word starts a word of f, 1 when every word is in f
// but some only inside a word, -1 when a word is missing.
func pickRank(f string, words, starts []string) int {
	rank := 0
	for j, w := range words {
		if strings.Contains(f, starts[j]) {
			continue
		}
		if !strings.Contains(f, w) {
			return -1
		}
		rank = 1
	}
	return rank
}
