package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/index"
	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// libraryLoad opens the library of dir in cache, loads it and returns the
// batches it sent.
func libraryLoad(t testing.TB, dir, cache string) (*Library, []model.Batch) {
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

func TestLibraryWarmStartReadsNoArticleFile(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	a := filepath.Join(dir, "sport", "a.txt")
	testfs.WriteFile(t, a, "Cup final tonight\n\nBody one.")
	testfs.WriteFile(t, filepath.Join(dir, "b.txt"), "Budget vote\n\nBody two.")
	_, cold := libraryLoad(t, dir, cache)
	if got := titlesOf(collect(cold)); !slices.Equal(got, []string{"Budget vote", "Cup final tonight"}) {
		t.Fatalf("cold load: %v", got)
	}
	// Same size and time, other text: a warm start must trust the index.
	info, _ := os.Stat(a)
	testfs.WriteFile(t, a, "Cup FINAL tonight\n\nBody one.")
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

// TestLibraryWarmStartKnowsItsSize: every batch of a warm start says how
// many articles the indexes hold (Progress.Known), the first one included,
// so the header can show the whole at once; a cold start knows none.
func TestLibraryWarmStartKnowsItsSize(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	for i := range 700 { // more than the first, small batch
		testfs.WriteFile(t, filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), fmt.Sprintf("Title %d\n\nBody.", i))
	}
	_, cold := libraryLoad(t, dir, cache)
	for _, b := range cold {
		if b.Progress.Known != 0 {
			t.Fatalf("a cold start claims %d known articles", b.Progress.Known)
		}
	}
	testfs.WriteFile(t, filepath.Join(dir, "new.txt"), "Added since\n\nBody.")
	_, warm := libraryLoad(t, dir, cache)
	if len(warm) < 2 {
		t.Fatalf("%d batches", len(warm))
	}
	for i, b := range warm {
		if b.Progress.Known != 700 {
			t.Errorf("batch %d: Known %d, want 700", i, b.Progress.Known)
		}
	}
	if first := warm[0].Progress; first.Articles >= first.Known || first.Files != 0 {
		t.Errorf("first batch progress %+v: the index's rows come first", first)
	}
	if last := warm[len(warm)-1].Progress; !last.Done || last.Articles != 701 {
		t.Errorf("last batch progress %+v, want 701 articles and done", last)
	}
}

func TestLibraryChangesAndRemovals(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "feed.jsonl"), `{"title":"One"}`+"\n"+`{"title":"Two"}`+"\n"+`{"title":"Three"}`)
	testfs.WriteFile(t, filepath.Join(dir, "gone.txt"), "Soon gone\n\nText.")
	libraryLoad(t, dir, cache)
	// The feed loses a record and gains a newer mtime; gone.txt is deleted.
	later := time.Now().Add(time.Minute)
	testfs.WriteFile(t, filepath.Join(dir, "feed.jsonl"), `{"title":"One"}`+"\n"+`{"title":"Two, revised"}`)
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

// searchFixture writes a small collection with words only in bodies, a
// folder tag, a multi-record file and CJK text.
func searchFixture(t *testing.T, dir string) {
	testfs.WriteFile(t, filepath.Join(dir, "sport", "cup.txt"), "Cup final tonight\n\nThe harbour stadium is full.")
	testfs.WriteFile(t, filepath.Join(dir, "budget.txt"), "Budget vote\n\nCouncil members argue about Łódź.")
	testfs.WriteFile(t, filepath.Join(dir, "briefs.jsonl"),
		`{"title":"Weather","body":"Sunny over the harbour"}`+"\n"+`{"title":"東京の天気","body":"今日は晴れ"}`)
}

// libraryQueries are compared between Library.Search and the in-memory search.
var libraryQueries = []string{"harbour", "harb", "lodz", "sport", "cup", "晴れ", "天", "council argue", "weather harbour", "nothing", "*"}

// sameSearch checks Library.Search against model's search over ReadAll.
func sameSearch(t *testing.T, lib *Library, dir, when string) {
	t.Helper()
	ref, err := ReadAll(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range libraryQueries {
		got, err := lib.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: Search(%q): %v", when, q, err)
		}
		want := ref.Visible(model.Query{Search: q})
		if len(got) != len(want) {
			t.Errorf("%s: Search(%q) found %d articles, the in-memory search %d", when, q, len(got), len(want))
			continue
		}
		for _, id := range want {
			if _, ok := got[id]; !ok {
				t.Errorf("%s: Search(%q) misses %v", when, q, id)
			}
		}
	}
}

func TestLibraryIndexTextAfterLoad(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	searchFixture(t, dir)
	lib, batches := libraryLoad(t, dir, cache)
	// The list is complete, the words are not indexed yet (and the last
	// batch says so): search scans.
	if last := batches[len(batches)-1].Progress; !last.Done || !last.Indexing() || last.ToIndex != 4 {
		t.Errorf("last batch of the load: %+v, want Done with 4 articles to index", last)
	}
	sameSearch(t, lib, dir, "before IndexText")

	var progress []model.Progress
	err := lib.IndexText(context.Background(), func(b model.Batch) {
		if len(b.Articles) > 0 || len(b.Removed) > 0 {
			t.Errorf("IndexText sent articles: %+v", b)
		}
		progress = append(progress, b.Progress)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) < 2 || progress[0].ToIndex != 4 || progress[0].Indexed != 0 || !progress[0].Done {
		t.Fatalf("first progress %+v (of %d)", progress[0], len(progress))
	}
	if last := progress[len(progress)-1]; last.Indexing() || last.Indexed != 4 {
		t.Errorf("last progress %+v", last)
	}
	for _, lr := range lib.libs {
		if pending, n, err := lr.ix.Pending(context.Background()); err != nil || n != 0 {
			t.Errorf("after IndexText, %d articles pending in %d files (%v)", n, len(pending), err)
		}
	}
	sameSearch(t, lib, dir, "after IndexText")
	if err := lib.IndexText(context.Background(), func(b model.Batch) { t.Errorf("nothing to index, sent %+v", b) }); err != nil {
		t.Fatal(err)
	}

	// A later start indexes only what changed, and search sees the change
	// before and after.
	testfs.WriteFile(t, filepath.Join(dir, "budget.txt"), "Budget vote\n\nCouncil members argue about Kraków.")
	later := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(dir, "budget.txt"), later, later)
	lib2, _ := libraryLoad(t, dir, cache)
	sameSearch(t, lib2, dir, "changed, before IndexText")
	progress = nil
	if err := lib2.IndexText(context.Background(), func(b model.Batch) { progress = append(progress, b.Progress) }); err != nil {
		t.Fatal(err)
	}
	if len(progress) == 0 || progress[0].ToIndex != 1 {
		t.Errorf("re-indexing one changed file: %+v", progress)
	}
	sameSearch(t, lib2, dir, "changed, after IndexText")
}

func TestLibraryRebuildsIndexCorruptWhileReading(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	searchFixture(t, dir)
	lib, _ := libraryLoad(t, dir, cache)
	lib.Close()
	// Damage one article's record: Open accepts the file, reading fails.
	db, err := sql.Open("sqlite", index.Path(cache, dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE articles SET rec = x'ff' WHERE rel = 'budget.txt'`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	lib, batches := libraryLoad(t, dir, cache)
	var notices []string
	for _, b := range batches {
		if b.Notice != "" {
			notices = append(notices, b.Notice)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "rebuilding the index") {
		t.Errorf("notices %q, want one about the rebuild", notices)
	}
	want := []string{"Weather", "東京の天気", "Budget vote", "Cup final tonight"}
	if got := titlesOf(collect(batches)); !slices.Equal(got, want) {
		t.Errorf("after the rebuild: %v, want %v", got, want)
	}
	sameSearch(t, lib, dir, "rebuilt")
	// And the rebuilt index serves the next start.
	_, again := libraryLoad(t, dir, cache)
	if got := titlesOf(collect(again)); !slices.Equal(got, want) {
		t.Errorf("after the rebuild, next start: %v", got)
	}
}

func TestLibraryProblemsFollowChanges(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	latin := filepath.Join(dir, "cafe.txt")
	testfs.WriteFile(t, latin, "Caf\xe9 au lait\n\nA Latin-1 body.")         // loaded, with a problem
	testfs.WriteFile(t, filepath.Join(dir, "gone.json"), `{"title": "oops"`) // skipped, with a problem
	testfs.WriteFile(t, filepath.Join(dir, "ok.txt"), "Fine\n\nNothing wrong.")
	problems := func(batches []model.Batch) []string {
		var out []string
		for _, p := range collect(batches).Problems() {
			out = append(out, filepath.Base(p.Path))
		}
		slices.Sort(out)
		return out
	}
	_, cold := libraryLoad(t, dir, cache)
	if got := problems(cold); !slices.Equal(got, []string{"cafe.txt", "gone.json"}) {
		t.Fatalf("cold problems %v", got)
	}
	// Warm: the problems come from the index, once each.
	_, warm := libraryLoad(t, dir, cache)
	if got := problems(warm); !slices.Equal(got, []string{"cafe.txt", "gone.json"}) {
		t.Fatalf("warm problems %v", got)
	}
	// The Latin-1 file changes but stays Latin-1: still one problem, not
	// the index's and the new one. The broken file is deleted.
	later := time.Now().Add(time.Minute)
	testfs.WriteFile(t, latin, "Caf\xe9 noir\n\nStill Latin-1.")
	os.Chtimes(latin, later, later)
	os.Remove(filepath.Join(dir, "gone.json"))
	_, changed := libraryLoad(t, dir, cache)
	if got := problems(changed); !slices.Equal(got, []string{"cafe.txt"}) {
		t.Errorf("after changes, problems %v", got)
	}
	// Repaired: no problem left.
	testfs.WriteFile(t, latin, "Café noir\n\nNow UTF-8.")
	later = later.Add(time.Minute)
	os.Chtimes(latin, later, later)
	_, fixed := libraryLoad(t, dir, cache)
	if got := problems(fixed); len(got) != 0 {
		t.Errorf("after the repair, problems %v", got)
	}
}

func TestLibraryBodyOfARecord(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	var lines []string
	for i := range 50 {
		lines = append(lines, fmt.Sprintf(`{"title": "Record %d", "body": "Body of record %d."}`, i, i))
	}
	feed := filepath.Join(dir, "feed.jsonl")
	testfs.WriteFile(t, feed, strings.Join(lines, "\n"))
	testfs.WriteFile(t, filepath.Join(dir, "list.json"), `{"items": [{"title": "In a wrapper", "body": "Wrapped body."}, {"title": "Second", "body": "Two."}]}`)
	libraryLoad(t, dir, cache)
	// Through a warm start, so the spans come from the index.
	lib, batches := libraryLoad(t, dir, cache)
	c := collect(batches)
	for _, id := range c.IDs() {
		a, _ := c.Article(id)
		if a.Length == 0 {
			t.Fatalf("%q has no span after a warm start", a.Title)
		}
		body, err := lib.Body(a)
		want := strings.Replace(strings.Replace(a.Title, "Record", "Body of record", 1), "In a wrapper", "Wrapped body", 1)
		if a.Title == "Second" {
			want = "Two"
		}
		if err != nil || body != want+"." {
			t.Errorf("Body(%q) = %q, %v; want %q", a.Title, body, err, want+".")
		}
	}
	// The file changes (another record first) and the index is not
	// checked yet: the spans point elsewhere, the whole file is parsed.
	a, _ := c.Article(model.NewID("feed.jsonl", 3))
	testfs.WriteFile(t, feed, `{"title": "New first record, longer than the old one", "body": "x"}`+"\n"+strings.Join(lines, "\n"))
	if body, err := lib.Body(a); err != nil || body != "Body of record 2." {
		t.Errorf("after the change, Body(%q) = %q, %v; want the record now at index 3", a.Title, body, err)
	}
}

func TestLibraryRename(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	testfs.WriteFile(t, filepath.Join(dir, "old.txt"), "Bridge opens\n\nThe quokka crossed first.")
	testfs.WriteFile(t, filepath.Join(dir, "stay.txt"), "Stays\n\nUnmoved.")
	lib, _ := libraryLoad(t, dir, cache)
	if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	if err := os.MkdirAll(filepath.Join(dir, "moved"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "old.txt"), filepath.Join(dir, "moved", "new.txt")); err != nil {
		t.Fatal(err)
	}
	lib, batches := libraryLoad(t, dir, cache)
	var removed []model.ID
	for _, b := range batches {
		removed = append(removed, b.Removed...)
	}
	if !slices.Equal(removed, []model.ID{model.NewID("old.txt", 0)}) {
		t.Errorf("removed %v, want the old path's article", removed)
	}
	c := collect(batches)
	if a, ok := c.Article(model.NewID("moved/new.txt", 0)); !ok || a.Title != "Bridge opens" {
		t.Errorf("the renamed article: %+v, %v", a, ok)
	}
	if tag, ok := c.Tag("moved"); !ok || tag.Count != 1 {
		t.Errorf("the new folder's tag: %+v, %v", tag, ok)
	}
	// Found by its words under its new ID, before and after IndexText.
	for _, when := range []string{"before IndexText", "after IndexText"} {
		ids, err := lib.Search(context.Background(), "quokka")
		if _, ok := ids[model.NewID("moved/new.txt", 0)]; err != nil || len(ids) != 1 || !ok {
			t.Errorf("%s: search found %v, %v", when, ids, err)
		}
		if err := lib.IndexText(context.Background(), func(model.Batch) {}); err != nil {
			t.Fatal(err)
		}
	}
}
