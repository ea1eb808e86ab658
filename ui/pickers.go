package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// pickKind is what the open picker chooses.
type pickKind uint8

const (
	pickTag  pickKind = iota + 1 // T: a tag to filter by
	pickLink                     // L: a link of the article to open
)

// Picker box size: wide enough for a long address, never the whole screen.
const (
	pickerMaxWidth  = 76
	pickerMaxHeight = 24
	pickerMinHeight = 8
)

// pickerPane is an open picker over the panes: the tag picker (T) or the
// link picker (L). What is chosen comes back as tagPicked or linkPicked,
// closing it as pickerClosed.
type pickerPane struct {
	picker
	kind pickKind
	// canSave: the link picker's save key (ctrl+s) saves the chosen
	// link's page (Options.SavePage), as linkSaveAsked.
	canSave bool
}

// newTagPicker is the tag picker (T): every tag, most used first, with its
// count within the filter (counts); enter filters by the chosen one. ok is
// false when there is no tag to pick.
func newTagPicker(th *Theme, tags []model.Tag, q model.Query, counts map[string]int) (_ pickerPane, ok bool) {
	if len(tags) == 0 {
		return pickerPane{}, false
	}
	items := make([]pickItem, len(tags))
	for i, t := range tags {
		label := "#" + t.Name
		switch {
		case q.HasTag(t.Key):
			label = "● " + label
		case q.Excludes(t.Key):
			label = "-" + label
		}
		items[i] = pickItem{Label: label, Note: countText(counts[t.Key]), Value: t.Key}
	}
	return pickerPane{kind: pickTag, picker: newPicker(th, "Tags", "type a tag's name", items)}, true
}

// linksMsg brings the links of an article's body, for the link picker.
type linksMsg struct {
	id    model.ID
	links []string
	err   error
}

// linksCmd reads the links of the article of j off the event loop (L); the
// picker opens when they arrive.
func linksCmd(j renderJob) tea.Cmd {
	return func() tea.Msg {
		body, err := j.readBody()
		if err != nil {
			return linksMsg{id: j.article.ID, err: err}
		}
		return linksMsg{id: j.article.ID, links: bodyLinks(Document{Article: j.article, Tags: j.tags, Body: body})}
	}
}

// newLinkPicker is the link picker on the links msg brought, numbered as
// the reader numbers them, whose save key works when canSave; or, when
// there is nothing to pick, why.
func newLinkPicker(th *Theme, msg linksMsg, canSave bool) (_ pickerPane, why string) {
	switch {
	case msg.err != nil:
		return pickerPane{}, "Cannot read the article: " + msg.err.Error()
	case len(msg.links) == 0:
		return pickerPane{}, "This article has no links"
	}
	items := make([]pickItem, len(msg.links))
	for i, u := range msg.links {
		items[i] = pickItem{Label: u, Note: "[" + strconv.Itoa(i+1) + "]", Value: u}
	}
	return pickerPane{kind: pickLink, picker: newPicker(th, "Links", "type to filter", items), canSave: canSave}, ""
}

// opened is the picker put over the panes of layout l, with the picker
// keys of the key map.
func (p pickerPane) opened(l layout, keys KeyMap) pickerPane {
	p.keys = keys.pickerKeys()
	p.place(l)
	return p
}

// place fits the picker to the pane area of layout l and centres it.
func (p *pickerPane) place(l layout) {
	// As tall as the items need (border, filter and divider: 4 lines), at
	// least pickerMinHeight so that the box reads as one.
	rows := min(max(len(p.items)+4, pickerMinHeight), pickerMaxHeight)
	w, h := min(l.width, pickerMaxWidth), min(l.bodyH, rows)
	p.SetSize(w, h)
	p.SetOrigin((l.width-w)/2, l.bodyY+(l.bodyH-h)/2)
}

// Update gives the picker a key, a paste or the mouse; what it chose, or
// its closing, comes back as an intent. In the link picker, the save key
// asks to save the link under the cursor (linkSaveAsked) and leaves the
// picker open, so that more links can be saved.
func (p pickerPane) Update(msg tea.Msg) (pickerPane, tea.Msg, tea.Cmd) {
	if in, ok := msg.(keyIn); ok {
		msg = in.key // the picker reads its own keys
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && p.kind == pickLink && p.canSave && key.Matches(k, p.keys.Save) {
		it, _ := p.Current() // none when the filter shows no link: savePage says so
		return p, linkSaveAsked{it.Value}, nil
	}
	var res pickResult
	var cmd tea.Cmd
	p.picker, res, cmd = p.picker.Update(msg)
	switch {
	case res.Chosen != nil && p.kind == pickTag:
		return p, tagPicked{res.Chosen.Value}, cmd
	case res.Chosen != nil && p.kind == pickLink:
		return p, linkPicked{res.Chosen.Value}, cmd
	case res.Chosen != nil, res.Closed:
		return p, pickerClosed{}, cmd
	}
	return p, nil, cmd
}

// helpKeys returns the bindings for the help bar: the picker's, and the
// save key in a link picker that saves.
func (p pickerPane) helpKeys() []key.Binding {
	keys := p.picker.helpKeys()
	if p.kind == pickLink && p.canSave {
		keys = slices.Insert(keys, 1, p.keys.Save) // after enter's
	}
	return keys
}

// over draws the picker over the panes' lines (body, whose first line is
// the screen's line bodyY).
func (p pickerPane) over(body string, bodyY int) string {
	lines := strings.Split(body, "\n")
	box := p.viewLines()
	x, y := p.originX, p.originY-bodyY
	for i, b := range box {
		if r := y + i; r >= 0 && r < len(lines) {
			lines[r] = overLine(lines[r], b, x)
		}
	}
	return strings.Join(lines, "\n")
}

// overLine puts b over line bg from column x, the cells of bg on either
// side staying where they were: a wide character that an edge of b cuts
// in two gives way to a space, so that the box's sides stay straight.
func overLine(bg, b string, x int) string {
	left := ansi.Truncate(bg, x, "")
	left += spaces(x - width(left))
	end := x + width(b)
	room := width(bg) - end // the cells of bg right of b
	if room <= 0 {
		return left + b
	}
	// A character cut in two by the cut at end is kept whole by
	// TruncateLeft; one more cell drops it.
	right := ansi.TruncateLeft(bg, end, "")
	if width(right) > room {
		right = ansi.TruncateLeft(bg, end+1, "")
	}
	return left + b + spaces(room-width(right)) + right
}

// openLinkCmd opens a link chosen in the picker with open (Options.OpenURL):
// in the browser for http and https, else it only says what the link is
// (why).
func openLinkCmd(u string, open func(string) error) (_ tea.Cmd, why string) {
	switch {
	case !model.IsWebURL(u):
		return nil, "Only http and https links are opened: " + u
	case open == nil:
		return nil, "No browser to open " + u
	}
	return func() tea.Msg { return openedMsg{url: u, err: open(u)} }, ""
}
