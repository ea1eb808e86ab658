package main

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/ui"
)

// configEnv points the default configuration file at an empty folder and
// clears $NEWSLINE_DIR; it returns where the default file would be.
func configEnv(t *testing.T) string {
	t.Helper()
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("NEWSLINE_DIR", "")
	return filepath.Join(xdg, "newsline", "config.toml")
}

func TestConfigCmdDefaults(t *testing.T) {
	configEnv(t)
	code, out, errOut := runCLI(t, "config")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"# file: none (the defaults)\n",
		"paths = []  # default: the embedded demo collection\n",
		"theme = \"auto\"  # default\n",
		"sort = \"newest\"  # default\n",
		"tag_match = \"all\"  # default\n",
		"mark_on_open = true  # default\n",
		"date_format = \"2006-01-02\"  # default\n",
		"[layout]\nwide = 120  # default\nmedium = 80  # default\n",
		"[keys]\nquit = [\"q\"]  # default\n",
		"pane_left = [\"h\", \"left\"]  # default\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestConfigCmdDefaultFile(t *testing.T) {
	p := testfs.WriteFile(t, configEnv(t), "# mine\nsort = \"title\"\n\n[keys]\nsort = \"S\"\n")
	code, out, errOut := runCLI(t, "config")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"# file: " + p + "\n",
		"sort = \"title\"  # " + p + ":2\n",
		"sort = [\"S\"]  # " + p + ":5\n",
		"theme = \"auto\"  # default\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestConfigCmdExplicitFile(t *testing.T) {
	testfs.WriteFile(t, configEnv(t), "sort = \"reads\"\n") // not read: --config wins
	p := testfs.WriteFile(t, filepath.Join(t.TempDir(), "other.toml"), "\ntag_match = \"any\"\n")
	code, out, errOut := runCLI(t, "config", "--config", p)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "tag_match = \"any\"  # "+p+":2\n") || !strings.Contains(out, "sort = \"newest\"  # default\n") {
		t.Errorf("output:\n%s", out)
	}
	// What it prints is a configuration file that loads to the same.
	again := testfs.WriteFile(t, filepath.Join(t.TempDir(), "again.toml"), out)
	code, out2, _ := runCLI(t, "config", "--config", again)
	if code != 0 || !strings.Contains(out2, "tag_match = \"any\"  # "+again+":") {
		t.Errorf("the printed file does not load back (exit %d):\n%s", code, out2)
	}
}

func TestConfigCmdPathsPrecedence(t *testing.T) {
	p := testfs.WriteFile(t, configEnv(t), "\n\npaths = [\"/from/file\"]\n")
	sep := string(filepath.ListSeparator)
	tests := []struct {
		name string
		env  string
		args []string
		want string
	}{
		{"the file", "", nil, `paths = ["/from/file"]  # ` + p + ":3\n"},
		{"$NEWSLINE_DIR over the file", "/env/a" + sep + "/env/b", nil, `paths = ["/env/a", "/env/b"]  # $NEWSLINE_DIR` + "\n"},
		{"the command line over both", "/env/a", []string{"/args/x", "rel"}, `paths = ["/args/x", "rel"]  # command line` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NEWSLINE_DIR", tt.env)
			code, out, errOut := runCLI(t, append([]string{"config"}, tt.args...)...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
		})
	}
}

func TestConfigCmdInvalid(t *testing.T) {
	def := configEnv(t)
	tests := []struct {
		name string
		text string
		want string // FILE is the file
	}{
		{"bad syntax", "sort = \"newest\"\ntheme =\n", "config FILE:2: unexpected character U+000A at start of value (the file is not valid TOML)"},
		{"unknown key", "\ncolour = \"red\"\n", "config FILE:2: colour: unknown setting (the settings are paths, theme, sort, tag_match, mark_on_open, date_format, layout, keys)"},
		{"wrong type", "mark_on_open = \"yes\"\n", "config FILE:1: mark_on_open: wrong type: want true or false, got string (write mark_on_open = false)"},
		{"bad value", "[layout]\nwide = 60\n", "config FILE:2: layout.wide: wide (60) is below medium (80) (wide must be at least medium; equal widths skip the medium layout)"},
		{"key conflict", "[keys]\nsort = \"/\"\n", `config FILE:2: keys.sort: "/" is also the key of search in the sidebar (give one of them another key)`},
	}
	for _, tt := range tests {
		t.Run(tt.name+" in the default file", func(t *testing.T) {
			p := testfs.WriteFile(t, def, tt.text)
			code, out, errOut := runCLI(t, "config")
			want := "newsline: " + strings.ReplaceAll(tt.want, "FILE", p) + "\n"
			if code != 2 || out != "" || errOut != want {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errOut, want)
			}
		})
		t.Run(tt.name+" in --config", func(t *testing.T) {
			p := testfs.WriteFile(t, filepath.Join(t.TempDir(), "c.toml"), tt.text)
			code, _, errOut := runCLI(t, "config", "--config", p)
			want := "newsline: " + strings.ReplaceAll(tt.want, "FILE", p) + "\n"
			if code != 2 || errOut != want {
				t.Errorf("exit %d\nstderr %q\nwant   %q", code, errOut, want)
			}
		})
	}
}

func TestConfigCmdMissingFile(t *testing.T) {
	configEnv(t)
	p := filepath.Join(t.TempDir(), "nope.toml")
	code, out, errOut := runCLI(t, "config", "--config", p)
	want := "newsline: config " + p + ": no such file (check the path given with --config)\n"
	if code != 2 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
}

// TestKeyActionsMatchUI keeps config's actions in step with ui.KeyMap:
// one action per binding, named as the field in snake_case, with the same
// default keys.
func TestKeyActionsMatchUI(t *testing.T) {
	km := ui.DefaultKeyMap()
	v := reflect.ValueOf(km)
	fields := map[string][]string{}
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		fields[snakeCase(v.Type().Field(i).Name)] = b.Keys()
	}
	actions := map[string]bool{}
	for _, a := range config.Actions() {
		actions[a.Name] = true
		keys, ok := fields[a.Name]
		if !ok {
			t.Errorf("config action %s is no field of ui.KeyMap", a.Name)
			continue
		}
		if !slices.Equal(keys, a.Keys) {
			t.Errorf("%s: config's default keys %q, ui's %q", a.Name, a.Keys, keys)
		}
	}
	for name := range fields {
		if !actions[name] {
			t.Errorf("ui.KeyMap binding %s has no config action: add it to config/keys.go with its contexts", name)
		}
	}
}

func TestUIKeyMapDefaults(t *testing.T) {
	got, want := uiKeyMap(config.Default()), ui.DefaultKeyMap()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range wv.NumField() {
		wb, ok := wv.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		gb := gv.Field(i).Interface().(key.Binding)
		if !slices.Equal(gb.Keys(), wb.Keys()) || gb.Help() != wb.Help() || gb.Enabled() != wb.Enabled() {
			t.Errorf("%s: got %q %+v, want %q %+v", wv.Type().Field(i).Name, gb.Keys(), gb.Help(), wb.Keys(), wb.Help())
		}
	}
}

func TestUIKeyMapRemapped(t *testing.T) {
	cfg := config.Default()
	cfg.Keys["pane_left"] = []string{"a", "left"}
	cfg.Keys["page_down"] = []string{"pgdown", "ctrl+f"}
	cfg.Keys["open_url"] = []string{"O"}
	cfg.Keys["sort"] = []string{}
	km := uiKeyMap(cfg)
	tests := []struct {
		name     string
		b        key.Binding
		keys     []string
		help     string
		desc     string
		disabled bool
	}{
		{"pane_left", km.PaneLeft, []string{"a", "left"}, "a/←", "pane left", false},
		{"page_down", km.PageDown, []string{"pgdown", "ctrl+f"}, "pgdn/ctrl+f", "page down", false},
		{"open_url", km.OpenURL, []string{"O"}, "O", "open in browser", false},
		{"sort", km.Sort, nil, "s", "sort", true},
		{"quit, unchanged", km.Quit, []string{"q"}, "q", "quit", false},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.b.Keys(), tt.keys) || tt.b.Help().Key != tt.help || tt.b.Help().Desc != tt.desc || tt.b.Enabled() == tt.disabled {
			t.Errorf("%s: keys %q help %+v enabled %v", tt.name, tt.b.Keys(), tt.b.Help(), tt.b.Enabled())
		}
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"Quit": "quit", "NextPane": "next_pane", "HalfDown": "half_down", "OpenURL": "open_url",
		"CopyURL": "copy_url", "URLOpen": "url_open", "SpaceDown": "space_down", "PrevArticle": "prev_article",
	} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}
