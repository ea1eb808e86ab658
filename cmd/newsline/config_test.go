package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
		"mark_on_scroll_end = false  # default\n",
		"fetch_interval = \"0\"  # default\n",
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
		{"unknown key", "\ncolour = \"red\"\n", "config FILE:2: colour: unknown setting (the settings are paths, library, fetch_interval, theme, sort, tag_match, mark_on_open, mark_on_scroll_end, date_format, layout, keys)"},
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

// TestConfigCmdKeys: the [keys] table printed lists every action of the
// key map, remapped or default, and loads back. (Its assertions on
// defaults came from data/config's Format tests, which know no defaults
// now.)
func TestConfigCmdKeys(t *testing.T) {
	configEnv(t)
	p := testfs.WriteFile(t, filepath.Join(t.TempDir(), "config.toml"), "[keys]\nquit = []\nsearch = [\"/\", \"ctrl+f\"]\npicker_up = [\"up\", \"alt+k\"]\n")
	code, out, errOut := runCLI(t, "config", "--config", p)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"quit = []  # " + p + ":2\n",
		"interrupt = [\"ctrl+c\"]  # default\n",
		"search = [\"/\", \"ctrl+f\"]  # " + p + ":3\n",
		"toggle = [\"enter\", \"space\"]  # default\n",
		"picker_up = [\"up\", \"alt+k\"]  # " + p + ":4\n",
		"yes = [\"y\", \"Y\"]  # default\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, a := range ui.Actions() {
		if !strings.Contains(out, "\n"+a+" = ") {
			t.Errorf("action %s missing", a)
		}
	}
	again := testfs.WriteFile(t, filepath.Join(t.TempDir(), "again.toml"), out)
	code, out2, errOut := runCLI(t, "config", "--config", again)
	if code != 0 || !strings.Contains(out2, "quit = []  # "+again+":") {
		t.Errorf("the printed file does not load back (exit %d, %s):\n%s", code, errOut, out2)
	}
}

// TestREADMEKeysExample: the README's example configuration applies to
// the key map too.
func TestREADMEKeysExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Configuration\n")
	_, example, _ := strings.Cut(section, "```toml\n")
	example, _, _ = strings.Cut(example, "```")
	_, km, err := loadConfigText(t, example)
	if err != nil {
		t.Fatalf("the README's example: %v", err)
	}
	if keys, _ := km.KeysOf("next_article"); !slices.Equal(keys, []string{"n", "J"}) {
		t.Errorf("next_article: %q", keys)
	}
}
