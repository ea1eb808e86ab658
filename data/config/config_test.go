package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// writeFile writes a file in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	return testfs.WriteFile(t, filepath.Join(dir, name), text)
}

// loadText writes text as a configuration file and loads it explicitly.
func loadText(t *testing.T, text string) (Config, Sources, string, error) {
	t.Helper()
	dir := t.TempDir()
	p := writeFile(t, dir, "config.toml", text)
	cfg, src, err := Load(p, true)
	return cfg, src, p, err
}

const styleJSON = `{"document": {"color": "#ffffff"}, "heading": {"bold": true}}`

func TestLoadValid(t *testing.T) {
	home, _ := os.UserHomeDir()
	tests := []struct {
		name string
		text string
		want func(c *Config, dir string) // edits the defaults into the expected value
	}{
		{"empty file", "", func(*Config, string) {}},
		{"comments only", "# nothing\n\n", func(*Config, string) {}},
		{"paths", `paths = ["/srv/news", "~/news", "rel/feeds"]`, func(c *Config, dir string) {
			c.Paths = []string{"/srv/news", filepath.Join(home, "news"), filepath.Join(dir, "rel", "feeds")}
		}},
		{"paths empty", `paths = []`, func(*Config, string) {}},
		{"theme auto", `theme = "auto"`, func(*Config, string) {}},
		{"theme dark", `theme = "dark"`, func(c *Config, _ string) { c.Theme = ThemeDark }},
		{"theme light, any case", `theme = "Light"`, func(c *Config, _ string) { c.Theme = ThemeLight }},
		{"theme style file", `theme = "style.json"`, func(c *Config, dir string) { c.Theme, c.Style = filepath.Join(dir, "style.json"), []byte(styleJSON) }},
		{"sort", `sort = "oldest"`, func(c *Config, _ string) { c.Sort = model.SortOldest }},
		{"sort, any case", `sort = "Reads"`, func(c *Config, _ string) { c.Sort = model.SortReads }},
		{"sort title", `sort = "title"`, func(c *Config, _ string) { c.Sort = model.SortTitle }},
		{"tag_match any", `tag_match = "any"`, func(c *Config, _ string) { c.TagMatch = TagMatchAny }},
		{"tag_match all", `tag_match = "ALL"`, func(*Config, string) {}},
		{"mark_on_open", `mark_on_open = false`, func(c *Config, _ string) { c.MarkOnOpen = false }},
		{"mark_on_scroll_end", `mark_on_scroll_end = true`, func(c *Config, _ string) { c.MarkOnScrollEnd = true }},
		{"date_format layout", `date_format = "Jan 2"`, func(c *Config, _ string) { c.DateFormat = "Jan 2" }},
		{"date_format name", `date_format = "long"`, func(c *Config, _ string) { c.DateFormat = "2 January 2006" }},
		{"date_format iso", `date_format = "iso"`, func(*Config, string) {}},
		{"date_format eu", `date_format = "EU"`, func(c *Config, _ string) { c.DateFormat = "02.01.2006" }},
		{"layout table", "[layout]\nwide = 150\nmedium = 60", func(c *Config, _ string) { c.Layout.Wide, c.Layout.Medium = 150, 60 }},
		{"layout dotted", "layout.wide = 100", func(c *Config, _ string) { c.Layout.Wide = 100 }},
		{"layout equal skips medium", "[layout]\nwide = 100\nmedium = 100", func(c *Config, _ string) { c.Layout.Wide, c.Layout.Medium = 100, 100 }},
		{"layout extremes", "[layout]\nwide = 10000\nmedium = 40", func(c *Config, _ string) { c.Layout.Wide, c.Layout.Medium = 10000, 40 }},
		{"layout widths", "[layout]\nsidebar = 24\nlist_min = 60", func(c *Config, _ string) { c.Layout.Sidebar, c.Layout.ListMin = 24, 60 }},
		{"layout width extremes", "[layout]\nsidebar = 16\nlist_min = 200", func(c *Config, _ string) { c.Layout.Sidebar, c.Layout.ListMin = 16, 200 }},
		{"layout widths dotted", "layout.sidebar = 80\nlayout.list_min = 20", func(c *Config, _ string) { c.Layout.Sidebar, c.Layout.ListMin = 80, 20 }},
		{"key as string", "[keys]\nquit = \"Q\"", func(c *Config, _ string) { c.Keys = []KeyEntry{{"quit", []string{"Q"}, 2}} }},
		{"keys as list", "[keys]\nsearch = [\"/\", \"ctrl+f\", \"/\"]", func(c *Config, _ string) { c.Keys = []KeyEntry{{"search", []string{"/", "ctrl+f"}, 2}} }},
		{"key unbound", "[keys]\nsort = []", func(c *Config, _ string) { c.Keys = []KeyEntry{{"sort", []string{}, 2}} }},
		{"keys inline table", `keys = { help = "f1", problems = ["ctrl+alt+p"] }`, func(c *Config, _ string) {
			c.Keys = []KeyEntry{{"help", []string{"f1"}, 1}, {"problems", []string{"ctrl+alt+p"}, 1}}
		}},
		{"keys swapped", "[keys]\nup = [\"j\"]\ndown = [\"k\"]", func(c *Config, _ string) {
			c.Keys = []KeyEntry{{"up", []string{"j"}, 2}, {"down", []string{"k"}, 3}}
		}},
		// The same key in contexts that are never active together.
		{"key shared across contexts", "[keys]\nnext_article = \"enter\"\ntoggle = \"o\"", func(c *Config, _ string) {
			c.Keys = []KeyEntry{{"next_article", []string{"enter"}, 2}, {"toggle", []string{"o"}, 3}}
		}},
		{"search box keys with modifiers", "[keys]\naccept = \"ctrl+j\"\ncancel = [\"esc\", \"alt+q\"]", func(c *Config, _ string) {
			c.Keys = []KeyEntry{{"accept", []string{"ctrl+j"}, 2}, {"cancel", []string{"esc", "alt+q"}, 3}}
		}},
		{"quit by interrupt only", "[keys]\nquit = []", func(c *Config, _ string) { c.Keys = []KeyEntry{{"quit", []string{}, 2}} }},
		{"plus and modifiers", "[keys]\nhalf_down = [\"ctrl++\", \"+\", \"shift+down\", \"f12\"]", func(c *Config, _ string) {
			c.Keys = []KeyEntry{{"half_down", []string{"ctrl++", "+", "shift+down", "f12"}, 2}}
		}},
		{"byte-order mark", "\uFEFFsort = \"title\"", func(c *Config, _ string) { c.Sort = model.SortTitle }},
		{"everything", "paths = [\"/a\"]\ntheme = \"dark\"\nsort = \"reads\"\ntag_match = \"any\"\nmark_on_open = false\ndate_format = \"02/01\"\n[layout]\nwide = 130\nmedium = 90\n[keys]\nquit = \"Q\"",
			func(c *Config, _ string) {
				c.Paths, c.Theme, c.Sort, c.TagMatch, c.MarkOnOpen, c.DateFormat = []string{"/a"}, "dark", model.SortReads, "any", false, "02/01"
				c.Layout.Wide, c.Layout.Medium = 130, 90
				c.Keys = []KeyEntry{{"quit", []string{"Q"}, 11}}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "style.json", styleJSON)
			p := writeFile(t, dir, "config.toml", tt.text)
			got, _, err := Load(p, true)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want := Default()
			want.File = p
			tt.want(&want, dir)
			got.pathsFrom, got.pathLines = "", nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // FILE is the file's path, DIR its folder
	}{
		// TOML itself.
		{"bad syntax", "sort = \"newest\"\ntheme = ", `config FILE:2: expected value, not end of input (the file is not valid TOML)`},
		{"bad syntax in a key", "[keys\nquit = \"q\"", `config FILE:1: expected ']' to close table name (the file is not valid TOML)`},
		{"unterminated string", `theme = "dark`, `config FILE:1: unterminated basic string (the file is not valid TOML)`},
		{"duplicate key", "sort = \"title\"\n\nsort = \"reads\"", `config FILE:3: sort: key sort is already defined (write sort = "newest")`},
		{"unknown key", "theme = \"dark\"\ncolour = \"red\"", `config FILE:2: colour: unknown setting (the settings are paths, library, fetch_interval, theme, sort, tag_match, mark_on_open, mark_on_scroll_end, date_format, layout, keys)`},
		{"unknown key, typo", "them = \"dark\"", `config FILE:1: them: unknown setting (did you mean theme? the settings are paths, library, fetch_interval, theme, sort, tag_match, mark_on_open, mark_on_scroll_end, date_format, layout, keys)`},
		{"unknown key, prefix", "\n\ndate = \"iso\"", `config FILE:3: date: unknown setting (did you mean date_format? the settings are paths, library, fetch_interval, theme, sort, tag_match, mark_on_open, mark_on_scroll_end, date_format, layout, keys)`},
		{"unknown table", "[colours]\nbg = 1", `config FILE:1: colours: unknown setting (the settings are paths, library, fetch_interval, theme, sort, tag_match, mark_on_open, mark_on_scroll_end, date_format, layout, keys)`},
		{"unknown layout key", "[layout]\nwide = 120\nnarrow = 40", `config FILE:3: layout.narrow: unknown setting (layout has wide, medium, sidebar and list_min)`},
		{"unknown layout key, typo", "[layout]\nwdie = 120", `config FILE:2: layout.wdie: unknown setting (did you mean layout.wide? layout has wide, medium, sidebar and list_min)`},
		{"unknown layout key, typo of list_min", "[layout]\nlist_mni = 50", `config FILE:2: layout.list_mni: unknown setting (did you mean layout.list_min? layout has wide, medium, sidebar and list_min)`},

		// Wrong types.
		{"paths not a list", `paths = "~/news"`, `config FILE:1: paths: wrong type: want a list of strings, got string (write paths = ["~/news"])`},
		{"paths of numbers", `paths = [1, 2]`, `config FILE:1: paths: wrong type: want a list of strings, got integer (write paths = ["~/news"])`},
		{"theme a number", `theme = 1`, `config FILE:1: theme: wrong type: want a string, got integer (write theme = "dark")`},
		{"sort a list", `sort = ["newest"]`, `config FILE:1: sort: wrong type: want a string, got array (write sort = "newest")`},
		{"tag_match a bool", `tag_match = true`, `config FILE:1: tag_match: wrong type: want a string, got boolean (write tag_match = "any")`},
		{"mark_on_open a string", "\nmark_on_open = \"yes\"", `config FILE:2: mark_on_open: wrong type: want true or false, got string (write mark_on_open = false)`},
		{"mark_on_scroll_end a number", "\n\nmark_on_scroll_end = 1", `config FILE:3: mark_on_scroll_end: wrong type: want true or false, got integer (write mark_on_scroll_end = true)`},
		{"date_format a date", `date_format = 2026-01-02`, `config FILE:1: date_format: wrong type: want a string, got local date (write date_format = "2006-01-02")`},
		{"layout a number", `layout = 3`, `config FILE:1: layout: wrong type: want a table, got integer (write [layout] and wide = 120 on the next line)`},
		{"layout width a string", "[layout]\nwide = \"120\"", `config FILE:2: layout.wide: wrong type: want a whole number, got string (write wide = 120)`},
		{"layout width a float", "layout.medium = 80.5", `config FILE:1: layout.medium: wrong type: want a whole number, got float (write medium = 80)`},
		{"layout width too large for an integer", "layout.medium = 99999999999999999999", `config FILE:1: layout.medium: decimal number is too large to fit in a 64-bit signed integer (write medium = 80)`},
		{"keys a string", `keys = "vim"`, `config FILE:1: keys: wrong type: want a table of actions, got string (write [keys] and quit = ["q"] on the next line)`},
		{"key a number", "[keys]\nquit = 3", `config FILE:2: keys.quit: wrong type: want a key or a list of keys, got an integer (write quit = "x" or quit = ["x", "ctrl+x"])`},
		{"key list of numbers", "[keys]\n\nquit = [\"q\", 3]", `config FILE:3: keys.quit: wrong type: want a key or a list of keys, got a list holding an integer (write quit = "x" or quit = ["x", "ctrl+x"])`},
		{"key a table", "[keys.quit]\nkey = \"q\"", `config FILE:1: keys.quit: wrong type: want a key or a list of keys, got a table (write quit = "x" or quit = ["x", "ctrl+x"])`},

		// Values.
		{"empty path", "paths = [\"/a\", \" \"]", `config FILE:1: paths: an empty path (remove it, or give a file or folder)`},
		{"theme unknown", "\ntheme = \"solarized\"", `config FILE:2: theme: "solarized" is not auto, dark or light, and there is no style file DIR/solarized (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme empty", `theme = ""`, `config FILE:1: theme: "" is not a theme (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme not JSON", `theme = "bad.json"`, `config FILE:1: theme: style file DIR/bad.json is not a Glamour style: invalid JSON at byte 2: invalid character 'n' looking for beginning of object key string (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme wrong JSON", `theme = "list.json"`, `config FILE:1: theme: style file DIR/list.json is not a Glamour style: not a JSON object (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme null", `theme = "null.json"`, `config FILE:1: theme: style file DIR/null.json is not a Glamour style: not a JSON object (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme empty file", `theme = "empty.json"`, `config FILE:1: theme: style file DIR/empty.json is not a Glamour style: the file is empty (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme wrong type", `theme = "typed.json"`, `config FILE:1: theme: style file DIR/typed.json is not a Glamour style: json: cannot unmarshal number into Go struct field StyleBlock.h1.StylePrimitive.color of type string (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme too big", `theme = "big.json"`, `config FILE:1: theme: cannot read style file DIR/big.json: too large: over 1024 KiB (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"theme a folder", `theme = "."`, `config FILE:1: theme: cannot read style file DIR: a folder, not a file (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"sort unknown", `sort = "popular"`, `config FILE:1: sort: unknown sort "popular" (use newest, oldest, reads or title)`},
		{"tag_match unknown", `tag_match = "some"`, `config FILE:1: tag_match: "some" is not all or any (use "all": articles with every selected tag, or "any": with at least one)`},
		{"date_format no date", `date_format = "hello"`, `config FILE:1: date_format: "hello" shows no date (use a Go time layout such as "2006-01-02" or "2 Jan 2006", or iso, us, eu, long or short)`},
		{"date_format time only", `date_format = "15:04"`, `config FILE:1: date_format: "15:04" shows no date (use a Go time layout such as "2006-01-02" or "2 Jan 2006", or iso, us, eu, long or short)`},
		{"date_format too wide", `date_format = "Monday, 2 January 2006"`, `config FILE:1: date_format: "Monday, 2 January 2006" is up to 28 columns wide, more than 20 (use a Go time layout such as "2006-01-02" or "2 Jan 2006", or iso, us, eu, long or short)`},
		{"date_format control character", `date_format = "2006\u001b[31m01"`, `config FILE:1: date_format: "2006\x1b[31m01" holds a control or invisible character (use a Go time layout such as "2006-01-02" or "2 Jan 2006", or iso, us, eu, long or short)`},
		{"layout below minimum", "[layout]\nmedium = 30", `config FILE:2: layout.medium: 30 is out of range (use a width from 40 to 10000 columns)`},
		{"layout above maximum", "[layout]\nwide = 10001", `config FILE:2: layout.wide: 10001 is out of range (use a width from 40 to 10000 columns)`},
		{"sidebar below minimum", "[layout]\nwide = 130\nsidebar = 15", `config FILE:3: layout.sidebar: 15 is out of range (use a width from 16 to 80 columns)`},
		{"sidebar above maximum", "layout.sidebar = 81", `config FILE:1: layout.sidebar: 81 is out of range (use a width from 16 to 80 columns)`},
		{"list_min below minimum", "\n[layout]\nlist_min = 19", `config FILE:3: layout.list_min: 19 is out of range (use a width from 20 to 200 columns)`},
		{"list_min above maximum", "[layout]\nlist_min = 201", `config FILE:2: layout.list_min: 201 is out of range (use a width from 20 to 200 columns)`},
		{"sidebar a string", "[layout]\nsidebar = \"wide\"", `config FILE:2: layout.sidebar: wrong type: want a whole number, got string (write sidebar = 32)`},
		{"list_min a float", "layout.list_min = 50.5", `config FILE:1: layout.list_min: wrong type: want a whole number, got float (write list_min = 52)`},
		{"layout out of order", "[layout]\nwide = 70\nmedium = 90", `config FILE:2: layout.wide: wide (70) is below medium (90) (wide must be at least medium; equal widths skip the medium layout)`},
		{"layout medium above default wide", "[layout]\nmedium = 130", `config FILE:2: layout.medium: wide (120) is below medium (130) (wide must be at least medium; equal widths skip the medium layout)`},
		// One error: the first in the file.
		{"first of several errors", "sort = \"popular\"\ntheme = \"nope\"\n[keys]\nquit = 3", `config FILE:1: sort: unknown sort "popular" (use newest, oldest, reads or title)`},
		{"first of several errors, tables first", "[layout]\nwide = 1\n[keys]\nbogus = \"x\"", `config FILE:2: layout.wide: 1 is out of range (use a width from 40 to 10000 columns)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "bad.json", `{not json}`)
			writeFile(t, dir, "list.json", `[1, 2]`)
			writeFile(t, dir, "null.json", `null`)
			writeFile(t, dir, "empty.json", "")
			writeFile(t, dir, "typed.json", `{"h1": {"color": 12}}`)
			writeFile(t, dir, "big.json", `{"h1": {"color": "`+strings.Repeat("f", 1<<20)+`"}}`)
			p := writeFile(t, dir, "config.toml", tt.text)
			_, _, err := Load(p, true)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			want := strings.NewReplacer("FILE", p, "DIR", dir).Replace(tt.want)
			if err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.File != p {
				t.Errorf("not an *Error naming the file: %#v", err)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()

	t.Run("missing default file gives the defaults", func(t *testing.T) {
		cfg, src, err := Load(filepath.Join(dir, "none.toml"), false)
		if err != nil || !reflect.DeepEqual(cfg, Default()) || len(src) != 0 {
			t.Errorf("got %+v %v %v", cfg, src, err)
		}
	})
	t.Run("missing --config file is an error", func(t *testing.T) {
		p := filepath.Join(dir, "none.toml")
		_, _, err := Load(p, true)
		want := "config " + p + ": no such file (check the path given with --config)"
		if err == nil || err.Error() != want || !IsNotFound(err) {
			t.Errorf("got %v, want %s", err, want)
		}
	})
	t.Run("a folder", func(t *testing.T) {
		_, _, err := Load(dir, false)
		want := "config " + dir + ": a folder, not a file (give the path of a TOML file)"
		if err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	})
	t.Run("too large", func(t *testing.T) {
		p := writeFile(t, dir, "big.toml", "# "+strings.Repeat("x", maxFileSize)+"\n")
		_, _, err := Load(p, true)
		want := "config " + p + ": too large: over 64 KiB (give the path of a TOML file)"
		if err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		if runtime.GOOS == "windows" || os.Geteuid() == 0 {
			t.Skip("permissions do not stop this user")
		}
		p := writeFile(t, dir, "secret.toml", "")
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		_, _, err := Load(p, false)
		want := "config " + p + ": cannot read it: permission denied (check the file's permissions)"
		if err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	})
	t.Run("empty path reads the default file", func(t *testing.T) {
		xdg := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", xdg)
		cfg, _, err := Load("", false)
		if err != nil || cfg.File != "" {
			t.Fatalf("no file: got %+v, %v", cfg, err)
		}
		if err := os.MkdirAll(filepath.Join(xdg, "newsline"), 0o755); err != nil {
			t.Fatal(err)
		}
		p := writeFile(t, filepath.Join(xdg, "newsline"), "config.toml", `sort = "title"`)
		cfg, src, err := Load("", false)
		if err != nil || cfg.File != p || cfg.Sort != model.SortTitle || src.Of("sort") != p+":1" {
			t.Errorf("got %+v %v, %v", cfg, src, err)
		}
	})
	t.Run("a control character in the file name stays on one line", func(t *testing.T) {
		_, _, err := Load(filepath.Join(dir, "a\nb\x1b[2J.toml"), true)
		if err == nil || strings.ContainsAny(err.Error(), "\n\x1b") {
			t.Errorf("got %q", err)
		}
	})
}

func TestSources(t *testing.T) {
	text := `# my settings
theme = "dark"

sort = "reads"

[keys]
quit = "Q"
search = ["/",
  "ctrl+f"]
[layout]
medium = 70

wide = 140
`
	cfg, src, p, err := loadText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	want := Sources{
		"theme":         p + ":2",
		"sort":          p + ":4",
		"keys.quit":     p + ":7",
		"keys.search":   p + ":8",
		"layout.medium": p + ":11",
		"layout.wide":   p + ":13",
	}
	if !reflect.DeepEqual(src, want) {
		t.Errorf("sources\n got %v\nwant %v", src, want)
	}
	if src.Of("tag_match") != SourceDefault || src.Of("keys.help") != SourceDefault {
		t.Errorf("unset values must come from the default")
	}
	if cfg.Layout != (Layout{Wide: 140, Medium: 70, Sidebar: 32, ListMin: 52}) {
		t.Errorf("layout %+v", cfg.Layout)
	}
}

func TestResolvePaths(t *testing.T) {
	_, _, p, err := loadText(t, "\npaths = [\"/from/file\"]")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, _ := Load(p, true)
	sep := string(filepath.ListSeparator)
	tests := []struct {
		name     string
		args     []string
		env      string
		cfg      Config
		want     []string
		wantFrom string
	}{
		{"command line wins", []string{"a", "b"}, "/env", cfg, []string{"a", "b"}, SourceArgs},
		{"then $NEWSLINE_DIR", nil, "/env1" + sep + sep + "/env2", cfg, []string{"/env1", "/env2"}, SourceEnv},
		{"then the file", nil, "", cfg, []string{"/from/file"}, p + ":2"},
		{"an empty $NEWSLINE_DIR is not set", nil, sep, cfg, []string{"/from/file"}, p + ":2"},
		{"nothing: the demo", nil, "", Default(), nil, SourceDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, from := ResolvePaths(tt.args, tt.env, tt.cfg)
			if !slices.Equal(got, tt.want) || from != tt.wantFrom {
				t.Errorf("got %q from %q, want %q from %q", got, from, tt.want, tt.wantFrom)
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the XDG fallback is ~/.config on Linux and the BSDs only")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	fallback := filepath.Join(home, ".config", "newsline", "config.toml")
	tests := []struct {
		name, xdg, want string
	}{
		{"XDG_CONFIG_HOME set", "/xdg/conf", "/xdg/conf/newsline/config.toml"},
		{"XDG_CONFIG_HOME unset", "", fallback},
		{"XDG_CONFIG_HOME relative is ignored", "rel/conf", fallback},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", tt.xdg)
			got, err := DefaultPath()
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestFormatRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "style.json", styleJSON)
	text := "paths = [\"/a \\\"quoted\\\" path\", \"/b\\\\c\"]\ntheme = \"style.json\"\nsort = \"title\"\ntag_match = \"any\"\n" +
		"mark_on_open = false\ndate_format = \"short\"\n[layout]\nwide = 200\nmedium = 100\n[keys]\nquit = []\nsearch = [\"/\", \"ctrl+f\"]\n"
	text = "mark_on_scroll_end = true\n" + text // the lines below count from 2
	p := writeFile(t, dir, "config.toml", text)
	cfg, src, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	out := Format(cfg, src)
	for _, want := range []string{
		"# file: " + p + "\n",
		"mark_on_scroll_end = true  # " + p + ":1\n",
		"sort = \"title\"  # " + p + ":4\n",
		"date_format = \"2 Jan 2006\"  # " + p + ":7\n",
		"tag_match = \"any\"  # " + p + ":5\n",
		"[layout]\nwide = 200  # " + p + ":9\nmedium = 100  # " + p + ":10\nsidebar = 32  # default\nlist_min = 52  # default\n",
		"quit = []  # " + p + ":12\n",
		"search = [\"/\", \"ctrl+f\"]  # " + p + ":13\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	p2 := writeFile(t, dir, "again.toml", out)
	again, _, err := Load(p2, true)
	if err != nil {
		t.Fatalf("the output does not load: %v\n%s", err, out)
	}
	again.File, again.pathsFrom, cfg.File, cfg.pathsFrom = "", "", "", ""
	again.pathLines, cfg.pathLines = nil, nil // Format writes the paths on one line
	forgetKeyLines(&again)
	forgetKeyLines(&cfg)
	if !reflect.DeepEqual(again, cfg) {
		t.Errorf("round trip\n got %+v\nwant %+v", again, cfg)
	}
}

func TestFormatDefaults(t *testing.T) {
	out := Format(Default(), Sources{})
	if !strings.Contains(out, "# file: none (the defaults)\n") ||
		!strings.Contains(out, "paths = []  # default: the embedded demo collection\n") ||
		!strings.Contains(out, "theme = \"auto\"  # default\n") ||
		!strings.Contains(out, "mark_on_open = true  # default\n") ||
		!strings.Contains(out, "mark_on_scroll_end = false  # default\n") {
		t.Errorf("defaults:\n%s", out)
	}
}

// TestFormatKeys: the [keys] table lists the entries it is given, with
// where each came from; an action that is no bare key is quoted.
func TestFormatKeys(t *testing.T) {
	cfg := Default()
	cfg.Keys = []KeyEntry{{"toggle", []string{"enter", "space"}, 0}, {"quit", []string{}, 3}, {"a b\x1b", []string{"x"}, 4}}
	out := Format(cfg, Sources{"keys.quit": "f:3"})
	for _, want := range []string{
		"[keys]\ntoggle = [\"enter\", \"space\"]  # default\n",
		"quit = []  # f:3\n",
		`"a b\u001B" = ["x"]  # default` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// forgetKeyLines clears the lines of cfg's key entries, for comparing a
// configuration with its printed and read-back self.
func forgetKeyLines(cfg *Config) {
	for i := range cfg.Keys {
		cfg.Keys[i].Line = 0
	}
}

func TestFormatEscapes(t *testing.T) {
	cfg := Default()
	cfg.Paths = []string{"/news/\x1b[2J\u202e\n\xff"}
	out := Format(cfg, Sources{"paths": "command line\x1b"})
	if strings.ContainsAny(out, "\x1b\u202e\xff") {
		t.Errorf("unescaped: %q", out)
	}
	if !strings.Contains(out, `paths = ["/news/\u001B[2J\u202E\n\uFFFD"]  # command line `) {
		t.Errorf("got %q", out)
	}
}

func TestDateWidth(t *testing.T) {
	for layout, want := range map[string]int{
		"2006-01-02": 10, "2 January 2006": 17, "Jan 2": 6, "Mon _2 Jan": 10, "02/01/2006": 10, "Mon 2 Jan": 10,
		"January": 9, "Monday": 9, "Mon": 3, "Monday, 2 January": 23, "Monday 2 January 2006 15:04:05": 36,
		"2006[2J-01-02": 14, "2006年1月2日": 14,
	} {
		if got := DateWidth(layout); got != want {
			t.Errorf("DateWidth(%q) = %d, want %d", layout, got, want)
		}
	}
}

// TestREADMEExample loads the example file of the README's Configuration
// section, so the documentation stays valid.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Configuration\n")
	if !ok {
		t.Fatal("README has no Configuration section")
	}
	_, example, ok := strings.Cut(section, "```toml\n")
	if !ok {
		t.Fatal("the Configuration section has no TOML example")
	}
	example, _, _ = strings.Cut(example, "```")
	cfg, _, _, err := loadText(t, example)
	if err != nil {
		t.Fatalf("the README's example: %v", err)
	}
	unbound := slices.ContainsFunc(cfg.Keys, func(e KeyEntry) bool { return e.Action == "sort" && len(e.Keys) == 0 })
	if cfg.Sort != model.SortReads || cfg.Layout != (Layout{Wide: 140, Medium: 90, Sidebar: 28, ListMin: 52}) || !unbound {
		t.Errorf("the README's example loads as %+v", cfg)
	}
	for _, s := range Settings {
		if !strings.Contains(section, "`"+s) {
			t.Errorf("the README does not document setting %s", s)
		}
	}
}
