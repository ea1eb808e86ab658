package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
)

// libraryEnv gives the test its own configuration and data folders and
// returns the configuration file's path and the default library's.
func libraryEnv(t *testing.T) (configFile, library string) {
	t.Helper()
	configFile = configEnv(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	return configFile, filepath.Join(data, "newsline", "library")
}

// writeLibrary writes one fetched article into the library folder lib.
func writeLibrary(t *testing.T, lib string) {
	t.Helper()
	testfs.WriteFile(t, filepath.Join(lib, "feeds", "Tide Times", "2026-03-01-spring-tide.md"),
		"---\ntitle: Spring tide floods the quay\ndate: 2026-03-01\nurl: https://tides.example/spring\n---\nWater reached the benches.\n")
}

func listTitles(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"list"}, args...)...)
	if code != 0 {
		t.Fatalf("list %q: exit %d, stderr %q", args, code, errOut)
	}
	var titles []string
	for _, l := range lines(out) {
		if f := strings.Split(l, "\t"); len(f) > 3 {
			titles = append(titles, f[3])
		}
	}
	slices.Sort(titles)
	return titles
}

// TestLibraryRead: with no PATH, the library is read with $NEWSLINE_DIR or
// the configuration's paths when it holds an article; alone, it replaces
// the demo; PATH arguments are read alone.
func TestLibraryRead(t *testing.T) {
	const spring = "Spring tide floods the quay"
	collection := writeCollection(t) // 5 articles
	tests := []struct {
		name   string
		setup  func(t *testing.T, configFile, lib string) []string // returns list's args
		want   int                                                 // articles; -1 for the demo
		spring bool                                                // the library's article among them
	}{
		{"no library: the demo", func(*testing.T, string, string) []string { return nil }, -1, false},
		{"an empty library: the demo", func(t *testing.T, _, lib string) []string {
			testfs.WriteFile(t, filepath.Join(lib, "feeds", ".tmp-123"), "half")
			return nil
		}, -1, false},
		{"the library alone", func(t *testing.T, _, lib string) []string { writeLibrary(t, lib); return nil }, 1, true},
		{"$NEWSLINE_DIR plus the library", func(t *testing.T, _, lib string) []string {
			writeLibrary(t, lib)
			t.Setenv("NEWSLINE_DIR", collection)
			return nil
		}, 6, true},
		{"paths plus the library", func(t *testing.T, cf, lib string) []string {
			writeLibrary(t, lib)
			testfs.WriteFile(t, cf, "paths = [\""+collection+"\"]\n")
			return nil
		}, 6, true},
		{"PATH alone", func(t *testing.T, _, lib string) []string { writeLibrary(t, lib); return []string{collection} }, 5, false},
		{"the library setting", func(t *testing.T, cf, _ string) []string {
			lib := filepath.Join(t.TempDir(), "my library")
			writeLibrary(t, lib)
			testfs.WriteFile(t, cf, "library = \""+lib+"\"\n")
			return nil
		}, 1, true},
		{"the library inside paths: once", func(t *testing.T, cf, _ string) []string {
			dir := t.TempDir()
			writeLibrary(t, filepath.Join(dir, "lib"))
			testfs.WriteFile(t, cf, "paths = [\""+dir+"\"]\nlibrary = \""+filepath.Join(dir, "lib")+"\"\n")
			return nil
		}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf, lib := libraryEnv(t)
			titles := listTitles(t, tt.setup(t, cf, lib)...)
			if tt.want < 0 {
				if len(titles) < 40 || slices.Contains(titles, spring) {
					t.Errorf("want the demo, got %d articles", len(titles))
				}
				return
			}
			if len(titles) != tt.want || slices.Contains(titles, spring) != tt.spring {
				t.Errorf("got %q, want %d articles (the library's: %v)", titles, tt.want, tt.spring)
			}
		})
	}
}

// TestLibraryCommands: tags, show and mark find the library's articles
// with no PATH, as list does.
func TestLibraryCommands(t *testing.T) {
	_, lib := libraryEnv(t)
	writeLibrary(t, lib)
	t.Setenv("NEWSLINE_DIR", writeCollection(t))
	if code, out, _ := runCLI(t, "tags"); code != 0 || !strings.Contains(out, "\tTide Times\n") || !strings.Contains(out, "\tfeeds\n") {
		t.Errorf("tags: exit %d\n%s", code, out)
	}
	_, out, _ := runCLI(t, "list", "--tag", "Tide Times")
	id := strings.Split(out, "\t")[0]
	if code, out, errOut := runCLI(t, "show", id); code != 0 || !strings.Contains(out, "Water reached the benches.") {
		t.Errorf("show %s: exit %d, stderr %q\n%s", id, code, errOut, out)
	}
	stateDir := t.TempDir()
	if code, _, errOut := runCLI(t, "mark", "read", id, "--state-dir", stateDir); code != 0 {
		t.Fatalf("mark read: exit %d, stderr %q", code, errOut)
	}
	if _, out, _ := runCLI(t, "list", "--unread", "--state-dir", stateDir); strings.Contains(out, "Spring tide") || len(lines(out)) != 5 {
		t.Errorf("the library's article is not marked read:\n%s", out)
	}
}

// TestLibraryConfig: `newsline config` shows the library and where it
// came from; a file in its place is an error of the file, at its line.
func TestLibraryConfig(t *testing.T) {
	cf, lib := libraryEnv(t)
	if _, out, _ := runCLI(t, "config"); !strings.Contains(out, "library = \""+lib+"\"  # default\n") {
		t.Errorf("config:\n%s", out)
	}
	file := testfs.WriteFile(t, filepath.Join(t.TempDir(), "not-a-folder"), "x")
	testfs.WriteFile(t, cf, "sort = \"title\"\nlibrary = \""+file+"\"\n")
	want := "newsline: config " + cf + ":2: library: " + file + " is a file, not a folder (give the folder newsline may write fetched articles into, or remove the line for the default)\n"
	if code, out, errOut := runCLI(t, "list"); code != 2 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errOut, want)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := runCLI(t, "config"); !strings.Contains(out, "library = \""+file+"\"  # "+cf+":2\n") {
		t.Errorf("config:\n%s", out)
	}
}
