package ui

import (
	"strconv"
	"strings"

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

// openTagPicker opens the tag picker (T): every tag, most used first, with
// its count within the filter; enter filters by the chosen one.
func (m *Model) openTagPicker() tea.Cmd {
	tags := m.coll.Tags()
	if len(tags) == 0 {
		m.flash = "No tags in this collection"
		return nil
	}
	items := make([]pickItem, len(tags))
	for i, t := range tags {
		label := "#" + t.Name
		switch {
		case m.query.HasTag(t.Key):
			label = "● " + label
		case m.query.Excludes(t.Key):
			label = "-" + label
		}
		items[i] = pickItem{Label: label, Note: countText(m.tags.counts[t.Key]), Value: t.Key}
	}
	m.showPicker(pickTag, newPicker(m.theme, "Tags", "type a tag's name", items))
	return nil
}

// linksMsg brings the links of an article's body, for the link picker.
type linksMsg struct {
	id    model.ID
	links []string
	err   error
}

// openLinks reads the selected article's links off the event loop (L); the
// picker opens when they arrive.
func (m *Model) openLinks() tea.Cmd {
	a, ok := m.selectedArticle()
	if !ok {
		return nil
	}
	k := m.renderKey(a.ID)
	j := m.renderJob(k, a)
	return func() tea.Msg {
		body, err := j.readBody()
		if err != nil {
			return linksMsg{id: a.ID, err: err}
		}
		return linksMsg{id: a.ID, links: bodyLinks(Document{Article: j.article, Tags: j.tags, Body: body})}
	}
}

// handleLinks opens the link picker on the links of the selected article.
func (m *Model) handleLinks(msg linksMsg) {
	if id, ok := m.list.selected(); !ok || id != msg.id || m.overlay != overlayNone {
		return // the reader moved on meanwhile
	}
	switch {
	case msg.err != nil:
		m.flash = "Cannot read the article: " + msg.err.Error()
		return
	case len(msg.links) == 0:
		m.flash = "This article has no links"
		return
	}
	items := make([]pickItem, len(msg.links))
	for i, u := range msg.links {
		items[i] = pickItem{Label: u, Note: "[" + strconv.Itoa(i+1) + "]", Value: u}
	}
	m.showPicker(pickLink, newPicker(m.theme, "Links", "type to filter", items))
}

// showPicker puts a picker over the panes, centred, with the picker keys
// of the key map.
func (m *Model) showPicker(kind pickKind, p picker) {
	p.keys = m.keys.pickerKeys()
	m.picker, m.pickKind = p, kind
	m.overlay = overlayPicker
	m.sizePicker()
}

// sizePicker fits the picker to the pane area and centres it.
func (m *Model) sizePicker() {
	l := m.lay
	// As tall as the items need (border, filter and divider: 4 lines), at
	// least pickerMinHeight so that the box reads as one.
	rows := min(max(len(m.picker.items)+4, pickerMinHeight), pickerMaxHeight)
	w, h := min(l.width, pickerMaxWidth), min(l.bodyH, rows)
	m.picker.SetSize(w, h)
	m.picker.SetOrigin((l.width-w)/2, l.bodyY+(l.bodyH-h)/2)
}

// updatePicker gives the picker a message and acts on its result.
func (m *Model) updatePicker(msg tea.Msg) tea.Cmd {
	var res pickResult
	var cmd tea.Cmd
	m.picker, res, cmd = m.picker.Update(msg)
	if res.Closed {
		m.overlay = overlayNone
	}
	if res.Chosen == nil {
		return cmd
	}
	m.overlay = overlayNone
	v := res.Chosen.Value
	switch m.pickKind {
	case pickTag:
		m.pickTag(v)
	case pickLink:
		return tea.Batch(cmd, m.openLink(v))
	}
	return cmd
}

// pickTag filters by a tag chosen in the picker and puts the sidebar's
// cursor on it; a tag already in the filter (selected or left out) is
// taken out of it.
func (m *Model) pickTag(key string) {
	for i := m.tags.fixed(); i < m.tags.len(); i++ {
		if _, t := m.tags.entry(i); t.Key == key {
			m.tags.cursor = i
			m.tags.clamp()
			break
		}
	}
	m.toggleTag()
}

// openLink opens a link chosen in the picker: in the browser for http and
// https, else it only says what the link is.
func (m *Model) openLink(u string) tea.Cmd {
	switch {
	case !model.IsWebURL(u):
		m.flash = "Only http and https links are opened: " + u
		return nil
	case m.opts.OpenURL == nil:
		m.flash = "No browser to open " + u
		return nil
	}
	open := m.opts.OpenURL
	return func() tea.Msg { return openedMsg{url: u, err: open(u)} }
}

// overPanes draws the picker over the panes' lines.
func (m Model) overPanes(body string) string {
	lines := strings.Split(body, "\n")
	box := m.picker.viewLines()
	x, y := m.picker.originX, m.picker.originY-m.lay.bodyY
	for i, b := range box {
		if r := y + i; r >= 0 && r < len(lines) {
			bg := lines[r]
			lines[r] = ansi.Truncate(bg, x, "") + b + ansi.TruncateLeft(bg, x+width(b), "")
		}
	}
	return strings.Join(lines, "\n")
}
