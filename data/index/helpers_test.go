package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsline/newsline/model"
)

// openTemp opens a new index in a temporary folder.
func openTemp(t testing.TB) (*Index, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache", "news-0123456789abcdef.db")
	ix, notice, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if notice != "" {
		t.Errorf("notice for a new index: %q", notice)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, path
}

// files groups articles into one change per Rel, in order of first
// appearance, with a size and time derived from the articles.
func files(arts []model.Article) []FileChange {
	var out []FileChange
	at := map[string]int{}
	for _, a := range arts {
		i, ok := at[a.Rel]
		if !ok {
			i = len(out)
			at[a.Rel] = i
			out = append(out, FileChange{Rel: a.Rel, ModTime: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixNano()})
		}
		out[i].Articles = append(out[i].Articles, a)
		out[i].Size += int64(len(a.Body))
	}
	return out
}

// apply applies the changes in batches of 200 files.
func apply(t testing.TB, ix *Index, changes []FileChange) {
	t.Helper()
	for chunk := range slices.Chunk(changes, 200) {
		if err := ix.Apply(context.Background(), chunk); err != nil {
			t.Fatal(err)
		}
	}
}

// all reads every article of the index.
func all(t testing.TB, ix *Index) []model.Article {
	t.Helper()
	var out []model.Article
	if err := ix.Articles(context.Background(), func(a model.Article) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// stored is what the index keeps of an article: everything but Body and
// Path, in collection order.
func stored(arts []model.Article) []model.Article {
	out := make([]model.Article, len(arts))
	for i, a := range arts {
		a.Body, a.Path = "", ""
		out[i] = a
	}
	slices.SortStableFunc(out, func(a, b model.Article) int {
		if a.Rel != b.Rel {
			if a.Rel < b.Rel {
				return -1
			}
			return 1
		}
		return a.Index - b.Index
	})
	return out
}

// sameArticles reports the differences between two article lists.
func sameArticles(t *testing.T, got, want []model.Article) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d articles, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Date.Equal(w.Date) || g.Date.Location() != time.UTC && !g.Date.IsZero() {
			t.Errorf("article %d %q: date %v, want %v", i, w.Title, g.Date, w.Date)
		}
		g.Date, w.Date = time.Time{}, time.Time{}
		if !equalArticle(g, w) {
			t.Errorf("article %d:\n got %#v\nwant %#v", i, g, w)
		}
	}
}

func equalArticle(a, b model.Article) bool {
	return a.ID == b.ID && a.Rel == b.Rel && a.Index == b.Index && a.Title == b.Title &&
		a.Date.Equal(b.Date) && a.Reads == b.Reads && slices.Equal(a.Tags, b.Tags) &&
		slices.Equal(a.FolderTags, b.FolderTags) && a.Source == b.Source && a.URL == b.URL &&
		a.Author == b.Author && a.Format == b.Format && a.Body == b.Body && a.Path == b.Path
}

// search runs a search that must succeed.
func search(t testing.TB, ix *Index, q string) map[model.ID]struct{} {
	t.Helper()
	ids, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return ids
}

// art makes an article of a file.
func art(rel string, index int, title, body string, tags ...string) model.Article {
	return model.Article{
		ID: model.NewID(rel, index), Rel: rel, Index: index, Title: title, Body: body,
		Tags: tags, Reads: model.NoReads,
	}
}

// tempDir makes a folder removed when the tests end (for fixtures shared
// between tests, which t.TempDir cannot give).
func tempDir() (string, error) {
	dir, err := os.MkdirTemp("", "newsline-index-test-")
	if err == nil {
		tempDirs = append(tempDirs, dir)
	}
	return dir, err
}

var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusVal.ix != nil {
		corpusVal.ix.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// scaled returns n, or a quarter of it under the race detector or -short,
// for the tests whose cost grows with the data they index.
func scaled(n int) int {
	if raceEnabled || testing.Short() {
		return n / 4
	}
	return n
}
