package main

import (
	"context"
	"os"
	"runtime/debug"

	"github.com/newsline/newsline/model"
)

// The reader's memory budget. With Go's default pacing the heap may grow
// to twice what is live before a collection. A soft limit
// (debug.SetMemoryLimit) makes the collector work harder instead: it
// starts at baseBudget and grows with the collection, perArticleBudget for
// each article, so that a collection many times larger is not starved
// into collecting without end. A warm start of 100,000 articles keeps some
// 20 MB live in the collection (model's compact store, some 200 bytes an
// article), and peaked at 120 MB with a 100 MB limit, 87 MB with 64 MB;
// but with 64 MB the collector ran through every search (typing a word
// found in 11,682 of 100,000 articles: 110 ms to its results, a median of
// 8 runs; 53 ms with 80 MB, which peaked at 115 MB). Indexing (parsing
// files, folding the words of two sets of 2,048 files) keeps some 40 MB
// more alive for a while: indexingBudget more then. With 100 MB more the
// first indexing of 100,000 articles peaked at 200 MB; with 24 MB more, at
// 145–150 MB; with 16 MB more, at 140–141 MB and no slower, since the
// words are folded into a reused buffer (index.Fold). GOMEMLIMIT, when
// set, wins.
const (
	baseBudget       = 80 << 20
	perArticleBudget = 300 // bytes: some 200 are live per article (model), plus room
	fixedBudget      = 32 << 20
	indexingBudget   = 16 << 20
)

// budget is the memory limit for a load that has come as far as p.
func budget(p model.Progress) int64 {
	b := max(baseBudget, int64(p.Articles)*perArticleBudget+fixedBudget)
	if p.Indexing() {
		b += indexingBudget
	}
	return b
}

// withBudget sets the memory limit for the reader and moves it as the load
// reports its progress. It does nothing when GOMEMLIMIT is set.
func withBudget(load func(context.Context, func(model.Batch)) error) func(context.Context, func(model.Batch)) error {
	if os.Getenv("GOMEMLIMIT") != "" {
		return load
	}
	limit := budget(model.Progress{})
	debug.SetMemoryLimit(limit)
	return func(ctx context.Context, send func(model.Batch)) error {
		return load(ctx, func(b model.Batch) {
			if b.Progress != (model.Progress{}) {
				if l := budget(b.Progress); l != limit {
					limit = l
					debug.SetMemoryLimit(limit)
				}
			}
			send(b)
		})
	}
}
