package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
)

// TestConfigPathMissing: a folder of the file's paths that does not exist
// is an error of the file, at the line of its entry, from every command
// that reads the collection; paths that are not used are not checked.
func TestConfigPathMissing(t *testing.T) {
	def := configEnv(t)
	dir := writeCollection(t)
	gone := filepath.Join(t.TempDir(), "gone")
	p := testfs.WriteFile(t, def, "sort = \"title\"\npaths = [\n  \""+dir+"\",\n  \""+gone+"\",\n]\n")
	want := "newsline: config " + p + ":4: paths: no such file or folder: " + gone + " (fix the path or remove it)\n"
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"tags"}, {"show", "abcdef"}, {"mark", "read", "abcdef"}, {}} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%q: exit %d, stdout %q\nstderr %q\nwant   %q", args, code, out, errOut, want)
		}
	}
	// A PATH or $NEWSLINE_DIR wins over the file's paths, which then do
	// not matter.
	if code, out, errOut := runCLI(t, "list", dir); code != 0 || len(lines(out)) != 5 || errOut != "" {
		t.Errorf("list DIR: exit %d, %d lines, stderr %q", code, len(lines(out)), errOut)
	}
	// `config` shows the paths as they are, missing or not.
	if code, out, _ := runCLI(t, "config"); code != 0 || !strings.Contains(out, gone) {
		t.Errorf("config: exit %d\n%s", code, out)
	}
	t.Setenv("NEWSLINE_DIR", dir)
	if code, _, errOut := runCLI(t, "tags"); code != 0 || errOut != "" {
		t.Errorf("tags with $NEWSLINE_DIR: exit %d, stderr %q", code, errOut)
	}
}
