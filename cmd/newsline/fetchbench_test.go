package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/subs"
)

// benchFeeds and benchItems are the size of BenchmarkFetch: the issue's
// 200 feeds of 50 items.
const benchFeeds, benchItems = 200, 50

// BenchmarkFetch fetches 200 feeds of 50 items each, from one server on
// 127.0.0.1 (so at most 2 at once: the limiter's bound for a host), into
// an empty library with an empty state, each time: 10,000 files written
// and synced, and the state's transactions (one per feed: the intents
// with the fetch's bookkeeping). The goal is 10 s on 2 cores.
//
//	go test ./cmd/newsline -run XXX -bench Fetch -benchtime 3x
func BenchmarkFetch(b *testing.B) {
	srv := newFeedServer(b)
	var l subs.List
	for i := range benchFeeds {
		l.Add(subs.Sub{Name: fmt.Sprintf("Feed %d", i), URL: fmt.Sprintf("%s/many/%d", srv.URL, i)})
	}
	benchFetchInto(b, l, benchFeeds*benchItems, "items/s")
}

// benchFetchInto fetches the subscriptions l into an empty library with an
// empty state each time, checks that they saved want items and no feed
// failed or left a note, and reports the items per second as unit and the
// seconds per fetch.
func benchFetchInto(b *testing.B, l subs.List, want int, unit string) {
	configFile := filepath.Join(b.TempDir(), "config.toml")
	if err := subs.Write(subs.PathBeside(configFile), l); err != nil {
		b.Fatal(err)
	}
	items := 0
	for b.Loop() {
		b.StopTimer()
		cfg := config.Default()
		cfg.Library = filepath.Join(b.TempDir(), "library")
		stateDir := b.TempDir()
		common := &common{config: &configFile, stateDir: &stateDir, cfg: &cfg}
		b.StartTimer()
		sum, err := fetchFeeds(context.Background(), common, nil, "", nil)
		if err != nil || sum.Failed > 0 || len(sum.Notes) > 0 || sum.New != want {
			b.Fatalf("%+v, %v", sum, err)
		}
		items += sum.New
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), unit)
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/fetch")
}

// benchFullTextFeeds is the size of BenchmarkFetchFullText: 20 full-text
// feeds of 50 items, 1,000 pages read.
const benchFullTextFeeds = 20

// BenchmarkFetchFullText fetches 20 full-text feeds of 50 items each from
// one server on 127.0.0.1, and the page of every item (at most 2 requests
// at once: the limiter's bound for a host), into an empty library with an
// empty state, each time: 1,000 pages fetched, read (go-readability, then
// Markdown) and saved.
//
//	go test ./cmd/newsline -run XXX -bench FetchFullText -benchtime 3x
func BenchmarkFetchFullText(b *testing.B) {
	srv := newStoryServer(b, 0)
	var l subs.List
	for i := range benchFullTextFeeds {
		l.Add(subs.Sub{Name: fmt.Sprintf("Feed %d", i), URL: fmt.Sprintf("%s/stories/%d", srv.URL, i), FullText: true})
	}
	benchFetchInto(b, l, benchFullTextFeeds*benchItems, "pages/s")
}
