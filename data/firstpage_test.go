package data

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/testfs"
	"github.com/newsline/newsline/model"
)

// randomRecord is one JSON Lines record with a date, reads and a title
// that often tie or are missing (a title of punctuation folds to nothing),
// and tags spelt in several ways.
func randomRecord(r *rand.Rand) string {
	titles := []string{"Zebra", "zebra", "école", "Ecole", "ÉCOLE", "!!", "…", "apple", "Äpple", "Łódź", "lodz"}
	tags := []string{"Go", "go", "#GO", "Rust", "rust", "Łódź", "łódź", "News", "news", "sport", "#"}
	rec := map[string]any{"title": titles[r.IntN(len(titles))], "body": "…"}
	if r.IntN(5) > 0 {
		rec["date"] = time.Date(2024, 1, 1+r.IntN(4), r.IntN(2), 0, r.IntN(2), 0, time.UTC).Format(time.RFC3339)
	}
	if r.IntN(4) > 0 {
		rec["reads"] = r.IntN(4)
	}
	var ts []string
	for range r.IntN(4) {
		ts = append(ts, tags[r.IntN(len(tags))])
	}
	if ts != nil {
		rec["tags"] = ts
	}
	b, _ := json.Marshal(rec)
	return string(b)
}

// writeRandomFile writes a file of one to four records.
func writeRandomFile(t *testing.T, r *rand.Rand, path string) {
	var lines []string
	for range 1 + r.IntN(4) {
		lines = append(lines, randomRecord(r))
	}
	testfs.WriteFile(t, path, strings.Join(lines, "\n"))
	later := time.Now().Add(time.Duration(r.IntN(1000)+1) * time.Second) // a rewrite is seen as a change
	os.Chtimes(path, later, later)
}

// randomRoots writes one to three roots of random files: folders (folder
// tags, spelt like some tags), and now and then a root that is one file.
// File names differ between roots: two roots with the same relative path
// give their articles the same IDs, which a collection keeps once.
func randomRoots(t *testing.T, r *rand.Rand) (roots, files []string) {
	folders := []string{"", "news", "News", "sport", "go/deep", "Sport/x"}
	base := t.TempDir()
	for k := range 1 + r.IntN(3) {
		root := filepath.Join(base, fmt.Sprintf("root%d", k))
		if r.IntN(6) == 0 {
			root += ".jsonl"
			writeRandomFile(t, r, root)
			roots, files = append(roots, root), append(files, root)
			continue
		}
		for f := range 1 + r.IntN(25) {
			path := filepath.Join(root, folders[r.IntN(len(folders))], fmt.Sprintf("r%d-%02d.jsonl", k, f))
			writeRandomFile(t, r, path)
			files = append(files, path)
		}
		roots = append(roots, root)
	}
	return roots, files
}

// randomPageQuery makes a query of tags (some no article carries),
// exclusions, AnyTag, a sort, and sometimes Only (a random subset, with
// IDs of no article) and Keep (random read marks).
func randomPageQuery(r *rand.Rand, ids []model.ID) model.Query {
	keys := []string{"go", "rust", "łódź", "news", "sport", "deep", "x", "none"}
	pick := func() []string {
		var out []string
		for range r.IntN(3) {
			out = append(out, keys[r.IntN(len(keys))])
		}
		return out
	}
	q := model.Query{Tags: pick(), Exclude: pick(), AnyTag: r.IntN(2) == 0, Sort: model.Sorts[r.IntN(len(model.Sorts))]}
	if r.IntN(3) == 0 {
		q.Only = map[model.ID]struct{}{model.ID(r.Uint64()): {}}
		for _, id := range ids {
			if r.IntN(3) == 0 {
				q.Only[id] = struct{}{}
			}
		}
	}
	if r.IntN(3) == 0 {
		read := map[model.ID]bool{}
		for _, id := range ids {
			read[id] = r.IntN(2) == 0
		}
		q.Keep = func(id model.ID) bool { return !read[id] }
	}
	return q
}

// sameFirstPage checks FirstPage against the first n of Visible, for
// random queries.
func sameFirstPage(t *testing.T, r *rand.Rand, lib *Library, c *model.Collection, when string) {
	t.Helper()
	for range 20 {
		q := randomPageQuery(r, c.IDs())
		n := 1 + r.IntN(c.Len()+2)
		if r.IntN(2) == 0 {
			n = 1 + r.IntN(5)
		}
		want := c.Visible(q)
		want = want[:min(n, len(want))]
		page, err := lib.FirstPage(context.Background(), q, n)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]model.ID, len(page))
		for i := range page {
			got[i] = page[i].ID
			if a, _ := c.Article(page[i].ID); !reflect.DeepEqual(a, page[i]) {
				t.Fatalf("%s: article %+v, loaded %+v", when, page[i], a)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: query %+v, n %d: page %v, want %v", when, q, n, got, want)
		}
	}
}

// sameSummary checks Summary against the loaded collection.
func sameSummary(t *testing.T, lib *Library, c *model.Collection, when string) {
	t.Helper()
	total, tags, err := lib.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if total != c.Len() || !slices.Equal(tags, c.Tags()) {
		t.Fatalf("%s: summary %d %v, want %d %v", when, total, tags, c.Len(), c.Tags())
	}
}

// TestFirstPageIsVisible: over random collections of several roots, the
// first page read from the indexes is the first rows of the loaded
// collection's Visible — ties, missing values, folded titles, tags, Only
// and Keep included — and Summary is its length and tags, after a load,
// after files changed and after files were deleted.
func TestFirstPageIsVisible(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	rounds := 25
	if testing.Short() {
		rounds = 5
	}
	for round := range rounds {
		roots, files := randomRoots(t, r)
		lib, _, err := OpenLibrary(context.Background(), roots, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		c := model.NewCollection(model.ExternalSearch())
		if err := lib.Load(context.Background(), c.Apply); err != nil {
			t.Fatal(err)
		}
		when := fmt.Sprintf("round %d, loaded", round)
		sameFirstPage(t, r, lib, c, when)
		sameSummary(t, lib, c, when)
		for _, f := range files {
			switch r.IntN(4) {
			case 0:
				writeRandomFile(t, r, f)
			case 1:
				if !slices.Contains(roots, f) {
					os.Remove(f)
				}
			}
		}
		if err := lib.Load(context.Background(), c.Apply); err != nil {
			t.Fatal(err)
		}
		when = fmt.Sprintf("round %d, changed", round)
		sameFirstPage(t, r, lib, c, when)
		sameSummary(t, lib, c, when)
		lib.Close()
	}
}
