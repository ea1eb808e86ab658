package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsline/newsline/internal/errtext"
	"github.com/newsline/newsline/internal/glamourstyle"
	"github.com/newsline/newsline/model"
)

// loader applies a decoded file to a Config, collecting errors.
type loader struct {
	file  string
	dir   string // the file's folder, for relative paths
	lines map[string]int
	// entries are the lines of the entries of paths (pathLines).
	entries []int
	cfg     *Config
	src     Sources
	errs    []*Error
}

func (l *loader) fail(key, hint, format string, args ...any) {
	l.failAt(l.lines[key], key, hint, format, args...)
}

// failAt is fail at a line of the value rather than the key's.
func (l *loader) failAt(line int, key, hint, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = errtext.Clip(s)
		}
	}
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// set records where key's value came from.
func (l *loader) set(key string) {
	if n := l.lines[key]; n > 0 {
		l.src[key] = l.file + ":" + strconv.Itoa(n)
	} else {
		l.src[key] = l.file
	}
}

func (l *loader) apply(fc *fileConfig) {
	c := l.cfg
	if fc.Paths != nil {
		l.set("paths")
		c.pathsFrom = l.src["paths"]
		c.Paths, c.pathLines = nil, nil
		for i, p := range *fc.Paths {
			switch {
			case strings.TrimSpace(p) == "":
				l.failAt(l.pathLine(i), "paths", "remove it, or give a file or folder", "an empty path")
				continue
			case strings.ContainsRune(p, 0):
				l.failAt(l.pathLine(i), "paths", "remove it", "path %q holds a NUL character", p)
				continue
			}
			c.Paths = append(c.Paths, l.resolve(p))
			c.pathLines = append(c.pathLines, l.pathLine(i))
		}
	}
	if fc.Library != nil {
		l.set("library")
		l.library(*fc.Library)
	}
	if fc.Interval != nil {
		l.set("fetch_interval")
		l.fetchInterval(*fc.Interval)
	}
	if fc.Theme != nil {
		l.set("theme")
		l.theme(*fc.Theme)
	}
	if fc.Sort != nil {
		l.set("sort")
		s, err := model.ParseSort(*fc.Sort)
		if err != nil {
			l.fail("sort", "use newest, oldest, reads or title", "unknown sort %q", *fc.Sort)
		} else {
			c.Sort = s
		}
	}
	if fc.TagMatch != nil {
		l.set("tag_match")
		switch v := strings.ToLower(*fc.TagMatch); v {
		case TagMatchAll, TagMatchAny:
			c.TagMatch = v
		default:
			l.fail("tag_match", `use "all": articles with every selected tag, or "any": with at least one`, "%q is not all or any", *fc.TagMatch)
		}
	}
	if fc.MarkOnOpen != nil {
		l.set("mark_on_open")
		c.MarkOnOpen = *fc.MarkOnOpen
	}
	if fc.MarkOnEnd != nil {
		l.set("mark_on_scroll_end")
		c.MarkOnScrollEnd = *fc.MarkOnEnd
	}
	if fc.DateFormat != nil {
		l.set("date_format")
		l.dateFormat(*fc.DateFormat)
	}
	if fc.Layout != nil {
		l.layout(fc.Layout)
	}
	if fc.Keys != nil {
		l.keys(fc.Keys)
	}
}

const libraryHint = "give the folder newsline may write fetched articles into, or remove the line for the default"

// library checks the library's folder: a path without NUL, and not a file
// (a folder that does not exist yet is created when first needed).
func (l *loader) library(p string) {
	switch {
	case strings.TrimSpace(p) == "":
		l.fail("library", libraryHint, "an empty path")
		return
	case strings.ContainsRune(p, 0):
		l.fail("library", libraryHint, "path %q holds a NUL character", p)
		return
	}
	dir := l.resolve(p)
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		l.fail("library", libraryHint, "%s is a file, not a folder", dir)
		return
	}
	l.cfg.Library = dir
}

// pathLine is the line of the i-th entry of paths, else of paths.
func (l *loader) pathLine(i int) int {
	if i < len(l.entries) && l.entries[i] > 0 {
		return l.entries[i]
	}
	return l.lines["paths"]
}

// resolve makes a path from the file absolute: ~/ is the home folder, a
// relative path is relative to the file's folder.
func (l *loader) resolve(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(l.dir, p)
}

const themeHint = "use auto, dark, light, or the path of a Glamour JSON style file"

func (l *loader) theme(v string) {
	switch lv := strings.ToLower(v); lv {
	case ThemeAuto, ThemeDark, ThemeLight:
		l.cfg.Theme = lv
		return
	}
	if strings.TrimSpace(v) == "" || strings.ContainsRune(v, 0) {
		l.fail("theme", themeHint, "%q is not a theme", v)
		return
	}
	path := l.resolve(v)
	data, err := readLimited(path, maxStyleSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.fail("theme", themeHint, "%q is not auto, dark or light, and there is no style file %s", v, path)
		} else {
			l.fail("theme", themeHint, "cannot read style file %s: %s", path, unwrapPathError(err))
		}
		return
	}
	if _, err := glamourstyle.Parse(data); err != nil {
		l.fail("theme", themeHint, "style file %s is not a Glamour style: %v", path, err)
		return
	}
	l.cfg.Theme, l.cfg.Style = path, data
}

const dateHint = `use a Go time layout such as "2006-01-02" or "2 Jan 2006", or iso, us, eu, long or short`

func (l *loader) dateFormat(v string) {
	layout := v
	if named, ok := DateFormats[strings.ToLower(v)]; ok {
		layout = named
	}
	for _, r := range layout {
		if !model.Printable(r, model.VisibleOnly) {
			l.fail("date_format", dateHint, "%q holds a control or invisible character", v)
			return
		}
	}
	a := time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC).Format(layout)
	b := time.Date(2012, 11, 25, 0, 0, 0, 0, time.UTC).Format(layout)
	if a == b {
		l.fail("date_format", dateHint, "%q shows no date", v)
		return
	}
	if w := DateWidth(layout); w > MaxDateWidth {
		l.fail("date_format", dateHint, "%q is up to %d columns wide, more than %d", v, w, MaxDateWidth)
		return
	}
	l.cfg.DateFormat = layout
}

// DateWidth returns the most columns a date formatted with layout takes:
// every month (the longest names, September and Sep, among them) and every
// weekday, with two-digit days and hours. It is the width of the list's
// date column.
func DateWidth(layout string) int {
	w := 0
	for m := time.January; m <= time.December; m++ {
		for d := 22; d <= 28; d++ { // one week: every weekday
			t := time.Date(2026, m, d, 23, 59, 59, 999999999, time.UTC)
			w = max(w, ansi.StringWidth(t.Format(layout)))
		}
	}
	return w
}

func (l *loader) layout(fl *fileLayout) {
	c := l.cfg
	check := func(key string, v *int, dst *int, lo, hi int) {
		if v == nil {
			return
		}
		l.set(key)
		if *v < lo || *v > hi {
			l.fail(key, fmt.Sprintf("use a width from %d to %d columns", lo, hi), "%d is out of range", *v)
			return
		}
		*dst = *v
	}
	check("layout.sidebar", fl.Sidebar, &c.Layout.Sidebar, MinSidebar, MaxSidebar)
	check("layout.list_min", fl.ListMin, &c.Layout.ListMin, MinListMin, MaxListMin)
	before := len(l.errs)
	check("layout.wide", fl.Wide, &c.Layout.Wide, MinWidth, MaxWidth)
	check("layout.medium", fl.Medium, &c.Layout.Medium, MinWidth, MaxWidth)
	if len(l.errs) > before {
		return
	}
	if c.Layout.Wide < c.Layout.Medium {
		key := "layout.wide"
		if fl.Wide == nil {
			key = "layout.medium"
		}
		l.fail(key, "wide must be at least medium; equal widths skip the medium layout",
			"wide (%d) is below medium (%d)", c.Layout.Wide, c.Layout.Medium)
	}
}
