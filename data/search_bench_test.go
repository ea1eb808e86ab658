package data

import (
	"flag"
	"strings"
	"testing"

	"github.com/newsline/newsline/model"
)

var (
	searchN   = flag.Int("searchn", 100_000, "articles of BenchmarkSearch100k's collection")
	searchAll = flag.Bool("searchall", false, "BenchmarkSearch100k confirms the whole of a phrase's candidates too")
	searchDir = flag.String("searchdir", "", "BenchmarkSearch100k's collection and cache, kept (made if missing)")
)

// bigSearchFixture is a collection of *searchN articles, fully indexed (rows
// and words), kept in *searchDir when given.
var bigSearchFixture benchFixture

// searchLibrary opens the fixture's library, loaded (a search learns the
// IDs of the full-text rowids from the load).
func searchLibrary(b *testing.B) *Library {
	b.Helper()
	lib := bigSearchFixture.library(b, *searchN, *searchDir, true)
	if err := lib.Load(b.Context(), func(model.Batch) {}); err != nil {
		b.Fatal(err)
	}
	return lib
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
