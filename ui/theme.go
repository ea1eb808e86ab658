package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"github.com/newsline/newsline/internal/glamourstyle"
)

// Theme is every style of the interface. NewTheme is the only place colours
// appear; PlainTheme uses attributes only (bold, faint, reverse) for NO_COLOR.
type Theme struct {
	Plain bool // no colour at all

	App    lipgloss.Style // the app name in the header
	Name   lipgloss.Style // the collection name
	Status lipgloss.Style // loading progress, article count
	Warn   lipgloss.Style // problems, errors
	Flash  lipgloss.Style // a one-off message after a key

	Border        lipgloss.Style // pane borders
	BorderFocused lipgloss.Style // the focused pane's border
	Title         lipgloss.Style // pane titles
	TitleFocused  lipgloss.Style // the focused pane's title
	Footer        lipgloss.Style // position, scroll percentage

	Cursor     lipgloss.Style // the selected row of the focused pane
	CursorBlur lipgloss.Style // the selected row of another pane
	Marker     lipgloss.Style // the ▌ before the selected row
	Check      lipgloss.Style // the mark of a selected tag
	Dim        lipgloss.Style // tags that would give nothing
	Count      lipgloss.Style // article counts in the sidebar
	Date       lipgloss.Style
	Reads      lipgloss.Style
	Tag        lipgloss.Style // tags in list rows
	Empty      lipgloss.Style // empty-state messages
	Muted      lipgloss.Style // placeholders ("Rendering…")

	Help  help.Styles
	Input textinput.Styles

	dates dateColumn // the list's dates (Appearance.DateFormat); zero: the default
	p     paints     // derived from the styles above by derive
}

// dateColumn returns how the list shows dates.
func (t *Theme) dateColumn() dateColumn {
	if t.dates.layout == "" {
		return defaultDateColumn
	}
	return t.dates
}

// formatDate returns t as the list's date column shows it, exactly as wide
// as the column.
func (t *Theme) formatDate(d time.Time) string { return t.dateColumn().format(d) }

// paint is a style reduced to the escape sequences around its text, so that
// the rows drawn every frame are coloured by concatenation rather than a
// Render call per cell. It suits styles without size, padding or borders.
type paint struct{ pre, post string }

func newPaint(s lipgloss.Style) paint {
	out := s.Render("X")
	pre, post, ok := strings.Cut(out, "X")
	if !ok {
		return paint{}
	}
	return paint{pre, post}
}

// on paints s.
func (p paint) on(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}

// paints are the styles used on every frame, precomputed.
type paints struct {
	border, borderFocused, title, titleFocused, footer paint
	cursor, cursorBlur, cursorDim, cursorBlurDim       paint
	marker, check, dim, count, date, reads, tag        paint
	empty, muted                                       paint
	app, name, status, warn, flash                     paint
}

// derive precomputes the paints from the styles.
func (t *Theme) derive() {
	t.p = paints{
		border: newPaint(t.Border), borderFocused: newPaint(t.BorderFocused),
		title: newPaint(t.Title), titleFocused: newPaint(t.TitleFocused), footer: newPaint(t.Footer),
		cursor: newPaint(t.Cursor), cursorBlur: newPaint(t.CursorBlur),
		cursorDim: newPaint(t.Cursor.Faint(true)), cursorBlurDim: newPaint(t.CursorBlur.Faint(true)),
		marker: newPaint(t.Marker), check: newPaint(t.Check), dim: newPaint(t.Dim), count: newPaint(t.Count),
		date: newPaint(t.Date), reads: newPaint(t.Reads), tag: newPaint(t.Tag),
		empty: newPaint(t.Empty), muted: newPaint(t.Muted),
		app: newPaint(t.App), name: newPaint(t.Name), status: newPaint(t.Status),
		warn: newPaint(t.Warn), flash: newPaint(t.Flash),
	}
}

// NewTheme returns the coloured theme for a dark or light background.
func NewTheme(isDark bool) Theme {
	ld := lipgloss.LightDark(isDark)
	var (
		accent  = ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#A28CFF"))
		accent2 = ld(lipgloss.Color("#00806B"), lipgloss.Color("#4FD6BE"))
		text    = ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E4E4EF"))
		subtle  = ld(lipgloss.Color("#6E6E80"), lipgloss.Color("#9A9AB0"))
		faint   = ld(lipgloss.Color("#B4B4C4"), lipgloss.Color("#4E4E60"))
		border  = ld(lipgloss.Color("#C8C8D6"), lipgloss.Color("#44445A"))
		selBg   = ld(lipgloss.Color("#E2DBFF"), lipgloss.Color("#3B3260"))
		blurBg  = ld(lipgloss.Color("#EDEDF3"), lipgloss.Color("#2A2A38"))
		warn    = ld(lipgloss.Color("#B35900"), lipgloss.Color("#FFB86C"))
	)
	s := lipgloss.NewStyle
	t := Theme{
		App:    s().Bold(true).Foreground(accent),
		Name:   s().Foreground(text),
		Status: s().Foreground(subtle),
		Warn:   s().Foreground(warn).Bold(true),
		Flash:  s().Foreground(accent2),

		Border:        s().Foreground(border),
		BorderFocused: s().Foreground(accent),
		Title:         s().Foreground(subtle).Bold(true),
		TitleFocused:  s().Foreground(accent).Bold(true),
		Footer:        s().Foreground(subtle),

		Cursor:     s().Foreground(text).Background(selBg).Bold(true),
		CursorBlur: s().Foreground(text).Background(blurBg),
		Marker:     s().Foreground(accent),
		Check:      s().Foreground(accent2).Bold(true),
		Dim:        s().Foreground(faint),
		Count:      s().Foreground(subtle),
		Date:       s().Foreground(subtle),
		Reads:      s().Foreground(accent2),
		Tag:        s().Foreground(accent),
		Empty:      s().Foreground(subtle),
		Muted:      s().Foreground(subtle).Italic(true),
	}
	t.Help = help.DefaultStyles(isDark)
	t.Input = textinput.DefaultStyles(isDark)
	t.Input.Focused.Prompt = s().Foreground(accent).Bold(true)
	t.Input.Cursor.Color = accent
	t.Input.Cursor.Blink = false // no timer: nothing ticks while idle
	t.derive()
	return t
}

// PlainTheme returns the theme without colour (NO_COLOR): the selected row
// is reverse video, the focused pane's title bold, unavailable tags faint.
func PlainTheme() Theme {
	s := lipgloss.NewStyle
	t := Theme{
		Plain:         true,
		App:           s().Bold(true),
		Warn:          s().Bold(true),
		TitleFocused:  s().Bold(true),
		Cursor:        s().Reverse(true),
		CursorBlur:    s().Bold(true),
		Check:         s().Bold(true),
		Dim:           s().Faint(true),
		Muted:         s().Faint(true),
		Name:          s(),
		Status:        s(),
		Flash:         s(),
		Border:        s(),
		BorderFocused: s(),
		Title:         s(),
		Footer:        s(),
		Marker:        s(),
		Count:         s(),
		Date:          s(),
		Reads:         s(),
		Tag:           s(),
		Empty:         s(),
	}
	t.Help = help.Styles{
		Ellipsis: s(), ShortKey: s().Bold(true), ShortDesc: s(), ShortSeparator: s(),
		FullKey: s().Bold(true), FullDesc: s(), FullSeparator: s(),
	}
	t.Input = textinput.Styles{
		Focused: textinput.StyleState{Text: s(), Placeholder: s().Faint(true), Suggestion: s().Faint(true), Prompt: s().Bold(true)},
		Blurred: textinput.StyleState{Text: s(), Placeholder: s().Faint(true), Suggestion: s().Faint(true), Prompt: s()},
		Cursor:  textinput.CursorStyle{Blink: false},
	}
	t.derive()
	return t
}

// renderStyle is the Renderer style that matches a theme: no colour
// wins, then a style file (custom), then the background.
func renderStyle(plain, dark, custom bool) RenderStyle {
	switch {
	case plain:
		return StylePlain
	case custom:
		return StyleCustom
	case dark:
		return StyleDark
	}
	return StyleLight
}

// codePalette is the colours of highlighted code, from NewTheme's palette:
// keywords in the accent, strings in the second accent, comments subtle,
// numbers in the warning colour, functions in a shade between, the rest in
// the text colour.
func codePalette(isDark bool) glamourstyle.CodePalette {
	if isDark {
		return glamourstyle.CodePalette{
			Text: "#E4E4EF", Comment: "#9A9AB0", Keyword: "#A28CFF", Function: "#7FB8FF",
			String: "#4FD6BE", Number: "#FFB86C", Operator: "#9A9AB0",
		}
	}
	return glamourstyle.CodePalette{
		Text: "#1F1F28", Comment: "#6E6E80", Keyword: "#5A3FC0", Function: "#1F5FAF",
		String: "#00806B", Number: "#B35900", Operator: "#6E6E80",
	}
}
