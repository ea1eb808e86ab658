// Package config reads newsline's configuration file, a TOML file at
// $XDG_CONFIG_HOME/newsline/config.toml (or the file given with --config):
// collection paths, theme, key bindings, default sort, tag matching,
// mark-on-open, date format and layout breakpoints.
//
// Every setting has a default (Default); Load reads a file over the
// defaults, checks every value, and says where each one came from
// (Sources). An invalid file is one *Error naming the file, the line and
// the key.
//
// The package knows nothing of the interface: the [keys] table is read as
// written, each action with its keys and line (KeyEntry). The interface's
// key map knows the actions and their defaults and checks the entries;
// cmd/newsline hands them over and reports what it finds as an *Error of
// this file, and turns a Config into the interface's options.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/newsline/newsline/internal/xdg"
	"github.com/newsline/newsline/model"
)

// Config is every setting, after Load has checked it.
type Config struct {
	// File is the configuration file the settings were read from; "" when
	// none was read (no file at the default place).
	File string

	// Paths are the collection's files and folders, absolute (a leading ~/
	// is the home folder, a relative path is relative to the file's
	// folder). Empty: none (then $NEWSLINE_DIR or the demo); see
	// ResolvePaths for the order of precedence.
	Paths []string

	// Library is the folder newsline writes fetched items into, absolute
	// (~/ and relative paths as in Paths); DefaultLibrary when the file
	// does not set it, "" when there is no data folder. Read with Paths
	// when it exists (see ResolvePaths).
	Library string

	// FetchInterval is how often the reader fetches the feeds in the
	// background (fetch_interval): at least MinFetchInterval, 0 for never.
	FetchInterval time.Duration

	// Theme is ThemeAuto, ThemeDark, ThemeLight, or the absolute path of a
	// Glamour JSON style file (the interface then follows the terminal's
	// background, as with auto).
	Theme string
	// Style is the contents of the style file when Theme is one, read and
	// checked by Load (at most 1 MiB, a Glamour JSON style).
	Style []byte

	// Sort is the order the article list starts in.
	Sort model.Sort

	// TagMatch is how several selected tags filter: TagMatchAll or
	// TagMatchAny.
	TagMatch string

	// MarkOnOpen marks an article read when it is opened.
	MarkOnOpen bool
	// MarkOnScrollEnd marks an article read once the reader, with the
	// focus, has shown its end.
	MarkOnScrollEnd bool

	// DateFormat is the Go time layout of dates in the article list (the
	// names in DateFormats are resolved to their layout).
	DateFormat string

	// Layout holds the widths at which the layout changes.
	Layout Layout

	// Keys are the actions the file's [keys] table sets, in the file's
	// order, with their keys as written ("q", "ctrl+c", "shift+tab",
	// "pgdown"): not checked here, see KeyEntry. The actions the file
	// does not set keep their default keys, which the key map knows.
	Keys []KeyEntry

	pathsFrom string // where Paths came from ("FILE:LINE"), for ResolvePaths
	pathLines []int  // the line of each of Paths in File, for CheckPaths
}

// Layout is the terminal widths where the layout switches, and the widths
// of the panes.
type Layout struct {
	// Wide is the smallest width with all three panes side by side.
	Wide int
	// Medium is the smallest width with the sidebar and the list side by
	// side (the reader taking the list's place); below it, one pane at a
	// time.
	Medium int
	// Sidebar is the most columns the sidebar takes: it is as wide as its
	// names and counts need, up to this.
	Sidebar int
	// ListMin is the least columns the list keeps beside the sidebar and
	// the reader.
	ListMin int
}

// The themes that are not files.
const (
	ThemeAuto  = "auto"  // follow the terminal's background
	ThemeDark  = "dark"  // colours for a dark background
	ThemeLight = "light" // colours for a light background
)

// The ways several selected tags filter the list.
const (
	TagMatchAll = "all" // articles that carry every selected tag
	TagMatchAny = "any" // articles that carry at least one of them
)

// Limits of the layout breakpoints.
const (
	MinWidth = 40    // the smallest width newsline draws at
	MaxWidth = 10000 // above any real terminal: a breakpoint this high is never reached
)

// Limits of the pane widths.
const (
	MinSidebar = 16
	MaxSidebar = 80
	MinListMin = 20
	MaxListMin = 200
)

// MaxDateWidth is the most columns a formatted date may take in the list.
const MaxDateWidth = 20

// DateFormats are the named date formats date_format accepts besides a Go
// layout, and their layouts.
var DateFormats = map[string]string{
	"iso":   "2006-01-02",
	"us":    "01/02/2006",
	"eu":    "02.01.2006",
	"long":  "2 January 2006",
	"short": "2 Jan 2006",
}

// Default returns the configuration used when there is no file: what
// newsline did before it had one.
func Default() Config {
	return Config{
		Paths:      nil,
		Library:    defaultLibrary(),
		Theme:      ThemeAuto,
		Sort:       model.SortNewest,
		TagMatch:   TagMatchAll,
		MarkOnOpen: true,
		DateFormat: "2006-01-02",
		Layout:     Layout{Wide: 120, Medium: 80, Sidebar: 32, ListMin: 52}, // ui's defaults
	}
}

// Settings are the names of the settings in the file, in the order
// `newsline config` prints them; keys.ACTION and layout.wide and
// layout.medium name the values inside the two tables.
var Settings = []string{"paths", "library", "fetch_interval", "theme", "sort", "tag_match", "mark_on_open", "mark_on_scroll_end", "date_format", "layout", "keys"}

// Sources says where each value came from, by its key in the file
// ("theme", "layout.wide", "keys.quit"): SourceDefault, "FILE:LINE",
// SourceEnv or SourceArgs.
type Sources map[string]string

// The sources of a value that are not a line of the file.
const (
	SourceDefault = "default"
	SourceEnv     = "$NEWSLINE_DIR"
	SourceArgs    = "command line"
)

// Of returns where the value of key came from; SourceDefault when the
// file did not set it.
func (s Sources) Of(key string) string {
	if v, ok := s[key]; ok {
		return v
	}
	return SourceDefault
}

// DefaultPath returns where the configuration file is by default:
// $XDG_CONFIG_HOME/newsline/config.toml when $XDG_CONFIG_HOME is an
// absolute path, else the system's configuration folder (~/.config on
// Linux and the BSDs, ~/Library/Application Support on macOS, %AppData% on
// Windows).
func DefaultPath() (string, error) {
	dir, err := xdg.Dir("XDG_CONFIG_HOME", systemConfigDir)
	if err != nil {
		return "", fmt.Errorf("no configuration folder: %w", err)
	}
	return filepath.Join(dir, "config.toml"), nil
}

// DefaultLibrary returns the library's default folder:
// $XDG_DATA_HOME/newsline/library when $XDG_DATA_HOME is an absolute path,
// else in the system's data folder (~/.local/share on Linux and the BSDs,
// ~/Library/Application Support on macOS, %AppData% on Windows).
func DefaultLibrary() (string, error) {
	dir, err := xdg.Dir("XDG_DATA_HOME", systemDataDir)
	if err != nil {
		return "", fmt.Errorf("no data folder: %w", err)
	}
	return filepath.Join(dir, "library"), nil
}

// defaultLibrary is DefaultLibrary, "" when there is no data folder.
func defaultLibrary() string {
	dir, _ := DefaultLibrary()
	return dir
}

// systemDataDir is the system's data folder, for a user without an
// absolute $XDG_DATA_HOME.
func systemDataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		return os.UserConfigDir()
	}
	home, err := os.UserHomeDir()
	return filepath.Join(home, ".local", "share"), err
}

// systemConfigDir is the system's configuration folder, for a user
// without an absolute $XDG_CONFIG_HOME.
func systemConfigDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		return os.UserConfigDir()
	}
	// os.UserConfigDir fails on a relative $XDG_CONFIG_HOME, which the XDG
	// specification says to ignore.
	home, err := os.UserHomeDir()
	return filepath.Join(home, ".config"), err
}

// ResolvePaths picks the collection's paths: the command line's PATH
// arguments, else $NEWSLINE_DIR (env, a list separated like $PATH), else
// the file's paths. source says which (SourceArgs, SourceEnv, "FILE:LINE");
// with none of them paths is nil and source SourceDefault (the demo).
func ResolvePaths(args []string, env string, cfg Config) (paths []string, source string) {
	if len(args) > 0 {
		return slices.Clone(args), SourceArgs
	}
	for _, p := range filepath.SplitList(env) {
		if p != "" {
			paths = append(paths, p)
		}
	}
	if len(paths) > 0 {
		return paths, SourceEnv
	}
	if len(cfg.Paths) > 0 {
		from := cfg.pathsFrom
		if from == "" {
			from = cfg.File
		}
		if from == "" {
			from = "configuration"
		}
		return slices.Clone(cfg.Paths), from
	}
	return nil, SourceDefault
}

// CheckPaths reports the first of the file's paths that does not exist or
// cannot be looked at as an *Error at the line of its entry, like the
// file's other errors. The paths are checked when they are the ones used
// (see ResolvePaths), not by Load: a PATH argument makes them irrelevant.
func (c Config) CheckPaths() error {
	for i, p := range c.Paths {
		_, err := os.Stat(p)
		if err == nil {
			continue
		}
		e := &Error{File: c.File, Key: "paths", Err: err}
		if i < len(c.pathLines) {
			e.Line = c.pathLines[i]
		}
		if errors.Is(err, fs.ErrNotExist) {
			e.Msg, e.Hint = "no such file or folder: "+p, "fix the path or remove it"
		} else {
			e.Msg, e.Hint = "cannot read "+p+": "+unwrapPathError(err), "check its permissions"
		}
		return e
	}
	return nil
}

// Error is an invalid configuration: the file, the line (0 when unknown),
// the key ("" when none), what is wrong and what to do. Its Error is one
// line: "config FILE:LINE: KEY: what is wrong (what to do)".
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
	Hint string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("config ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return model.Filter(b.String(), lineRule, ' ')
}

func (e *Error) Unwrap() error { return e.Err }

// lineRule is what may be printed of a file's name or content on one line
// of an error or of Format's output: a line or paragraph separator would
// break it (model.Printable refuses controls and bidi controls anyway).
const lineRule = model.NoSeparator

// IsNotFound reports whether err is a --config file that does not exist.
func IsNotFound(err error) bool { return errors.Is(err, os.ErrNotExist) }
