package data

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

// libraryLoad opens the library of dir in cache, loads it and returns the
// batches it sent.
func libraryLoad(t *testing.T, dir, cache string) (*Library, []model.Batch) {
	t.Helper()
	lib, _, err := OpenLibrary(context.Background(), []string{dir}, cache)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	var batches []model.Batch
	if err := lib.Load(context.Background(), func(b model.Batch) { batches = append(batches, b) }); err != nil {
		t.Fatal(err)
	}
	return lib, batches
}

func collect(batches []model.Batch) *model.Collection {
	c := model.NewCollection(model.ExternalSearch())
	for _, b := range batches {
		c.Apply(b)
	}
	return c
}

func titlesOf(c *model.Collection) []string {
	var out []string
	for _, id := range c.IDs() {
		a, _ := c.Article(id)
		out = append(out, a.Title)
	}
	return out
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLibraryWarmStartReadsNoArticleFile(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	a := filepath.Join(dir, "sport", "a.txt")
	writeFile(t, a, "Cup final tonight\n\nBody one.")
	writeFile(t, filepath.Join(dir, "b.txt"), "Budget vote\n\nBody two.")
	_, cold := libraryLoad(t, dir, cache)
	if got := titlesOf(collect(cold)); !slices.Equal(got, []string{"Budget vote", "Cup final tonight"}) {
		t.Fatalf("cold load: %v", got)
	}
	// Same size and time, other text: a warm start must trust the index.
	info, _ := os.Stat(a)
	writeFile(t, a, "Cup FINAL tonight\n\nBody one.")
	if err := os.Chtimes(a, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	lib, warm := libraryLoad(t, dir, cache)
	c := collect(warm)
	if got := titlesOf(c); !slices.Equal(got, []string{"Budget vote", "Cup final tonight"}) {
		t.Fatalf("warm load re-read a file it had indexed: %v", got)
	}
	if len(warm[0].Articles) != 2 {
		t.Errorf("the first batch should carry the whole index, got %d articles", len(warm[0].Articles))
	}
	// The folder tag and the body on demand (from the file as it is now).
	id := model.NewID("sport/a.txt", 0)
	art, _ := c.Article(id)
	if tag, ok := c.Tag("sport"); !ok || tag.Count != 1 || art.Body != "" {
		t.Errorf("sport tag %+v, body kept in memory %q", tag, art.Body)
	}
	if body, err := lib.Body(art); err != nil || body != "Body one." {
		t.Errorf("Body = %q, %v", body, err)
	}
}

func TestLibraryChangesAndRemovals(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dir, "feed.jsonl"), `{"title":"One"}`+"\n"+`{"title":"Two"}`+"\n"+`{"title":"Three"}`)
	writeFile(t, filepath.Join(dir, "gone.txt"), "Soon gone\n\nText.")
	libraryLoad(t, dir, cache)
	// The feed loses a record and gains a newer mtime; gone.txt is deleted.
	later := time.Now().Add(time.Minute)
	writeFile(t, filepath.Join(dir, "feed.jsonl"), `{"title":"One"}`+"\n"+`{"title":"Two, revised"}`)
	os.Chtimes(filepath.Join(dir, "feed.jsonl"), later, later)
	os.Remove(filepath.Join(dir, "gone.txt"))
	_, batches := libraryLoad(t, dir, cache)
	var removed []model.ID
	for _, b := range batches {
		removed = append(removed, b.Removed...)
	}
	want := []model.ID{model.NewID("feed.jsonl", 2), model.NewID("gone.txt", 0)}
	slices.Sort(removed)
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	if got := titlesOf(collect(batches)); !slices.Equal(got, []string{"One", "Two, revised"}) {
		t.Errorf("after changes: %v", got)
	}
	if last := batches[len(batches)-1]; !last.Progress.Done {
		t.Errorf("the last batch is not Done")
	}
	// And the next start knows it all without reading anything new.
	_, again := libraryLoad(t, dir, cache)
	if got := titlesOf(collect(again)); !slices.Equal(got, []string{"One", "Two, revised"}) {
		t.Errorf("third load: %v", got)
	}
}
