package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpPane is the full help (?): every binding, in titled groups flowed
// into as many columns as fit, scrolled with the movement keys when they
// do not fit. It lists the bindings as the options give them, whatever
// the focus.
type helpPane struct {
	th     *Theme
	groups []helpGroup // every binding, enabled, in titled groups
	close  string      // "esc or ? to close", with the keys as bound
	width  int
	height int
	offset int // the first line shown
}

// newHelpPane keeps the groups of keys, not the key map: the root's model
// is copied at every message, and a KeyMap is kilobytes.
func newHelpPane(th *Theme, keys KeyMap) helpPane {
	return helpPane{th: th, groups: keys.groups(), close: closeHint(keys.Back, keys.Help)}
}

// SetSize sets the outer size of the pane, border included.
func (p *helpPane) SetSize(w, h int) { p.width, p.height = w, h }

// page is how many lines show inside the border.
func (p helpPane) page() int { return max(p.height-2, 1) }

// Update scrolls by the movement keys (root-resolved: j/k, pgup/pgdown,
// g/G … as bound).
func (p helpPane) Update(in keyIn) helpPane {
	if mv := in.keys.moveOf(in.key); mv != 0 {
		n := len(p.lines())
		// The offset moves as a cursor over the offsets that fill the page.
		p.offset = moveCursor(p.offset, max(n-p.page()+1, 1), p.page(), mv)
	}
	return p
}

// lines are the groups flowed into rows of columns that fit the width.
func (p helpPane) lines() []string {
	inner := p.width - 4
	hm := help.New()
	hm.Styles = p.th.Help
	var rows, row []string
	rowW := 0
	const gap = 4
	for _, g := range p.groups {
		c := p.th.TitleFocused.Render(g.title) + "\n" + hm.FullHelpView([][]key.Binding{g.bindings})
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
	lines := strings.Split(strings.Join(rows, "\n\n"), "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return lines
}

// View draws the help overlay: the lines from the offset (kept within
// them after a resize), and the position in the footer when they scroll.
func (p helpPane) View() string {
	lines := p.lines()
	page := p.page()
	top := min(p.offset, max(len(lines)-page, 0))
	footer := p.close
	if len(lines) > page {
		pct := 100 * top / (len(lines) - page)
		footer = strings.TrimSuffix(countText(pct)+"% · "+footer, " · ")
	}
	return box(p.th, p.width, p.height, true, "Help", footer, lines[top:])
}

// helpBar is the one-line help at the bottom, generated from the enabled
// bindings. Its lines are memoized on what they show (the enabled
// bindings' help and the width) in a map its copies share.
type helpBar struct {
	model help.Model
	memo  map[string]string
}

func newHelpBar() helpBar { return helpBar{model: help.New(), memo: map[string]string{}} }

// setTheme styles the bar.
func (b *helpBar) setTheme(th *Theme) { b.model.Styles = th.Help }

// View is the bar for the bindings of keys that are enabled now.
func (b helpBar) View(keys KeyMap, w int) string {
	var sig strings.Builder
	sig.WriteString(strconv.Itoa(w))
	for _, k := range keys.ShortHelp() {
		if k.Enabled() {
			sig.WriteString("\x00" + k.Help().Key + "\x01" + k.Help().Desc)
		}
	}
	if bar, ok := b.memo[sig.String()]; ok {
		return bar
	}
	bar := b.of(keys.ShortHelp(), w)
	if len(b.memo) > 64 {
		clear(b.memo)
	}
	b.memo[sig.String()] = bar
	return bar
}

// of is the bar for the given bindings, w cells wide.
func (b helpBar) of(bindings []key.Binding, w int) string {
	m := b.model
	m.SetWidth(w)
	return fit(" "+m.ShortHelpView(bindings), w)
}
