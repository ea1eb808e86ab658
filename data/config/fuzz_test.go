package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzLoad checks that no file makes Load panic, that every error is one
// line naming the file, and that what loads is printed by Format as a file
// that loads to the same settings.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"",
		"paths = [\"~/news\", \"rel\"]\ntheme = \"dark\"\nsort = \"reads\"\ntag_match = \"any\"\nmark_on_open = false\ndate_format = \"long\"\n",
		"[layout]\nwide = 130\nmedium = 70\n",
		"layout.wide = 100\nkeys = { quit = \"x\", search = [\"/\", \"ctrl+f\"] }\n",
		"[keys]\nsort = \"/\"\n",
		"[keys]\naccept = \"a\"\nquit = []\ninterrupt = []\n",
		"[keys.quit]\nx = 1\n",
		"theme = \"\"\ncolour = 1\n",
		"[[keys]]\nquit = 1\n",
		"date_format = \"2006\\u001b\"\n",
		"\uFEFFsort = 'title'\n",
		"a.b.c = 1\n[a]\n",
		"keys = { quit = { a = { b = 1 } } }\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	file := filepath.Join(dir, "config.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, src, err := parse(file, data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "config "+file) {
				t.Fatalf("error does not name the file: %q", msg)
			}
			if strings.ContainsAny(msg, "\n\r\x1b") {
				t.Fatalf("error is not one plain line: %q", msg)
			}
			return
		}
		out := Format(cfg, src)
		again, _, err := parse(file, []byte(out))
		if err != nil {
			t.Fatalf("Format's output does not load: %v\n%s", err, out)
		}
		again.pathsFrom, cfg.pathsFrom = "", ""
		again.pathLines, cfg.pathLines = nil, nil // where the lines are, not what they say
		forgetKeyLines(&again)
		forgetKeyLines(&cfg)
		if !reflect.DeepEqual(again, cfg) {
			t.Fatalf("round trip\n got %+v\nwant %+v\n%s", again, cfg, out)
		}
	})
}
