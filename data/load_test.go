package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsline/newsline/model"
)

// loaded is everything a load sent.
type loaded struct {
	arts    []model.Article
	probs   []model.Problem
	batches []model.Batch
}

func (l *loaded) send(b model.Batch) {
	l.batches = append(l.batches, b) // unsynchronized: -race catches concurrent calls
	l.arts = append(l.arts, b.Articles...)
	l.probs = append(l.probs, b.Problems...)
}

// byRel returns the articles keyed by Rel and Index.
func (l *loaded) byRel() map[string]model.Article {
	m := map[string]model.Article{}
	for _, a := range l.arts {
		m[fmt.Sprintf("%s#%d", a.Rel, a.Index)] = a
	}
	return m
}

func (l *loaded) problemSet() map[string]string {
	m := map[string]string{}
	for _, p := range l.probs {
		m[p.Path] = p.Reason
	}
	return m
}

func loadFS(t *testing.T, fsys fstest.MapFS, root string) *loaded {
	t.Helper()
	l := &loaded{}
	if err := LoadFS(t.Context(), fsys, root, l.send); err != nil {
		t.Fatal(err)
	}
	l.checkDone(t)
	return l
}

func loadPaths(t *testing.T, paths ...string) *loaded {
	t.Helper()
	l := &loaded{}
	if err := Load(t.Context(), paths, l.send); err != nil {
		t.Fatal(err)
	}
	l.checkDone(t)
	return l
}

// checkDone checks the stream: one Done batch, last, with true counts.
func (l *loaded) checkDone(t *testing.T) {
	t.Helper()
	for i, b := range l.batches {
		if b.Progress.Done != (i == len(l.batches)-1) {
			t.Fatalf("batch %d of %d: Done = %v", i, len(l.batches), b.Progress.Done)
		}
	}
	last := l.batches[len(l.batches)-1].Progress
	if last.Articles != len(l.arts) {
		t.Errorf("Progress.Articles = %d, sent %d", last.Articles, len(l.arts))
	}
	for _, a := range l.arts {
		if a.ID != model.NewID(a.Rel, a.Index) && !strings.HasSuffix(a.Path, a.Rel) {
			t.Errorf("%s: odd ID", a.Path)
		}
	}
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"top.txt":                     file("Top story\n\n15 July 2021 Read: 5\n\nBody.\n\nMore about: #Local"),
		"sport/0123.txt":              file("Cup final\n\nBody."),
		"world/europe/x.md":           file("# Alps\nSnow."),
		"world/feed.jsonl":            file(`{"title": "One"}` + "\n" + `{"title": "Two", "tags": ["Europe"]}`),
		"world/all.json":              file(`[{"title": "A"}, {"title": "B"}]`),
		".hidden/secret.txt":          file("Hidden\n\nNo."),
		"sport/.draft.txt":            file("Draft\n\nNo."),
		"sport/notes.docx":            file("ignored"),
		"sport/README":                file("ignored"),
		"empty.txt":                   file(" \n"),
		"broken.md":                   file("---\ntitle: [\n---\n"),
		"pipe.txt":                    &fstest.MapFile{Mode: os.ModeNamedPipe},
		"UPPER/CASE.TXT":              file("Shouting\n\nBody."),
		"world/europe/east/deep.json": file(`{"title": "Deep"}`),
	}
	l := loadFS(t, fsys, "news")
	got := l.byRel()
	want := map[string][]string{ // rel#index → tags
		"top.txt#0":                     {"Local"},
		"sport/0123.txt#0":              {"sport"},
		"world/europe/x.md#0":           {"world", "europe"},
		"world/feed.jsonl#0":            {"world"},
		"world/feed.jsonl#1":            {"Europe", "world"},
		"world/all.json#0":              {"world"},
		"world/all.json#1":              {"world"},
		"UPPER/CASE.TXT#0":              {"UPPER"},
		"world/europe/east/deep.json#0": {"world", "europe", "east"},
	}
	if len(got) != len(want) {
		t.Errorf("loaded %d articles, want %d: %v", len(got), len(want), slices.Sorted(maps.Keys(got)))
	}
	for key, tags := range want {
		a, ok := got[key]
		if !ok {
			t.Errorf("%s not loaded", key)
			continue
		}
		if all := appendTags(slices.Clone(a.Tags), a.FolderTags...); !reflect.DeepEqual(all, tags) {
			t.Errorf("%s: tags %q, want %q", key, all, tags)
		}
		if a.Path != filepath.Join("news", filepath.FromSlash(a.Rel)) || a.ID != model.NewID(a.Rel, a.Index) {
			t.Errorf("%s: Path %q ID %v", key, a.Path, a.ID)
		}
	}
	wantProbs := map[string]string{
		"news/empty.txt": "empty file",
		"news/broken.md": "front matter: yaml: line 2: did not find expected node content",
		"news/pipe.txt":  "not a regular file: skipped",
	}
	if got := l.problemSet(); !reflect.DeepEqual(got, wantProbs) {
		t.Errorf("problems %v\nwant %v", got, wantProbs)
	}
	if p := l.batches[len(l.batches)-1].Progress; p.Files != 9 || p.Articles != 9 {
		t.Errorf("progress %+v, want 9 files (the pipe is not read), 9 articles", p)
	}
}

func TestLoadBatches(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 700 {
		fsys[fmt.Sprintf("n/%04d.txt", i)] = file(fmt.Sprintf("Article %d\n\nBody %d.", i, i))
	}
	var lines []string
	for i := range 300 {
		lines = append(lines, fmt.Sprintf(`{"title": "Line %d"}`, i))
	}
	fsys["big.jsonl"] = file(strings.Join(lines, "\n"))
	l := loadFS(t, fsys, "c")
	if len(l.arts) != 1000 || len(l.byRel()) != 1000 {
		t.Fatalf("%d articles, %d distinct", len(l.arts), len(l.byRel()))
	}
	if len(l.batches) < 3 {
		t.Errorf("%d batches, want at least 3", len(l.batches))
	}
	for _, b := range l.batches[:len(l.batches)-1] {
		if len(b.Articles) > batchSize+300 {
			t.Errorf("batch of %d articles", len(b.Articles))
		}
	}
	ids := map[model.ID]bool{}
	for _, a := range l.arts {
		ids[a.ID] = true
	}
	if len(ids) != 1000 {
		t.Errorf("%d distinct IDs", len(ids))
	}
}

func TestLoadCancelled(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 2000 {
		fsys[fmt.Sprintf("%04d.txt", i)] = file("Title\n\nBody.")
	}
	ctx, cancel := context.WithCancel(t.Context())
	batches := 0
	err := LoadFS(ctx, fsys, "c", func(b model.Batch) {
		batches++
		if b.Progress.Done {
			t.Error("Done batch after cancel")
		}
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	cancel()
	if err := LoadFS(ctx, fsys, "c", func(model.Batch) { t.Error("sent after cancel") }); !errors.Is(err, context.Canceled) {
		t.Errorf("already cancelled: err = %v", err)
	}
}

func TestReadAllFSAndBody(t *testing.T) {
	c, err := ReadAllFS(t.Context(), fstest.MapFS{"a/b.txt": file("Title\n\nThe body.")}, "x")
	if err != nil || c.Len() != 1 || !c.Progress().Done {
		t.Fatalf("ReadAllFS: %v, %d articles", err, c.Len())
	}
	a, _ := c.Article(c.IDs()[0])
	if body, err := Body(a); err != nil || body != "The body." {
		t.Errorf("Body = %q, %v", body, err)
	}
}

func TestLoadFSSymlinkLoop(t *testing.T) {
	fsys := fstest.MapFS{
		"a/story.txt": file("Story\n\nBody."),
		"a/loop":      &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("..")},
		"b/deeper":    &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../b")},
		"b/up":        &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../a")},
	}
	l := loadFS(t, fsys, "c")
	if len(l.arts) != 1 || len(l.probs) != 0 {
		t.Errorf("articles %v, problems %v", l.arts, l.probs)
	}
}
