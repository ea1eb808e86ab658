package data

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// TestLibraryReadFiles: the files a fetch wrote come with the IDs, paths
// and folder tags a walk gives them, without their bodies; files outside
// the roots, hidden or not articles are skipped.
func TestLibraryReadFiles(t *testing.T) {
	dir, other, cache := t.TempDir(), t.TempDir(), t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "old.txt"), "Old news\n\nBody.")
	lib, _ := libraryLoad(t, dir, cache)

	fresh := filepath.Join(dir, "feeds", "comets", "2026-01-02-a-comet.md")
	testfs.WriteFile(t, fresh, "---\ntitle: A comet\n---\nIt came back.")
	broken := filepath.Join(dir, "feeds", "comets", "broken.json")
	testfs.WriteFile(t, broken, "{not json")
	skipped := []string{
		filepath.Join(other, "elsewhere.md"),
		filepath.Join(dir, "feeds", ".hidden", "x.md"),
		filepath.Join(dir, "feeds", "comets", ".tmp-x.md"),
		filepath.Join(dir, "feeds", "comets", "image.png"),
	}
	for _, p := range skipped {
		testfs.WriteFile(t, p, "Not to be read\n\nBody.")
	}
	var got []model.Batch
	paths := append([]string{fresh, broken}, skipped...)
	if err := lib.ReadFiles(context.Background(), paths, func(b model.Batch) { got = append(got, b) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Articles) != 1 || len(got[0].Problems) != 1 {
		t.Fatalf("batches %+v", got)
	}
	a := got[0].Articles[0]
	if a.Title != "A comet" || a.Body != "" || a.Path != fresh || !slices.Equal(a.FolderTags, []string{"feeds", "comets"}) {
		t.Errorf("article %+v", a)
	}
	if p := got[0].Problems[0]; p.Path != broken {
		t.Errorf("problem %+v", p)
	}

	// The next check finds the same article under the same ID.
	var walked []model.Batch
	if err := lib.Refresh(context.Background(), func(b model.Batch) { walked = append(walked, b) }); err != nil {
		t.Fatal(err)
	}
	c := collect(walked)
	if w, ok := c.Article(a.ID); !ok || w.Title != "A comet" || w.Path != a.Path {
		t.Errorf("the check gave the article another ID: %v", titlesOf(c))
	}
	if body, err := lib.Body(a); err != nil || body == "" {
		t.Errorf("body %q, %v", body, err)
	}
}

// TestLibraryReadFilesOfAFileRoot: a root that is one file is read as the
// walk reads it; nothing is sent when nothing given is an article.
func TestLibraryReadFilesOfAFileRoot(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	file := filepath.Join(dir, "one.md")
	testfs.WriteFile(t, file, "# One\n\nBody.")
	lib, loaded := libraryLoad(t, file, cache)
	want := collect(loaded).IDs()
	var got []model.Batch
	send := func(b model.Batch) { got = append(got, b) }
	if err := lib.ReadFiles(context.Background(), []string{file}, send); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Articles) != 1 || got[0].Articles[0].ID != want[0] {
		t.Fatalf("batches %+v, want ID %v", got, want)
	}
	got = nil
	if err := lib.ReadFiles(context.Background(), []string{filepath.Join(dir, "two.md"), dir}, send); err != nil || len(got) != 0 {
		t.Errorf("sent %+v, %v", got, err)
	}
}

func TestLibraryReadFilesCancelled(t *testing.T) {
	dir := t.TempDir()
	lib, _ := libraryLoad(t, dir, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := lib.ReadFiles(ctx, []string{filepath.Join(dir, "a.md")}, func(model.Batch) { t.Error("sent after cancel") }); err == nil {
		t.Error("no error after cancel")
	}
}
