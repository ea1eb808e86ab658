package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsline/newsline/model"
)

// Format writes cfg as a TOML configuration file that Load reads back to
// the same settings, each value followed by a comment saying where it came
// from (src). It is what `newsline config` prints, there with cfg.Keys
// holding every action of the key map.
func Format(cfg Config, src Sources) string {
	var b strings.Builder
	b.WriteString("# newsline: the effective configuration, and where each value came from\n")
	if cfg.File != "" {
		fmt.Fprintf(&b, "# file: %s\n", model.Filter(cfg.File, lineRule, ' '))
	} else {
		b.WriteString("# file: none (the defaults)\n")
	}
	line := func(key, value, from string) {
		fmt.Fprintf(&b, "%s = %s  # %s\n", key, value, model.Filter(from, lineRule, ' '))
	}
	b.WriteString("\n")
	pathsFrom := src.Of("paths")
	if len(cfg.Paths) == 0 && pathsFrom == SourceDefault {
		pathsFrom += ": the embedded demo collection"
	}
	line("paths", quoteList(cfg.Paths), pathsFrom)
	if cfg.Library != "" {
		line("library", quote(cfg.Library), src.Of("library"))
	} else {
		b.WriteString("# library: none (no data folder: set library to keep fetched articles)\n")
	}
	line("fetch_interval", quote(formatInterval(cfg.FetchInterval)), src.Of("fetch_interval"))
	line("theme", quote(cfg.Theme), src.Of("theme"))
	line("sort", quote(cfg.Sort.String()), src.Of("sort"))
	line("tag_match", quote(cfg.TagMatch), src.Of("tag_match"))
	line("mark_on_open", strconv.FormatBool(cfg.MarkOnOpen), src.Of("mark_on_open"))
	line("mark_on_scroll_end", strconv.FormatBool(cfg.MarkOnScrollEnd), src.Of("mark_on_scroll_end"))
	line("date_format", quote(cfg.DateFormat), src.Of("date_format"))
	b.WriteString("\n[layout]\n")
	line("wide", strconv.Itoa(cfg.Layout.Wide), src.Of("layout.wide"))
	line("medium", strconv.Itoa(cfg.Layout.Medium), src.Of("layout.medium"))
	line("sidebar", strconv.Itoa(cfg.Layout.Sidebar), src.Of("layout.sidebar"))
	line("list_min", strconv.Itoa(cfg.Layout.ListMin), src.Of("layout.list_min"))
	b.WriteString("\n[keys]\n")
	for _, e := range cfg.Keys {
		line(tomlKey(e.Action), quoteList(e.Keys), src.Of("keys."+e.Action))
	}
	return b.String()
}

// quote writes s as a TOML basic string; control characters are escaped,
// so the output is safe on a terminal.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case !model.Printable(r, lineRule):
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlKey writes a key of a table: bare when it can be, else quoted.
func tomlKey(k string) string {
	if k == "" || strings.ContainsFunc(k, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) {
		return quote(k)
	}
	return k
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
