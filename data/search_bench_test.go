package data

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
)

var (
	searchN   = flag.Int("searchn", 100_000, "articles of BenchmarkSearch100k's collection")
	searchAll = flag.Bool("searchall", false, "BenchmarkSearch100k confirms the whole of a phrase's candidates too")
	searchDir = flag.String("searchdir", "", "BenchmarkSearch100k's collection and cache, kept (made if missing)")
)

// bigSearchFixture is a newsgen collection of *searchN articles, fully
// indexed (rows and words), made once per test binary.
var bigSearchFixture struct {
	once       sync.Once
	dir, cache string
	err        error
}

// searchLibrary opens the fixture's library, building it the first time.
func searchLibrary(b *testing.B) *Library {
	b.Helper()
	f := &bigSearchFixture
	f.once.Do(func() { f.dir, f.cache, f.err = makeBigSearchFixture(b) })
	if f.err != nil {
		b.Fatal(f.err)
	}
	lib, _, err := OpenLibrary(b.Context(), []string{f.dir}, f.cache)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lib.Close() })
	if err := lib.Load(b.Context(), func(model.Batch) {}); err != nil {
		b.Fatal(err)
	}
	return lib
}

// makeBigSearchFixture writes and indexes the collection: in *searchDir when
// given (kept for the next run, reused when its collection is there), else
// in a temporary folder removed when the tests end.
func makeBigSearchFixture(b *testing.B) (dir, cache string, err error) {
	root := *searchDir
	if root == "" {
		if root, err = os.MkdirTemp("", "search-bench-"); err != nil {
			return "", "", err
		}
		b.Cleanup(func() { os.RemoveAll(root) })
	}
	dir, cache = filepath.Join(root, "news"), filepath.Join(root, "cache")
	if _, err := os.Stat(dir); err != nil {
		if _, err := newsgen.Write(newsgen.Config{N: *searchN, Seed: 1, Out: dir}, 0); err != nil {
			return "", "", err
		}
	}
	lib, _, err := OpenLibrary(b.Context(), []string{dir}, cache)
	if err != nil {
		return "", "", err
	}
	defer lib.Close()
	if err := lib.Load(b.Context(), func(model.Batch) {}); err != nil {
		return "", "", err
	}
	return dir, cache, lib.IndexText(b.Context(), func(model.Batch) {})
}

// BenchmarkSearch100k searches a newsgen collection of 100,000 indexed
// articles (unless -searchn says otherwise): one word, a search that
// matches half the collection, one that matches all, and phrases of common
// words.
//
//   - find: Library.Find, what the ui asks, and for a phrase the first
//     screen confirmed (Confirm of the candidates, as they come, until 45
//     match);
//   - search: Library.Search, every candidate confirmed: a phrase's whole
//     count (only with -searchall: seconds a run).
//
// The collection is some 600 MB and minutes to index: -searchdir keeps it.
func BenchmarkSearch100k(b *testing.B) {
	lib := searchLibrary(b)
	for _, q := range searchBenchQueries {
		b.Run("find/"+q.name, func(b *testing.B) {
			start := cpuTime()
			var n int
			for b.Loop() {
				found, err := lib.Find(b.Context(), q.q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(found.IDs)
				if found.Confirm != nil {
					matched, _, err := found.Confirm(b.Context(), found.Check, 45)
					if err != nil {
						b.Fatal(err)
					}
					n += len(matched)
				}
			}
			reportCPU(b, start)
			b.ReportMetric(float64(n), "hits")
		})
	}
	for _, q := range searchBenchQueries {
		if strings.Contains(q.q, `"`) && !*searchAll {
			continue
		}
		b.Run("search/"+q.name, func(b *testing.B) {
			start := cpuTime()
			var n int
			for b.Loop() {
				ids, err := lib.Search(b.Context(), q.q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(ids)
			}
			reportCPU(b, start)
			b.ReportMetric(float64(n), "hits")
		})
	}
}

// searchBenchQueries are BenchmarkSearch100k's searches.
var searchBenchQueries = []struct{ name, q string }{
	{"one-word", "wamerklung"},     // 11,682 hits
	{"half", "among"},              // 49,939
	{"all", "of the"},              // 99,998
	{"phrase", `"of the"`},         // 82,862 of 99,998 candidates
	{"rarer-phrase", `"said the"`}, // 24,419 of 87,471
}
