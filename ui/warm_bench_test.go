package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsline/newsline/model"
)

// BenchmarkWarmBatches is the screen's side of a warm start of 100,000
// articles with an index (an ExternalSearch collection, no bodies): each
// batch of 4,096 comes as its own message (the worst case: the loader
// never runs more than a frame ahead), each followed by a frame, then the
// message that ends the load.
func BenchmarkWarmBatches(b *testing.B) {
	const n, size = 100_000, 4096
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.2, 1, 299)
	arts := make([]model.Article, n)
	for i := range arts {
		rel := fmt.Sprintf("f%03d/%06d.txt", i/1000, i)
		arts[i] = model.Article{
			ID: model.NewID(rel, 0), Path: "/root/" + rel, Rel: rel, Reads: r.IntN(50000),
			Title: fmt.Sprintf("%s %s report %d", benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))], i),
			Date:  time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Minute),
			Tags:  []string{fmt.Sprintf("tag%d", zipf.Uint64()), fmt.Sprintf("tag%d", zipf.Uint64())},
		}
	}
	opts := fixtureOptions()
	opts.Marks = nopMarks{}
	opts.Search = func(context.Context, string) (model.Found, error) { return model.Found{}, nil }
	start := cpuTime()
	for b.Loop() {
		m := New(opts)
		m = send(b, m, tea.WindowSizeMsg{Width: 160, Height: 48})
		for i := 0; i < n; i += size {
			batch := model.Batch{Articles: arts[i:min(i+size, n)], Progress: model.Progress{Articles: min(i+size, n)}}
			m = send(b, m, batchMsg{batch: batch})
			_ = m.View()
		}
		m = send(b, m, batchMsg{batch: model.Batch{Progress: model.Progress{Articles: n, Done: true}}, done: true})
		_ = m.View()
		if m.coll.Len() != n || len(m.visible) != n {
			b.Fatalf("%d articles, %d visible", m.coll.Len(), len(m.visible))
		}
	}
	b.ReportMetric((cpuTime()-start)*1e3/float64(b.N), "cpu-ms/op")
}
