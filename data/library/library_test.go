package library

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// listing returns the names and contents of the files in dir, by name.
func listing(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func names(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestSafeName(t *testing.T) {
	long := strings.Repeat("é", 150) + ".md" // 303 bytes
	for _, tc := range []struct{ in, want string }{
		{"2026-03-12-harbour-reopens.md", "2026-03-12-harbour-reopens.md"},
		{"Ars Technica", "Ars Technica"},
		{"../../etc/passwd", "-..-etc-passwd"},
		{"..", ""},
		{".", ""},
		{".hidden.md", "hidden.md"},
		{"a/b\\c.md", "a-b-c.md"},
		{"what? <yes>: \"no\" | *.md", "what- -yes-- -no- - -.md"},
		{"bell\x07 and \x1b[31mred\x1b[0m.md", "bell and [31mred[0m.md"},
		{"tab\there\nnewline.md", "tab here newline.md"},
		{"c1\u0085 bidi\u202etxt.md", "c1 biditxt.md"},
		{"zero\u200bwidth\ufeff.md", "zerowidth.md"},
		{"bad \xff utf8.md", "bad  utf8.md"},
		{"trailing dots... ", "trailing dots"},
		{"CON", "_CON"},
		{"nul.md", "_nul.md"},
		{"COM1.txt", "_COM1.txt"},
		{"COMA.txt", "COMA.txt"},
		{"Nachrichten über Café", "Nachrichten über Café"},
		{"日本語のニュース.md", "日本語のニュース.md"},
		{"", ""},
		{"\x00\x01", ""},
		{long, strings.Repeat("é", 98) + ".md"},
		{"CON." + strings.Repeat("x", 300), "_CON." + strings.Repeat("x", MaxName-5)}, // the mark counts in the length
	} {
		got := SafeName(tc.in)
		if got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) > MaxName || !utf8.ValidString(got) || strings.ContainsAny(got, "/\\") || got == ".." {
			t.Errorf("SafeName(%q) = %q is not safe", tc.in, got)
		}
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		TempPrefix + "0123456789abcdef":    true,
		TempPrefix + "0123456789ABCDEF":    false,
		TempPrefix + "0123456789abcde":     false,
		TempPrefix + "0123456789abcdef0":   false,
		TempPrefix + "0123456789abcdeg":    false,
		TempPrefix + "0123456789abcdef.md": false,
		".newsline-tmp":                    false,
		"newsline-tmp-0123456789abcdef":    false,
		".hidden":                          false,
		"2026-03-12-harbour.md":            false,
		tempName():                         true,
	} {
		if IsTemp(name) != want {
			t.Errorf("IsTemp(%q) = %v", name, !want)
		}
	}
}

// TestCreate: a file is created whole, with the library's modes; a name
// taken (by the user's file or newsline's) is never overwritten but the
// next free name is used; no temporary file stays.
func TestCreate(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library")
	dir := filepath.Join(lib, FeedsFolder, "News")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	user := map[string]string{"a.md": "the user's a", "a-3.md": "the user's a-3", "b": "the user's b"}
	for n, c := range user {
		os.WriteFile(filepath.Join(dir, n), []byte(c), 0o600)
	}
	for _, tc := range []struct{ name, content, want string }{
		{"a.md", "first", "a-2.md"},
		{"a.md", "second", "a-4.md"},
		{"b", "b two", "b-2"},
		{"c/../d.md", "d", "c-..-d.md"},
		{"new.md", "new", "new.md"},
		{"new.md", "new again", "new-2.md"},
	} {
		path, err := Create(lib, "News", tc.name, []byte(tc.content))
		if err != nil {
			t.Fatalf("Create(%q): %v", tc.name, err)
		}
		if path != filepath.Join(dir, tc.want) {
			t.Errorf("Create(%q) = %s, want %s", tc.name, path, tc.want)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != tc.content {
			t.Errorf("%s holds %q, %v", path, b, err)
		}
		if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644&^umask()) {
			t.Errorf("%s: mode %v, %v", path, fi.Mode(), err)
		}
	}
	got := listing(t, dir)
	for n, c := range user {
		if got[n] != c {
			t.Errorf("the user's %s was changed: %q", n, got[n])
		}
	}
	for _, n := range names(got) {
		if strings.HasPrefix(n, ".") {
			t.Errorf("left %s", n)
		}
	}
	if fi, err := os.Stat(filepath.Join(lib, FeedsFolder)); err != nil || fi.Mode().Perm() != 0o755&^umask() {
		t.Errorf("the feeds folder: %v, %v", fi.Mode(), err)
	}
}

// umask is the process's umask, which the modes asked for pass through.
func umask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}

// TestCreateBadNames: a folder or file name with nothing usable is one
// line naming it; nothing is created.
func TestCreateBadNames(t *testing.T) {
	lib := t.TempDir()
	for _, tc := range []struct{ folder, name, want string }{
		{"..", "a.md", `the feed folder name ".." has no usable character`},
		{"\x07 .", "a.md", `the feed folder name " ." has no usable character`},
		{"News", "\x00", `the file name "" has no usable character`},
	} {
		_, err := Create(lib, tc.folder, tc.name, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.ContainsAny(err.Error(), "\n\x1b") {
			t.Errorf("Create(%q, %q): %v, want %q", tc.folder, tc.name, err, tc.want)
		}
	}
	if _, err := Create("", "News", "a.md", nil); err == nil {
		t.Error("Create without a library succeeded")
	}
	if entries, _ := os.ReadDir(filepath.Join(lib, FeedsFolder)); len(entries) > 1 {
		t.Errorf("created %v", entries)
	}
}

// TestCreateWithoutHardLinks: on a file system without hard links the
// name is created exclusively: still never over a file.
func TestCreateWithoutHardLinks(t *testing.T) {
	defer func(old func(string, string) error) { link = old }(link)
	calls := 0
	link = func(string, string) error { calls++; return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	lib := t.TempDir()
	dir := filepath.Join(lib, FeedsFolder, "News")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("the user's"), 0o644)
	path, err := Create(lib, "News", "a.md", []byte("ours"))
	if err != nil || path != filepath.Join(dir, "a-2.md") || calls == 0 {
		t.Fatalf("Create = %s, %v (link called %d times)", path, err, calls)
	}
	if got := listing(t, dir); len(got) != 2 || got["a.md"] != "the user's" || got["a-2.md"] != "ours" {
		t.Errorf("the folder holds %v", got)
	}
}

// TestCreateUnusableFolder: a feed folder that is the user's file is an
// error naming it, and the file is left as it is.
func TestCreateUnusableFolder(t *testing.T) {
	lib := t.TempDir()
	os.MkdirAll(filepath.Join(lib, FeedsFolder), 0o755)
	file := filepath.Join(lib, FeedsFolder, "News")
	os.WriteFile(file, []byte("the user's"), 0o644)
	_, err := Create(lib, "News", "a.md", []byte("x"))
	if err == nil || !strings.Contains(err.Error(), file) || strings.Contains(err.Error(), "\n") {
		t.Errorf("Create in a folder that is a file: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "the user's" {
		t.Errorf("the file holds %q", b)
	}
}

// TestRemoveTemps removes only newsline's own temporary files: regular
// files named TempPrefix and 16 hex digits; never the user's files, other
// dot files, a folder or a link of that name.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	ours := []string{TempPrefix + "0123456789abcdef", TempPrefix + "fedcba9876543210"}
	theirs := []string{"2026-03-12-a.md", ".hidden", ".newsline-tmp-notours", TempPrefix + "0123456789abcdef.md", "notes.txt"}
	for _, n := range append(ours, theirs...) {
		os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644)
	}
	os.Mkdir(filepath.Join(dir, TempPrefix+"00000000aaaaaaaa"), 0o755)
	target := filepath.Join(t.TempDir(), "elsewhere.md")
	os.WriteFile(target, []byte("elsewhere"), 0o644)
	os.Symlink(target, filepath.Join(dir, TempPrefix+"11111111bbbbbbbb"))
	n, err := RemoveTemps(dir)
	if err != nil || n != len(ours) {
		t.Errorf("RemoveTemps = %d, %v; want %d", n, err, len(ours))
	}
	got := listing(t, dir)
	for _, o := range ours {
		if _, ok := got[o]; ok {
			t.Errorf("%s is still there", o)
		}
	}
	for _, n := range append(theirs, TempPrefix+"00000000aaaaaaaa", TempPrefix+"11111111bbbbbbbb") {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "elsewhere" {
		t.Error("the link's target was changed")
	}
	if n, err := RemoveTemps(filepath.Join(dir, "missing")); n != 0 || err != nil {
		t.Errorf("RemoveTemps(missing) = %d, %v", n, err)
	}
}
