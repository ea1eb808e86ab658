package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLibrary: the library setting, its default from $XDG_DATA_HOME, ~
// and relative paths, and its errors at the line of the key.
func TestLibrary(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	home, _ := os.UserHomeDir()
	tests := []struct {
		name, text string
		want       string // DIR is the file's folder; "" when an error
		err        string // FILE is the file
	}{
		{"default", `sort = "title"`, filepath.Join(data, "newsline", "library"), ""},
		{"absolute", `library = "/srv/news/lib"`, "/srv/news/lib", ""},
		{"home", "\nlibrary = \"~/News Library\"", filepath.Join(home, "News Library"), ""},
		{"relative to the file", `library = "lib"`, "DIR/lib", ""},
		{"empty", "sort = \"title\"\nlibrary = \"  \"", "", "config FILE:2: library: an empty path (" + libraryHint + ")"},
		{"a file", `library = "config.toml"`, "", "config FILE:1: library: DIR/config.toml is a file, not a folder (" + libraryHint + ")"},
		{"wrong type", `library = ["a"]`, "", `config FILE:1: library: wrong type: want a string, got array (write library = "~/news/library")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, src, p, err := loadText(t, tt.text)
			dir := filepath.Dir(p)
			if tt.err != "" {
				want := strings.ReplaceAll(strings.ReplaceAll(tt.err, "FILE", p), "DIR", dir)
				if err == nil || err.Error() != want {
					t.Errorf("got  %v\nwant %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(tt.want, "DIR", dir); cfg.Library != want {
				t.Errorf("library %q, want %q", cfg.Library, want)
			}
			out := Format(cfg, src)
			if !strings.Contains(out, "library = "+quote(cfg.Library)+"  # ") {
				t.Errorf("Format does not show the library:\n%s", out)
			}
		})
	}
}

// TestDefaultLibrary: a relative $XDG_DATA_HOME is ignored, as the
// specification says.
func TestDefaultLibrary(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "relative/data")
	got, err := DefaultLibrary()
	if err != nil {
		t.Fatalf("DefaultLibrary: %v", err)
	}
	if strings.Contains(got, "relative") || filepath.Base(got) != "library" || !filepath.IsAbs(got) {
		t.Errorf("DefaultLibrary() = %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "/data")
	if got, _ := DefaultLibrary(); got != filepath.FromSlash("/data/newsline/library") {
		t.Errorf("DefaultLibrary() = %q", got)
	}
}
