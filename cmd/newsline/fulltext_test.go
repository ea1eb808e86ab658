package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/web"
)

// TestFetchFullText subscribes to a summary-only feed with --full-text:
// the saved files hold the articles of the pages the items link to; an
// item whose page is missing, or which links to none, keeps its summary,
// and the summary says so in one line; the next fetch reads only the new
// item's page, and the one after reads none.
func TestFetchFullText(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newStoryServer(t, 4)
	u := srv.URL
	code, _, errOut := runCLI(t, "feed", "add", u+"/summaries", "--full-text")
	if want := "newsline: subscribed to Estuary Weekly (" + u + "/summaries): newsline fetch saves the pages of its new items (full text)\n"; code != 0 || errOut != want {
		t.Fatalf("feed add: exit %d\nstderr %q\nwant   %q", code, errOut, want)
	}
	code, out, errOut := runCLI(t, "fetch", "-v")
	wantErr := "newsline: Estuary Weekly: 2 of 4 new items kept the summary (full text not read): " + u + "/story/pier: HTTP 404 Not Found (and 1 more)\n" +
		"1 feed, 4 new items, 0 failed\n"
	if code != 0 || errOut != wantErr || len(lines(out)) != 4 {
		t.Fatalf("fetch: exit %d\nstdout %q\nstderr %q\nwant   %q", code, out, errOut, wantErr)
	}
	dir := "feeds/Estuary Weekly/"
	tests := []struct {
		file      string
		has, lack []string
	}{
		{"2026-04-02-lock-gates-mended.md", // the feed's date wins; the page's byline fills in
			[]string{"title: Lock gates mended\n", "date: \"2026-04-02T07:00:00Z\"\n", "author: Page Writer\n", "url: " + u + "/story/locks\n",
				"guid: story-0\n", "lang: en-GB\n", "The lower lock gates swung shut"},
			[]string{"Short summary", "Home", "the quay"}},
		{"2026-04-01-ferry-timetable-changes.md", // undated in the feed: the page's date
			[]string{"date: \"2026-04-01T16:45:00Z\"\n", "author: Dana Reyes\n", "the first ferry leaves the north quay"},
			[]string{"Short summary"}},
		{"2026-04-01-pier-closed-for-repairs.md", []string{"Short summary: the pier is shut."}, []string{"lang:"}},
		{"2026-03-31-notice-without-a-page.md", []string{"Short summary: a notice."}, nil},
	}
	files := filesUnder(t, lib)
	for _, tt := range tests {
		checkFile(t, files, dir+tt.file, tt.has, tt.lack)
	}
	for _, p := range []string{"/story/locks", "/story/ferry", "/story/pier"} {
		if n := srv.count(p); n != 1 {
			t.Errorf("%s asked %d times, want 1", p, n)
		}
	}

	srv.setItems(5) // one new item
	code, _, errOut = runCLI(t, "fetch")
	if code != 0 || errOut != "1 feed, 1 new item, 0 failed\n" {
		t.Errorf("second fetch: exit %d, stderr %q", code, errOut)
	}
	if got := filesUnder(t, lib)[dir+"2026-04-03-bridge-lights-return.md"]; !strings.Contains(got, "lamps along the swing bridge") {
		t.Errorf("the new item's file:\n%s", got)
	}
	code, _, errOut = runCLI(t, "fetch") // nothing new: no page is asked for
	if code != 0 || errOut != "1 feed, 0 new items, 0 failed\n" {
		t.Errorf("third fetch: exit %d, stderr %q", code, errOut)
	}
	for p, want := range map[string]int{"/summaries": 4, // feed add and three fetches
		"/story/locks": 1, "/story/ferry": 1, "/story/pier": 1, "/story/bridge": 1} {
		if n := srv.count(p); n != want {
			t.Errorf("after three fetches %s asked %d times, want %d", p, n, want)
		}
	}
}

// TestFetchNotFullText: a feed without full text never asks for its
// items' pages, and saves their summaries.
func TestFetchNotFullText(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newStoryServer(t, 5)
	if code, _, errOut := runCLI(t, "feed", "add", srv.URL+"/summaries"); code != 0 {
		t.Fatalf("feed add: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "fetch"); code != 0 || errOut != "1 feed, 5 new items, 0 failed\n" {
		t.Fatalf("fetch: exit %d, %s", code, errOut)
	}
	for p := range storyPages {
		if n := srv.count(p); n != 0 {
			t.Errorf("%s asked %d times", p, n)
		}
	}
	if got := filesUnder(t, lib)["feeds/Estuary Weekly/2026-04-02-lock-gates-mended.md"]; !strings.Contains(got, "Short summary: the gates work.") {
		t.Errorf("not the summary:\n%s", got)
	}
}

// TestFetchFullTextCancelled: an interruption while pages are read stops
// them, and saves nothing of that feed: the next fetch reads them all.
func TestFetchFullTextCancelled(t *testing.T) {
	lib, stateDir := fetchEnv(t)
	webClient = func() *web.Client { return web.New("test") } // only the cancellation ends /story/hang
	srv := newStoryServer(t, 5)
	if code, _, errOut := runCLI(t, "feed", "add", srv.URL+"/hanging", "--full-text"); code != 0 {
		t.Fatalf("feed add: exit %d, %s", code, errOut)
	}
	cfg := config.Default()
	cfg.Library = lib
	empty := ""
	common := &common{config: &empty, stateDir: &stateDir, cfg: &cfg}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		sum fetchSummary
		err error
	}
	done := make(chan result, 1)
	go func() {
		sum, err := fetchFeeds(ctx, common, nil, "", nil)
		done <- result{sum, err}
	}()
	select {
	case <-srv.waiting:
	case <-time.After(30 * time.Second): // a deadline for a broken test, not a measure
		t.Fatal("the item's page was never asked for")
	}
	cancel()
	r := <-done
	if !errors.Is(r.err, context.Canceled) || r.sum.New != 0 || len(r.sum.Problems) != 1 {
		t.Errorf("got %+v, %v; want nothing new and context.Canceled", r.sum, r.err)
	}
	if files := filesUnder(t, lib); len(files) != 0 {
		t.Errorf("files written: %v", slices.Sorted(maps.Keys(files)))
	}
}

// TestFeedFullTextSetting: feed add --full-text turns full text on for a
// feed already subscribed to, --full-text=false off; feed list shows it,
// and export and import keep it.
func TestFeedFullTextSetting(t *testing.T) {
	fetchEnv(t)
	srv := newStoryServer(t, 1)
	feedURL := srv.URL + "/summaries"
	listed := func() (text, json string) {
		t.Helper()
		_, out, _ := runCLI(t, "feed", "list")
		f := strings.Split(strings.TrimSuffix(out, "\n"), "\t")
		_, j, _ := runCLI(t, "feed", "list", "--json")
		return f[len(f)-1], j
	}
	steps := []struct {
		args     []string
		err      string
		fullText bool
	}{
		{[]string{feedURL}, "newsline: subscribed to Estuary Weekly (SRV): newsline fetch saves its items\n", false},
		{[]string{feedURL, "--full-text"}, "newsline: already subscribed to Estuary Weekly (SRV); full text now on: newsline fetch saves the pages of its new items\n", true},
		{[]string{feedURL, "--full-text"}, "newsline: already subscribed to Estuary Weekly (SRV)\n", true},
		{[]string{feedURL}, "newsline: already subscribed to Estuary Weekly (SRV)\n", true},
		{[]string{feedURL, "--full-text=false"}, "newsline: already subscribed to Estuary Weekly (SRV); full text now off: newsline fetch saves its items' summaries\n", false},
		{[]string{feedURL, "--full-text=true"}, "newsline: already subscribed to Estuary Weekly (SRV); full text now on: newsline fetch saves the pages of its new items\n", true},
	}
	for _, s := range steps {
		code, _, errOut := runCLI(t, append([]string{"feed", "add"}, s.args...)...)
		if want := strings.ReplaceAll(s.err, "SRV", feedURL); code != 0 || errOut != want {
			t.Errorf("feed add %q: exit %d\nstderr %q\nwant   %q", s.args, code, errOut, want)
		}
		text, json := listed()
		if (text == "full text") != s.fullText || strings.Contains(json, `"full_text":true`) != s.fullText {
			t.Errorf("after feed add %q: feed list's last field %q, JSON %s", s.args, text, json)
		}
	}
	_, exported, _ := runCLI(t, "feed", "export")
	if !strings.Contains(exported, `xmlUrl="`+feedURL+`" newsline:fullText="true"/>`) {
		t.Errorf("export:\n%s", exported)
	}
	backup := filepath.Join(t.TempDir(), "backup.opml")
	if err := os.WriteFile(backup, []byte(exported), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // another machine
	if code, _, errOut := runCLI(t, "feed", "import", backup); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if text, _ := listed(); text != "full text" {
		t.Errorf("imported without full text: %q", text)
	}
}

// TestFetchFullTextOneHost: more full-text feeds on one host than the
// limiter lets fetch from it at once all have their pages read (a feed
// gives its slot up while its pages take theirs).
func TestFetchFullTextOneHost(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newStoryServer(t, 0)
	var feeds [][2]string
	for i := range web.DefaultMaxPerHost + 2 {
		feeds = append(feeds, [2]string{fmt.Sprintf("Stories %d", i), fmt.Sprintf("/stories/%d", i)})
	}
	for _, f := range feeds {
		if code, _, errOut := runCLI(t, "feed", "add", srv.URL+f[1], "--full-text"); code != 0 {
			t.Fatalf("feed add: exit %d, %s", code, errOut)
		}
	}
	n := len(feeds) * benchItems
	code, _, errOut := runCLI(t, "fetch")
	if want := fmt.Sprintf("%d feeds, %d new items, 0 failed\n", len(feeds), n); code != 0 || errOut != want {
		t.Fatalf("fetch: exit %d, stderr %q, want %q", code, errOut, want)
	}
	files := filesUnder(t, lib)
	full := 0
	for _, content := range files {
		if strings.Contains(content, "counted the boats at dawn") {
			full++
		}
	}
	if len(files) != n || full != n {
		t.Errorf("%d files, %d of them with the page's article; want %d", len(files), full, n)
	}
}
