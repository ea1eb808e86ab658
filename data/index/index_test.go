package index

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

// sample is a small collection of real-shaped articles: every format, a
// multi-article file, non-ASCII text, unknown dates and reads, tags in
// several spellings, folder tags, an article with sub-second time.
func sample() []model.Article {
	march := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	arts := []model.Article{
		{Rel: "world/harbour.txt", Title: "Harbour of Velmora reopens after storm", Date: march, Reads: 340,
			Tags: []string{"World", "Ports"}, FolderTags: []string{"world"}, Format: model.FormatText,
			Body: "The port opened again on Tuesday…"},
		{Rel: "culture/łódź.md", Title: "Łódź film festival — Straße, Ærø and naïve café", Reads: model.NoReads,
			Tags: []string{"#Kultur", "film", "Film"}, FolderTags: []string{"culture"}, Format: model.FormatMarkdown,
			Source: "Gazeta", URL: "https://example.com/łódź?x=1&y=2", Author: "Zoë Ångström",
			Body: "# Heading\n\nThe *festival* opened in **Łódź**."},
		{Rel: "briefs.jsonl", Index: 0, Title: "東京の天気", Date: time.Date(2025, 1, 2, 3, 4, 5, 678_000_000, time.UTC),
			Reads: 0, Tags: []string{"天気"}, Format: model.FormatJSON, Body: "今日は晴れ"},
		{Rel: "briefs.jsonl", Index: 1, Title: "No date, no reads, no tags", Reads: model.NoReads, Format: model.FormatJSON},
		{Rel: "briefs.jsonl", Index: 2, Title: "", Reads: 12, Format: model.FormatJSON, Date: time.Unix(0, 0).UTC(),
			Body: "A record without a title, dated at the epoch"},
		{Rel: "local/news/deep.txt", Title: "Deep", Reads: model.NoReads, FolderTags: []string{"local", "news"},
			Body: "x"},
	}
	for i := range arts {
		arts[i].ID = model.NewID(arts[i].Rel, arts[i].Index)
	}
	return arts
}

func TestRoundTrip(t *testing.T) {
	ix, _ := openTemp(t)
	arts := sample()
	changes := files(arts)
	changes[0].Problems = []model.Problem{{Path: "/news/world/harbour.txt", Reason: "not valid UTF-8: read as Windows-1252", Loaded: true}}
	changes = append(changes, FileChange{Rel: "bad.json", Size: 10, ModTime: 7,
		Problems: []model.Problem{{Path: "/news/bad.json", Reason: "malformed JSON: line 3: …", Line: 3}, {Path: "/news/bad.json", Reason: "second"}}})
	apply(t, ix, changes)

	sameArticles(t, all(t, ix), stored(arts))

	got, err := ix.Files(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]FileStat{}
	for _, c := range changes {
		want[c.Rel] = FileStat{Size: c.Size, ModTime: c.ModTime}
	}
	if !maps.Equal(got, want) {
		t.Errorf("Files() = %v, want %v", got, want)
	}

	probs, err := ix.Problems(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantProbs := []model.Problem{changes[len(changes)-1].Problems[0], changes[len(changes)-1].Problems[1], changes[0].Problems[0]}
	if !slices.Equal(probs, wantProbs) {
		t.Errorf("Problems() = %v, want %v", probs, wantProbs)
	}
}

func TestArticlesStopsAtError(t *testing.T) {
	ix, _ := openTemp(t)
	apply(t, ix, files(sample()))
	stop := errors.New("stop")
	n := 0
	err := ix.Articles(context.Background(), func(model.Article) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Articles returned %v after %d calls, want stop after 1", err, n)
	}
}

func TestReopen(t *testing.T) {
	ix, path := openTemp(t)
	arts := sample()
	apply(t, ix, files(arts))
	before, _ := ix.Files(context.Background())
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, notice, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if notice != "" {
		t.Errorf("notice on reopening a good index: %q", notice)
	}
	sameArticles(t, all(t, ix), stored(arts))
	after, _ := ix.Files(context.Background())
	if !maps.Equal(before, after) {
		t.Errorf("files changed on reopening: %v, then %v", before, after)
	}
	if ids := search(t, ix, "lodz"); len(ids) != 1 {
		t.Errorf("search after reopening found %d articles, want 1", len(ids))
	}
	if m, _ := filepath.Glob(path + ".broken-*"); len(m) > 0 {
		t.Errorf("a good index was set aside: %v", m)
	}
}

func TestInvalidation(t *testing.T) {
	ix, _ := openTemp(t)
	arts := sample()
	apply(t, ix, files(arts))
	ctx := context.Background()

	// A changed file: its articles are replaced (one fewer), its problem goes.
	changed := FileChange{Rel: "briefs.jsonl", Size: 99, ModTime: 99, Articles: []model.Article{
		art("briefs.jsonl", 0, "Replaced brief", "harbour pilots strike"),
	}}
	apply(t, ix, []FileChange{changed})
	want := stored(append(slices.Clone(arts[:2]), append(arts[5:], changed.Articles...)...))
	sameArticles(t, all(t, ix), want)
	if ids := search(t, ix, "東京"); len(ids) != 0 {
		t.Errorf("the replaced article is still found: %v", ids)
	}
	if ids := search(t, ix, "pilot"); len(ids) != 1 {
		t.Errorf("the new article is not found: %v", ids)
	}
	if f, _ := ix.Files(ctx); f["briefs.jsonl"] != (FileStat{99, 99}) {
		t.Errorf("file stat not updated: %v", f["briefs.jsonl"])
	}

	// A deleted file: gone from articles, files, problems and search.
	apply(t, ix, []FileChange{{Rel: "culture/łódź.md", Deleted: true}, {Rel: "never/indexed.txt", Deleted: true}})
	want = slices.DeleteFunc(want, func(a model.Article) bool { return a.Rel == "culture/łódź.md" })
	sameArticles(t, all(t, ix), want)
	if ids := search(t, ix, "lodz"); len(ids) != 0 {
		t.Errorf("a deleted article is still found: %v", ids)
	}
	if f, _ := ix.Files(ctx); len(f) != 3 {
		t.Errorf("files after deletion: %v", f)
	}

	// A rename: deletion and addition in one Apply.
	moved := art("world/harbour-2.txt", 0, arts[0].Title, arts[0].Body, arts[0].Tags...)
	apply(t, ix, []FileChange{{Rel: "world/harbour.txt", Deleted: true}, {Rel: moved.Rel, Articles: []model.Article{moved}}})
	ids := search(t, ix, "velmora")
	if _, ok := ids[moved.ID]; !ok || len(ids) != 1 {
		t.Errorf("after a rename, search finds %v, want only %v", ids, moved.ID)
	}
	f, _ := ix.Files(ctx)
	if _, ok := f["world/harbour.txt"]; ok {
		t.Errorf("the old name is still known: %v", f)
	}
}

func TestApplyIDCollision(t *testing.T) {
	ix, _ := openTemp(t)
	a := art("a.txt", 0, "first", "alpha")
	b := art("b.txt", 0, "second", "beta")
	b.ID = a.ID // the same ID for two files: the later one wins, as in model
	apply(t, ix, []FileChange{{Rel: "a.txt", Articles: []model.Article{a}}})
	apply(t, ix, []FileChange{{Rel: "b.txt", Articles: []model.Article{b}}})
	got := all(t, ix)
	if len(got) != 1 || got[0].Title != "second" {
		t.Errorf("articles = %v, want only the second", got)
	}
	if ids := search(t, ix, "alpha"); len(ids) != 0 {
		t.Errorf("the replaced article is still found")
	}
	if ids := search(t, ix, "beta"); len(ids) != 1 {
		t.Errorf("the new article is not found")
	}
}

func TestApplyRollsBack(t *testing.T) {
	ix, _ := openTemp(t)
	apply(t, ix, files(sample()))
	before := all(t, ix)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := ix.Apply(ctx, []FileChange{{Rel: "briefs.jsonl", Deleted: true}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Apply with a cancelled context: %v", err)
	}
	sameArticles(t, all(t, ix), before)
}

func TestPath(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "My News ☂")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	p := Path("/cache", root)
	if filepath.Dir(p) != filepath.Clean("/cache") || !strings.HasPrefix(filepath.Base(p), "My_News-") || filepath.Ext(p) != ".db" {
		t.Errorf("Path = %q", p)
	}
	if q := Path("/cache", root+string(filepath.Separator)+"."); q != p {
		t.Errorf("another spelling of the root gives %q, want %q", q, p)
	}
	link := filepath.Join(dir, "link")
	if os.Symlink(root, link) == nil {
		if q := Path("/cache", link); q != p {
			t.Errorf("a link to the root gives %q, want %q", q, p)
		}
	}
	if q := Path("/cache", filepath.Join(dir, "other")); q == p {
		t.Errorf("two roots share %q", q)
	}
	if q := Path("/cache", "/"); !strings.HasPrefix(filepath.Base(q), "root-") {
		t.Errorf("Path of / = %q", q)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	if d, err := DefaultCacheDir(); err != nil || d != filepath.Join("/xdg", "newsline") {
		t.Errorf("with XDG_CACHE_HOME: %q, %v", d, err)
	}
	t.Setenv("XDG_CACHE_HOME", "relative")
	d, err := DefaultCacheDir()
	if err == nil && (filepath.Base(d) != "newsline" || strings.HasPrefix(d, "relative")) {
		t.Errorf("with a relative XDG_CACHE_HOME: %q", d)
	}
}

func TestUnwritableCacheDir(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if _, _, err := Open(context.Background(), filepath.Join(dir, "sub", "x.db")); err == nil {
		t.Error("Open in a folder that cannot be created succeeded")
	}
	if _, _, err := Open(context.Background(), filepath.Join(dir, "x.db")); err == nil {
		t.Error("Open in a read-only folder succeeded")
	}
}

func TestOpenFileAsFolder(t *testing.T) {
	// The cache "folder" is a file: an error, not a panic or a rebuild.
	dir := t.TempDir()
	f := filepath.Join(dir, "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Open(context.Background(), filepath.Join(f, "x.db")); err == nil {
		t.Error("Open under a file succeeded")
	}
}

// TestTextLater follows a first indexing: metadata first (TextLater),
// full text later (Pending, AddText), with changes in between.
func TestTextLater(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	arts := sample()
	changes := files(arts)
	bodies := map[string]map[int]string{}
	for c := range changes {
		changes[c].TextLater = true
		for a := range changes[c].Articles {
			art := &changes[c].Articles[a]
			if bodies[art.Rel] == nil {
				bodies[art.Rel] = map[int]string{}
			}
			bodies[art.Rel][art.Index], art.Body = art.Body, ""
		}
	}
	apply(t, ix, changes)
	sameArticles(t, all(t, ix), stored(arts))

	pending, n, err := ix.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, p := range pending {
		rels = append(rels, p.Rel)
	}
	wantRels := []string{"world/harbour.txt", "culture/łódź.md", "briefs.jsonl", "local/news/deep.txt"}
	if n != len(arts) || !slices.Equal(rels, wantRels) {
		t.Fatalf("Pending() = %v, %d articles; want %v, %d", rels, n, wantRels, len(arts))
	}
	if got := pending[2].Articles; len(got) != 3 || got[1] != (PendingArticle{Index: 1, ID: model.NewID("briefs.jsonl", 1)}) {
		t.Errorf("pending articles of briefs.jsonl = %v", got)
	}
	if got := search(t, ix, "harbour"); len(got) != 0 {
		t.Errorf("before AddText, search found %d articles", len(got))
	}

	// A pending file changes and another is deleted before their text
	// comes: nothing of them reaches the full-text tables.
	changed := FileChange{Rel: "local/news/deep.txt", Size: 3, ModTime: 9, TextLater: true,
		Articles: []model.Article{{ID: model.NewID("local/news/deep.txt", 0), Rel: "local/news/deep.txt", Title: "Deeper", Reads: model.NoReads}}}
	apply(t, ix, []FileChange{changed, {Rel: "culture/łódź.md", Deleted: true}})

	added, err := ix.AddText(ctx, []FileText{
		{Rel: "world/harbour.txt", Bodies: bodies["world/harbour.txt"]},
		{Rel: "briefs.jsonl", Bodies: bodies["briefs.jsonl"]},
		{Rel: "local/news/deep.txt"},                                // no bodies: title and tags only
		{Rel: "culture/łódź.md", Bodies: bodies["culture/łódź.md"]}, // gone
	})
	if err != nil {
		t.Fatal(err)
	}
	if added != 5 {
		t.Errorf("AddText added %d articles, want 5", added)
	}
	for q, want := range map[string]int{"harbour": 1, "tuesday": 1, "晴れ": 1, "epoch": 1, "deeper": 1, "festival": 0, "lodz": 0} {
		if got := search(t, ix, q); len(got) != want {
			t.Errorf("after AddText, Search(%q) found %d, want %d", q, len(got), want)
		}
	}
	if pending, n, err := ix.Pending(ctx); err != nil || len(pending) != 0 || n != 0 {
		t.Errorf("Pending() after AddText = %v, %d, %v", pending, n, err)
	}
	again, err := ix.AddText(ctx, []FileText{{Rel: "world/harbour.txt", Bodies: bodies["world/harbour.txt"]}})
	if err != nil || again != 0 {
		t.Errorf("AddText of an indexed file = %d, %v; want 0", again, err)
	}

	// Indexed articles are replaced and deleted as usual.
	apply(t, ix, []FileChange{{Rel: "world/harbour.txt", Deleted: true}})
	if got := search(t, ix, "harbour"); len(got) != 0 {
		t.Errorf("deleted article still found: %v", got)
	}
}

// TestApplyReplacesHeldFiles changes hundreds of files the index holds in
// one Apply (more than one lookup of the files held), with new ones among
// them, and a file deleted and written again in one Apply: each file's old
// rows and words go, its new ones come.
func TestApplyReplacesHeldFiles(t *testing.T) {
	ix, _ := openTemp(t)
	var before, after []model.Article
	for i := range 700 {
		rel := fmt.Sprintf("f%03d.txt", i)
		if i < 600 {
			before = append(before, art(rel, 0, "old", "oldword"))
		}
		after = append(after, art(rel, 0, "new", "newword"), art(rel, 1, "second", "newword"))
	}
	apply(t, ix, files(before))
	if err := ix.Apply(context.Background(), files(after)); err != nil {
		t.Fatal(err)
	}
	again := files([]model.Article{art("f001.txt", 0, "again", "againword")})
	if err := ix.Apply(context.Background(), append([]FileChange{{Rel: "f001.txt", Deleted: true}}, again...)); err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(after[:2], again[0].Articles, after[4:]) // f001.txt: one article now
	sameArticles(t, all(t, ix), stored(want))
	for q, n := range map[string]int{"oldword": 0, "newword": 1398, "againword": 1} {
		if got := len(search(t, ix, q)); got != n {
			t.Errorf("%q finds %d articles, want %d", q, got, n)
		}
	}
}
