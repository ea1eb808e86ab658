package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/ui"
)

// loadConfigText writes text as a configuration file and reads it as
// every command does, the key map included.
func loadConfigText(t *testing.T, text string) (string, ui.KeyMap, error) {
	t.Helper()
	p := testfs.WriteFile(t, filepath.Join(t.TempDir(), "config.toml"), text)
	_, _, km, err := loadConfig(&common{config: &p})
	return p, km, err
}

// TestConfigKeyErrors: the key map checks the [keys] of the file, and its
// errors name the file and the line as the file's own do. (The rows came
// from data/config's TestLoadInvalid when the checks moved to ui.)
func TestConfigKeyErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // FILE is the file's path
	}{
		{"unknown action", "[keys]\nquit = \"q\"\nquitt = \"x\"", `config FILE:3: keys.quitt: unknown action (did you mean quit? the README lists every action)`},
		{"unknown action far from any", "[keys]\nbookmark = \"b\"", `config FILE:2: keys.bookmark: unknown action (the README lists every action)`},
		{"unknown key name", "[keys]\nback = \"Escape\"", `config FILE:2: keys.back: unknown key "Escape" (did you mean "esc"?)`},
		{"key name in capitals", "[keys]\nopen = \"Enter\"", `config FILE:2: keys.open: unknown key "Enter" (did you mean "enter"?)`},
		{"modifiers out of order", "[keys]\nsort = \"alt+ctrl+s\"", `config FILE:2: keys.sort: unknown key "alt+ctrl+s" (did you mean "ctrl+alt+s"?)`},
		{"modifier alias", "[keys]\nsort = \"control+s\"", `config FILE:2: keys.sort: unknown key "control+s" (did you mean "ctrl+s"?)`},
		{"unknown modifier", "[keys]\nsort = \"hyperr+s\"", `config FILE:2: keys.sort: unknown modifier "hyperr" in key "hyperr+s" (modifiers are ctrl+, alt+, shift+, meta+, hyper+, super+)`},
		{"modifier twice", "[keys]\nsort = \"ctrl+ctrl+s\"", `config FILE:2: keys.sort: modifier "ctrl" twice in key "ctrl+ctrl+s" (give each modifier once)`},
		{"a word is not a key", "[keys]\nsort = \"sort\"", `config FILE:2: keys.sort: unknown key "sort" (use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+)`},
		{"a space is written space", "[keys]\nspace_down = \" \"", `config FILE:2: keys.space_down: unknown key " " (did you mean "space"?)`},
		{"empty key", "[keys]\nsort = \"\"", `config FILE:2: keys.sort: an empty key (use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+)`},
		{"control character key", "[keys]\nsort = \"\\u0007\"", `config FILE:2: keys.sort: key "\a" is not a printable character (use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+)`},
		// Conflicts and traps.
		{"conflict with a default", "[keys]\nsort = \"/\"", `config FILE:2: keys.sort: "/" is also the key of search in the sidebar (give one of them another key)`},
		{"conflict, both remapped", "[keys]\nsearch = \"f\"\nsort = [\"x\", \"f\"]", `config FILE:3: keys.sort: "f" is also the key of search in the sidebar (give one of them another key)`},
		{"conflict, earlier line remapped later in the table", "[keys]\nsort = \"x\"\nsearch = \"x\"", `config FILE:3: keys.search: "x" is also the key of sort in the sidebar (give one of them another key)`},
		{"conflict in the reader", "[keys]\nnext_article = \"j\"", `config FILE:2: keys.next_article: "j" is also the key of down in the reader (give one of them another key)`},
		{"conflict in the list", "[keys]\nopen = \"o\"", `config FILE:2: keys.open: "o" is also the key of open_url in the list (give one of them another key)`},
		{"conflict in the sidebar", "[keys]\ntoggle = \"t\"", `config FILE:2: keys.toggle: "t" is also the key of focus_tags in the sidebar (give one of them another key)`},
		{"conflict with back", "[keys]\nback = \"enter\"", `config FILE:2: keys.back: "enter" is also the key of toggle in the sidebar (give one of them another key)`},
		{"conflict in the search box", "[keys]\ncancel = \"enter\"", `config FILE:2: keys.cancel: "enter" is also the key of accept in the search box (give one of them another key)`},
		{"conflict in the help overlay only", "[keys]\nhelp = \"q\"", `config FILE:2: keys.help: "q" is also the key of quit in the sidebar (give one of them another key)`},
		{"conflict with interrupt", "[keys]\nquit = \"ctrl+c\"", `config FILE:2: keys.quit: "ctrl+c" is also the key of interrupt in the sidebar (give one of them another key)`},
		{"search box key is text", "[keys]\naccept = \"a\"", `config FILE:2: keys.accept: "a" would be typed into the search box (use a named key such as enter or esc, or one with ctrl+ or alt+)`},
		{"search box key is space", "[keys]\ncancel = [\"esc\", \"space\"]", `config FILE:2: keys.cancel: "space" would be typed into the search box (use a named key such as enter or esc, or one with ctrl+ or alt+)`},
		{"nothing quits", "[keys]\nquit = []\ninterrupt = []", `config FILE:3: keys.interrupt: nothing would quit newsline (give quit or interrupt a key)`},
		{"nothing closes the search box", "[keys]\ncancel = []\naccept = []", `config FILE:3: keys.accept: nothing would close the search box (give accept or cancel a key)`},

		// Pickers and the question.
		{"picker key is text", "[keys]\n\npicker_up = [\"up\", \"k\"]", `config FILE:3: keys.picker_up: "k" would be typed into the picker's filter (a picker's filter takes printable keys as text: use a named key such as up or pgdown, or one with ctrl+ or alt+)`},
		{"picker key is shifted text", "[keys]\npicker_choose = \"shift+x\"", `config FILE:2: keys.picker_choose: "shift+x" would be typed into the picker's filter (a picker's filter takes printable keys as text: use a named key such as up or pgdown, or one with ctrl+ or alt+)`},
		{"conflict in the picker", "[keys]\npicker_choose = \"tab\"\npicker_down = [\"down\", \"tab\"]", `config FILE:3: keys.picker_down: "tab" is also the key of picker_choose in the picker (give one of them another key)`},
		{"conflict with interrupt in the picker", "[keys]\npicker_back = \"ctrl+c\"", `config FILE:2: keys.picker_back: "ctrl+c" is also the key of interrupt in the picker (give one of them another key)`},
		{"nothing closes a picker", "[keys]\npicker_back = []\npicker_choose = []", `config FILE:3: keys.picker_choose: nothing would close a picker (give picker_back or picker_choose a key)`},
		{"conflict in the question", "[keys]\nyes = [\"y\", \"n\"]", `config FILE:2: keys.yes: "n" is also the key of no in the yes/no question (give one of them another key)`},
		{"unknown picker action", "[keys]\npicker_uo = \"up\"", `config FILE:2: keys.picker_uo: unknown action (did you mean picker_up? the README lists every action)`},

		// One error: the first in the file, the key map's included.
		{"first of several errors", "sort = \"popular\"\ntheme = \"nope\"\n[keys]\nquit = 3", `config FILE:1: sort: unknown sort "popular" (use newest, oldest, reads or title)`},
		{"first of several errors, tables first", "[layout]\nwide = 1\n[keys]\nbogus = \"x\"", `config FILE:2: layout.wide: 1 is out of range (use a width from 40 to 10000 columns)`},
		{"a key that is not one, before a bad value", "keys.sort = \"Sort\"\ntheme = \"nope\"", `config FILE:1: keys.sort: unknown key "Sort" (use one character, or a name such as enter, esc, space, tab, up, pgdown, home, f1, after modifiers such as ctrl+, alt+ or shift+)`},
		{"an unknown action, after a bad value", "theme = \"\"\n[keys]\nbogus = \"x\"", `config FILE:1: theme: "" is not a theme (use auto, dark, light, or the path of a Glamour JSON style file)`},
		{"a conflict only in a file with no other error", "keys.sort = \"/\"\nsort = \"popular\"", `config FILE:2: sort: unknown sort "popular" (use newest, oldest, reads or title)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := loadConfigText(t, tt.text)
			if err == nil {
				t.Fatal("loadConfig succeeded")
			}
			if want := strings.ReplaceAll(tt.want, "FILE", p); err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			if _, ok := err.(usageError); !ok {
				t.Errorf("not a usage error (exit status 2): %#v", err)
			}
		})
	}
}

// TestConfigKeysValid: remappings the key map takes, and what they bind.
func TestConfigKeysValid(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		action string
		want   []string
	}{
		{"keys as list", "[keys]\nsearch = [\"/\", \"ctrl+f\", \"/\"]", "search", []string{"/", "ctrl+f"}},
		{"key unbound", "[keys]\nsort = []", "sort", nil},
		{"keys inline table", `keys = { help = "f1", problems = ["ctrl+alt+p"] }`, "problems", []string{"ctrl+alt+p"}},
		{"keys swapped", "[keys]\nup = [\"j\"]\ndown = [\"k\"]", "up", []string{"j"}},
		// The same key in places that never take keys together.
		{"key shared across contexts", "[keys]\nnext_article = \"enter\"\ntoggle = \"o\"", "next_article", []string{"enter"}},
		{"search box keys with modifiers", "[keys]\naccept = \"ctrl+j\"\ncancel = [\"esc\", \"alt+q\"]", "cancel", []string{"esc", "alt+q"}},
		{"quit by interrupt only", "[keys]\nquit = []", "quit", nil},
		{"plus and modifiers", "[keys]\nhalf_down = [\"ctrl++\", \"+\", \"shift+down\", \"f12\"]", "half_down", []string{"ctrl++", "+", "shift+down", "f12"}},
		{"picker keys with modifiers", "[keys]\npicker_up = [\"up\", \"alt+k\"]\npicker_back = \"ctrl+g\"", "picker_up", []string{"up", "alt+k"}},
		{"yes and no", "[keys]\nyes = \"j\"\nno = [\"k\", \"q\"]", "no", []string{"k", "q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, km, err := loadConfigText(t, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := km.KeysOf(tt.action); !slices.Equal(got, tt.want) {
				t.Errorf("%s: keys %q, want %q", tt.action, got, tt.want)
			}
		})
	}
}
