package data

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/internal/newsgen"
	"github.com/newsline/newsline/model"
)

// BenchmarkFirstIndex indexes a never-indexed collection written by
// newsgen (20,000 articles; 100,000 with NEWSLINE_BENCH=100k) as a first
// start does, and reports its two passes apart: rows-s (Load until its
// Done batch: every file parsed, the metadata in the index) and text-s
// (IndexText: the files read again, their words in the full-text index).
// rows-cpu-s and text-cpu-s are the process's CPU time (user and system)
// in each: steadier than wall time on a shared machine. Writing the
// collection is not timed.
//
//	go test ./data -run '^$' -bench FirstIndex -benchtime 1x -count 3
func BenchmarkFirstIndex(b *testing.B) {
	n := 20_000
	if strings.Contains(os.Getenv("NEWSLINE_BENCH"), "100k") {
		n = 100_000
	}
	dir := b.TempDir()
	if _, err := newsgen.Write(newsgen.Config{N: n, Seed: 1, Out: dir}, 0); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprint(n), func(b *testing.B) {
		var rows, text time.Duration
		var rowsCPU, textCPU float64 // seconds (cpuTime)
		for b.Loop() {
			lib, _, err := OpenLibrary(b.Context(), []string{dir}, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			start, startCPU := time.Now(), cpuTime()
			got := 0
			if err := lib.Load(b.Context(), func(batch model.Batch) { got += len(batch.Articles) }); err != nil || got != n {
				b.Fatalf("%d articles, %v", got, err)
			}
			mid, midCPU := time.Now(), cpuTime()
			if err := lib.IndexText(b.Context(), func(model.Batch) {}); err != nil {
				b.Fatal(err)
			}
			rows, text = rows+mid.Sub(start), text+time.Since(mid)
			rowsCPU, textCPU = rowsCPU+midCPU-startCPU, textCPU+cpuTime()-midCPU
			if err := lib.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(rows.Seconds()/float64(b.N), "rows-s")
		b.ReportMetric(text.Seconds()/float64(b.N), "text-s")
		b.ReportMetric(rowsCPU/float64(b.N), "rows-cpu-s")
		b.ReportMetric(textCPU/float64(b.N), "text-cpu-s")
	})
}
