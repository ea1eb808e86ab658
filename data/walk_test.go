//go:build unix

package data

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

func TestLoadSymlinks(t *testing.T) {
	dir := testfs.Write(t, t.TempDir(), map[string]string{
		"sport/a.txt":       "Sport story\n\nBody.",
		"world/europe/b.md": "# Europe story\nBody.",
	})
	outside := testfs.Write(t, t.TempDir(), map[string]string{"c.txt": "Outside story\n\nBody."})
	for link, target := range map[string]string{
		"world/europe/loop": "..",                                // a loop
		"sport/self":        ".",                                 // another
		"all":               "sport",                             // a second way to a folder
		"linked":            outside,                             // a folder reached only by a link
		"gone.txt":          filepath.Join(dir, "nothing-there"), // dangling
		"story.txt":         filepath.Join("sport", "a.txt"),     // a link to a file
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	l := loadPaths(t, dir)
	got := map[string][]string{}
	for _, a := range l.arts {
		got[a.Rel] = a.FolderTags
	}
	want := map[string][]string{
		"sport/a.txt":       {"sport"}, // under its real folder, not under "all"
		"world/europe/b.md": {"world", "europe"},
		"linked/c.txt":      {"linked"},
		"story.txt":         nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loaded %v\nwant %v", got, want)
	}
	wantProbs := map[string]string{filepath.Join(dir, "gone.txt"): "dangling link: skipped"}
	if got := l.problemSet(); !reflect.DeepEqual(got, wantProbs) {
		t.Errorf("problems %v, want %v", got, wantProbs)
	}
}

func TestLoadNeverOpensSpecialFiles(t *testing.T) {
	dir := testfs.Write(t, t.TempDir(), map[string]string{"ok.txt": "Fine\n\nBody."})
	for _, name := range []string{"pipe.txt", "pipe.md"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	if err := os.Symlink("pipe.md", filepath.Join(dir, "to-pipe.json")); err != nil {
		t.Fatal(err)
	}
	done := make(chan *loaded)
	go func() {
		l := &loaded{}
		err := Load(t.Context(), []string{dir, filepath.Join(dir, "pipe.txt")}, l.send)
		if err != nil {
			t.Error(err)
		}
		done <- l
	}()
	select {
	case l := <-done:
		if len(l.arts) != 1 {
			t.Errorf("%d articles, want 1", len(l.arts))
		}
		want := map[string]string{
			filepath.Join(dir, "pipe.txt"):     "not a regular file: skipped",
			filepath.Join(dir, "pipe.md"):      "not a regular file: skipped",
			filepath.Join(dir, "to-pipe.json"): "not a regular file: skipped",
		}
		if got := l.problemSet(); !reflect.DeepEqual(got, want) {
			t.Errorf("problems %v, want %v", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load hangs on a FIFO")
	}
	// Opening is safe too, should a file become a FIFO after the walk saw it.
	b, reason := readFile(osFS(dir), "pipe.txt")
	if b != nil || reason != "not a regular file: skipped" {
		t.Errorf("readFile of a FIFO = %q, %q", b, reason)
	}
}

func TestLoadSkipsHugeFiles(t *testing.T) {
	dir := testfs.Write(t, t.TempDir(), map[string]string{"small.txt": "Small\n\nBody."})
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	l := loadPaths(t, dir)
	if len(l.arts) != 1 {
		t.Errorf("%d articles, want 1", len(l.arts))
	}
	want := map[string]string{filepath.Join(dir, "huge.txt"): "larger than 16 MiB: skipped"}
	if got := l.problemSet(); !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}

func TestLoadPaths(t *testing.T) {
	dir := testfs.Write(t, t.TempDir(), map[string]string{
		"news/sport/a.txt":  "Story A\n\nBody.",
		"other/sport/a.txt": "Story A again\n\nBody.",
		"other/b.TXT":       "Story B\n\nBody.",
		"notes.doc":         "not news",
	})
	news, other := filepath.Join(dir, "news"), filepath.Join(dir, "other")
	single := filepath.Join(other, "sport", "a.txt")

	t.Run("a file as a path has no folder tags", func(t *testing.T) {
		l := loadPaths(t, single)
		if len(l.arts) != 1 || l.arts[0].Tags != nil || l.arts[0].Rel != "a.txt" || l.arts[0].Path != single {
			t.Errorf("%+v", l.arts)
		}
	})
	t.Run("a folder given with a trailing slash", func(t *testing.T) {
		l := loadPaths(t, news+"/")
		if len(l.arts) != 1 || l.arts[0].Path != filepath.Join(news, "sport", "a.txt") || l.arts[0].Rel != "sport/a.txt" {
			t.Errorf("%+v", l.arts)
		}
	})
	t.Run("IDs are stable, and salted for a later root with the same Rel", func(t *testing.T) {
		first, second := loadPaths(t, news, other), loadPaths(t, news, other)
		ids := func(l *loaded) map[string]model.ID {
			m := map[string]model.ID{}
			for _, a := range l.arts {
				m[a.Path] = a.ID
			}
			return m
		}
		a, b := ids(first), ids(second)
		if !reflect.DeepEqual(a, b) || len(a) != 3 {
			t.Fatalf("IDs differ between loads:\n%v\n%v", a, b)
		}
		if a[filepath.Join(news, "sport", "a.txt")] != model.NewID("sport/a.txt", 0) {
			t.Error("first root's ID is not derived from Rel")
		}
		later := filepath.Join(other, "sport", "a.txt")
		if a[later] != model.NewID(later, 0) {
			t.Error("later root's ID is not derived from its path")
		}
	})
	t.Run("a folder or file given twice loads once", func(t *testing.T) {
		if l := loadPaths(t, news, news); len(l.arts) != 1 {
			t.Errorf("%d articles", len(l.arts))
		}
		if l := loadPaths(t, single, filepath.Join(other, "sport", "..", "sport", "a.txt")); len(l.arts) != 1 {
			t.Errorf("%d articles", len(l.arts))
		}
	})
	t.Run("OS errors are problems with the reason", func(t *testing.T) {
		if _, reason := readFile(osFS(dir), "missing.txt"); reason != "no such file or directory" {
			t.Errorf("reason %q", reason)
		}
		if _, reason := readFile(osFS(dir), "news"); reason != reasonIrregular {
			t.Errorf("reason for a folder %q", reason)
		}
	})
	t.Run("a file of another format given as a path is a problem", func(t *testing.T) {
		l := loadPaths(t, filepath.Join(dir, "notes.doc"))
		if len(l.probs) != 1 || !strings.HasPrefix(l.probs[0].Reason, "not a news file") {
			t.Errorf("%v", l.probs)
		}
	})
	t.Run("a missing path is an error before anything loads", func(t *testing.T) {
		missing := filepath.Join(dir, "nope") + "/"
		sent := false
		err := Load(t.Context(), []string{news, missing}, func(model.Batch) { sent = true })
		want := "no such file or folder: " + missing + " (give a folder or file of articles)"
		if err == nil || err.Error() != want || sent {
			t.Errorf("err = %v, sent %v; want %q", err, sent, want)
		}
		if _, err := ReadAll(t.Context(), []string{missing}); err == nil {
			t.Error("ReadAll: no error")
		}
		if err := CheckPaths(nil); err == nil {
			t.Error("CheckPaths(nil): no error")
		}
	})
}

func TestLoadNeverWrites(t *testing.T) {
	dir := testfs.Write(t, t.TempDir(), map[string]string{"a.txt": "A\n\nBody.", "b/c.md": "# C"})
	before := snapshot(t, dir)
	loadPaths(t, dir)
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Errorf("collection changed:\n%v\n%v", before, after)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	m := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		m[p] = info.Mode().String() + info.ModTime().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestListDirChunks lists a folder of more entries than one chunk of
// listDir: every entry the walk looks at, and only those, in name order.
func TestListDirChunks(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 2*dirChunk + 100 {
		name := fmt.Sprintf("%05d.txt", (i*7919)%(2*dirChunk+100)) // not created in name order
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{".hidden.txt", "notes.pdf", "sub", "link"} {
		var err error
		switch name {
		case "sub":
			err = os.Mkdir(filepath.Join(dir, name), 0o755)
		case "link":
			err = os.Symlink("sub", filepath.Join(dir, name))
		default:
			err = os.WriteFile(filepath.Join(dir, name), nil, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, err := listDir(osFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2*dirChunk + 100 {
		want = append(want, fmt.Sprintf("%05d.txt", i))
	}
	want = append(want, "link", "sub")
	var got []string
	for _, e := range entries {
		got = append(got, e.name)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("listDir: %d entries %q…, want %d %q…", len(got), got[:min(5, len(got))], len(want), want[:5])
	}
	if last := entries[len(entries)-1]; !last.typ.IsDir() || entries[len(entries)-2].typ&fs.ModeSymlink == 0 {
		t.Fatalf("types: link %v, sub %v", entries[len(entries)-2].typ, last.typ)
	}
}
