package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/model"
)

// tooSmall is shown instead of the panes under minWidth×minHeight.
const tooSmall = "Terminal too small (need 40x10)"

// View assembles the screen from state: header, panes (or an overlay) and
// the help bar. It does no IO and renders no Markdown.
func (m Model) View() tea.View {
	l := m.lay
	v := tea.NewView("")
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "newsline"
	if m.opts.Name != "" {
		v.WindowTitle += " — " + m.opts.Name
	}
	switch l.mode {
	case modeTooSmall:
		v.SetContent(tooSmallScreen(l.width, l.height))
		return v
	case modeNarrow, modeMedium, modeWide:
	}
	var body string
	switch m.overlay {
	case overlayHelp:
		body = m.help.View()
	case overlayProblems:
		body = m.problems.View()
	case overlayNone, overlayPicker:
		blocks := make([][]string, 0, 3)
		for _, p := range m.lay.shown(m.reading, m.focus) {
			blocks = append(blocks, m.paneLines(p))
		}
		body = joinColumns(blocks...)
		if m.overlay == overlayPicker {
			body = m.picker.over(body, l.bodyY)
		}
	}
	top := headerLine{
		name: m.opts.Name, flash: m.flash, problems: len(m.coll.Problems()), loadErr: m.loadErr,
		fetching: m.fetch.status(),
		progress: progressText(m.coll, loadState{
			preview:   m.first.on,
			total:     m.first.count(m.coll),
			loading:   m.loading,
			reloading: m.load.reloading(),
			indexed:   m.opts.Search != nil,
			scanning:  m.found.external(m.query.Search, m.list.searching()),
		}),
	}
	// The last line: the question when one is asked, else the help made
	// from the bindings enabled now (the picker's own while it is up).
	var bottom string
	switch {
	case m.question != nil:
		bottom = m.question.View(m.theme, m.keys, l.width)
	case m.overlay == overlayPicker:
		bottom = m.bar.of(m.picker.helpKeys(), l.width)
	default:
		bottom = m.bar.View(m.keys, l.width)
	}
	v.SetContent(top.View(m.theme, l.width) + "\n" + body + "\n" + bottom)
	return v
}

// tooSmallScreen is the short message shown instead of the panes.
func tooSmallScreen(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(ansi.Wordwrap(tooSmall, w, ""), "\n")
	for i := range lines {
		lines[i] = truncate(lines[i], w)
	}
	lines = lines[:min(len(lines), h)] // Place does not cut what is too tall
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}

// paneLines draws pane p, with what it shows of the root's state.
func (m Model) paneLines(p paneID) []string {
	focused := m.focus == p && m.overlay == overlayNone
	switch p {
	case paneTags:
		return m.tags.viewLines(sidebarView{focused: focused, query: m.query, smart: m.smart})
	case paneList:
		return m.list.viewLines(listView{
			focused: focused, coll: m.coll, query: m.query, smart: m.smart, loading: m.loading,
			rows: m.first.rows(), marks: m.marks.shown(), kept: m.marks.kept, counting: m.found.counting(),
		})
	case paneReader:
		return m.reader.viewLines(readerView{
			focused: focused, search: m.query.Search, pos: m.list.cursor + 1, total: len(m.list.ids), rows: m.first.rows(),
		})
	}
	return nil
}

// headerLine is the first line: app and collection name on the left; a
// flash message, load progress and problems on the right.
type headerLine struct {
	name, flash, progress string
	fetching              string // a fetch's progress (R)
	problems              int
	loadErr               error
}

// View draws the line w cells wide.
func (h headerLine) View(theme *Theme, w int) string {
	th := &theme.p
	left := th.app.on("newsline")
	if h.name != "" {
		left += th.status.on(" · ") + th.name.on(h.name)
	}
	var right []string
	// Flashes and the load error carry error text from outside (files,
	// the editor, the store): it passes the one sanitizer here.
	if h.flash != "" {
		right = append(right, th.flash.on(model.OneLine(h.flash)))
	}
	if h.fetching != "" {
		right = append(right, th.status.on(h.fetching))
	}
	right = append(right, th.status.on(h.progress))
	if h.problems > 0 {
		right = append(right, th.warn.on("⚠ "+pluralize(h.problems, "problem", "problems")+" (!)"))
	}
	if h.loadErr != nil {
		right = append(right, th.warn.on("⚠ load failed: "+model.OneLine(h.loadErr.Error())))
	}
	r := strings.Join(right, "  ")
	gap := w - width(left) - width(r) - 1
	if gap < 1 {
		return fit(left+"  "+r, w)
	}
	return fit(" "+left+spaces(gap)+r, w)
}

// loadState is what the header says of the load and the search.
type loadState struct {
	preview   bool // the first screen is up while the rest streams in
	total     int  // the articles of the whole collection, as far as known
	loading   bool
	reloading bool // the list stays as it was meanwhile
	indexed   bool // searching goes through the index (Options.Search)
	scanning  bool // the search goes through the index now
}

// progressText is the header's count of articles, with the progress of a
// load or of full-text indexing while one runs: on a warm start "Loading
// 4,096 / 100,000 articles" (the index's rows), then "100,000 articles ·
// checking 41,200 / 100,000 files"; on a first start "Indexing 41,200 /
// 100,000" (files read of those listed so far); "Loading… 1,234 articles"
// without an index; then "Indexing text 12,000 / 100,000" while search
// still scans the files the full-text index does not have.
func progressText(coll *model.Collection, s loadState) string {
	p := coll.Progress()
	articles := pluralize(s.total, "article", "articles")
	switch {
	case s.preview:
		return articles + " · loading the list…"
	case s.loading && s.reloading:
		return "Reloading… " + articles
	case s.loading && p.Known > 0 && p.Articles < p.Known && p.Files == 0:
		// A warm start: the index's rows stream in, their number known.
		return "Loading " + countText(p.Articles) + " / " + pluralize(p.Known, "article", "articles")
	case s.loading && p.Known > 0 && p.Found > 0:
		// Then the folders are checked against the index: nothing is
		// being indexed unless files changed.
		return articles + " · checking " + countText(p.Files) + " / " + countText(p.Found) + " files"
	case s.loading && p.Known > 0:
		return articles + " · checking the folders…"
	case s.loading && s.indexed && p.Found > 0:
		return "Indexing " + countText(p.Files) + " / " + countText(p.Found)
	case s.loading && s.indexed && p.Files == 0:
		return "Loading…" // nothing heard yet: warm or cold, no one knows
	case s.loading && s.indexed:
		return "Indexing " + countText(p.Files) + "…"
	case s.loading:
		return "Loading… " + articles
	case p.Indexing() && s.scanning:
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
