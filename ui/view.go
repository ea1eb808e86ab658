package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// tooSmall is shown instead of the panes under minWidth×minHeight.
const tooSmall = "Terminal too small (need 40x10)"

// View assembles the screen from state: header, panes (or an overlay) and
// the help bar. It does no IO and renders no Markdown.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "newsline"
	if m.opts.Name != "" {
		v.WindowTitle += " — " + m.opts.Name
	}
	return v
}

func (m Model) screen() string {
	l := m.lay
	switch l.mode {
	case modeTooSmall:
		if l.width <= 0 || l.height <= 0 {
			return ""
		}
		lines := strings.Split(ansi.Wordwrap(tooSmall, l.width, ""), "\n")
		for i := range lines {
			lines[i] = truncate(lines[i], l.width)
		}
		lines = lines[:min(len(lines), l.height)] // Place does not cut what is too tall
		return lipgloss.Place(l.width, l.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
	case modeNarrow, modeMedium, modeWide:
	}
	var body string
	switch m.overlay {
	case overlayHelp:
		body = m.helpView()
	case overlayProblems:
		body = m.problems.View()
	case overlayNone, overlayPicker:
		blocks := make([][]string, 0, 3)
		for _, p := range m.shown() {
			blocks = append(blocks, m.paneLines(p))
		}
		body = joinColumns(blocks...)
		if m.overlay == overlayPicker {
			body = m.overPanes(body)
		}
	}
	return m.header() + "\n" + body + "\n" + m.helpBar()
}

func (m Model) paneLines(p paneID) []string {
	switch p {
	case paneTags:
		return m.tags.viewLines()
	case paneList:
		list := m.list
		if m.searching {
			list.input = m.input.View()
		}
		return list.viewLines()
	case paneReader:
		return m.reader.viewLines()
	}
	return nil
}

// helpBar is the one-line help generated from the enabled bindings. It is
// memoized on what it shows: the enabled bindings' help and the width.
func (m Model) helpBar() string {
	if m.question != nil {
		return m.questionBar()
	}
	if m.overlay == overlayPicker {
		return fit(" "+m.help.ShortHelpView(m.picker.helpKeys()), m.lay.width)
	}
	var sig strings.Builder
	sig.WriteString(strconv.Itoa(m.lay.width))
	for _, b := range m.keys.ShortHelp() {
		if b.Enabled() {
			sig.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
		}
	}
	if bar, ok := m.memo.helpBar[sig.String()]; ok {
		return bar
	}
	bar := fit(" "+m.help.ShortHelpView(m.keys.ShortHelp()), m.lay.width)
	if len(m.memo.helpBar) > 64 {
		clear(m.memo.helpBar)
	}
	m.memo.helpBar[sig.String()] = bar
	return bar
}

// header is the first line: app and collection name on the left; a flash
// message, load progress and problems on the right.
func (m Model) header() string {
	th := &m.theme.p
	left := th.app.on("newsline")
	if m.opts.Name != "" {
		left += th.status.on(" · ") + th.name.on(m.opts.Name)
	}
	var right []string
	if m.flash != "" {
		right = append(right, th.flash.on(m.flash))
	}
	right = append(right, th.status.on(m.progressText()))
	if p := len(m.coll.Problems()); p > 0 {
		right = append(right, th.warn.on("⚠ "+pluralize(p, "problem", "problems")+" (!)"))
	}
	if m.loadErr != nil {
		right = append(right, th.warn.on("⚠ load failed: "+m.loadErr.Error()))
	}
	r := strings.Join(right, "  ")
	w := m.lay.width
	gap := w - width(left) - width(r) - 1
	if gap < 1 {
		return fit(left+"  "+r, w)
	}
	return fit(" "+left+spaces(gap)+r, w)
}

// progressText is the header's count of articles, with the progress of a
// load or of full-text indexing while one runs: "Indexing 41,200 /
// 100,000" (files read of those listed so far) while an index is built, "Loading… 1,234 articles"
// without one, then "Indexing text 12,000 / 100,000" while search still
// scans the files the full-text index does not have.
func (m Model) progressText() string {
	p := m.coll.Progress()
	articles := pluralize(m.coll.Len(), "article", "articles")
	switch {
	case m.loading && m.load.seen != nil: // the list stays as it was meanwhile
		return "Reloading… " + articles
	case m.loading && m.opts.Search != nil && p.Found > 0:
		return "Indexing " + countText(p.Files) + " / " + countText(p.Found)
	case m.loading && m.opts.Search != nil:
		return "Indexing " + countText(p.Files) + "…"
	case m.loading:
		return "Loading… " + articles
	case p.Indexing() && m.external(m.query.Search):
		return articles + " · text " + percent(p.Indexed, p.ToIndex) + " indexed: search scans files"
	case p.Indexing():
		return articles + " · Indexing text " + countText(p.Indexed) + " / " + countText(p.ToIndex)
	}
	return articles
}

// percent is n of total as a whole percentage, never 100% before the end.
func percent(n, total int) string {
	pc := 100 * n / max(total, 1)
	if n < total {
		pc = min(pc, 99)
	}
	return strconv.Itoa(pc) + "%"
}

// helpView is the full help: every binding, in titled groups flowed into
// as many columns as fit.
func (m Model) helpView() string {
	l := m.lay
	inner := l.width - 4
	hm := help.New()
	hm.Styles = m.theme.Help
	all := m.opts.keyMap() // every binding, whatever the focus
	var cols []string
	for _, g := range all.groups() {
		body := hm.FullHelpView([][]key.Binding{g.bindings})
		cols = append(cols, m.theme.TitleFocused.Render(g.title)+"\n"+body)
	}
	var rows []string
	var row []string
	rowW := 0
	const gap = 4
	for _, c := range cols {
		cw := lipgloss.Width(c)
		if len(row) > 0 && rowW+gap+cw > inner {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			row = append(row, spaces(gap))
			rowW += gap
		}
		row = append(row, c)
		rowW += cw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	text := strings.Join(rows, "\n\n")
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return box(m.theme, l.width, l.bodyH, true, "Help", closeHint(all.Back, all.Help), lines)
}
