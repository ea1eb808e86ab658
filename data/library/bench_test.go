package library

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsline/newsline/data/state"
)

// BenchmarkSaveItems saves 200 feeds of 50 new items each (about 1.2 KB a
// file) into a library, as a fetch of 200 feeds does: per feed, the
// intents in one transaction, the files written, synced and linked, and
// the saved marks with the fetch's bookkeeping in one more. It reports
// items saved per second.
func BenchmarkSaveItems(b *testing.B) {
	const feeds, perFeed = 200, 50
	st := openState(b, b.TempDir())
	lib := b.TempDir()
	its := items(0, perFeed)
	run, saved := 0, 0
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
	if m, _ := filepath.Glob(filepath.Join(lib, FeedsFolder, "*", TempPrefix+"*")); len(m) > 0 {
		b.Fatalf("temporary files left: %v", m)
	}
}
