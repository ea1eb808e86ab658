package data

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
)

var warmN = flag.Int("warmn", 100_000, "articles of BenchmarkWarmStart's collection")

// benchFixture is a newsgen collection with its index, made once per test
// binary, by the first benchmark that asks for it: in a folder kept for
// the next run when one is given (and reused when its collection is
// there), else in a temporary one that TestMain removes.
type benchFixture struct {
	once       sync.Once
	dir, cache string
	temp       string // the temporary folder, if any
	err        error
}

// benchFixtures are the fixtures TestMain cleans up after.
var benchFixtures []*benchFixture

// library opens the fixture's library, making the fixture the first time:
// n articles in keep (or a temporary folder), their rows indexed, and
// their words too with text.
func (f *benchFixture) library(b *testing.B, n int, keep string, text bool) *Library {
	b.Helper()
	f.once.Do(func() {
		benchFixtures = append(benchFixtures, f)
		f.err = f.make(b, n, keep, text)
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	lib, _, err := OpenLibrary(b.Context(), []string{f.dir}, f.cache)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lib.Close() })
	return lib
}

func (f *benchFixture) make(b *testing.B, n int, keep string, text bool) error {
	root := keep
	if root == "" {
		var err error
		if root, err = os.MkdirTemp("", "bench-"); err != nil {
			return err
		}
		f.temp = root
	}
	f.dir, f.cache = filepath.Join(root, "news"), filepath.Join(root, "cache")
	if _, err := os.Stat(f.dir); err != nil {
		if _, err := newsgen.Write(newsgen.Config{N: n, Seed: 1, Out: f.dir}, 0); err != nil {
			return err
		}
	}
	lib, _, err := OpenLibrary(b.Context(), []string{f.dir}, f.cache)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := lib.Load(b.Context(), func(model.Batch) {}); err != nil || !text {
		return err
	}
	return lib.IndexText(b.Context(), func(model.Batch) {})
}

// warmFixture is a collection of *warmN articles with its rows indexed:
// what a warm start reads.
var warmFixture benchFixture

func warmLibrary(b *testing.B) *Library { return warmFixture.library(b, *warmN, "", false) }

// BenchmarkWarmStart is the warm start of a newsgen collection (100,000
// articles unless -warmn says otherwise) whose index is built and whose
// files are unchanged:
//
//   - read: the index's rows sent as batches, and dropped;
//   - apply: each batch applied to an ExternalSearch collection as it
//     comes, then the end of the load (nothing changed), the tags and the
//     visible set (newest first) once, as the ui does when the batches come
//     faster than frames;
//   - kept: apply, reporting the heap the collection keeps after a GC;
//   - load: the whole Library.Load into a collection, the check of the
//     folder (a stat of every file) included.
//
// The collection is written to a temporary folder on the first run (some
// 600 MB and tens of seconds for 100,000) and removed when the tests end.
func BenchmarkWarmStart(b *testing.B) {
	lib := warmLibrary(b)
	warm := func(b *testing.B, send func(model.Batch)) {
		if _, err := lib.libs[0].warm(b.Context(), &lib.roots[0], model.Progress{}, send); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("read", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			n := 0
			warm(b, func(batch model.Batch) { n += len(batch.Articles) })
			if n != *warmN {
				b.Fatalf("%d articles", n)
			}
		}
	})
	apply := func(b *testing.B) *model.Collection {
		coll := model.NewCollection(model.ExternalSearch())
		warm(b, coll.Apply)
		coll.Apply(model.Batch{Progress: model.Progress{Articles: coll.Len(), Done: true}}) // as the check ends
		coll.Tags()
		coll.Visible(model.Query{Sort: model.SortNewest})
		if coll.Len() != *warmN {
			b.Fatalf("%d articles", coll.Len())
		}
		return coll
	}
	b.Run("apply", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			apply(b)
		}
	})
	b.Run("kept", func(b *testing.B) {
		var kept uint64
		for b.Loop() {
			before := heapInUse()
			coll := apply(b)
			kept = heapInUse() - before
			runtime.KeepAlive(coll)
		}
		b.ReportMetric(float64(kept)/1e6, "MB-kept")
		b.ReportMetric(float64(kept)/float64(*warmN), "B/article")
	})
	b.Run("load", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			loadCollection(b, lib, *warmN)
		}
	})
}

// reportCPU reports the CPU time per op since start (both cores count).
// loadCollection loads lib into a new collection, as the reader does,
// and fails unless it then holds n articles.
func loadCollection(b *testing.B, lib *Library, n int) *model.Collection {
	b.Helper()
	coll := model.NewCollection(model.ExternalSearch())
	if err := lib.Load(b.Context(), coll.Apply); err != nil {
		b.Fatal(err)
	}
	if coll.Len() != n {
		b.Fatalf("%d articles, want %d", coll.Len(), n)
	}
	return coll
}

func reportCPU(b *testing.B, start float64) {
	b.ReportMetric((cpuTime()-start)*1e3/float64(b.N), "cpu-ms/op")
}

// heapInUse returns the heap in use after a GC.
func heapInUse() uint64 {
	var st runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&st)
	return st.HeapInuse
}

// TestMain removes BenchmarkWarmStart's collection and index, if made.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range benchFixtures {
		if f.temp != "" {
			os.RemoveAll(f.temp)
		}
	}
	os.Exit(code)
}
