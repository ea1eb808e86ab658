package main

import (
	"context"
	"errors"
	"testing"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/ui"
)

// TestReaderFetch: R fetches through fetchFeeds, its progress in ui's
// terms; the library is shown when the source's paths hold it; no
// subscriptions is ui.ErrNoFeeds.
func TestReaderFetch(t *testing.T) {
	lib, common := readerFetchEnv(t)

	if _, err := readerFetch(common, source{})(context.Background(), func(ui.FetchProgress) {}); !errors.Is(err, ui.ErrNoFeeds) {
		t.Fatalf("no subscriptions: %v, want ui.ErrNoFeeds", err)
	}

	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Missing", "/missing"})
	var last ui.FetchProgress
	res, err := readerFetch(common, source{paths: []string{lib}})(context.Background(), func(p ui.FetchProgress) { last = p })
	if err != nil {
		t.Fatal(err)
	}
	if res.Feeds != 2 || res.New != 2 || res.Failed != 1 || len(res.Paths) != 2 || res.Into != lib || !res.Shown {
		t.Errorf("result %+v", res)
	}
	if last != (ui.FetchProgress{Done: 2, Total: 2, New: 2}) {
		t.Errorf("last progress %+v", last)
	}

	res, err = readerFetch(common, source{paths: []string{t.TempDir()}})(context.Background(), func(ui.FetchProgress) {})
	if err != nil || res.Shown || res.New != 0 {
		t.Errorf("a collection without the library: %+v, %v", res, err)
	}
}

// TestReaderFetchFullText: R's result counts the new items of full-text
// feeds that kept their summary, for its status line.
func TestReaderFetchFullText(t *testing.T) {
	lib, common := readerFetchEnv(t)
	srv := newStoryServer(t, 4)
	if code, _, errOut := runCLI(t, "feed", "add", srv.URL+"/summaries", "--full-text"); code != 0 {
		t.Fatalf("feed add: exit %d: %s", code, errOut)
	}
	res, err := readerFetch(common, source{paths: []string{lib}})(context.Background(), func(ui.FetchProgress) {})
	if err != nil || res.New != 4 || res.Kept != 2 {
		t.Errorf("result %+v, %v; want 4 new, 2 kept the summary", res, err)
	}
}

// readerFetchEnv is fetchEnv with the command's common values whose
// library is lib.
func readerFetchEnv(t *testing.T) (lib string, c *common) {
	lib, _ = fetchEnv(t)
	c = newTestCommon(t)
	cfg := config.Default()
	cfg.Library, c.cfg = lib, &cfg
	stateDir := ""
	c.stateDir = &stateDir
	return lib, c
}
