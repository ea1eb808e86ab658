package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsline/newsline/data/config"
	"github.com/newsline/newsline/data/state"
	"github.com/newsline/newsline/data/web"
	"github.com/newsline/newsline/internal/testfs"
)

// TestFetch fetches feeds of every kind from a server on 127.0.0.1, with
// two that fail, then fetches again: each item is saved once, as a
// Markdown article with its fields, and the failures are one line each.
func TestFetch(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Comets", "/atom"}, [2]string{"Velmora", "/json"},
		[2]string{"Bare", "/bare"}, [2]string{"Hops", "/hop1"}, [2]string{"Packed", "/gzip"},
		[2]string{"Café", "/latin1"}, [2]string{"Missing", "/missing"}, [2]string{"Silent", "/hang"})
	code, out, errOut := runCLI(t, "fetch", "-v")
	if code != 1 {
		t.Errorf("exit %d, want 1 (two feeds failed)", code)
	}
	errLines := lines(errOut)
	wantErr := []string{
		"newsline: Missing: " + srv.URL + "/missing: HTTP 404 Not Found",
		"newsline: Silent: " + srv.URL + "/hang: ",
		"9 feeds, 9 new items, 2 failed",
	}
	if len(errLines) != len(wantErr) {
		t.Fatalf("stderr:\n%s", errOut)
	}
	for i, w := range wantErr {
		if !strings.HasPrefix(errLines[i], w) {
			t.Errorf("stderr line %d = %q, want it to start %q", i+1, errLines[i], w)
		}
	}
	files := filesUnder(t, lib)
	var listed []string
	for _, p := range lines(out) {
		rel, _ := filepath.Rel(lib, p)
		listed = append(listed, filepath.ToSlash(rel))
	}
	tests := []struct {
		file string
		has  []string
	}{
		{"feeds/Gazette/2026-03-12-harbour-reopens.md", []string{"title: Harbour reopens", "source: Harbour Gazette", "guid: gazette-1",
			"- Ports\n", "- Test\n", "The port **opened** again. [Ferries](https://gazette.example/ferries) ran."}},
		{"feeds/Gazette/2026-03-11-tide-tables-printed.md", []string{"Printed on paper."}},
		{"feeds/Comets/2026-03-10-a-comet-named-after-a-cat.md", []string{"url: https://comets.example/blog/posts/whiskers",
			"[the tail](https://comets.example/blog/images/tail.html)"}},
		{"feeds/Velmora/2026-03-09-a-new-bridge.md", []string{"title: A new bridge", "- Building\n", "Stone on stone."}},
		{"feeds/Hops/2026-03-12-harbour-reopens.md", []string{"feed: " + srv.URL + "/hop1"}},
		{"feeds/Café/2026-03-09-creme-brulee.md", []string{"title: Crème brûlée", "source: Café Notes", "Sucré."}},
	}
	for _, tt := range tests {
		checkFile(t, files, tt.file, tt.has, nil)
	}
	// The item with nothing but a description is dated by the fetch, and
	// titled by its text.
	if n := countPrefix(files, "feeds/Bare/"); n != 1 {
		t.Errorf("Bare: %d files, want 1: %v", n, slices.Sorted(maps.Keys(files)))
	}
	for name, content := range files {
		if !strings.HasPrefix(name, "feeds/Bare/") {
			continue
		}
		day := strings.TrimPrefix(name, "feeds/Bare/")[:len("2006-01-02")]
		if !strings.Contains(content, "\ndate: \""+day+"T") || !strings.Contains(content, "title: Only a description") {
			t.Errorf("%s: not dated by the fetch or not titled by its text:\n%s", name, content)
		}
	}
	if n := countPrefix(files, "feeds/Packed/"); n != 1 {
		t.Errorf("Packed (gzip): %d files, want 1", n)
	}
	if len(files) != 9 || !slices.Equal(slices.Sorted(slices.Values(listed)), slices.Sorted(maps.Keys(files))) {
		t.Errorf("-v listed %v\nfiles %v", listed, slices.Sorted(maps.Keys(files)))
	}

	// Again: the feeds answer 304 or give nothing new; nothing is written.
	code, out, errOut = runCLI(t, "fetch", "-v", "Gazette", "Comets", srv.URL+"/json")
	if code != 0 || out != "" || errOut != "3 feeds, 0 new items, 0 failed\n" {
		t.Errorf("second fetch: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if hits, mods := srv.counts("/rss"); hits != 2 || mods != 1 { // Gazette's 304, Hops' first fetch
		t.Errorf("/rss: %d full responses, %d 304s; want 2 and 1", hits, mods)
	}
	if after := filesUnder(t, lib); len(after) != len(files) {
		t.Errorf("the second fetch wrote: %d files, then %d", len(files), len(after))
	}
}

// checkFile fails the test unless files (filesUnder) has name, holding
// every text of has and none of lack.
func checkFile(t *testing.T, files map[string]string, name string, has, lack []string) {
	t.Helper()
	content, ok := files[name]
	if !ok {
		t.Errorf("%s not saved; saved: %v", name, slices.Sorted(maps.Keys(files)))
		return
	}
	for _, h := range has {
		if !strings.Contains(content, h) {
			t.Errorf("%s lacks %q:\n%s", name, h, content)
		}
	}
	for _, l := range lack {
		if strings.Contains(content, l) {
			t.Errorf("%s has %q:\n%s", name, l, content)
		}
	}
}

func countPrefix(m map[string]string, prefix string) int {
	n := 0
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n
}

// TestFetchDeletedNotRewritten: a file the user deleted is not written
// again, even when the server sends the whole feed.
func TestFetchDeletedNotRewritten(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Hops", "/hop1"})
	if code, _, errOut := runCLI(t, "fetch"); code != 0 || errOut != "2 feeds, 4 new items, 0 failed\n" {
		t.Fatalf("fetch: exit %d, %q", code, errOut)
	}
	// The items just put in place count, before anything marks them saved.
	if n := listedItems(t); n != 4 {
		t.Errorf("feed list counts %d items after the fetch, want 4", n)
	}
	gone := filepath.Join(lib, "feeds", "Gazette", "2026-03-12-harbour-reopens.md")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	// The state knows every item already, whatever the server sends.
	if code, _, errOut := runCLI(t, "fetch"); code != 0 || errOut != "2 feeds, 0 new items, 0 failed\n" {
		t.Errorf("fetch again: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the deleted file was written again: %v", err)
	}
	if n := listedItems(t); n != 4 {
		t.Errorf("feed list counts %d items after the next fetch, want 4", n)
	}
}

// listedItems is the sum of the items feed list --json shows.
func listedItems(t *testing.T) int {
	t.Helper()
	code, out, errOut := runCLI(t, "feed", "list", "--json")
	if code != 0 {
		t.Fatalf("feed list: exit %d, %s", code, errOut)
	}
	n := 0
	for l := range strings.Lines(out) {
		var j jsonFeed
		if err := json.Unmarshal([]byte(l), &j); err != nil {
			t.Fatalf("feed list: %q: %v", l, err)
		}
		n += j.Items
	}
	return n
}

// TestFetchGoneAndRetryAfter: a feed that answered 410 is skipped until
// it is added again, and shown gone in feed list; one that answered 429
// with Retry-After is skipped until then, with a note.
func TestFetchGoneAndRetryAfter(t *testing.T) {
	fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Old", "/gone"}, [2]string{"Busy", "/busy"})
	code, _, errOut := runCLI(t, "fetch")
	want := "newsline: Old: " + srv.URL + "/gone: gone (HTTP 410): the address was removed for good\n" +
		"newsline: Busy: " + srv.URL + "/busy: HTTP 429 Too Many Requests: retry after "
	if code != 1 || !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "\n3 feeds, 2 new items, 2 failed\n") {
		t.Fatalf("first fetch: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, "fetch")
	want = "newsline: Old: skipped: gone (the server said 410); newsline feed add " + srv.URL + "/gone subscribes again\n" +
		"newsline: Busy: skipped: the server asked to wait until "
	if code != 0 || !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "\n3 feeds, 0 new items, 0 failed\n") {
		t.Errorf("second fetch: exit %d\n%s", code, errOut)
	}
	for _, p := range []string{"/gone", "/busy"} {
		if hits, _ := srv.counts(p); hits != 1 {
			t.Errorf("%s asked %d times, want once", p, hits)
		}
	}
	_, out, _ := runCLI(t, "feed", "list")
	if !strings.Contains(out, "Old\t"+srv.URL+"/gone\tTest\t") || !strings.Contains(out, "\tgone: gone (HTTP 410): the address was removed for good\t0\t\n") {
		t.Errorf("feed list:\n%s", out)
	}
}

// TestFetchStops: what stops a fetch before it starts is one line: a
// fetch running, a damaged state, an unknown feed; no subscriptions says
// how to add one.
func TestFetchStops(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, srv *feedServer, stateDir string)
		args  []string
		code  int
		want  string
	}{
		{"no subscriptions", func(*testing.T, *feedServer, string) {}, nil, 0,
			"newsline: no subscriptions in CONFIG/feeds.opml: newsline feed add URL subscribes to a feed\n"},
		{"a fetch running", func(t *testing.T, srv *feedServer, stateDir string) {
			subscribe(t, srv, [2]string{"Gazette", "/rss"})
			lock, err := state.LockFetch(stateDir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { lock.Unlock() })
		}, nil, 1, "newsline: state: a fetch is already running (another newsline holds STATE/fetch.lock): wait for it to finish, then try again\n"},
		{"a damaged state", func(t *testing.T, srv *feedServer, stateDir string) {
			subscribe(t, srv, [2]string{"Gazette", "/rss"})
			testfs.WriteFile(t, filepath.Join(stateDir, "state.db"), strings.Repeat("not a database ", 400))
		}, nil, 2, "newsline: state: STATE/state.db is not a newsline state database"},
		{"an unknown feed", func(t *testing.T, srv *feedServer, _ string) {
			subscribe(t, srv, [2]string{"Gazette", "/rss"})
		}, []string{"Gazete"}, 2, "newsline: no feed named \"Gazete\" or at that URL: newsline feed list shows them\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, stateDir := fetchEnv(t)
			srv := newFeedServer(t)
			tt.setup(t, srv, stateDir)
			code, out, errOut := runCLI(t, append([]string{"fetch"}, tt.args...)...)
			want := strings.NewReplacer("STATE", stateDir, "CONFIG", filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "newsline")).Replace(tt.want)
			if code != tt.code || out != "" || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errOut, want)
			}
			if hits, _ := srv.counts("/rss"); hits != 0 || len(filesUnder(t, lib)) != 0 {
				t.Errorf("fetched %d times, wrote %d files", hits, len(filesUnder(t, lib)))
			}
		})
	}
}

// TestFetchInto: --into saves into another folder for one run; the
// library is left alone.
func TestFetchInto(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Velmora", "/json"})
	into := filepath.Join(t.TempDir(), "today")
	code, out, errOut := runCLI(t, "fetch", "--into", into, "-v")
	want := filepath.Join(into, "feeds", "Velmora", "2026-03-09-a-new-bridge.md")
	if code != 0 || out != want+"\n" || errOut != "1 feed, 1 new item, 0 failed\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(lib); !os.IsNotExist(err) {
		t.Errorf("the library was created: %v", err)
	}
	// Completion offers the feeds' names.
	if _, out, _ := runCLI(t, "__complete", "fetch", ""); !strings.HasPrefix(out, "Velmora\n") {
		t.Errorf("completion of fetch:\n%s", out)
	}
}

// TestFetchFeedsProgress: fetchFeeds, which the reader calls too, reports
// after each feed and returns the paths it wrote.
func TestFetchFeedsProgress(t *testing.T) {
	lib, _ := fetchEnv(t)
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Velmora", "/json"}, [2]string{"Missing", "/missing"})
	common := newTestCommon(t)
	cfg := config.Default()
	cfg.Library, common.cfg = lib, &cfg
	stateDir := ""
	common.stateDir = &stateDir
	var calls [][3]int
	sum, err := fetchFeeds(context.Background(), common, nil, "", func(done, total, n int) { calls = append(calls, [3]int{done, total, n}) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Feeds != 3 || sum.New != 3 || sum.Failed != 1 || len(sum.Paths) != 3 || sum.Into != lib || len(sum.Problems) != 1 {
		t.Errorf("summary %+v", sum)
	}
	if len(calls) != 3 || calls[2] != [3]int{3, 3, 3} || calls[0][0] != 1 {
		t.Errorf("progress calls %v", calls)
	}
}

// TestFetchInterrupted: a fetch interrupted (Ctrl-C) keeps what it saved,
// says so in two lines, and exits 1; the next one goes on.
func TestFetchInterrupted(t *testing.T) {
	lib, _ := fetchEnv(t)
	webClient = func() *web.Client { return web.New("test") } // /hang would wait 15 s
	srv := newFeedServer(t)
	subscribe(t, srv, [2]string{"Gazette", "/rss"}, [2]string{"Silent", "/hang"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-srv.waiting
		cancel()
	}()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"fetch"}, strings.NewReader(""), &out, &errb)
	want := "newsline: fetch interrupted: the items saved stay, and the next fetch goes on from there\n"
	if code != 1 || out.Len() != 0 || !strings.HasPrefix(errb.String(), "2 feeds, ") || !strings.HasSuffix(errb.String(), " before the interruption\n"+want) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	if n := countPrefix(filesUnder(t, lib), "feeds/Gazette/"); n > 2 {
		t.Errorf("Gazette: %d files", n)
	}
	if code, _, errOut := runCLI(t, "fetch", "Gazette"); code != 0 || countPrefix(filesUnder(t, lib), "feeds/Gazette/") != 2 {
		t.Errorf("the next fetch: exit %d, %q", code, errOut)
	}
}
