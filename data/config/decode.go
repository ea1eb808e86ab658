package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/newsline/newsline/internal/errtext"
)

// fileConfig is the file as TOML decodes it: a nil field was not set.
type fileConfig struct {
	Paths      *[]string      `toml:"paths"`
	Library    *string        `toml:"library"`
	Interval   *string        `toml:"fetch_interval"`
	Theme      *string        `toml:"theme"`
	Sort       *string        `toml:"sort"`
	TagMatch   *string        `toml:"tag_match"`
	MarkOnOpen *bool          `toml:"mark_on_open"`
	MarkOnEnd  *bool          `toml:"mark_on_scroll_end"`
	DateFormat *string        `toml:"date_format"`
	Layout     *fileLayout    `toml:"layout"`
	Keys       map[string]any `toml:"keys"`
}

type fileLayout struct {
	Wide    *int `toml:"wide"`
	Medium  *int `toml:"medium"`
	Sidebar *int `toml:"sidebar"`
	ListMin *int `toml:"list_min"`
}

// expected describes each key's type and gives an example, for type errors.
var expected = map[string][2]string{
	"paths":              {"a list of strings", `write paths = ["~/news"]`},
	"library":            {"a string", `write library = "~/news/library"`},
	"fetch_interval":     {"a string", `write fetch_interval = "30m"`},
	"theme":              {"a string", `write theme = "dark"`},
	"sort":               {"a string", `write sort = "newest"`},
	"tag_match":          {"a string", `write tag_match = "any"`},
	"mark_on_open":       {"true or false", `write mark_on_open = false`},
	"date_format":        {"a string", `write date_format = "2006-01-02"`},
	"layout":             {"a table", `write [layout] and wide = 120 on the next line`},
	"layout.wide":        {"a whole number", `write wide = 120`},
	"layout.medium":      {"a whole number", `write medium = 80`},
	"layout.sidebar":     {"a whole number", `write sidebar = 32`},
	"layout.list_min":    {"a whole number", `write list_min = 52`},
	"keys":               {"a table of actions", `write [keys] and quit = ["q"] on the next line`},
	"mark_on_scroll_end": {"true or false", `write mark_on_scroll_end = true`},
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
			e.Hint = "layout has wide, medium, sidebar and list_min"
			if n := errtext.Nearest(parts[1], []string{"wide", "medium", "sidebar", "list_min"}); n != "" {
				e.Hint = "did you mean layout." + n + "? " + e.Hint
			}
		default:
			e.Hint = "the settings are " + strings.Join(Settings, ", ")
			if len(parts) > 0 {
				if n := errtext.Nearest(parts[len(parts)-1], Settings); n != "" {
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
	line := nodeLines(data)
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

// nodeLines returns the function that gives the line of a node of data
// (0 when unknown), which finds it without rescanning the document.
func nodeLines(data []byte) func(*unstable.Node) int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(n *unstable.Node) int {
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
}

// pathLines returns the line of each entry of the top-level paths list of
// a valid document (nil when it has none), so that an error about one
// path names its own line.
func pathLines(data []byte) []int {
	var p unstable.Parser
	p.Reset(data)
	line := nodeLines(data)
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			return nil // paths is a top-level setting
		}
		if e.Kind != unstable.KeyValue {
			continue
		}
		k := e.Key()
		if !k.Next() || string(k.Node().Data) != "paths" || k.Next() {
			continue
		}
		var lines []int
		if v := e.Value(); v.Kind == unstable.Array {
			for c := v.Children(); c.Next(); {
				lines = append(lines, line(c.Node()))
			}
		}
		return lines
	}
	return nil
}
