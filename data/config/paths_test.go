package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckPaths: a path of the file that does not exist is an error of
// the file, at the line of its own entry, like every other setting's.
func TestCheckPaths(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // FILE is the file, DIR its folder; "" for no error
	}{
		{"all there", `paths = ["news", "feeds"]`, ""},
		{"one line", `paths = ["news", "gone"]`, `config FILE:1: paths: no such file or folder: DIR/gone (fix the path or remove it)`},
		{"an entry a line", "sort = \"title\"\npaths = [\n  \"news\",\n  # old\n  \"gone\",\n  \"also-gone\",\n]\n",
			`config FILE:5: paths: no such file or folder: DIR/gone (fix the path or remove it)`},
		{"an empty path", "paths = [\n\"news\",\n\"\"]", ""}, // Load reports it, at its line (below)
		{"no paths", `sort = "title"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, d := range []string{"news", "feeds"} {
				if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			p := writeFile(t, dir, "config.toml", tt.text)
			cfg, _, err := Load(p, true)
			if tt.name == "an empty path" {
				if err == nil || !strings.Contains(err.Error(), ":3: paths: an empty path") {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got := ""
			if err := cfg.CheckPaths(); err != nil {
				got = strings.ReplaceAll(strings.ReplaceAll(err.Error(), p, "FILE"), dir, "DIR")
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
