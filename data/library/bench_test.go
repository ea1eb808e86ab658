package library

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsline/newsline/data/state"
)

// BenchmarkSaveItems saves 200 feeds of 50 new items each (about 1.2 KB a
// file) into a library, as a fetch of 200 feeds does: per feed, the
// files written to temporary files and synced, the intents with the
// fetch's bookkeeping in one transaction, the files linked. It reports
// items saved per second and the state's write transactions per feed.
func BenchmarkSaveItems(b *testing.B) {
	const feeds, perFeed = 200, 50
	st := openState(b, b.TempDir())
	lib := b.TempDir()
	its := items(0, perFeed)
	run, saved := 0, 0
	writes := st.Writes()
	for b.Loop() {
		run++
		for f := range feeds {
			url := fmt.Sprintf("https://feeds%d.example.org/%d/rss.xml", f, run)
			folder := fmt.Sprintf("Feed %d-%d", run, f)
			paths, err := SaveItems(ctx, st, lib, url, folder, its, &state.Fetch{ETag: `"e"`})
			if err != nil || len(paths) != perFeed {
				b.Fatalf("SaveItems = %d files, %v", len(paths), err)
			}
			saved += len(paths)
		}
	}
	b.ReportMetric(float64(saved)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(st.Writes()-writes)/float64(run*feeds), "tx/feed")
	if m, _ := filepath.Glob(filepath.Join(lib, FeedsFolder, "*", TempPrefix+"*")); len(m) > 0 {
		b.Fatalf("temporary files left: %v", m)
	}
}

// BenchmarkReconcileAfterFetch is the cost the next fetch pays for the
// intents a fetch of 200 feeds of 50 items left (SaveItems marks nothing
// saved after putting the files in place): Reconcile reads and hashes the
// 10,000 files and marks them saved in one transaction.
func BenchmarkReconcileAfterFetch(b *testing.B) {
	const feeds, perFeed = 200, 50
	its := items(0, perFeed)
	for b.Loop() {
		b.StopTimer()
		st := openState(b, b.TempDir())
		lib := b.TempDir()
		for f := range feeds {
			url := fmt.Sprintf("https://feeds%d.example.org/rss.xml", f)
			if _, err := SaveItems(ctx, st, lib, url, fmt.Sprintf("Feed %d", f), its, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if got, _, err := Reconcile(ctx, st); err != nil || len(got) != 0 {
			b.Fatalf("Reconcile = %d files, %v", len(got), err)
		}
		if p, _ := st.Pending(ctx); len(p) != 0 {
			b.Fatalf("%d feeds with intents left", len(p))
		}
	}
}
