package data

import (
	"flag"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
)

var warmN = flag.Int("warmn", 100_000, "articles of BenchmarkWarmStart's collection")

// warmFixture is a newsgen collection of *warmN articles with its index
// built (the metadata: what a warm start reads), made once per test binary.
var warmFixture struct {
	once       sync.Once
	dir, cache string
	err        error
}

func warmLibrary(b *testing.B) *Library {
	b.Helper()
	f := &warmFixture
	f.once.Do(func() {
		if f.dir, f.err = os.MkdirTemp("", "warm-bench-"); f.err != nil {
			return
		}
		f.cache = f.dir + "-cache"
		if _, f.err = newsgen.Write(newsgen.Config{N: *warmN, Seed: 1, Out: f.dir}, 0); f.err != nil {
			return
		}
		var lib *Library
		if lib, _, f.err = OpenLibrary(b.Context(), []string{f.dir}, f.cache); f.err != nil {
			return
		}
		defer lib.Close()
		f.err = lib.Load(b.Context(), func(model.Batch) {})
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
			coll := model.NewCollection(model.ExternalSearch())
			if err := lib.Load(b.Context(), coll.Apply); err != nil {
				b.Fatal(err)
			}
			if coll.Len() != *warmN {
				b.Fatalf("%d articles", coll.Len())
			}
		}
	})
}

// reportCPU reports the CPU time per op since start (both cores count).
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
	if f := &warmFixture; f.dir != "" {
		os.RemoveAll(f.dir)
		os.RemoveAll(f.cache)
	}
	os.Exit(code)
}
