package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

func TestBrowserCommand(t *testing.T) {
	const u = "https://example.org/a?b=1&c=2"
	tests := []struct {
		browser, goos string
		want          []string
	}{
		{"", "linux", []string{"xdg-open", u}},
		{"", "darwin", []string{"open", u}},
		{"", "windows", []string{"rundll32", "url.dll,FileProtocolHandler", u}},
		{"firefox", "linux", []string{"firefox", u}},
		{"firefox --new-tab %s", "linux", []string{"firefox", "--new-tab", u}},
		{"w3m:lynx", "linux", []string{"w3m", u}},
		{"  ", "linux", []string{"xdg-open", u}},
		{"'my browser' %s", "linux", []string{"'my", "browser'", u}}, // no shell: quotes are plain text
	}
	for _, tc := range tests {
		if got := browserCommand(tc.browser, tc.goos, u); !slices.Equal(got, tc.want) {
			t.Errorf("browserCommand(%q, %s) = %q, want %q", tc.browser, tc.goos, got, tc.want)
		}
	}
}

// browserOut names, in a child process standing in for a browser, the
// file where it writes the arguments it was given.
const browserOut = "NEWSLINE_TEST_BROWSER_OUT"

// TestHelperBrowser is the stand-in browser: run by openURL through
// $BROWSER, it writes its arguments after the -test flags.
func TestHelperBrowser(t *testing.T) {
	out := os.Getenv(browserOut)
	if out == "" {
		return // not a child
	}
	args := os.Args[1:]
	for len(args) > 0 && strings.HasPrefix(args[0], "-test.") {
		args = args[1:]
	}
	// Written whole, then renamed: the test never reads half of it.
	if err := os.WriteFile(out+".tmp", []byte(strings.Join(args, "\x00")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out+".tmp", out); err != nil {
		t.Fatal(err)
	}
}

// TestOpenURLStartsNoShell opens an address full of shell syntax through a
// stand-in browser: it arrives as one argument, and nothing in it runs.
func TestOpenURLStartsNoShell(t *testing.T) {
	dir := t.TempDir()
	out, pwned := filepath.Join(dir, "args"), filepath.Join(dir, "pwned")
	u := "https://example.org/?a=1&b=$(touch${IFS}" + pwned + ");c=`touch${IFS}" + pwned + "`|touch${IFS}" + pwned + ";'\"<>"
	t.Setenv("BROWSER", os.Args[0]+" -test.run=^TestHelperBrowser$")
	t.Setenv(browserOut, out)
	if err := openURL(u); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(out); err == nil {
			got = b
			break
		}
	}
	if string(got) != u {
		t.Errorf("the browser got %q, want the address alone, %q", got, u)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Error("the address ran a command")
	}
}

func TestOpenURLRefusesOtherSchemes(t *testing.T) {
	t.Setenv("BROWSER", "/nonexistent/browser")
	for _, u := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://ü.example/", "https://", "mailto:a@b.example", "http://x.example/\x1b[2J"} {
		if err := openURL(u); err == nil || !strings.Contains(err.Error(), "not an http or https address") {
			t.Errorf("openURL(%q) = %v, want a refusal", u, err)
		}
	}
}

func TestEditCommand(t *testing.T) {
	const f = "/news/a b/it's $(x).md"
	tests := []struct {
		visual, editor string
		want           []string
	}{
		{"", "", []string{"vi", f}},
		{"", "nano", []string{"nano", f}},
		{"", "code --wait", []string{"code", "--wait", f}},
		{"hx", "nano", []string{"hx", f}}, // $VISUAL first
		{"  ", "emacs -nw", []string{"emacs", "-nw", f}},
		{"", "'my editor' -x", []string{"'my", "editor'", "-x", f}}, // no shell: quotes are plain text
	}
	for _, tc := range tests {
		c := editCommand(tc.visual, tc.editor, f, 0)
		if got := append([]string{c.Path}, c.Args[1:]...); c.Args[0] != tc.want[0] || !slices.Equal(c.Args, tc.want) {
			t.Errorf("editCommand(%q, %q) = %q, want %q", tc.visual, tc.editor, got, tc.want)
		}
	}
}

// TestEditCommandAtLine: a line goes before the file as +LINE for the
// editors known to take it, whatever their folder or arguments; other
// editors get the file alone; a file named like an option stays a file.
func TestEditCommandAtLine(t *testing.T) {
	const f = "/news/bad.json"
	tests := []struct {
		visual, editor string
		file           string
		line           int
		want           []string
	}{
		{"", "", f, 3, []string{"vi", "+3", f}},
		{"", "/usr/bin/vim", f, 12, []string{"/usr/bin/vim", "+12", f}},
		{"nvim", "", f, 1, []string{"nvim", "+1", f}},
		{"", "nano", f, 3, []string{"nano", "+3", f}},
		{"", "emacs -nw", f, 3, []string{"emacs", "-nw", "+3", f}},
		{"micro", "", f, 3, []string{"micro", "+3", f}},
		{"hx", "", f, 3, []string{"hx", "+3", f}},
		{"helix", "", f, 3, []string{"helix", "+3", f}},
		{"kak", "", f, 3, []string{"kak", "+3", f}},
		{"code --wait", "", f, 3, []string{"code", "--wait", f}},
		{"", "vim", f, 0, []string{"vim", f}},
		{"", "vim", "-c!x.md", 2, []string{"vim", "+2", "./-c!x.md"}},
		{"", "vim", "+!x.md", 0, []string{"vim", "./+!x.md"}},
	}
	for _, tc := range tests {
		c := editCommand(tc.visual, tc.editor, tc.file, tc.line)
		want := slices.Clone(tc.want)
		want[len(want)-1] = filepath.FromSlash(want[len(want)-1])
		if !slices.Equal(c.Args, want) {
			t.Errorf("editCommand(%q, %q, %q, %d) = %q, want %q", tc.visual, tc.editor, tc.file, tc.line, c.Args, want)
		}
	}
}

// TestProblemEditor opens a problem's file at its line through a stand-in
// editor named vi; a problem whose file is gone, or a folder, is an error;
// the demo has none.
func TestProblemEditor(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	file := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(file, []byte("{}\n[1]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vi := filepath.Join(dir, "vi")
	if err := os.Symlink(os.Args[0], vi); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", vi+" -test.run=^TestHelperBrowser$")
	t.Setenv(browserOut, out)
	edit := source{paths: []string{dir}}.problemEditor()
	c, err := edit(model.Problem{Path: file, Reason: "line 2: not an object: skipped", Line: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != "+2\x00"+file {
		t.Errorf("the editor got %q (%v), want +2 and the file", got, err)
	}
	for _, p := range []model.Problem{{Path: filepath.Join(dir, "gone.json"), Line: 1}, {Path: dir}} {
		if _, err := edit(p); err == nil || !strings.Contains(err.Error(), "cannot find the file") {
			t.Errorf("problem %+v: %v", p, err)
		}
	}
	if (source{}).problemEditor() != nil {
		t.Error("the demo offers an editor for problems")
	}
}

// TestEditorStartsNoShell runs the editor command on a file whose name is
// shell syntax, through a stand-in editor: the name arrives as one
// argument, and nothing in it runs.
func TestEditorStartsNoShell(t *testing.T) {
	dir := t.TempDir()
	out, pwned := filepath.Join(dir, "args"), filepath.Join(dir, "pwned")
	file := filepath.Join(dir, "a;touch pwned;$(touch pwned);`touch pwned`.md")
	if err := os.WriteFile(file, []byte("# Title\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", os.Args[0]+" -test.run=^TestHelperBrowser$")
	t.Setenv(browserOut, out)
	src := source{paths: []string{dir}}
	c, err := src.editor()(articleAt(file))
	if err != nil {
		t.Fatal(err)
	}
	c.(execCommand).Dir = dir // where a shell would have touched pwned
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil || string(got) != file {
		t.Errorf("the editor got %q (%v), want the file alone, %q", got, err, file)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Error("the file name ran a command")
	}
	// The demo has no files: no editor.
	if (source{}).editor() != nil {
		t.Error("the demo offers an editor")
	}
	// A file that is gone is an error, not an editor on nothing.
	if _, err := src.editor()(articleAt(filepath.Join(dir, "gone.md"))); err == nil {
		t.Error("an editor for a file that does not exist")
	}
}

// articleAt is an article read, without an index, from the file at path.
func articleAt(path string) model.Article {
	return model.Article{Path: path, Rel: filepath.Base(path)}
}
