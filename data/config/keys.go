package config

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	toml "github.com/pelletier/go-toml/v2"
)

// KeyEntry is one action of the file's [keys] table, as written: the
// interface's key map knows the actions, their default keys and where they
// work, and checks the entries (cmd/newsline hands them over).
type KeyEntry struct {
	Action string   // the name after keys. in the file
	Keys   []string // its keys (a key given twice is kept once); empty: no key
	Line   int      // the line that sets it
}

// keys reads the [keys] table into Config.Keys, in the file's order. A
// value that is not a key or a list of keys is an error here; what the
// keys mean is the key map's to check.
func (l *loader) keys(m map[string]any) {
	for _, name := range slices.Sorted(maps.Keys(m)) {
		key := "keys." + name
		l.set(key)
		list, ok := keyList(m[name])
		if !ok {
			l.fail(key, fmt.Sprintf(`write %s = "x" or %s = ["x", "ctrl+x"]`, name, name),
				"wrong type: want a key or a list of keys, got %s", listType(m[name]))
			continue
		}
		l.cfg.Keys = append(l.cfg.Keys, KeyEntry{Action: name, Keys: list, Line: l.lines[key]})
	}
	// The file's order; an inline table's actions by name.
	slices.SortStableFunc(l.cfg.Keys, func(a, b KeyEntry) int { return cmp.Compare(a.Line, b.Line) })
}

// keyList returns the keys of a value: one string, or a list of strings,
// each kept once; never nil when ok.
func keyList(v any) (keys []string, ok bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		keys = []string{}
		for _, x := range v {
			s, isStr := x.(string)
			if !isStr {
				return nil, false
			}
			if !slices.Contains(keys, s) {
				keys = append(keys, s)
			}
		}
		return keys, true
	}
	return nil, false
}

// listType names the TOML type of a value that is not keys: "a list
// holding an integer" for a list with something else than strings.
func listType(v any) string {
	if list, ok := v.([]any); ok {
		for _, x := range list {
			if _, isStr := x.(string); !isStr {
				return "a list holding " + tomlType(x)
			}
		}
	}
	return tomlType(v)
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
