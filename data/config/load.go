package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/newsline/newsline/internal/glamourstyle"

	"github.com/newsline/newsline/model"
)

// Size limits: a configuration file is a few hundred bytes (and go-toml's
// check for duplicate keys is quadratic in the keys of a table); a Glamour
// style is a few kilobytes.
const (
	maxFileSize  = 64 << 10
	maxStyleSize = 1 << 20
)

// fileConfig is the file as TOML decodes it: a nil field was not set.
type fileConfig struct {
	Paths      *[]string      `toml:"paths"`
	Theme      *string        `toml:"theme"`
	Sort       *string        `toml:"sort"`
	TagMatch   *string        `toml:"tag_match"`
	MarkOnOpen *bool          `toml:"mark_on_open"`
	DateFormat *string        `toml:"date_format"`
	Layout     *fileLayout    `toml:"layout"`
	Keys       map[string]any `toml:"keys"`
}

type fileLayout struct {
	Wide   *int `toml:"wide"`
	Medium *int `toml:"medium"`
}

// expected describes each key's type and gives an example, for type errors.
var expected = map[string][2]string{
	"paths":         {"a list of strings", `write paths = ["~/news"]`},
	"theme":         {"a string", `write theme = "dark"`},
	"sort":          {"a string", `write sort = "newest"`},
	"tag_match":     {"a string", `write tag_match = "any"`},
	"mark_on_open":  {"true or false", `write mark_on_open = false`},
	"date_format":   {"a string", `write date_format = "2006-01-02"`},
	"layout":        {"a table", `write [layout] and wide = 120 on the next line`},
	"layout.wide":   {"a whole number", `write wide = 120`},
	"layout.medium": {"a whole number", `write medium = 80`},
	"keys":          {"a table of actions", `write [keys] and quit = ["q"] on the next line`},
}

// unreachable reports whether the folder cannot even be looked at.
func unreachable(dir string) bool {
	_, err := os.Stat(dir)
	return err != nil
}

// Load reads the configuration file at path over the defaults and checks
// it. An empty path means DefaultPath(). A missing file gives the defaults
// unless explicit (the path came from --config), when it is an error.
//
// Every error is an *Error, whose message is one line naming the file, the
// line and the key.
func Load(path string, explicit bool) (Config, Sources, error) {
	cfg, src := Default(), Sources{}
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			// No home folder: there is no file to read.
			return cfg, src, nil
		}
		path, explicit = p, false
	}
	data, err := readLimited(path, maxFileSize)
	if err != nil {
		// The default file may be missing, or out of reach (a folder of
		// another user's, when run as someone else with their $HOME).
		if !explicit && (errors.Is(err, fs.ErrNotExist) || unreachable(filepath.Dir(path))) {
			return cfg, src, nil
		}
		e := &Error{File: path, Err: err}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			e.Msg, e.Hint = "no such file", "check the path given with --config"
		case errors.Is(err, errTooLarge), errors.Is(err, errNotRegular), errors.Is(err, errFolder):
			e.Msg, e.Hint = err.Error(), "give the path of a TOML file"
		default:
			e.Msg, e.Hint = "cannot read it: "+unwrapPathError(err), "check the file's permissions"
		}
		return cfg, src, e
	}
	cfg.File = path
	cfg, src, err = parse(path, data)
	return cfg, src, err
}

var (
	errTooLarge   = errors.New("too large")
	errNotRegular = errors.New("not a regular file")
	errFolder     = errors.New("a folder, not a file")
)

// readLimited reads a regular file of at most limit bytes.
// A FIFO or a device is never opened (opening a FIFO blocks).
func readLimited(path string, limit int) ([]byte, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := regular(st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%w: over %d KiB", errTooLarge, limit>>10)
	}
	return data, nil
}

func regular(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return errFolder
	case !st.Mode().IsRegular():
		return errNotRegular
	}
	return nil
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// parse decodes and checks the file's content; file names it in errors
// and sources.
func parse(file string, data []byte) (Config, Sources, error) {
	cfg, src := Default(), Sources{}
	cfg.File = file
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var fc fileConfig
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return cfg, src, decodeError(file, err)
	}
	l := &loader{file: file, dir: absDir(file), lines: keyLines(data), cfg: &cfg, src: src}
	l.apply(&fc)
	if len(l.errs) > 0 {
		// One error: the first in the file.
		slices.SortStableFunc(l.errs, func(a, b *Error) int {
			return cmp.Compare(lineOrder(a.Line), lineOrder(b.Line))
		})
		return cfg, src, l.errs[0]
	}
	return cfg, src, nil
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	const limit = 100
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func lineOrder(n int) int {
	if n == 0 {
		return int(^uint(0) >> 1)
	}
	return n
}

func absDir(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.Dir(file)
	}
	return filepath.Dir(abs)
}

var mismatch = regexp.MustCompile(`cannot decode TOML ([a-z ]+?) into`)

// decodeError turns go-toml's errors into one *Error.
func decodeError(file string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		de := &strict.Errors[0]
		line, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		e := &Error{File: file, Line: line, Key: key, Msg: "unknown setting", Err: err}
		parts := de.Key()
		switch {
		case len(parts) > 1 && parts[0] == "layout":
			e.Hint = "layout has wide and medium"
			if n := nearest(parts[1], []string{"wide", "medium"}); n != "" {
				e.Hint = "did you mean layout." + n + "? " + e.Hint
			}
		default:
			e.Hint = "the settings are " + strings.Join(Settings, ", ")
			if len(parts) > 0 {
				if n := nearest(parts[len(parts)-1], Settings); n != "" {
					e.Hint = "did you mean " + n + "? " + e.Hint
				}
			}
		}
		return e
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		e := &Error{File: file, Line: line, Key: key, Msg: msg, Err: err}
		if m := mismatch.FindStringSubmatch(msg); m != nil {
			want := "another type"
			if x, ok := expected[key]; ok {
				want, e.Hint = x[0], x[1]
			}
			e.Msg = fmt.Sprintf("wrong type: want %s, got %s", want, m[1])
		} else if x, ok := expected[key]; ok {
			e.Hint = x[1]
		} else if key == "" {
			e.Hint = "the file is not valid TOML"
		}
		return e
	}
	return &Error{File: file, Msg: err.Error(), Err: err}
}

// keyLines maps every key of a valid document ("layout.wide", tables
// too) to the line it is set on.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	// Line starts, to find a node's line without rescanning the document.
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	line := func(n *unstable.Node) int {
		off := int(n.Raw.Offset)
		if off > len(data) {
			return 0
		}
		i, found := slices.BinarySearch(starts, off)
		if found {
			return i + 1
		}
		return i
	}
	record := func(prefix []string, it unstable.Iterator) []string {
		full := slices.Clone(prefix)
		for it.Next() {
			n := it.Node()
			full = append(full, string(n.Data))
			k := strings.Join(full, ".")
			if _, ok := lines[k]; !ok {
				lines[k] = line(n)
			}
		}
		return full
	}
	var kv func(prefix []string, n *unstable.Node)
	kv = func(prefix []string, n *unstable.Node) {
		full := record(prefix, n.Key())
		if v := n.Value(); v.Valid() && v.Kind == unstable.InlineTable {
			for c := v.Children(); c.Next(); {
				if c.Node().Kind == unstable.KeyValue {
					kv(full, c.Node())
				}
			}
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = record(nil, e.Key())
		case unstable.KeyValue:
			kv(table, e)
		}
	}
	return lines
}

// loader applies a decoded file to a Config, collecting errors.
type loader struct {
	file  string
	dir   string // the file's folder, for relative paths
	lines map[string]int
	cfg   *Config
	src   Sources
	errs  []*Error
}

func (l *loader) fail(key, hint, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clip(s)
		}
	}
	l.errs = append(l.errs, &Error{File: l.file, Line: l.lines[key], Key: key, Msg: fmt.Sprintf(format, args...), Hint: hint})
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
		c.Paths = nil
		for _, p := range *fc.Paths {
			switch {
			case strings.TrimSpace(p) == "":
				l.fail("paths", "remove it, or give a file or folder", "an empty path")
				continue
			case strings.ContainsRune(p, 0):
				l.fail("paths", "remove it", "path %q holds a NUL character", p)
				continue
			}
			c.Paths = append(c.Paths, l.resolve(p))
		}
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
	check := func(key string, v *int, dst *int) {
		if v == nil {
			return
		}
		l.set(key)
		if *v < MinWidth || *v > MaxWidth {
			l.fail(key, fmt.Sprintf("use a width from %d to %d columns", MinWidth, MaxWidth), "%d is out of range", *v)
			return
		}
		*dst = *v
	}
	before := len(l.errs)
	check("layout.wide", fl.Wide, &c.Layout.Wide)
	check("layout.medium", fl.Medium, &c.Layout.Medium)
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

func (l *loader) keys(m map[string]any) {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	fromFile := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		key := "keys." + name
		if _, ok := findAction(name); !ok {
			hint := "the README lists every action"
			if n := nearest(name, names); n != "" {
				hint = "did you mean " + n + "? " + hint
			}
			l.fail(key, hint, "unknown action")
			continue
		}
		l.set(key)
		var list []string
		switch v := m[name].(type) {
		case string:
			list = []string{v}
		case []any:
			var bad any
			for _, x := range v {
				s, isStr := x.(string)
				if !isStr {
					bad = x
					break
				}
				list = append(list, s)
			}
			if bad != nil {
				l.fail(key, fmt.Sprintf(`write %s = "x" or %s = ["x", "ctrl+x"]`, name, name), "wrong type: want a key or a list of keys, got a list holding %s", tomlType(bad))
				continue
			}
		default:
			l.fail(key, fmt.Sprintf(`write %s = "x" or %s = ["x", "ctrl+x"]`, name, name), "wrong type: want a key or a list of keys, got %s", tomlType(v))
			continue
		}
		bad := false
		var keys []string
		seen := map[string]bool{}
		for _, k := range list {
			if msg, hint := checkKey(k); msg != "" {
				l.fail(key, hint, "%s", msg)
				bad = true
				break
			}
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		if bad {
			continue
		}
		if keys == nil {
			keys = []string{}
		}
		l.cfg.Keys[name] = keys
		fromFile[name] = true
	}
	if len(l.errs) > 0 {
		return
	}
	keys := l.cfg.Keys
	// The search box takes typed text: its keys must not be text.
	for _, a := range actions {
		if !fromFile[a.name] || !slices.Contains(a.contexts, CtxSearch) {
			continue
		}
		for _, k := range keys[a.name] {
			if typesText(k) {
				l.fail("keys."+a.name, "use a named key such as enter or esc, or one with ctrl+ or alt+",
					"%q would be typed into the search box", k)
			}
		}
	}
	// There is always a way out.
	if len(keys["quit"]) == 0 && len(keys["interrupt"]) == 0 {
		l.fail(l.laterOf("quit", "interrupt", fromFile), "give quit or interrupt a key", "nothing would quit newsline")
	}
	if len(keys["accept"]) == 0 && len(keys["cancel"]) == 0 {
		l.fail(l.laterOf("accept", "cancel", fromFile), "give accept or cancel a key", "nothing would close the search box")
	}
	if c, ok := findConflict(keys); ok {
		// Name the remapped action; of two, the one set later in the file.
		at := l.laterOf(c.first, c.other, fromFile)
		other := c.first
		if at == "keys."+c.first {
			other = c.other
		}
		l.fail(at, "give one of them another key",
			"%q is also the key of %s in the %s", c.key, other, c.ctx)
	}
}

// laterOf returns the key ("keys.NAME") of whichever of actions a and b
// the file set, the later one if both.
func (l *loader) laterOf(a, b string, fromFile map[string]bool) string {
	switch {
	case fromFile[a] && fromFile[b]:
		if l.lines["keys."+b] >= l.lines["keys."+a] {
			return "keys." + b
		}
		return "keys." + a
	case fromFile[a]:
		return "keys." + a
	}
	return "keys." + b
}

// tomlType names the TOML type of a decoded value.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64, int, uint64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return "a date or time"
	}
	return "another type"
}
