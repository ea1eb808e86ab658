package ui

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	glamouransi "charm.land/glamour/v2/ansi"

	"github.com/newsline/newsline/internal/glamourstyle"
	"github.com/newsline/newsline/model"
)

// Appearance is how the program looks, from the configuration. The zero
// value is the default look.
type Appearance struct {
	// Theme is "auto" (follow the terminal's background), "dark" or
	// "light"; "" means auto.
	Theme string
	// Style is a Glamour JSON style for articles (a style file's
	// contents); nil means newsline's own styles.
	Style []byte
	// DateFormat is the Go time layout of the list's dates; "" means
	// "2006-01-02".
	DateFormat string
	// DateWidth is the most columns a date in DateFormat takes (cmd
	// measures it where the configuration checks the format); the list's
	// date column is that wide, at most maxDateWidth. 0 with a DateFormat
	// means maxDateWidth.
	DateWidth int
	// Wide and Medium are the smallest widths with three panes side by
	// side and with the sidebar next to the list; 0 means 120 and 80.
	Wide, Medium int
	// Sidebar is the most columns the sidebar takes (it is as wide as
	// its names and counts need, up to this); ListMin is the least the
	// list keeps beside it and the reader. 0 means 32 and 52.
	Sidebar, ListMin int
}

// The themes of Appearance.Theme.
const (
	ThemeAuto  = "auto"
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// fixedTheme reports whether the theme ignores the terminal's background,
// and if so whether it is the dark one.
func (a Appearance) fixedTheme() (dark, fixed bool) {
	switch strings.ToLower(a.Theme) {
	case ThemeDark:
		return true, true
	case ThemeLight:
		return false, true
	}
	return false, false
}

// breakpoints are the widths where the layout changes.
type breakpoints struct {
	wide   int // the smallest width with all three panes side by side
	medium int // the smallest width with the sidebar next to the list
}

// defaultBreakpoints are the breakpoints when the configuration sets none.
var defaultBreakpoints = breakpoints{wide: 120, medium: 80}

// breakpoints returns the layout breakpoints: a zero or negative one is the
// default; a medium above wide is wide (no medium layout).
func (a Appearance) breakpoints() breakpoints {
	bp := defaultBreakpoints
	if a.Wide > 0 {
		bp.wide = a.Wide
	}
	if a.Medium > 0 {
		bp.medium = a.Medium
	}
	bp.medium = min(bp.medium, bp.wide)
	return bp
}

// The default widths of Appearance.Sidebar and ListMin.
const (
	defaultSidebarMax = 32
	defaultListMin    = 52
)

// layoutSpec is the configuration's part of the layout: the breakpoints
// and the widths (a zero or negative width is the default).
func (a Appearance) layoutSpec() layoutSpec {
	s := layoutSpec{bp: a.breakpoints(), sidebarMax: defaultSidebarMax, listMin: defaultListMin}
	if a.Sidebar > 0 {
		s.sidebarMax = a.Sidebar
	}
	if a.ListMin > 0 {
		s.listMin = a.ListMin
	}
	return s
}

// Date column.
const (
	defaultDateLayout = "2006-01-02"
	// maxDateWidth bounds the list's date column whatever the layout (the
	// configuration refuses wider formats); longer dates are cut.
	maxDateWidth = 20
)

// dateColumn is how the list shows dates: the layout and the width of the
// column, the most columns the layout produces.
type dateColumn struct {
	layout string
	width  int
}

var defaultDateColumn = dateColumn{layout: defaultDateLayout, width: dateWidth}

// newDateColumn returns the date column of a Go time layout whose dates
// are up to width columns wide. The layout loses its control and invisible
// characters (a date cell holds text only: model.VisibleOnly) and invalid
// UTF-8; one that is then empty is the default.
func newDateColumn(layout string, width int) dateColumn {
	layout = strings.Map(func(r rune) rune { // invalid bytes arrive as utf8.RuneError
		if r == utf8.RuneError || !model.Printable(r, model.VisibleOnly) {
			return -1
		}
		return r
	}, layout)
	if strings.TrimSpace(layout) == "" || layout == defaultDateLayout {
		return defaultDateColumn
	}
	if width <= 0 {
		width = maxDateWidth
	}
	return dateColumn{layout: layout, width: min(width, maxDateWidth)}
}

// format returns t in the column's layout, exactly as wide as the column.
func (c dateColumn) format(t time.Time) string { return fit(t.Format(c.layout), c.width) }

// customStyle returns the renderer's copy of a parsed style, made safe to
// render hostile text with (see safeStyle).
func customStyle(c glamouransi.StyleConfig) (*glamouransi.StyleConfig, error) {
	// A deep copy: sanitizing writes through the style's pointers.
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var cp glamouransi.StyleConfig
	if err := json.Unmarshal(data, &cp); err != nil {
		return nil, err
	}
	safeStyle(&cp)
	return &cp, nil
}

// safeStyle keeps a style file from undoing the reader's terminal safety:
//
//   - its texts (prefixes, suffixes, formats, table separators, task
//     marks) lose what model.Printable refuses in text with lines (every
//     control character but newline, and bidi controls), so the style
//     prints no escape sequence of its own;
//   - a format is a template: only ones whose sole action is {{.text}} are
//     kept, so no template cuts a hyperlink's escape sequence in two or
//     drops the text of the token while keeping its link;
//   - links and images always show their destination: their formats must
//     print {{.text}}, and they change letter case as the text around them
//     does (a link's text and its address are then written the same way).
func safeStyle(c *glamouransi.StyleConfig) {
	sanitizeStyleValue(reflect.ValueOf(c).Elem(), "")
	for _, p := range []*glamouransi.StylePrimitive{&c.Link, &c.LinkText, &c.Image, &c.ImageText} {
		if !strings.Contains(p.Format, "{{.text}}") {
			p.Format = ""
		}
		p.Upper, p.Lower, p.Title = nil, nil, nil
	}
}

// sanitizeStyleValue cleans every string reachable from v, the value of
// a field named name.
func sanitizeStyleValue(v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.String:
		s := model.Filter(v.String(), model.KeepNewline, -1)
		if name == "Format" && strings.Count(strings.ReplaceAll(s, "{{.text}}", ""), "{{") > 0 {
			s = ""
		}
		if s != v.String() {
			v.SetString(s)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			sanitizeStyleValue(v.Elem(), name)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				sanitizeStyleValue(v.Field(i), f.Name)
			}
		}
	default:
	}
}

// ApplyStyle gives r the style file of Appearance.Style; nothing without
// one. The error says why a style cannot be used.
func (a Appearance) ApplyStyle(r *Renderer) error {
	if len(a.Style) == 0 {
		return nil
	}
	c, err := glamourstyle.Parse(a.Style)
	if err != nil {
		return err
	}
	return r.SetCustomStyle(c)
}

// ArticleStyle is how articles are rendered in colour with r (after
// ApplyStyle): in the style file, else in the fixed theme, else for the
// background dark reports (asked only then), as the reader does.
func (a Appearance) ArticleStyle(r *Renderer, dark func() bool) RenderStyle {
	d, fixed := a.fixedTheme()
	if !fixed && !r.hasCustom() {
		d = dark()
	}
	return renderStyle(false, d, r.hasCustom())
}
