package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The tests' marks never go to the user's state folder: every test gives
// --state-dir or sets XDG_STATE_HOME itself; this catches any that does
// not (the folder is only created when something is written to it).
func init() {
	os.Setenv("XDG_STATE_HOME", filepath.Join(os.TempDir(), fmt.Sprintf("newsline-test-state-%d", os.Getpid())))
}

// listed runs list with args and returns ID → title of what it prints.
func listed(t *testing.T, args ...string) map[string]string {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"list"}, args...)...)
	if code != 0 {
		t.Fatalf("list %q: exit %d: %s", args, code, errOut)
	}
	got := map[string]string{}
	for _, l := range lines(out) {
		if f := strings.Split(l, "\t"); len(f) == 5 {
			got[f[0]] = f[3]
		}
	}
	return got
}

// titles returns the sorted titles of a listing.
func titles(m map[string]string) []string {
	var ts []string
	for _, title := range m {
		ts = append(ts, title)
	}
	slices.Sort(ts)
	return ts
}

// idOf returns the ID of the article whose title starts with prefix.
func idOf(t *testing.T, all map[string]string, prefix string) string {
	t.Helper()
	for id, title := range all {
		if strings.HasPrefix(title, prefix) {
			return id
		}
	}
	t.Fatalf("no article %q in %v", prefix, all)
	return ""
}

func mark(t *testing.T, args ...string) {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"mark"}, args...)...)
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("mark %q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
	}
}

func TestMarkAndList(t *testing.T) {
	dir := writeCollection(t)
	sd := "--state-dir=" + t.TempDir()
	all := listed(t, dir, sd)
	if len(all) != 5 {
		t.Fatalf("%d articles", len(all))
	}
	harbour, comet, library := idOf(t, all, "Harbour"), idOf(t, all, "Comet"), idOf(t, all, "Library")
	if got := listed(t, dir, sd, "--unread"); len(got) != 5 {
		t.Errorf("nothing read yet, --unread lists %d", len(got))
	}
	if got := listed(t, dir, sd, "--starred"); len(got) != 0 {
		t.Errorf("nothing starred yet, --starred lists %v", got)
	}

	mark(t, "read", harbour, comet[:6], dir, sd) // a prefix works too
	if got := titles(listed(t, dir, sd, "--unread")); strings.Join(got, "|") != "Library opens at midnight|New bridge for Ostrava-nad-Lesem|Undated note" {
		t.Errorf("--unread after marking two read: %q", got)
	}
	mark(t, "star", comet, library, dir, sd)
	if got := titles(listed(t, dir, sd, "--starred")); strings.Join(got, "|") != "Comet named after a cat|Library opens at midnight" {
		t.Errorf("--starred: %q", got)
	}
	if got := titles(listed(t, dir, sd, "--starred", "--unread")); strings.Join(got, "|") != "Library opens at midnight" {
		t.Errorf("--starred --unread: %q", got)
	}
	// With the other filters.
	if got := titles(listed(t, dir, sd, "--starred", "--tag", "science")); strings.Join(got, "|") != "Comet named after a cat" {
		t.Errorf("--starred --tag science: %q", got)
	}
	// --json lists the same articles.
	code, out, _ := runCLI(t, "list", dir, sd, "--starred", "--json")
	if code != 0 || len(lines(out)) != 2 {
		t.Errorf("--starred --json: exit %d, %q", code, out)
	}

	mark(t, "unread", comet, dir, sd)
	mark(t, "unstar", library, dir, sd)
	if got := titles(listed(t, dir, sd, "--starred")); strings.Join(got, "|") != "Comet named after a cat" {
		t.Errorf("--starred after unstar: %q", got)
	}
	if got := listed(t, dir, sd, "--unread"); len(got) != 4 || got[harbour] != "" {
		t.Errorf("--unread after unread: %v", got)
	}
	// Marking twice is fine; -v says how many changed.
	code, _, errOut := runCLI(t, "mark", "unread", comet, harbour, dir, sd, "-v")
	if code != 0 || !strings.Contains(errOut, "1 of 2 articles marked unread") {
		t.Errorf("mark -v: exit %d, %q", code, errOut)
	}
}

// TestMarkVerboseSaysWhat: -v names the one article it marked, and counts
// many.
func TestMarkVerboseSaysWhat(t *testing.T) {
	dir := writeCollection(t)
	sd := "--state-dir=" + t.TempDir()
	all := listed(t, dir, sd)
	comet, harbour := idOf(t, all, "Comet"), idOf(t, all, "Harbour")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"star", comet}, "newsline: starred: Comet named after a cat"},
		{[]string{"star", comet}, "newsline: already starred: Comet named after a cat"},
		{[]string{"read", comet, harbour}, "newsline: 2 articles marked read"},
		{[]string{"unread", comet, harbour}, "newsline: 2 articles marked unread"},
		{[]string{"read", harbour}, "newsline: marked read: Harbour of Velmora reopens after storm"},
		{[]string{"read", comet, harbour}, "newsline: 1 of 2 articles marked read (the others were already)"},
	} {
		args := append(append([]string{"mark"}, tc.args...), dir, sd, "-v")
		// -v lists the collection's problems first (broken.json, empty.txt).
		code, out, errOut := runCLI(t, args...)
		if got := lines(errOut); code != 0 || out != "" || got[len(got)-1] != tc.want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q, want %q", args, code, out, errOut, tc.want)
		}
	}
}

// TestMarksFollowTheArticle: the marks survive a move, a rename, an edit
// in place, and the collection opened by another path; the index (cache)
// plays no part.
func TestMarksFollowTheArticle(t *testing.T) {
	dir := writeCollection(t)
	sd := "--state-dir=" + t.TempDir()
	all := listed(t, dir, sd)
	mark(t, "star", idOf(t, all, "Harbour"), idOf(t, all, "New bridge"), idOf(t, all, "Comet"), dir, sd)
	starred := func(args ...string) []string {
		t.Helper()
		return titles(listed(t, append(args, sd, "--starred")...))
	}
	want := "Comet named after a cat|Harbour of Velmora reopens after storm|New bridge for Ostrava-nad-Lesem"

	// Moved to another folder, renamed, and (with a URL) moved anywhere.
	os.MkdirAll(filepath.Join(dir, "archive"), 0o755)
	for from, to := range map[string]string{
		"world/harbour.txt": "archive/harbour-2026.txt",
		"world/bridge.txt":  "world/ostrava-bridge.txt",
		"science/comet.md":  "archive/comet.md",
	} {
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
	}
	if got := starred(dir); strings.Join(got, "|") != want {
		t.Errorf("after moves: %q", got)
	}
	// Edited in place: the body changes, the marks stay.
	p := filepath.Join(dir, "archive", "harbour-2026.txt")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("Tuesday"), []byte("Wednesday"), 1), 0o644)
	if got := starred(dir, "--no-cache"); strings.Join(got, "|") != want {
		t.Errorf("after an edit: %q", got)
	}
	// Another path to the same collection: a link, a relative path, the
	// folder moved.
	base := t.TempDir()
	link := filepath.Join(base, "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if got := starred(link); strings.Join(got, "|") != want {
		t.Errorf("through a link: %q", got)
	}
	t.Chdir(filepath.Dir(dir))
	if got := starred("./" + filepath.Base(dir)); strings.Join(got, "|") != want {
		t.Errorf("by a relative path: %q", got)
	}
	moved := filepath.Join(base, "news")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if got := starred(moved, "--no-cache"); strings.Join(got, "|") != want {
		t.Errorf("the folder moved: %q", got)
	}
}

func TestMarkDefaultStateDir(t *testing.T) {
	dir := writeCollection(t)
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", home)
	all := listed(t, dir)
	mark(t, "star", idOf(t, all, "Undated"), dir)
	if _, err := os.Stat(filepath.Join(home, "newsline", "state.db")); err != nil {
		t.Errorf("no state in $XDG_STATE_HOME/newsline: %v", err)
	}
	if got := titles(listed(t, dir, "--starred")); strings.Join(got, "|") != "Undated note" {
		t.Errorf("--starred: %q", got)
	}
	// The demo collection has marks too.
	t.Setenv("NEWSLINE_DIR", "")
	demo := listed(t)
	var id string
	for k := range demo {
		id = k
		break
	}
	mark(t, "read", id)
	if got := listed(t, "--unread"); len(got) != len(demo)-1 || got[id] != "" {
		t.Errorf("demo --unread: %d of %d", len(got), len(demo))
	}
}

func TestMarkUsageErrors(t *testing.T) {
	dir := writeCollection(t)
	sd := t.TempDir()
	all := listed(t, dir, "--state-dir", sd)
	id := idOf(t, all, "Harbour")
	fileDir := filepath.Join(t.TempDir(), "file")
	os.WriteFile(fileDir, []byte("x"), 0o644)
	corrupt := t.TempDir()
	corruptDB := filepath.Join(corrupt, "state.db")
	garbage := bytes.Repeat([]byte("garbage!"), 1000)
	os.WriteFile(corruptDB, garbage, 0o600)
	tests := []struct {
		name string
		args []string
		want string // in the one stderr line
	}{
		{"no verb", []string{"mark"}, "read, unread, star or unstar"},
		{"bad verb", []string{"mark", "delete", id, dir}, `unknown mark "delete"`},
		{"no ID", []string{"mark", "read", dir}, "needs article IDs"},
		{"unknown ID", []string{"mark", "read", "ffffffffffffffff", dir}, "ffffffffffffffff"},
		{"one unknown ID among good ones", []string{"mark", "read", id, "ffffffffffffffff", dir}, "ffffffffffffffff"},
		{"an ID after the PATHs", []string{"mark", "read", id, dir, "abcdef"}, "IDs come first"},
		{"missing path", []string{"mark", "read", id, filepath.Join(dir, "nope")}, "nope"},
		{"state dir is a file", []string{"mark", "read", id, dir, "--state-dir", fileDir}, fileDir},
		{"list: state dir is a file", []string{"list", dir, "--unread", "--state-dir", fileDir}, fileDir},
		{"corrupt state", []string{"mark", "star", id, dir, "--state-dir", corrupt}, corruptDB},
		{"list: corrupt state", []string{"list", dir, "--starred", "--state-dir", corrupt}, "move it away"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !slices.Contains(args, "--state-dir") {
				args = append(slices.Clone(args), "--state-dir", sd)
			}
			code, out, errOut := runCLI(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (%s)", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout should be empty, got %q", out)
			}
			if l := lines(errOut); len(l) != 1 || !strings.HasPrefix(l[0], "newsline: ") || !strings.Contains(l[0], tt.want) {
				t.Errorf("stderr should be one line naming %q, got %q", tt.want, errOut)
			}
		})
	}
	// Nothing was marked by the failed commands, and the corrupt file is
	// as it was.
	if got := listed(t, dir, "--state-dir", sd, "--unread"); len(got) != 5 {
		t.Errorf("a failed mark marked something: %d unread", len(got))
	}
	if b, _ := os.ReadFile(corruptDB); !bytes.Equal(b, garbage) {
		t.Error("the corrupt state file was changed")
	}
	// list without --unread or --starred never opens the state.
	if code, _, errOut := runCLI(t, "list", dir, "--state-dir", fileDir); code != 0 {
		t.Errorf("plain list with an unusable state dir: exit %d, %s", code, errOut)
	}
}
